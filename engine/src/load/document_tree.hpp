#pragma once
// A parsed document before it means anything: YAML and JSON readers both produce this tree,
// with a position for every value, so one converter checks both formats the same way.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eventgraph/diagnostic.hpp"

namespace eventgraph::detail {

struct tree_node {
  enum class type : std::uint8_t { null, boolean, integer, number, string, sequence, mapping };
  type kind = type::null;
  bool quoted = false;  ///< the scalar was written in quotes (its text starts one column later)
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string text;              ///< scalar text as written (strings: the decoded value)
  std::vector<tree_node> items;  ///< sequence items, or mapping values
  std::vector<tree_node> keys;   ///< mapping keys, parallel to items
};

[[nodiscard]] std::string_view type_name(tree_node::type t);

/// Limits that keep hostile files from exhausting the stack or memory.
inline constexpr int max_tree_depth = 64;
inline constexpr std::size_t max_string_bytes = 1 << 20;

/// Checks encoding before any parser sees the text: invalid UTF-8 and NUL bytes are reported
/// with their line and column. Returns false when the text must not be parsed.
/// `known_nul_free`: the caller has looked for NUL bytes already (the NDJSON line count does).
bool check_encoding(std::string_view text, const std::string& file, diagnostic_list& diags,
                    bool known_nul_free = false);

/// YAML (and JSON written as YAML flow) to a tree; false after a syntax error.
bool read_yaml(std::string_view text, const std::string& file, tree_node& root,
               diagnostic_list& diags);

/// Readable bytes a JSON text must have after its end (simdjson reads ahead).
inline constexpr std::size_t json_padding = 64;

/// One JSON document to a tree; `line_offset` shifts reported lines (NDJSON).
/// `text` must be followed by at least json_padding readable bytes. `one_line`: the text is one
/// NDJSON line, whose lines are counted by LF alone, so a CR inside it is not a line break (as
/// for the fast path, which reads the same line).
bool read_json(std::string_view text, const std::string& file, std::uint32_t line_offset,
               tree_node& root, diagnostic_list& diags, bool one_line = false);

}  // namespace eventgraph::detail
