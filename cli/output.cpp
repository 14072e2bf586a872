#include "output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <optional>
#include <ostream>
#include <random>

#include <fmt/format.h>

#include "command.hpp"

namespace eventgraph::cli {
namespace {

namespace fs = std::filesystem;

/// Writes all of `content`, retrying short writes; 0 or the errno of the failure.
int write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) return EIO;
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

/// Closes `fd`; 0 or the errno (NFS and full disks may report a failed write only here).
int close_checked(int fd) {
  return ::close(fd) == 0 ? 0 : errno;
}

/// The descriptor a path such as /dev/stdout, /dev/fd/3 or /proc/self/fd/3 stands for. Those
/// name a descriptor the caller opened (a pipe, a terminal, a file opened with `>>`): the
/// output goes through it, never into a file put in its place.
std::optional<int> descriptor_path(const std::string& path) {
  if (path == "/dev/stdin") return 0;
  if (path == "/dev/stdout") return 1;
  if (path == "/dev/stderr") return 2;
  for (std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (path.rfind(prefix, 0) != 0) continue;
    const std::string_view digits = std::string_view(path).substr(prefix.size());
    int fd = -1;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), fd);
    if (ec == std::errc() && end == digits.data() + digits.size() && !digits.empty()) return fd;
  }
  return std::nullopt;
}

bool fail(context& ctx, const std::string& path, int error) {
  ctx.err << fmt::format("{}: error: cannot write the file ({})\n", path, std::strerror(error));
  ctx.status = exit_io;
  return false;
}

/// Through a descriptor that is already open (a dup, so ours can be closed).
bool write_descriptor(context& ctx, const std::string& path, int fd, std::string_view content) {
  const int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (copy < 0) return fail(ctx, path, errno);
  ctx.err.flush();
  int error = write_all(copy, content);
  const int closed = close_checked(copy);
  if (error == 0) error = closed;
  return error == 0 || fail(ctx, path, error);
}

/// Into what is there: a device, FIFO or socket is opened and written, never replaced.
bool write_through(context& ctx, const std::string& path, std::string_view content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return fail(ctx, path, errno);
  int error = write_all(fd, content);
  const int closed = close_checked(fd);
  if (error == 0) error = closed;
  return error == 0 || fail(ctx, path, error);
}

/// A file with other hard links is rewritten in place, so every name keeps seeing it (a rename
/// would leave the other names on the old content). The content is complete before the file is
/// opened, so any failure up to here leaves it untouched; only a failing disk can cut it short.
bool write_in_place(context& ctx, const std::string& path, const fs::path& real,
                    std::string_view content) {
  const int fd = ::open(real.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return fail(ctx, path, errno);
  int error = write_all(fd, content);
  if (error == 0 && ::ftruncate(fd, static_cast<off_t>(content.size())) != 0) error = errno;
  const int closed = close_checked(fd);
  if (error == 0) error = closed;
  return error == 0 || fail(ctx, path, error);
}

/// A temporary beside `real`, then a rename over it: a reader sees the old file or the new one,
/// never half of one. An existing file's mode (and owner, as root) goes to the new one.
bool write_replacing(context& ctx, const std::string& path, const fs::path& real,
                     const struct stat* existing, std::string_view content) {
  std::random_device seed;
  const fs::path folder = real.has_parent_path() ? real.parent_path() : fs::path(".");
  const fs::path temporary =
      folder / fmt::format(".{}.{:08x}.tmp", real.filename().string(), seed());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) return fail(ctx, path, errno);
  int error = 0;
  if (existing) {
    // Owner first: chown clears set-user-id bits that the chmod then restores.
    if (::geteuid() == 0 && ::fchown(fd, existing->st_uid, existing->st_gid) != 0) error = errno;
    if (error == 0 && ::fchmod(fd, existing->st_mode & 07777) != 0) error = errno;
  }
  if (error == 0) error = write_all(fd, content);
  const int closed = close_checked(fd);
  if (error == 0) error = closed;
  if (error == 0 && ::rename(temporary.c_str(), real.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(temporary.c_str());
    return fail(ctx, path, error);
  }
  return true;
}

}  // namespace

void report_written(context& ctx, const std::string& path) {
  // Only a regular file that is not standard output or error itself: `-o /dev/stdout` into a
  // file would otherwise get the line appended to the story.
  struct stat written {};
  if (path == "-" || ::stat(path.c_str(), &written) != 0 || !S_ISREG(written.st_mode)) return;
  for (const int fd : {STDOUT_FILENO, STDERR_FILENO}) {
    struct stat stream {};
    if (::fstat(fd, &stream) == 0 && stream.st_dev == written.st_dev &&
        stream.st_ino == written.st_ino)
      return;
  }
  std::error_code ec;
  const auto absolute = std::filesystem::absolute(path, ec);
  ctx.out << fmt::format("wrote {}\n", ec ? path : absolute.lexically_normal().string());
}

bool write_output(context& ctx, const std::string& path, std::string_view content) {
  const std::optional<int> descriptor = descriptor_path(path);
  if (path == "-" || descriptor == 1) {
    ctx.out << content;
    return true;
  }
  if (descriptor) {
    ctx.out.flush();
    return write_descriptor(ctx, path, *descriptor, content);
  }
  struct stat target {};
  if (::stat(path.c_str(), &target) != 0) {
    if (errno != ENOENT) return fail(ctx, path, errno);
    // New, or a symlink to a file not there yet: the file is made where the link points.
    std::error_code ec;
    const fs::path real = fs::weakly_canonical(path, ec);
    return write_replacing(ctx, path, ec ? fs::path(path) : real, nullptr, content);
  }
  if (!S_ISREG(target.st_mode)) return write_through(ctx, path, content);
  std::error_code ec;
  const fs::path real = fs::canonical(path, ec);
  if (ec) return fail(ctx, path, ec.value());
  if (target.st_nlink > 1) return write_in_place(ctx, path, real, content);
  return write_replacing(ctx, path, real, &target, content);
}

bool output_is_not_input(context& ctx, const std::string& output,
                         std::span<const std::string> inputs, input_overwrite overwrite) {
  if (output == "-" || overwrite == input_overwrite::allow) return true;
  struct stat target {};
  // Only a regular file can be replaced: what is written through (a device, a FIFO) is not.
  if (::stat(output.c_str(), &target) != 0 || !S_ISREG(target.st_mode)) return true;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (!fs::equivalent(output, input, ec) || ec) continue;
    ctx.err << fmt::format(
        "error: the output '{}' is the input file '{}'; not overwriting it{}\n", output, input,
        overwrite == input_overwrite::offer_in_place ? " (give --in-place to replace it)" : "");
    ctx.status = exit_bad_usage;
    return false;
  }
  return true;
}

fd_buffer::fd_buffer(int fd) : fd_(fd), buffer_(std::size_t{1} << 16) {
  setp(buffer_.data(), buffer_.data() + buffer_.size());
}

fd_buffer::~fd_buffer() {
  drain();
}

bool fd_buffer::drain() {
  const auto pending = static_cast<std::size_t>(pptr() - pbase());
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  if (error_ != 0) return false;
  error_ = write_all(fd_, std::string_view(buffer_.data(), pending));
  return error_ == 0;
}

fd_buffer::int_type fd_buffer::overflow(int_type c) {
  if (!drain()) return traits_type::eof();
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  *pptr() = traits_type::to_char_type(c);
  pbump(1);
  return c;
}

std::streamsize fd_buffer::xsputn(const char* data, std::streamsize size) {
  if (size <= epptr() - pptr()) {
    std::memcpy(pptr(), data, static_cast<std::size_t>(size));
    pbump(static_cast<int>(size));
    return size;
  }
  // Larger than the room left: what is buffered, then this, without copying it.
  if (!drain()) return 0;
  error_ = write_all(fd_, std::string_view(data, static_cast<std::size_t>(size)));
  return error_ == 0 ? size : 0;
}

int fd_buffer::sync() {
  return drain() ? 0 : -1;
}

std::string stream_failure(const std::ostream& out) {
  const auto* buffer = dynamic_cast<const fd_buffer*>(out.rdbuf());
  if (buffer && buffer->error() != 0) return std::strerror(buffer->error());
  return "the stream reported a failed write";
}

bool is_folder(const std::string& path) {
  std::error_code ec;
  return (!path.empty() && (path.back() == '/' || path.back() == '\\')) ||
         std::filesystem::is_directory(path, ec);
}

std::string csv_sheet_path(const std::string& output, std::string_view name) {
  if (is_folder(output)) return (fs::path(output) / name).string();
  std::string base = output;
  if (base.size() > 4 && base.compare(base.size() - 4, 4, ".csv") == 0)
    base.resize(base.size() - 4);
  return base + "." + std::string(name);
}

}  // namespace eventgraph::cli
