// Checks on document-tree nodes shared by every record reader.

#include "load/node_checks.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include <fmt/format.h>

#include "core/suggest.hpp"
#include "load/pending.hpp"

namespace eventgraph::detail {

/// A warning, once per place: a YAML alias repeats the values it copies, positions included.
void node_checks::warn(source_location at, const char* code, std::string message) {
  if (!warnings_) return;
  if (!warned_at_.insert((std::uint64_t{at.line} << 32) | at.column).second) return;
  diags_.warning(std::move(at), code, std::move(message));
}

void node_checks::error(const tree_node& n, const char* code, std::string message) {
  diags_.error(where(n), code, std::move(message));
}

std::string node_checks::suggest(std::string_view name,
                                 std::initializer_list<std::string_view> names) {
  return suggest(name, std::span<const std::string_view>(names.begin(), names.size()));
}

std::string node_checks::suggest(std::string_view name, std::span<const std::string_view> names) {
  std::size_t best = SIZE_MAX;
  std::string_view best_name;
  for (auto candidate : names)
    if (std::size_t d = 0; detail::close_enough(name, candidate, d) && d < best)
      best = d, best_name = candidate;
  return best_name.empty() ? std::string{} : fmt::format("; did you mean '{}'?", best_name);
}

bool node_checks::expect_mapping(const tree_node& n, std::string_view what) {
  if (n.kind == node_type::mapping) return true;
  error(
      n, "type",
      fmt::format("expected {} (a mapping of fields), found {}", what, detail::type_name(n.kind)));
  return false;
}

bool node_checks::expect_list(const tree_node& n, std::string_view what) {
  if (n.kind == node_type::sequence) return true;
  error(n, "type", fmt::format("'{}' must be a list, found {}", what, detail::type_name(n.kind)));
  return false;
}

namespace {

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// Keys with no value (no ':') that follow key `i`'s value: in `{role: Chancellor, Delaware
/// Court}` or `{value: 43,000,000}` the comma ended the value, and each piece became a key.
std::size_t pieces_after(const tree_node& n, std::size_t i,
                         std::span<const std::string_view> allowed) {
  std::size_t count = 0;
  for (std::size_t k = i + 1; k < n.keys.size(); ++k, ++count) {
    const tree_node& key = n.keys[k];
    if ((key.kind != node_type::string && key.kind != node_type::integer) || key.quoted ||
        n.items[k].kind != node_type::null ||
        std::find(allowed.begin(), allowed.end(), key.text) != allowed.end())
      break;
  }
  return count;
}

}  // namespace

/// The two commas new users trip on, said as what to write; "" for any other unknown key.
std::string node_checks::comma_hint(const tree_node& n, std::size_t i,
                                    std::span<const std::string_view> allowed) const {
  if (i == 0) return {};
  const tree_node& value = n.items[i - 1];
  const std::size_t pieces = pieces_after(n, i - 1, allowed);
  if (pieces == 0 || value.quoted) return {};
  std::string whole = value.text;
  bool all_digits = true;
  for (std::size_t k = i; k < i + pieces; ++k) {
    whole += (value.kind == node_type::string ? ", " : ",") + n.keys[k].text;
    all_digits = all_digits && is_digits(n.keys[k].text) && n.keys[k].text.size() == 3;
  }
  const std::string& name = n.keys[i - 1].text;
  if ((value.kind == node_type::integer || value.kind == node_type::number) && all_digits) {
    std::string plain = whole;
    std::erase(plain, ',');
    return fmt::format(
        ": inside {{...}} a comma separates fields, so '{}' is not one number; write it without "
        "thousands separators ({}: {}) or quote it as text",
        whole, name, plain);
  }
  if (value.kind != node_type::string) return {};
  return fmt::format(
      ": inside {{...}} a comma separates fields, so a value with a comma must be quoted: "
      "{}: \"{}\"",
      name, whole);
}

void node_checks::check_keys(const tree_node& n, std::span<const std::string_view> allowed,
                             std::span<const std::string_view> extra) {
  // The first key with each text: looked up in a table when there are many keys, so a
  // hostile mapping of a million keys is not a trillion comparisons.
  const bool many = n.keys.size() > 16;
  std::unordered_map<std::string_view, std::size_t> first_of;
  if (many) {
    first_of.reserve(n.keys.size());
    for (std::size_t j = 0; j < n.keys.size(); ++j) first_of.emplace(n.keys[j].text, j);
  }
  auto first_with_text = [&](std::size_t i) {
    if (many) return first_of.find(n.keys[i].text)->second;
    for (std::size_t j = 0; j < i; ++j)
      if (n.keys[j].text == n.keys[i].text) return j;
    return i;
  };
  for (std::size_t i = 0; i < n.keys.size(); ++i) {
    const tree_node& key = n.keys[i];
    const bool known = key.kind == node_type::string &&
                       (std::find(allowed.begin(), allowed.end(), key.text) != allowed.end() ||
                        std::find(extra.begin(), extra.end(), key.text) != extra.end());
    if (std::string hint = known ? std::string() : comma_hint(n, i, allowed); !hint.empty()) {
      error(key, "unknown-field", fmt::format("unknown field '{}'{}", key.text, hint));
      i += pieces_after(n, i - 1, allowed) - 1;  // the other pieces: the same mistake
      continue;
    }
    if (key.kind != node_type::string) {
      error(key, "type",
            fmt::format("a field name must be text, found {}", detail::type_name(key.kind)));
      continue;
    }
    if (const std::size_t j = first_with_text(i); j < i)
      error(key, "duplicate-field",
            fmt::format("field '{}' appears twice in this mapping (first at line {})", key.text,
                        n.keys[j].line));
    if (known) continue;
    error(key, "unknown-field",
          fmt::format("unknown field '{}'{}", key.text, suggest(key.text, allowed)));
  }
}

const tree_node* node_checks::field(const tree_node& n, std::string_view key) {
  for (std::size_t i = 0; i < n.keys.size(); ++i)
    if (n.keys[i].kind == node_type::string && n.keys[i].text == key) return &n.items[i];
  return nullptr;
}

const tree_node* node_checks::required(const tree_node& n, std::string_view key,
                                       std::string_view what) {
  const tree_node* f = field(n, key);
  if (!f) error(n, "missing-field", fmt::format("{} is missing required field '{}'", what, key));
  return f;
}

bool node_checks::read_text(const tree_node& n, std::string& out) {
  if (n.kind != node_type::string) {
    std::string hint =
        n.kind == node_type::integer || n.kind == node_type::number || n.kind == node_type::boolean
            ? fmt::format(" (write \"{}\" in quotes to mean the text)", n.text)
            : std::string{};
    error(n, "type", fmt::format("expected text, found {}{}", detail::type_name(n.kind), hint));
    return false;
  }
  out = n.text;
  return true;
}

void node_checks::read_id(const tree_node& n, std::string& out, std::string_view what) {
  const tree_node* id = required(n, "id", what);
  if (!id || !read_text(*id, out)) return;
  if (!valid_id(out))
    error(*id, "id",
          fmt::format("'{}' is not a valid id: start with a letter or digit, then letters, "
                      "digits, '.', '_', ':' or '-' (at most 200)",
                      out));
}

}  // namespace eventgraph::detail
