// Where -o writes (cli/output): devices, FIFOs and descriptors written through, symlinks
// followed, modes and hard links kept, inputs never overwritten, write errors reported; and
// standard output checked once at the end of every command.

#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <future>
#include <sstream>
#include <streambuf>
#include <string>

#include "../support/helpers.hpp"
#include "eventgraph/export.hpp"
#include "output.hpp"

namespace fs = std::filesystem;

namespace {

const std::string zones = EVENTGRAPH_SOURCE_DIR "/samples/two-zones.yaml";

std::string zones_json() {
  auto text = eventgraph::export_story(test::load_or_fail(zones), eventgraph::export_format::json);
  REQUIRE(text.ok());
  return text.value();
}

struct stat status_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::lstat(p.c_str(), &st) == 0);
  return st;
}

std::size_t entries_in(const fs::path& dir) {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

/// A stream buffer whose every write fails, as a full disk's would.
struct failing_buffer : std::streambuf {
  int_type overflow(int_type) override { return traits_type::eof(); }
  std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
};

}  // namespace

TEST_CASE("cli output: /dev/null stays a character device") {
  const auto r = test::run_cli({"export", zones, "-f", "json", "-o", "/dev/null"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(S_ISCHR(status_of("/dev/null").st_mode));
}

TEST_CASE("cli output: a FIFO is written through, not replaced") {
  const fs::path dir = test::fresh_dir("output-fifo");
  const fs::path fifo = dir / "pipe.json";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto reader = std::async(std::launch::async, [&] { return test::slurp(fifo); });
  const auto r = test::run_cli({"export", zones, "-f", "json", "-o", fifo.string()});
  CHECK(r.status == 0);
  CHECK(reader.get() == zones_json());
  CHECK(S_ISFIFO(status_of(fifo).st_mode));
  CHECK(entries_in(dir) == 1);
}

TEST_CASE("cli output: /dev/fd/N writes into the descriptor") {
  int ends[2];
  REQUIRE(::pipe(ends) == 0);
  auto reader = std::async(std::launch::async, [&] {
    std::string text;
    char block[4096];
    for (ssize_t n; (n = ::read(ends[0], block, sizeof block)) > 0;)
      text.append(block, static_cast<std::size_t>(n));
    return text;
  });
  const auto r =
      test::run_cli({"export", zones, "-f", "json", "-o", "/dev/fd/" + std::to_string(ends[1])});
  ::close(ends[1]);
  CHECK(r.status == 0);
  CHECK(reader.get() == zones_json());
  ::close(ends[0]);
}

TEST_CASE("cli output: a symlink is followed, the file it names replaced") {
  const fs::path dir = test::fresh_dir("output-symlink");
  fs::create_directories(dir / "real");
  test::write_file(dir / "real" / "story.json", "old");
  fs::create_symlink(dir / "real" / "story.json", dir / "link.json");
  const auto r = test::run_cli({"export", zones, "-o", (dir / "link.json").string()});
  CHECK(r.status == 0);
  CHECK(fs::is_symlink(dir / "link.json"));
  CHECK(test::slurp(dir / "real" / "story.json") == zones_json());
  CHECK(entries_in(dir) == 2);  // no temporary beside the link
  CHECK(entries_in(dir / "real") == 1);
}

TEST_CASE("cli output: an existing file keeps its mode, and a hard link stays one") {
  const fs::path dir = test::fresh_dir("output-mode");
  const fs::path secret = dir / "secret.json";
  test::write_file(secret, "old");
  fs::permissions(secret, fs::perms::owner_read | fs::perms::owner_write);
  CHECK(test::run_cli({"export", zones, "-o", secret.string()}).status == 0);
  CHECK((status_of(secret).st_mode & 07777) == 0600);
  CHECK(test::slurp(secret) == zones_json());

  const fs::path other = dir / "other-name.json";
  fs::create_hard_link(secret, other);
  test::write_file(secret, std::string(100000, 'x'));  // longer than the export: cut to size
  CHECK(test::run_cli({"export", zones, "-o", secret.string()}).status == 0);
  CHECK(status_of(secret).st_nlink == 2);
  CHECK(status_of(secret).st_ino == status_of(other).st_ino);
  CHECK(test::slurp(other) == zones_json());
  CHECK(entries_in(dir) == 2);
}

TEST_CASE("cli output: an input is never the output, unless export --in-place to json") {
  const fs::path dir = test::fresh_dir("output-input");
  const fs::path story = dir / "story.yaml";
  fs::copy_file(zones, story);
  const std::string before = test::slurp(story);
  auto r = test::run_cli({"export", story.string(), "-f", "json", "-o", story.string()});
  CHECK(r.status == 2);
  CHECK(r.err == "error: the output '" + story.string() + "' is the input file '" + story.string() +
                     "'; not overwriting it (give --in-place to replace it)\n");
  fs::create_symlink(story, dir / "link.yaml");
  r = test::run_cli({"export", story.string(), "-f", "gexf", "-o", (dir / "link.yaml").string()});
  CHECK(r.status == 2);
  CHECK(r.err.find("is the input file") != std::string::npos);
  CHECK(r.err.find("--in-place") == std::string::npos);
  r = test::run_cli({"render", story.string(), "--format", "svg", "-o", story.string()});
  CHECK(r.status == 2);
  CHECK(test::slurp(story) == before);
  r = test::run_cli({"export", story.string(), "-f", "gexf", "--in-place", "-o", "-"});
  CHECK(r.status == 2);
  CHECK(r.err == "error: --in-place applies to --format json only (eventgraph's own format)\n");

  r = test::run_cli(
      {"export", story.string(), "-f", "json", "--in-place", "-o", (dir / "link.yaml").string()});
  CHECK(r.status == 0);
  CHECK(test::slurp(story) == zones_json());
  CHECK(fs::is_symlink(dir / "link.yaml"));
}

TEST_CASE("cli output: a failed write says why, exits 3 and leaves nothing behind") {
  auto r = test::run_cli({"export", zones, "-f", "json", "-o", "/dev/full"});
  CHECK(r.status == 3);
  CHECK(r.err == "/dev/full: error: cannot write the file (No space left on device)\n");

  const fs::path dir = test::fresh_dir("output-failure");
  r = test::run_cli({"export", zones, "-o", (dir / "missing" / "s.json").string()});
  CHECK(r.status == 3);
  CHECK(r.err.find("cannot write the file (No such file or directory)") != std::string::npos);
  r = test::run_cli({"render", zones, "--format", "svg", "-o", dir.string()});
  CHECK(r.status == 3);
  CHECK(r.err.find("(Is a directory)") != std::string::npos);
  CHECK(fs::is_empty(dir));
}

TEST_CASE("cli output: a failing standard output exits 3, whatever the command") {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"validate", zones},
                                               {"chain", "mayor-post", zones},
                                               {"events", zones, "--json"},
                                               {"export", zones, "-f", "json"},
                                               {"render", zones, "--format", "dot", "-o", "-"},
                                               {"generate", "--events", "5", "--actors", "2"},
                                               {"--help"}}) {
    CAPTURE(args.front());
    failing_buffer broken;
    std::ostream out(&broken);
    std::ostringstream err;
    CHECK(eventgraph::cli::run(args, out, err) == 3);
    CHECK(err.str().find("error: cannot write to standard output: ") != std::string::npos);
  }
}

TEST_CASE("cli output: standard output's buffer says why it failed") {
  const int full = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  REQUIRE(full >= 0);
  std::ostringstream err;
  {
    eventgraph::cli::fd_buffer buffer(full);
    std::ostream out(&buffer);
    CHECK(eventgraph::cli::run({"validate", zones}, out, err) == 3);
    CHECK(buffer.error() == ENOSPC);
  }
  ::close(full);
  CHECK(err.str() == "error: cannot write to standard output: No space left on device\n");
}
