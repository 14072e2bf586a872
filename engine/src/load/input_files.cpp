// Story files into memory: mapped when regular, read whole otherwise; `-` is standard input.

#include <array>
#include <cerrno>
#include <cstring>
#include <functional>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "load/load_internal.hpp"

namespace eventgraph::detail {
namespace {

/// The name diagnostics give standard input.
constexpr std::string_view stdin_name = "<stdin>";

/// "cannot read: Permission denied": what failed and the system's reason.
std::string io_reason(std::string_view what, int error) {
  return fmt::format("{}: {}", what, std::strerror(error));
}

/// A file's bytes: mapped read-only when it is a regular file, so the page cache is read in
/// place (no copy into a zero-filled buffer: 90 ms of a million-event load); read whole
/// otherwise (pipes, standard input, devices). A file truncated by another program while mapped
/// would end the process (SIGBUS), as it would for other tools that map their input.
class file_bytes {
 public:
  file_bytes() = default;
  file_bytes(file_bytes&& other) noexcept
      : map_(std::exchange(other.map_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        copy_(std::move(other.copy_)) {}
  file_bytes& operator=(file_bytes&&) = delete;
  file_bytes(const file_bytes&) = delete;
  file_bytes& operator=(const file_bytes&) = delete;
  ~file_bytes() {
    if (map_) ::munmap(map_, size_);
  }

  [[nodiscard]] std::string_view text() const {
    return map_ ? std::string_view(static_cast<const char*>(map_), size_) : std::string_view(copy_);
  }

  /// The bytes of `path` ("-": standard input), or the reason they cannot be had.
  static std::variant<file_bytes, std::string> read(const std::string& path) {
    const bool is_stdin = path == "-";
    const int fd = is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return io_reason("cannot open", errno);
    file_bytes out;
    struct stat info {};
    if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
      if (!is_stdin) ::close(fd);
      return io_reason("cannot read", EISDIR);
    }
    if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
      const auto size = static_cast<std::size_t>(info.st_size);
      void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
      if (map != MAP_FAILED) {
        if (!is_stdin) ::close(fd);
        out.map_ = map;
        out.size_ = size;
        return out;
      }
    }
    const int error = out.read_stream(fd);
    if (!is_stdin) ::close(fd);
    if (error != 0) return io_reason("cannot read", error);
    return out;
  }

 private:
  /// Reads to the end, or (0 returned) to the first block with a NUL byte: text has none, so
  /// the encoding check will refuse it anyway, and an endless device (/dev/zero) ends here.
  /// An errno otherwise.
  int read_stream(int fd) {
    std::array<char, 1 << 16> buffer{};
    for (;;) {
      const ssize_t got = ::read(fd, buffer.data(), buffer.size());
      if (got == 0) return 0;
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) return errno;
      const auto size = static_cast<std::size_t>(got);
      copy_.append(buffer.data(), size);
      if (std::memchr(buffer.data(), 0, size) != nullptr) return 0;
    }
  }

  void* map_ = nullptr;
  std::size_t size_ = 0;
  std::string copy_;
};

}  // namespace

diagnostic_list with_input_files(std::span<const std::string> paths, std::size_t max_diagnostics,
                                 const std::function<void(std::span<const input_view>)>& use) {
  std::vector<file_bytes> files;
  std::vector<input_view> views;
  files.reserve(paths.size());
  views.reserve(paths.size());
  diagnostic_list io_errors(max_diagnostics);
  for (const auto& path : paths) {
    const std::string name = path == "-" ? std::string(stdin_name) : path;
    try {
      auto bytes = file_bytes::read(path);
      if (const std::string* reason = std::get_if<std::string>(&bytes)) {
        io_errors.error({name, 0, 0}, "io", *reason, category::io);
        continue;
      }
      files.push_back(std::move(std::get<file_bytes>(bytes)));
      views.push_back({name, files.back().text()});
    } catch (const std::bad_alloc&) {  // an endless stream without NUL bytes: bad data
      io_errors.error({name, 0, 0}, "too-large", "the input is too large to load (out of memory)");
    } catch (const std::length_error&) {
      io_errors.error({name, 0, 0}, "too-large", "the input is too large to load (out of memory)");
    }
  }
  if (!io_errors.has_errors()) use(views);
  return io_errors;
}

}  // namespace eventgraph::detail

namespace eventgraph {

result<story> load_files(std::span<const std::string> paths, const load_options& options) {
  std::optional<result<story>> loaded;
  auto io_errors = detail::with_input_files(paths, options.max_diagnostics, [&](auto views) {
    loaded.emplace(detail::load_guarded(views, options));
  });
  if (!loaded) return io_errors;
  return std::move(*loaded);
}

}  // namespace eventgraph
