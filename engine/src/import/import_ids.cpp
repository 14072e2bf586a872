#include "import/import_ids.hpp"

#include <fmt/format.h>

namespace eventgraph::detail {
namespace {

constexpr std::size_t max_id_bytes = 200;
// Room for "-" and eight hex digits, and for "-N" should even that be taken.
constexpr std::size_t max_base_bytes = max_id_bytes - 9 - 8;

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_id_char(char c) {
  return is_alnum(c) || c == '.' || c == '_' || c == ':' || c == '-';
}

/// The text with other characters as `-` (one for a run), a letter or digit first, shortened.
std::string mapped(std::string_view text) {
  std::string out;
  bool replaced = false;
  for (const char c : text) {
    if (out.size() >= max_base_bytes) break;
    if (is_id_char(c) && (!out.empty() || is_alnum(c))) {
      out.push_back(c);
      replaced = false;
    } else if (!out.empty() && !replaced) {
      out.push_back('-');
      replaced = true;
    }
  }
  if (replaced) out.pop_back();  // the `-` of a run at the end
  return out.empty() ? std::string("id") : out;
}

}  // namespace

std::uint32_t fnv1a_32(std::string_view text) {
  std::uint32_t hash = 2166136261u;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return hash;
}

std::string id_chooser::choose(std::string_view hint, std::string_view key) {
  const std::string_view base = hint.empty() ? key : hint;
  std::string id = mapped(base);
  if (id != base || taken_.contains(id)) id += fmt::format("-{:08x}", fnv1a_32(key));
  // Two keys with the same hash and base: a counter, in reading order, keeps them apart.
  if (taken_.contains(id)) {
    const std::string stem = id;
    for (std::size_t n = 2; taken_.contains(id); ++n) id = fmt::format("{}-{}", stem, n);
  }
  taken_.insert(id);
  return id;
}

}  // namespace eventgraph::detail
