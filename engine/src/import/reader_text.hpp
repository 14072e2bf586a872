#pragma once
// Small text steps the sheet, timeline-tool and mail readers share: trimming, cutting a text
// to a length on a character boundary, kind words, lines of a text, and the date check every
// reader runs before it hands a date on.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "import/records.hpp"

namespace eventgraph::detail::reader_text {

/// `s` without leading and trailing spaces, tabs, carriage returns and line feeds.
[[nodiscard]] std::string_view trim(std::string_view s);

/// Whether `a` and `b` are equal, ASCII letters compared without case.
[[nodiscard]] bool equals_ignoring_case(std::string_view a, std::string_view b);

/// At most `max_bytes` of `s`, cut at a character boundary (at a space when there is one in
/// the last fifth), then "…" when anything was cut.
///
///     shorten("one two three four five six", 20)  // "one two three four…"
[[nodiscard]] std::string shorten(std::string_view s, std::size_t max_bytes);

/// A readable id hint from a title: at most its first 48 bytes, cut at a word (or character)
/// boundary; the pipeline makes an id of it.
[[nodiscard]] std::string id_hint_of(std::string_view title);

/// A free text as an eventgraph kind word: lower-case letters and digits, other runs as one
/// hyphen, none at either end ("Content Modification Time" -> "content-modification-time").
/// Empty when nothing is left.
[[nodiscard]] std::string kind_word(std::string_view s);

/// The error parse_date gives for an EDTF text, or "" when it parses (in UTC).
[[nodiscard]] std::string date_error(std::string_view edtf);

/// The names in a CSV text's first line, trimmed, unquoted and lower-cased: a cheap look for
/// looks_like_<format>, not a CSV parse.
[[nodiscard]] std::vector<std::string> header_names(std::string_view text);

/// Walks the lines of a text, LF or CR LF ended; `line` is 1-based.
class line_walk {
 public:
  explicit line_walk(std::string_view text) : text_(text) {}
  /// The next line, without its line end; false at the end of the text.
  bool next(std::string_view& out);
  [[nodiscard]] std::uint32_t line() const { return line_; }
  /// Byte offset of the line `next` gave last.
  [[nodiscard]] std::size_t offset() const { return start_; }
  /// Byte offset just past the last line given (and its line end).
  [[nodiscard]] std::size_t end() const { return at_; }

 private:
  std::string_view text_;
  std::size_t at_ = 0, start_ = 0;
  std::uint32_t line_ = 0;
};

/// Where byte `offset` of a line at `line` (whose first byte is `line_start`) is.
[[nodiscard]] inline import_location locate(std::uint32_t line, std::size_t line_start,
                                            std::size_t offset) {
  return {line, static_cast<std::uint32_t>(offset - line_start + 1)};
}

}  // namespace eventgraph::detail::reader_text
