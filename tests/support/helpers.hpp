#pragma once
// What the test files share: running the CLI in-process, loading stories or failing the test,
// files and folders for one test case. Use these; do not copy a harness into a test file.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <span>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>
#include <nlohmann/json.hpp>

#include "app.hpp"
#include "eventgraph/load.hpp"

namespace test {

inline const std::string seed = EVENTGRAPH_SOURCE_DIR "/samples/dhs-california-detainers-2026.yaml";
inline const std::string samples = EVENTGRAPH_SOURCE_DIR "/samples/";
inline const std::string data = EVENTGRAPH_TEST_DATA "/";
/// The graph commands' small story (a..h, three actors).
inline const std::string graph_small = EVENTGRAPH_TEST_DATA "/graph/small.yaml";

/// What one command line did.
struct outcome {
  int status = -1;
  std::string out, err;
  [[nodiscard]] nlohmann::json json() const { return nlohmann::json::parse(out); }
};

/// Runs `eventgraph ARGS...` in-process, standard output and error captured.
inline outcome run_cli(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int status = eventgraph::cli::run(args, out, err);
  return {status, out.str(), err.str()};
}

/// Fails the test case (printing the diagnostics) unless the story loads without errors.
inline eventgraph::story require_loaded(eventgraph::result<eventgraph::story> loaded) {
  for (const auto& d : loaded.diagnostics().items())
    if (d.level == eventgraph::severity::error) MESSAGE(eventgraph::format_diagnostic(d));
  REQUIRE(loaded.ok());
  return std::move(loaded).value();
}

/// The story in these files, or a failed test case.
inline eventgraph::story load_or_fail(std::vector<std::string> paths,
                                      eventgraph::load_options options = {}) {
  return require_loaded(eventgraph::load_files(paths, options));
}
inline eventgraph::story load_or_fail(const std::string& path,
                                      eventgraph::load_options options = {}) {
  return load_or_fail(std::vector<std::string>{path}, options);
}

/// The story in `text` (read as `name`, whose ending picks the format), or a failed test case.
inline eventgraph::story load_text_or_fail(std::string text, std::string name = "test.yaml",
                                           eventgraph::load_options options = {}) {
  const eventgraph::input_text input{std::move(name), std::move(text)};
  return require_loaded(
      eventgraph::load_texts(std::span<const eventgraph::input_text>(&input, 1), options));
}

/// A fresh, empty folder for one test case (under the system's temporary folder).
inline std::filesystem::path fresh_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / "eventgraph-tests" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void write_file(const std::filesystem::path& p, std::string_view text) {
  std::ofstream(p, std::ios::binary).write(text.data(), static_cast<std::streamsize>(text.size()));
}

/// Calls `run` with standard input (file descriptor 0) reading `text`, then restores it.
template <typename Run>
auto with_stdin(std::string_view text, Run&& run) {
  int ends[2];
  REQUIRE(::pipe(ends) == 0);
  REQUIRE(::write(ends[1], text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  ::close(ends[1]);
  const int saved = ::dup(STDIN_FILENO);
  ::dup2(ends[0], STDIN_FILENO);
  ::close(ends[0]);
  auto result = run();
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  return result;
}

}  // namespace test
