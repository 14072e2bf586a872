#pragma once
// Text inside our DOT: one-line cleaning, cutting with "…", wrapping, and the escapes Graphviz
// needs (escString labels, tooltips it expands twice, links it copies into SVG as they are).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eventgraph::detail::dot {

inline constexpr std::string_view ellipsis = "\xE2\x80\xA6";  // U+2026

/// Cleaned (text::is_dropped characters and line breaks as spaces, bidi controls and invalid
/// UTF-8 dropped, runs of spaces collapsed), and at most `limit` code points including a final
/// "…" when cut.
///
///     shorten("a\nb  c", 10)  // "a b c"
[[nodiscard]] std::string shorten(std::string_view in, std::size_t limit);

/// Cleaned and wrapped at `width` code points, words longer than a line broken; at most
/// `max_lines`, the last ending with "…" when anything was cut.
[[nodiscard]] std::vector<std::string> wrap(std::string_view in, std::size_t width,
                                            std::size_t max_lines);

/// Cleaned text inside a DOT quoted string read as a Graphviz escString (label, id): a
/// backslash stays one (`\N` is not the node name), a quote stays one, `&` is not an entity.
[[nodiscard]] std::string escaped(std::string_view text);

/// Tooltips: Graphviz 2.42 expands escapes in them twice, so a backslash is written as four.
[[nodiscard]] std::string escaped_tooltip(std::string_view text);

/// Left-justified label lines (`\l` ends each), every line escaped.
[[nodiscard]] std::string label_lines(const std::vector<std::string>& lines);

/// The URL to link (text::is_link), or nothing: percent-encoded, `'` as `%27` (Graphviz's
/// cairo writes links as `uri='…'`: a bare apostrophe ends it and cairo fails, leaving a blank
/// PDF), `&` as `&amp;` (Graphviz copies URLs into SVG attributes as they are).
[[nodiscard]] std::optional<std::string> link(std::string_view url);

}  // namespace eventgraph::detail::dot
