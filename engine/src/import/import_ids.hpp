#pragma once
// Eventgraph ids for imported records, chosen from each record's readable hint or its source
// key: the same inputs always give the same ids.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>

namespace eventgraph::detail {

/// FNV-1a, 32 bits: a short, stable tag that tells apart keys whose readable ids collide.
[[nodiscard]] std::uint32_t fnv1a_32(std::string_view text);

/// Hands out ids matching `[A-Za-z0-9][A-Za-z0-9._:-]{0,199}`, unique across actors and events.
/// `hint` (or `key` when the hint is empty) is kept when it is already such an id; otherwise
/// other characters become `-` and `-` plus eight hex digits of the key's hash is appended, as
/// it is when an id is taken by another key.
///
///     id_chooser ids;
///     ids.choose("alice@example.org", "mailto:alice@example.org")  // "alice-example.org-5d0f9a2e"
class id_chooser {
 public:
  [[nodiscard]] std::string choose(std::string_view hint, std::string_view key);

 private:
  std::unordered_set<std::string> taken_;
};

}  // namespace eventgraph::detail
