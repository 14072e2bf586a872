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

/// The parts of a date a qualifier can cover, as bits of point_spec's `*_parts`.
enum date_part : std::uint8_t { year_part = 1, month_part = 2, day_part = 4 };

/// One date as written: `2026-02-12T10:30-08:00~`, `20X3`, `2004?-06-~11`, `2001-21`.
struct point_spec {
  int year = 0;           ///< astronomical; an unspecified digit (X) reads as 0
  bool negative = false;  ///< the year was written with '-' (kept apart for `-XXXX`)
  unsigned month = 1;     ///< 1 when not stated; a season's first month
  unsigned day = 1;       ///< 1 when not stated
  unsigned season = 0;    ///< 21-41 for `2001-21`, else 0
  unsigned hour = 0, minute = 0, second = 0;
  time_precision precision = time_precision::year;
  offset_kind offset = offset_kind::none;
  int offset_seconds = 0;
  std::uint8_t year_x = 0;                   ///< bit i: the year's digit i (from the left) is X
  std::uint8_t month_x = 0;                  ///< bit i: the month's digit i is X
  std::uint8_t day_x = 0;                    ///< bit i: the day's digit i is X
  std::uint8_t stated_parts = year_part;     ///< the parts written (date_part bits)
  std::uint8_t uncertain_parts = 0;          ///< parts a `?` or `%` covers
  std::uint8_t approximate_parts = 0;        ///< parts a `~` or `%` covers
  bool uncertain = false;                    ///< some part is uncertain
  bool approximate = false;                  ///< some part is approximate
  bool unspecified = false;                  ///< some digits are X
  date::local_days first_day{}, last_day{};  ///< the first and last day the date may be
  std::size_t begin = 0;                     ///< byte offset of the date, for errors
  std::size_t time_begin = 0;                ///< byte offset of the time, for errors

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

/// Whether `value` (`digits` long) has the digits of `pattern` wherever `x` has no bit (bit i:
/// digit i from the left is X).
///
///     digits_match(11, 10, 0b10, 2)  // true: 11 is of the form 1X
[[nodiscard]] bool digits_match(unsigned value, unsigned pattern, std::uint8_t x, int digits);

/// Reads the whole text as EDTF, checking what needs no zone (months, days of the month);
/// false with `error` set otherwise.
///
///     parse_edtf_syntax("[2026-02-06..2026-02-12]", d, e)  // d.items: one range
bool parse_edtf_syntax(std::string_view text, parsed_date& out, date_error& error);

}  // namespace eventgraph::detail
