#pragma once
// Where every command's output goes: `-o PATH` written without ever replacing what is not a
// plain file of ours (devices, FIFOs, /dev/stdout, the file behind a symlink, a hard link), and
// standard output through a buffer that remembers why a write failed.

#include <span>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace eventgraph::cli {

struct context;

/// Writes `content` to `path`, or to ctx.out for "-". Prints `path: error: cannot write the
/// file (why)` and sets exit status 3 on failure, leaving an existing file as it was:
/// - a device, FIFO, socket or /dev/fd/N (also /dev/stdout, /dev/stderr) is written through;
/// - a symlink is followed: the file it names is the one replaced;
/// - a regular file is replaced by a temporary beside it and a rename, keeping its mode (and
///   owner, as root); one with several hard links is rewritten in place so the links stay;
/// - a new file is a temporary in its folder, renamed.
///
///     if (!write_output(ctx, opts->output, text)) return;
[[nodiscard]] bool write_output(context& ctx, const std::string& path, std::string_view content);

/// Whether `path` names a folder: it ends in a slash, or is one.
[[nodiscard]] bool is_folder(const std::string& path);

/// Where a csv export's sheet goes (`export -o OUTPUT`): "OUTPUT/events.csv" for a folder, else
/// "BASE.events.csv" for OUTPUT = "BASE.csv" or "BASE".
[[nodiscard]] std::string csv_sheet_path(const std::string& output, std::string_view name);

/// "wrote /absolute/path" on standard output when `path` is a regular file (not `-`, a device
/// or a pipe): every command that writes a file says where it went.
void report_written(context& ctx, const std::string& path);

/// Whether an output may replace an input: never, not without `--in-place` (the message says
/// so), or yes (`export --in-place`).
enum class input_overwrite { refuse, offer_in_place, allow };

/// False, with "error: the output 'x' is the input file 'y'" and exit status 2, when `output`
/// names one of `inputs` (the same file, through links too); with `allow`, always true.
///
///     if (!output_is_not_input(ctx, opts->output, opts->files, input_overwrite::refuse)) return;
[[nodiscard]] bool output_is_not_input(context& ctx, const std::string& output,
                                       std::span<const std::string> inputs,
                                       input_overwrite overwrite = input_overwrite::refuse);

/// A stream buffer writing to a file descriptor (main's standard output) that keeps the errno
/// of its first failed write, so the final message can say why.
///
///     fd_buffer buffer(STDOUT_FILENO);
///     std::ostream out(&buffer);
class fd_buffer : public std::streambuf {
 public:
  explicit fd_buffer(int fd);
  fd_buffer(const fd_buffer&) = delete;
  fd_buffer& operator=(const fd_buffer&) = delete;
  ~fd_buffer() override;

  /// The errno of the first failed write, 0 if none failed.
  [[nodiscard]] int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* data, std::streamsize size) override;
  int sync() override;

 private:
  bool drain();

  int fd_;
  int error_ = 0;
  std::vector<char> buffer_;
};

/// Why writing to `out` failed: the errno text of an fd_buffer, else a generic reason.
[[nodiscard]] std::string stream_failure(const std::ostream& out);

}  // namespace eventgraph::cli
