#pragma once
// Text rules every reader, renderer and export shares: one UTF-8 walk, one set of characters
// no output keeps, one escaper per target, one link rule. "Where are links decided?": here.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace eventgraph::detail::text {

/// One step of the UTF-8 walk: the code point at a position and the bytes it takes. A byte
/// that does not start a well-formed sequence (overlong, surrogate, past U+10FFFF, cut short)
/// is one invalid step of one byte, so the walk resynchronizes on the next byte.
struct code_point {
  char32_t value = 0;       ///< U+FFFD when invalid
  std::uint32_t bytes = 1;  ///< 1 to 4
  bool valid = true;
};

/// The code point that starts at `at` (which must be < s.size()).
///
///     next_code_point("é", 0)  // {U+00E9, 2, true}
[[nodiscard]] code_point next_code_point(std::string_view s, std::size_t at);

/// Calls `f(code_point, bytes)` for each step of the walk, `bytes` being the step's input.
template <typename F>
void for_each_code_point(std::string_view s, F&& f) {
  for (std::size_t i = 0; i < s.size();) {
    const code_point cp = next_code_point(s, i);
    f(cp, s.substr(i, cp.bytes));
    i += cp.bytes;
  }
}

/// Code points in `s` (invalid bytes count one each).
[[nodiscard]] std::size_t count_code_points(std::string_view s);

void append_utf8(std::string& out, char32_t cp);

/// What no document we write keeps: C0 controls but tab, line feed and carriage return; DEL
/// and the C1 controls (XML 1.0 discourages them, terminals obey them); U+FFFE and U+FFFF
/// (forbidden in XML 1.0: xmllint and browsers reject the file). Invalid UTF-8 is dropped too.
[[nodiscard]] bool is_dropped(char32_t cp);

/// Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder the
/// text around them, so one-line labels and terminals drop or show them.
[[nodiscard]] bool is_bidi_control(char32_t cp);

/// Valid UTF-8 without dropped characters: what any escaper below starts from.
[[nodiscard]] std::string clean(std::string_view s);

/// What becomes of a line feed or a tab in one-line text.
enum class line_breaks : std::uint8_t { keep, as_space };

/// Cleaned text with `& < > " '` as entities: safe between tags and in quoted attributes of
/// XML and SVG (`'` as `&apos;`).
void append_xml(std::string& out, std::string_view s, line_breaks breaks = line_breaks::keep);
[[nodiscard]] std::string escape_xml(std::string_view s);

/// As append_xml, with `'` as `&#39;` (HTML 4 has no `&apos;`).
[[nodiscard]] std::string escape_html(std::string_view s);

/// Cleaned text inside a DOT double-quoted string: `\` and `"` escaped, line breaks as `\n`.
[[nodiscard]] std::string escape_dot(std::string_view s);

/// `s` as a JSON string literal, quotes included, appended to `out`: `"` and `\` escaped,
/// controls as `\n`, `\t`... or `\u001b` (as nlohmann writes them), other UTF-8 kept as it
/// is, each invalid byte as U+FFFD. Nothing is dropped: JSON carries any text.
///
///     append_json_string(out, "a\"b\n")  // appends "a\"b\n" with the quotes
void append_json_string(std::string& out, std::string_view s);

/// Text for a terminal, one line: controls (line breaks and tabs too), DEL, C1 and bidi
/// controls shown as `\x1B` or `\u202E`, invalid bytes as `\xFF`; a backslash stays one.
///
///     escape_terminal("a\x1b[2Jb")  // "a\\x1B[2Jb"
[[nodiscard]] std::string escape_terminal(std::string_view s);

/// The longest address that becomes a link (longer ones are shown as text).
inline constexpr std::size_t max_link_length = 2048;

/// The one link rule: an absolute http or https address (scheme in any case), with a host,
/// at most max_link_length bytes, no spaces, controls or invalid UTF-8. Anything else is text.
///
///     is_link("HTTPS://example.com/x")  // true
///     is_link("javascript:alert(1)")    // false
[[nodiscard]] bool is_link(std::string_view url);

/// A link (is_link must hold) with every byte outside RFC 3986's unreserved and reserved sets
/// percent-encoded, for targets that copy it into attributes as it is (Graphviz).
[[nodiscard]] std::string percent_encode_link(std::string_view url);

}  // namespace eventgraph::detail::text
