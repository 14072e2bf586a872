#pragma once
// What the social readers (X, ActivityStreams, Bluesky) share: JSON read with simdjson's
// On-Demand API one record at a time, positions of values, dates as EDTF instants, a post's
// text as an event's title and summary, and each actor handed over once.

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "import/records.hpp"
#include "load/document_tree.hpp"
#include "load/load_internal.hpp"

namespace eventgraph::detail::social {

namespace od = simdjson::ondemand;

/// Readable bytes simdjson needs past a document's end (the loader's padding, and padded()
/// from load_internal.hpp to copy a text with it).
inline constexpr std::size_t padding = json_padding;

/// Line and column of byte offsets into a text, asked in increasing order (each step counts
/// only the newlines since the last one asked; an earlier offset counts again from the start).
class line_map {
 public:
  explicit line_map(std::string_view text, std::uint32_t first_line = 1)
      : text_(text), first_line_(first_line), line_(first_line) {}
  [[nodiscard]] import_location at(std::size_t offset);
  /// The location of a pointer into the text (or into a padded copy of it at `base`).
  [[nodiscard]] import_location at(const char* p, const char* base) {
    return at(static_cast<std::size_t>(p - base));
  }

 private:
  std::string_view text_;
  std::uint32_t first_line_;
  std::size_t offset_ = 0;
  std::uint32_t line_;
  std::size_t line_start_ = 0;
};

/// Calls `f(line, number)` for each line of `text` that is not blank, `line` followed by
/// `padding` readable bytes (a copy only for the last lines, which the text cannot pad).
template <typename F>
void for_each_json_line(std::string_view text, F&& f) {
  std::string tail;
  std::uint32_t number = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    if (end + padding > text.size()) {
      tail.assign(line);
      tail.append(padding, '\0');
      line = std::string_view(tail.data(), line.size());
    }
    f(line, number);
  }
}

/// Deepest nesting of arrays and objects the readers take: simdjson's On-Demand parser
/// asserts (and past its limit misbehaves) instead of failing on deeper documents.
inline constexpr std::size_t max_json_depth = 1000;

/// simdjson's iterate, after a scan that refuses nesting deeper than max_json_depth.
/// `capacity` >= size + padding.
[[nodiscard]] simdjson::error_code iterate(od::parser& parser, const char* data, std::size_t size,
                                           std::size_t capacity, od::document& doc);

/// Whether the text is JSON lines: its first line is a whole object (a pretty-printed
/// document's first line is only its opening brace).
[[nodiscard]] bool is_json_lines(std::string_view text);

/// A string value, or nullopt when the value is not a string (null included).
[[nodiscard]] std::optional<std::string_view> string_of(od::value v);
/// Whether the value is JSON null; false for anything else, a broken value (`nul`) too: its
/// is_null() is an error, which would throw if read as a bool.
[[nodiscard]] inline bool is_json_null(od::value v) {
  bool null = false;
  return !v.is_null().get(null) && null;
}
/// A string or an integer as decimal text (X ids come as both), or nullopt.
[[nodiscard]] std::optional<std::string> id_of(od::value v);

/// Where a value starts in the text that `base` begins.
[[nodiscard]] std::size_t offset_of(od::value& v, const char* base);

/// How instant() treats a UTC offset other than Z.
enum class offset_rule : std::uint8_t { keep, to_utc };

/// An ISO 8601 / RFC 3339 instant (`2018-10-10T20:19:24.123Z`, `…+02:00`) as EDTF to the
/// second: the fraction dropped, the offset kept (`+0200` as `+02:00`) or turned into Z. The
/// result is a date parse_date accepts, or nullopt.
[[nodiscard]] std::optional<std::string> instant(std::string_view iso, offset_rule rule);

/// A post's text as an event's title (its first line, at most max_title_points code points,
/// cut at a space where one is near) and, when the title is not all of it, its summary.
/// Controls are dropped; empty text titles the event "(no text)".
void set_text(imported_event& e, std::string_view text);
inline constexpr std::size_t max_title_points = 100;

/// The sources of a post: its own URL first, then each link it carries, once, when the one
/// link rule accepts it, up to max_post_sources.
void add_source(imported_event& e, std::string_view url, std::string_view title = {});
inline constexpr std::size_t max_post_sources = 64;

/// Keys already handed to the sink, so an account read in every record is sent once.
class actor_set {
 public:
  /// Sends the actor unless its key was sent before.
  void send(import_sink& sink, imported_actor&& a);
  [[nodiscard]] bool contains(const std::string& key) const { return sent_.contains(key); }

 private:
  std::unordered_set<std::string> sent_;
};

}  // namespace eventgraph::detail::social
