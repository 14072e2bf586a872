#pragma once
// An EDTF date as written, before any zone gives it instants: the parser's syntax tree.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "eventgraph/time.hpp"

namespace eventgraph::detail {

enum class offset_kind : std::uint8_t { none, utc, fixed };

/// One date as written: `2026-02-12T10:30-08:00~`, `202X`, `-0043-09-02`.
struct point_spec {
  int year = 0;        ///< astronomical; the first year when digits are unspecified
  int year_span = 1;   ///< 10 for `202X`, 100 for `20XX`, 1000 for `2XXX`
  unsigned month = 1;  ///< 1 when not stated
  unsigned day = 1;    ///< 1 when not stated
  unsigned hour = 0, minute = 0, second = 0;
  time_precision precision = time_precision::year;
  offset_kind offset = offset_kind::none;
  int offset_seconds = 0;
  bool uncertain = false;
  bool approximate = false;
  bool unspecified = false;    ///< some digits are X
  std::size_t time_begin = 0;  ///< byte offset of the time, for errors

  [[nodiscard]] bool has_time() const { return precision >= time_precision::hour; }
  [[nodiscard]] date::local_seconds local() const {
    return date::local_seconds{
               date::local_days{date::year{year} / date::month{month} / date::day{day}}} +
           std::chrono::hours{hour} + std::chrono::minutes{minute} + std::chrono::seconds{second};
  }
};

/// A side of an interval or of a one-of range: a date, or open (`..` or left empty).
struct endpoint {
  bool open = false;
  point_spec point;
};

/// One item of a one-of list: `2026-02-06`, `2026-02-06..2026-02-12`, `..2026`, `2026..`.
struct list_item {
  bool is_range = false;
  endpoint low, high;     ///< a single date is `low`
  std::size_t begin = 0;  ///< byte offset of the item, for errors
};

struct parsed_date {
  time_shape shape = time_shape::point;
  endpoint start, end;           ///< point: start only
  std::size_t end_begin = 0;     ///< interval: byte offset of the end, for errors
  std::vector<list_item> items;  ///< one_of
};

/// Why a date was refused, and where in its text.
struct date_error {
  std::string message;
  std::size_t offset = 0;
};

/// Reads the whole text as EDTF, checking what needs no zone (months, days of the month);
/// false with `error` set otherwise.
///
///     parse_edtf_syntax("[2026-02-06..2026-02-12]", d, e)  // d.items: one range
bool parse_edtf_syntax(std::string_view text, parsed_date& out, date_error& error);

}  // namespace eventgraph::detail
