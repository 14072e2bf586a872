// One-line text, wrapping and escapes for the DOT text (render_dot.cpp).

#include "render/graphviz/dot_labels.hpp"

#include <algorithm>
#include <utility>

#include "core/text.hpp"

namespace eventgraph::detail::dot {
namespace {

/// What separates words in a one-line label: spaces, line breaks, and the characters no
/// output keeps (a control between two words must not glue them together).
bool is_separator(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 ||
         text::is_dropped(c);
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

void pop_code_point(std::string& s) {
  while (!s.empty() && (s.back() & 0xC0) == 0x80) s.pop_back();
  if (!s.empty()) s.pop_back();
}

struct cleaned {
  std::string text;
  std::size_t length = 0;  ///< code points
  bool cut = false;
};

/// Valid UTF-8 on one line, at most `limit` code points (reading stops there, whatever the
/// input size).
cleaned clean(std::string_view in, std::size_t limit) {
  cleaned out;
  bool space = false;
  for (std::size_t i = 0; i < in.size();) {
    const text::code_point cp = text::next_code_point(in, i);
    i += cp.bytes;
    if (!cp.valid || text::is_bidi_control(cp.value)) continue;
    if (is_separator(cp.value)) {
      space = !out.text.empty();
      continue;
    }
    if (out.length + (space ? 2 : 1) > limit) {
      out.cut = true;
      break;
    }
    if (space) out.text += ' ', ++out.length, space = false;
    text::append_utf8(out.text, cp.value);
    ++out.length;
  }
  return out;
}

void append_escaped(std::string& out, std::string_view text, std::string_view backslash) {
  for (const char c : text) {
    switch (c) {
      case '\\':
        out += backslash;
        break;
      case '"':
        out += "\\\"";
        break;
      case '&':
        out += "&amp;";
        break;
      default:
        out += c;
    }
  }
}

constexpr std::string_view one_backslash = "\\\\";
constexpr std::string_view tooltip_backslash = "\\\\\\\\";

}  // namespace

std::string shorten(std::string_view in, std::size_t limit) {
  cleaned c = clean(in, limit);
  if (!c.cut) return std::move(c.text);
  c = clean(in, limit - 1);
  if (!c.text.empty() && c.text.back() == ' ') c.text.pop_back();
  return c.text.append(ellipsis);
}

std::vector<std::string> wrap(std::string_view in, std::size_t width, std::size_t max_lines) {
  const cleaned c = clean(in, width * max_lines + 1);
  std::vector<std::string> lines;
  std::string line;
  std::size_t line_length = 0;
  auto flush = [&] {
    lines.push_back(std::move(line));
    line.clear();
    line_length = 0;
  };
  std::string_view rest = c.text;
  while (!rest.empty()) {
    const std::size_t end = std::min(rest.find(' '), rest.size());
    std::string_view word = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    std::size_t word_length = code_points(word);
    while (word_length > width) {  // a word longer than a line: break it
      if (line_length > 0) flush();
      std::size_t bytes = 0;
      for (std::size_t k = 0; k < width; ++k) bytes += text::next_code_point(word, bytes).bytes;
      lines.emplace_back(word.substr(0, bytes));
      word.remove_prefix(bytes);
      word_length -= width;
    }
    if (word_length == 0) continue;
    if (line_length > 0 && line_length + 1 + word_length > width) flush();
    if (line_length > 0) line += ' ', ++line_length;
    line.append(word);
    line_length += word_length;
  }
  if (line_length > 0) flush();
  bool cut = c.cut;
  if (lines.size() > max_lines) lines.resize(max_lines), cut = true;
  if (cut && !lines.empty()) {
    std::string& last = lines.back();
    while (code_points(last) + 1 > width) pop_code_point(last);
    while (!last.empty() && last.back() == ' ') last.pop_back();
    last.append(ellipsis);
  }
  return lines;
}

std::string escaped(std::string_view text) {
  std::string out;
  append_escaped(out, text, one_backslash);
  return out;
}

std::string escaped_tooltip(std::string_view text) {
  std::string out;
  append_escaped(out, text, tooltip_backslash);
  return out;
}

std::string label_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    append_escaped(out, line, one_backslash);
    out += "\\l";
  }
  return out;
}

std::optional<std::string> link(std::string_view url) {
  if (!text::is_link(url)) return std::nullopt;
  std::string out;
  for (const char c : text::percent_encode_link(url)) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '\'') {
      out += "%27";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace eventgraph::detail::dot
