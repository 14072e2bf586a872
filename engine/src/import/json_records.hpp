#pragma once
// JSON records for the importers that read JSON (TimelineJS JSON, Timesketch JSONL): a
// document read into the loader's positioned tree (load/document_tree.hpp), so every value
// has its line and column, and a document that does not parse is a bad record where it breaks.

#include <cstdint>
#include <string>
#include <string_view>

#include "import/records.hpp"
#include "load/document_tree.hpp"

namespace eventgraph::detail {

/// Reads one JSON document; false, after telling the sink, when it does not parse. Lines are
/// shifted by `line_offset` (a JSON lines file's line before this one). `buffer` is reused
/// for the padding simdjson needs.
bool read_json_record(std::string_view text, const import_input& in, std::uint32_t line_offset,
                      tree_node& root, import_sink& sink, std::string& buffer);

/// The value of `key` in a mapping, or nullptr (also when `object` is not a mapping).
[[nodiscard]] const tree_node* member(const tree_node& object, std::string_view key);

/// A scalar's text ("" for null, a mapping or a sequence).
[[nodiscard]] std::string_view scalar_text(const tree_node* n);

[[nodiscard]] inline import_location location_of(const tree_node& n) {
  return {n.line, n.column};
}

}  // namespace eventgraph::detail
