// libFuzzer target for the command line: any argument list, run in-process with string
// streams, must give a status of 0 to 3, never a crash, a hang or an exception. Build with the
// asan preset; run:
//   build/asan/tests/fuzz/fuzz_cli -max_total_time=60 tests/fuzz/corpus/fuzz_cli
//
// The fuzzer runs as root, so it never touches real files: it works in a fresh temporary
// folder, drops any argument with a '/' or a leading '.', and stands `@1`, `@2`, `@3` for
// copies of the sample stories; `-o` can only name a plain file in that folder, emptied after
// every run. Standard input is /dev/null.

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "app.hpp"

namespace fs = std::filesystem;

namespace {

struct workspace {
  fs::path root;     // holds the copies of the samples
  fs::path scratch;  // the current folder while a command runs
  int home = -1;     // the folder the fuzzer started in: it reads its corpus paths from there
  std::vector<std::string> stories;
};

const workspace& setup() {
  static const workspace w = [] {
    workspace out;
    std::string pattern = (fs::temp_directory_path() / "fuzz_cli.XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    out.root = pattern;
    out.scratch = out.root / "work";
    fs::create_directories(out.scratch);
    for (const char* name : {"dhs-california-detainers-2026.yaml", "two-zones.yaml",
                             "dhs-california-detainers-2026.json"}) {
      const fs::path copy = out.root / name;
      fs::copy_file(fs::path(EVENTGRAPH_SOURCE_DIR) / "samples" / name, copy);
      out.stories.push_back(copy.string());
    }
    out.home = ::open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (out.home < 0) std::abort();
    // "-" reads standard input: make it empty, so no run waits on a terminal.
    const int empty = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (empty < 0 || ::dup2(empty, STDIN_FILENO) < 0) std::abort();
    ::close(empty);
    return out;
  }();
  return w;
}

/// Numbers of five digits or more are cut to four, so `generate --events 99999999` cannot turn
/// a run into minutes of work (the limits themselves are tested by the unit tests).
std::string bounded_numbers(const std::string& arg) {
  std::string out;
  std::size_t run = 0;
  for (const char c : arg) {
    run = (c >= '0' && c <= '9') ? run + 1 : 0;
    if (run <= 4) out += c;
  }
  return out;
}

std::vector<std::string> arguments(const std::uint8_t* data, std::size_t size, const workspace& w) {
  std::vector<std::string> args;
  const auto* begin = reinterpret_cast<const char*>(data);
  const char* end = begin + size;
  while (begin <= end && args.size() < 64) {
    const char* nul = std::find(begin, end, '\0');
    std::string arg(begin, nul);
    begin = nul + 1;
    const bool after_output = !args.empty() && (args.back() == "-o" || args.back() == "--output");
    if (arg.find('/') != std::string::npos || (!arg.empty() && arg.front() == '.')) arg.clear();
    if (arg.size() == 2 && arg[0] == '@' && arg[1] >= '1' && arg[1] <= '3')
      arg = after_output ? std::string() : w.stories[static_cast<std::size_t>(arg[1] - '1')];
    args.push_back(bounded_numbers(arg));
  }
  return args;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const workspace& w = setup();
  const std::vector<std::string> args = arguments(data, size, w);
  std::ostringstream out, err;
  // In the scratch folder only while the command runs: libFuzzer opens relative corpus paths
  // between runs.
  if (::chdir(w.scratch.c_str()) != 0) std::abort();
  const int status = eventgraph::cli::run(args, out, err);
  if (status < 0 || status > 3) __builtin_trap();
  // What the command wrote goes, so every run starts from the same empty folder.
  for (const auto& entry : fs::directory_iterator(w.scratch)) fs::remove_all(entry.path());
  if (::fchdir(w.home) != 0) std::abort();
  return 0;
}
