#pragma once
// Where a JSON text first breaks the grammar, and what was found there: read only after
// simdjson has refused a document, to say more than "a bracket, comma or colon is missing".

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace eventgraph::detail {

struct json_syntax_error {
  std::size_t offset = 0;  ///< byte offset in the text
  std::string message;     ///< "expected ':' after the key, found '\"'"
};

/// The first grammar error in `text` (RFC 8259, one value), or nothing when the grammar holds
/// (the problem is then elsewhere: a number out of range, nesting too deep...). No recursion.
///
///     find_json_syntax_error("{\"a\" 1}")  // offset 5: expected ':' after the key, found '1'
[[nodiscard]] std::optional<json_syntax_error> find_json_syntax_error(std::string_view text);

}  // namespace eventgraph::detail
