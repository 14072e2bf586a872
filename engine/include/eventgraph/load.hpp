#pragma once
// Reading and validating story files: YAML, JSON and NDJSON.

#include <span>
#include <string>
#include <string_view>

#include "eventgraph/diagnostic.hpp"
#include "eventgraph/model.hpp"

namespace eventgraph {

enum class input_format : std::uint8_t { detect, yaml, json, ndjson };

struct load_options {
  input_format format = input_format::detect;  ///< detect: by extension, else by content
  std::size_t max_diagnostics = diagnostic_list::default_cap;
  bool warnings = true;  ///< report ambiguities that are not errors
  /// Read plain NDJSON event lines straight into the story, without a document tree. Off,
  /// every line goes through the general reader: the result must be the same (tests and the
  /// fuzzer compare both).
  bool ndjson_fast_path = true;
  /// Called now and then with bytes read so far and the total; may be empty.
  void (*progress)(std::size_t done, std::size_t total, void* context) = nullptr;
  void* progress_context = nullptr;
};

/// One input: a name for diagnostics and its whole text.
struct input_text {
  std::string name;
  std::string text;
};

/// Parses, merges and validates documents. Every problem in every file is reported at once
/// (up to the cap); the story is returned only when there are no errors.
///
///     auto s = load_texts({{"a.yaml", "eventgraph: 1\nevents: []\n"}});
[[nodiscard]] result<story> load_texts(std::span<const input_text> inputs,
                                       const load_options& options = {});

/// Reads files and calls load_texts; an unreadable file is an error diagnostic, code "io".
[[nodiscard]] result<story> load_files(std::span<const std::string> paths,
                                       const load_options& options = {});

}  // namespace eventgraph
