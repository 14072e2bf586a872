#include "import/reader_text.hpp"

#include <cstring>

#include "core/text.hpp"
#include "eventgraph/time.hpp"

namespace eventgraph::detail::reader_text {

std::string_view trim(std::string_view s) {
  constexpr std::string_view space = " \t\r\n";
  const std::size_t first = s.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(space) - first + 1);
}

namespace {
char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
}  // namespace

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::string shorten(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  std::size_t cut = 0;
  // The last character boundary that fits, then back to a space in the last fifth if any.
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t step = text::next_code_point(s, i).bytes;
    if (i + step > max_bytes) break;
    i += step;
    cut = i;
  }
  const std::size_t space = s.substr(0, cut).rfind(' ');
  if (space != std::string_view::npos && space > 0 && space >= cut - cut / 5) cut = space;
  return std::string(trim(s.substr(0, cut))) + "…";
}

std::string id_hint_of(std::string_view title) {
  constexpr std::size_t max_bytes = 48;
  std::string hint = shorten(title, max_bytes);
  // shorten adds "…" when it cuts: no part of an id.
  if (title.size() > max_bytes) hint.resize(hint.size() - std::string_view("…").size());
  return std::string(trim(hint));
}

std::string kind_word(std::string_view s) {
  std::string out;
  bool pending_hyphen = false;
  for (const char c : s) {
    const char l = lower(c);
    if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) {
      if (pending_hyphen && !out.empty()) out += '-';
      pending_hyphen = false;
      out += l;
    } else {
      pending_hyphen = true;
    }
  }
  return out;
}

std::string date_error(std::string_view edtf) {
  const date_parse_result parsed = parse_date(edtf, "UTC");
  return parsed.time ? std::string() : parsed.error;
}

bool line_walk::next(std::string_view& out) {
  if (at_ >= text_.size()) return false;
  start_ = at_;
  const void* found = std::memchr(text_.data() + at_, '\n', text_.size() - at_);
  const std::size_t end =
      found ? static_cast<std::size_t>(static_cast<const char*>(found) - text_.data())
            : text_.size();
  out = text_.substr(at_, end - at_);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  at_ = found ? end + 1 : end;
  ++line_;
  return true;
}

std::vector<std::string> header_names(std::string_view text) {
  std::vector<std::string> names;
  line_walk lines(text);
  std::string_view first;
  if (!lines.next(first)) return names;
  while (true) {
    const std::size_t comma = first.find(',');
    std::string_view name = trim(first.substr(0, comma));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
      name = name.substr(1, name.size() - 2);
    std::string key(trim(name));
    for (char& c : key) c = lower(c);
    names.push_back(std::move(key));
    if (comma == std::string_view::npos) break;
    first.remove_prefix(comma + 1);
  }
  return names;
}

}  // namespace eventgraph::detail::reader_text
