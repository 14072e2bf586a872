// EDTF (ISO 8601-2) dates resolved against the system tz database.
//
// The parser is a hand-written strict scanner over the input: no regex, no streams, and no heap
// allocation on the success path (errors and warnings allocate their message). Zone lookups are
// cached per thread, because the loader parses up to a million dates against the same few zones.
//
// Choices worth knowing:
// - `/2026-02` and `2019/` (EDTF "unknown" endpoints) are treated like `../2026-02` and `2019/..`:
//   what is known is the same, an unbounded side.
// - An unknown zone is an error for every input, even one with an explicit offset, so that a
//   misspelt zone is caught on the first date rather than the first local time. Its error_offset
//   is 0: the problem is not in the date text.
// - A date alone covers whole local days in the zone: from the first second of its first day to
//   the second before the next day begins. A day whose midnight is skipped by DST begins at the
//   transition.
// - A local time skipped by DST is an error; one that happens twice covers both readings and
//   sets a warning.
// - With USE_OS_TZDB the date library knows transitions only as far as the tzdata files list
//   them (2037); later dates get the zone's last offset (standard time).
// - describe_date: months abbreviated ("Feb", "Sep"), day before year ("Feb 12, 2026"), 24-hour
//   clock with the zone's abbreviation for local times ("10:30 PST"), "UTC-05:00" for explicit
//   offsets, no zone for dates alone; "c. " for `~`, a trailing "?" for `?`, both for `%`;
//   ranges joined by an en dash sharing the year (and month); astronomical year 0 is "1 BCE".

#include "eventgraph/time.hpp"

#include "time/time_parse.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace eventgraph {
namespace detail {
namespace {

constexpr std::array<std::string_view, 12> month_names = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 12> month_abbreviations = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::string_view en_dash = " \xE2\x80\x93 ";

// ---------------------------------------------------------------------------------------------
// Zones

/// A zone name resolved: `tz == nullptr` with `known` is UTC (the fast path).
struct zone_ref {
  bool known = false;
  const date::time_zone* tz = nullptr;
};

zone_ref find_zone(std::string_view name) {
  if (name.empty() || name == "UTC") return {true, nullptr};
  struct entry {
    std::string name;
    zone_ref zone;
  };
  thread_local std::vector<entry> cache;
  for (const auto& e : cache) {
    if (e.name == name) return e.zone;
  }
  zone_ref found;
  try {
    found = {true, date::locate_zone(name)};
  } catch (...) {  // unknown name, or no tz database at all
    found = {false, nullptr};
  }
  if (cache.size() >= 64) cache.clear();  // a flood of distinct names must not grow without end
  cache.push_back({std::string(name), found});
  return found;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
constexpr bool is_qualifier(char c) {
  return c == '?' || c == '~' || c == '%';
}
constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

date::local_days local_day(int year, unsigned month, unsigned day) {
  return date::local_days{date::year{year} / date::month{month} / date::day{day}};
}

unsigned days_in_month(int year, unsigned month) {
  return static_cast<unsigned>((date::year{year} / date::month{month} / date::last).day());
}

instant to_instant(date::local_seconds ls, std::chrono::seconds offset) {
  return instant{ls.time_since_epoch() - offset};
}

/// "2026", "44 BCE" (astronomical year 0 is 1 BCE).
std::string year_text(int year) {
  if (year > 0) return fmt::format("{}", year);
  return fmt::format("{} BCE", 1 - year);
}

std::string ordinal(int n) {
  const int tens = n % 100;
  const int ones = n % 10;
  const char* suffix = "th";
  if (tens < 11 || tens > 13) {
    if (ones == 1) suffix = "st";
    if (ones == 2) suffix = "nd";
    if (ones == 3) suffix = "rd";
  }
  return fmt::format("{}{}", n, suffix);
}

/// "+03" (tzdata's numeric abbreviations) reads better as "UTC+03".
std::string abbreviation_text(const std::string& abbrev) {
  if (!abbrev.empty() && (abbrev[0] == '+' || abbrev[0] == '-')) return "UTC" + abbrev;
  return abbrev;
}

std::string offset_text(int offset_seconds) {
  const char sign = offset_seconds < 0 ? '-' : '+';
  const int magnitude = offset_seconds < 0 ? -offset_seconds : offset_seconds;
  return fmt::format("{}{:02}:{:02}", sign, magnitude / 3600, magnitude / 60 % 60);
}

// ---------------------------------------------------------------------------------------------
// The syntax tree of one date

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
    return date::local_seconds{local_day(year, month, day)} + std::chrono::hours{hour} +
           std::chrono::minutes{minute} + std::chrono::seconds{second};
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
  endpoint low, high;  ///< a single date is `low`
};

struct parsed_date {
  time_shape shape = time_shape::point;
  endpoint start, end;           ///< point: start only
  std::vector<list_item> items;  ///< one_of, kept only for describe_date
};

// ---------------------------------------------------------------------------------------------
// The scanner

class parser {
 public:
  parser(std::string_view text, std::string_view zone_name, zone_ref zone, bool keep_items)
      : text_(text), zone_name_(zone_name), zone_(zone), keep_items_(keep_items) {}

  /// Parses and resolves the whole input; on failure error_/error_offset_ say why.
  bool run(parsed_date& out, event_time& time);

  std::string error_;
  std::size_t error_offset_ = 0;
  std::string warning_;

 private:
  [[nodiscard]] char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
  [[nodiscard]] bool at_dots() const { return peek() == '.' && peek(1) == '.'; }
  bool fail(std::size_t at, std::string message) {
    error_ = std::move(message);
    error_offset_ = at;
    return false;
  }
  /// Reads exactly two digits (not followed by a third) into `value`.
  bool two_digits(unsigned& value) {
    if (!is_digit(peek()) || !is_digit(peek(1)) || is_digit(peek(2))) return false;
    value = static_cast<unsigned>((peek() - '0') * 10 + (peek(1) - '0'));
    pos_ += 2;
    return true;
  }

  bool parse_point(point_spec& p);
  bool parse_year(point_spec& p);
  bool parse_month(point_spec& p);
  bool parse_day(point_spec& p);
  bool parse_time(point_spec& p);
  bool parse_offset(point_spec& p);
  bool parse_qualifier(point_spec& p);
  bool parse_one_of(parsed_date& out, event_time& time);
  bool finish();

  bool resolve(const point_spec& p, instant& earliest, instant& latest);
  instant day_start(date::local_days d) const;

  std::string_view text_;
  std::string_view zone_name_;
  zone_ref zone_;
  bool keep_items_;
  std::size_t pos_ = 0;
};

bool parser::parse_year(point_spec& p) {
  const std::size_t begin = pos_;
  const bool negative = peek() == '-';
  if (negative) ++pos_;
  if (peek() == 'Y')
    return fail(pos_, "long years (Y...) are not supported; years have four digits");
  if (!is_digit(peek()) && peek() != 'X') {
    return fail(pos_, "expected a date such as 2026, 2026-02 or 2026-02-12");
  }
  int value = 0;
  int unspecified = 0;
  for (int i = 0; i < 4; ++i) {
    const char c = peek();
    if (is_digit(c)) {
      if (unspecified > 0) {
        return fail(pos_, "unspecified digits (X) must be the last digits of the year");
      }
      value = value * 10 + (c - '0');
    } else if (c == 'X') {
      ++unspecified;
      value *= 10;
    } else {
      return fail(begin, "year must be four digits (e.g. 2026 or 0987)");
    }
    ++pos_;
  }
  if (is_digit(peek()) || peek() == 'X') {
    return fail(begin, "year must be four digits (e.g. 2026 or 0987)");
  }
  if (unspecified == 4) return fail(begin, "the year cannot be entirely unspecified (XXXX)");
  if (unspecified > 0 && negative) {
    return fail(begin, "unspecified digits (X) are not supported in negative years");
  }
  if (negative && value == 0) return fail(begin, "year -0000 is not valid; use 0000 (1 BCE)");
  p.year = negative ? -value : value;
  p.unspecified = unspecified > 0;
  constexpr std::array<time_precision, 4> by_unspecified = {
      time_precision::year, time_precision::decade, time_precision::century,
      time_precision::millennium};
  constexpr std::array<int, 4> spans = {1, 10, 100, 1000};
  p.precision = by_unspecified[static_cast<std::size_t>(unspecified)];
  p.year_span = spans[static_cast<std::size_t>(unspecified)];
  return true;
}

bool parser::parse_month(point_spec& p) {
  const std::size_t begin = pos_;
  if (is_qualifier(peek())) return fail(pos_, "put ?, ~ or % at the end of the date");
  if (peek() == 'X' && peek(1) == 'X' && !is_digit(peek(2)) && peek(2) != 'X') {
    pos_ += 2;
    p.unspecified = true;
    return true;  // the year, or coarser, stays the precision
  }
  unsigned month = 0;
  if (!two_digits(month)) return fail(begin, "month must be two digits (01-12)");
  if (p.precision != time_precision::year) {
    return fail(begin, "month must be XX when the year has unspecified digits");
  }
  if (month >= 21 && month <= 41) {
    return fail(begin, "seasons (21-41) are not supported; use a month or a range of months");
  }
  if (month < 1 || month > 12) return fail(begin, "month must be 01-12");
  p.month = month;
  p.precision = time_precision::month;
  return true;
}

bool parser::parse_day(point_spec& p) {
  const std::size_t begin = pos_;
  if (is_qualifier(peek())) return fail(pos_, "put ?, ~ or % at the end of the date");
  if (peek() == 'X' && peek(1) == 'X' && !is_digit(peek(2)) && peek(2) != 'X') {
    pos_ += 2;
    p.unspecified = true;
    return true;
  }
  unsigned day = 0;
  if (!two_digits(day)) return fail(begin, "day must be two digits (01-31)");
  if (p.precision != time_precision::month) {
    return fail(begin, "day must be XX when the month is unspecified");
  }
  if (day < 1 || day > 31) return fail(begin, "day must be 01-31");
  const unsigned last = days_in_month(p.year, p.month);
  if (day > last) {
    return fail(
        begin, fmt::format("{} {} has {} days", month_names[p.month - 1], year_text(p.year), last));
  }
  p.day = day;
  p.precision = time_precision::day;
  return true;
}

bool parser::parse_time(point_spec& p) {
  constexpr std::string_view shape_message = "time must be hh:mm or hh:mm:ss (e.g. T10:30)";
  p.time_begin = pos_;
  unsigned hour = 0;
  if (!two_digits(hour)) return fail(pos_, std::string(shape_message));
  if (hour == 24) return fail(p.time_begin, "hour 24 is not allowed; use 00 of the next day");
  if (hour > 23) return fail(p.time_begin, "hour must be 00-23");
  if (peek() != ':') return fail(pos_, std::string(shape_message));
  ++pos_;
  unsigned minute = 0;
  const std::size_t minute_begin = pos_;
  if (!two_digits(minute)) return fail(minute_begin, std::string(shape_message));
  if (minute > 59) return fail(minute_begin, "minute must be 00-59");
  p.hour = hour;
  p.minute = minute;
  p.precision = time_precision::minute;
  if (peek() == ':') {
    ++pos_;
    const std::size_t second_begin = pos_;
    unsigned second = 0;
    if (!two_digits(second)) return fail(second_begin, std::string(shape_message));
    if (second == 60) return fail(second_begin, "leap seconds (:60) are not supported");
    if (second > 59) return fail(second_begin, "second must be 00-59");
    p.second = second;
    p.precision = time_precision::second;
  }
  if (peek() == '.' && is_digit(peek(1))) return fail(pos_, "fractional seconds are not supported");
  if (peek() == ',' && is_digit(peek(1))) return fail(pos_, "fractional seconds are not supported");
  return true;
}

bool parser::parse_offset(point_spec& p) {
  if (peek() == 'Z') {
    ++pos_;
    p.offset = offset_kind::utc;
    return true;
  }
  if (peek() != '+' && peek() != '-') return true;
  constexpr std::string_view shape_message = "offset must be +hh:mm or -hh:mm (e.g. -08:00)";
  const std::size_t begin = pos_;
  const int sign = peek() == '-' ? -1 : 1;
  ++pos_;
  unsigned hours = 0;
  unsigned minutes = 0;
  if (!two_digits(hours)) return fail(begin, std::string(shape_message));
  if (peek() == ':') {
    ++pos_;
    if (!two_digits(minutes)) return fail(begin, std::string(shape_message));
  } else if (is_digit(peek())) {
    return fail(begin, std::string(shape_message));
  }
  if (minutes > 59) return fail(begin, "offset minutes must be 00-59");
  if (hours * 60 + minutes > 14 * 60) {
    return fail(begin, "offset must be between -14:00 and +14:00");
  }
  p.offset = offset_kind::fixed;
  p.offset_seconds = sign * static_cast<int>(hours * 3600 + minutes * 60);
  return true;
}

bool parser::parse_qualifier(point_spec& p) {
  if (!is_qualifier(peek())) return true;
  const std::size_t at = pos_;
  const char q = peek();
  ++pos_;
  p.uncertain = q == '?' || q == '%';
  p.approximate = q == '~' || q == '%';
  if (is_qualifier(peek()) || peek() == '-' || is_digit(peek()) || peek() == 'X') {
    return fail(at, "put one ?, ~ or % at the end of the date");
  }
  return true;
}

bool parser::parse_point(point_spec& p) {
  if (!parse_year(p)) return false;
  if (peek() == '-') {
    ++pos_;
    if (!parse_month(p)) return false;
    if (peek() == '-') {
      ++pos_;
      if (!parse_day(p)) return false;
    }
  }
  if (peek() == 'T') {
    if (p.precision != time_precision::day) {
      if (p.unspecified) {
        return fail(pos_, "a time cannot follow a date with unspecified digits (X)");
      }
      return fail(pos_, "a time needs a full date (e.g. 2026-02-12T10:30)");
    }
    ++pos_;
    if (!parse_time(p) || !parse_offset(p)) return false;
  } else if (p.precision == time_precision::day && (peek() == ' ' || peek() == 't') &&
             is_digit(peek(1))) {
    return fail(pos_, "use T between the date and the time (e.g. 2026-02-12T10:30)");
  }
  return parse_qualifier(p);
}

instant parser::day_start(date::local_days d) const {
  const date::local_seconds ls{d};
  if (zone_.tz == nullptr) return instant{ls.time_since_epoch()};
  const date::local_info info = zone_.tz->get_info(ls);
  if (info.result == date::local_info::nonexistent) return info.second.begin;  // day begins late
  return to_instant(ls, info.first.offset);  // unique, or the first of two midnights
}

bool parser::resolve(const point_spec& p, instant& earliest, instant& latest) {
  if (!p.has_time()) {
    date::local_days first{};
    date::local_days after{};
    if (p.precision == time_precision::day) {
      first = local_day(p.year, p.month, p.day);
      after = first + date::days{1};
    } else if (p.precision == time_precision::month) {
      const date::year_month ym = date::year{p.year} / date::month{p.month};
      first = date::local_days{ym / 1};
      after = date::local_days{(ym + date::months{1}) / 1};
    } else {
      first = local_day(p.year, 1, 1);
      after = local_day(p.year + p.year_span, 1, 1);
    }
    earliest = day_start(first);
    latest = day_start(after) - std::chrono::seconds{1};
    return true;
  }
  const std::chrono::seconds span{p.precision == time_precision::minute ? 60 : 1};
  const date::local_seconds ls = p.local();
  if (p.offset != offset_kind::none || zone_.tz == nullptr) {
    earliest = to_instant(ls, std::chrono::seconds{p.offset_seconds});
    latest = earliest + span - std::chrono::seconds{1};
    return true;
  }
  const date::local_info info = zone_.tz->get_info(ls);
  const auto when = [&] {
    return fmt::format("{:02}:{:02} on {} {}, {}", p.hour, p.minute,
                       month_abbreviations[p.month - 1], p.day, year_text(p.year));
  };
  switch (info.result) {
    case date::local_info::unique:
      earliest = to_instant(ls, info.first.offset);
      latest = earliest + span - std::chrono::seconds{1};
      return true;
    case date::local_info::nonexistent:
      return fail(p.time_begin,
                  fmt::format("{} did not exist in {}: the clocks were turned forward; check the "
                              "time or give an offset",
                              when(), zone_name_));
    default:  // ambiguous: the first reading's start to the second reading's end
      earliest = to_instant(ls, info.first.offset);
      latest = to_instant(ls, info.second.offset) + span - std::chrono::seconds{1};
      if (warning_.empty()) {
        warning_ = fmt::format(
            "{} happened twice in {} (the clocks were turned back); the date covers both", when(),
            zone_name_);
      }
      return true;
  }
}

bool parser::finish() {
  if (at_end()) return true;
  if (is_space(peek())) return fail(pos_, "unexpected space after the date");
  if (at_dots()) {
    return fail(pos_, "a range needs brackets, e.g. [2026-02-06..2026-02-12]");
  }
  return fail(pos_, "unexpected text after the date");
}

bool parser::parse_one_of(parsed_date& out, event_time& time) {
  ++pos_;  // '['
  if (peek() == ']') return fail(pos_, "the list is empty");
  bool first = true;
  bool first_item = true;
  time.shape = time_shape::one_of;
  while (true) {
    list_item item;
    const std::size_t item_begin = pos_;
    if (at_dots()) {
      pos_ += 2;
      item.is_range = true;
      item.low.open = true;
      if (!parse_point(item.high.point)) return false;
    } else {
      if (!parse_point(item.low.point)) return false;
      if (at_dots()) {
        pos_ += 2;
        item.is_range = true;
        if (peek() == ',' || peek() == ']') {
          item.high.open = true;
        } else if (!parse_point(item.high.point)) {
          return false;
        }
      }
    }
    instant low_earliest = unbounded_past;
    instant low_latest = unbounded_past;
    instant high_earliest = unbounded_future;
    instant high_latest = unbounded_future;
    const point_spec* points[2] = {nullptr, nullptr};
    if (!item.low.open) {
      if (!resolve(item.low.point, low_earliest, low_latest)) return false;
      points[0] = &item.low.point;
    }
    if (!item.is_range) {
      high_earliest = low_earliest;
      high_latest = low_latest;
    } else if (!item.high.open) {
      if (!resolve(item.high.point, high_earliest, high_latest)) return false;
      points[1] = &item.high.point;
      if (!item.low.open && low_earliest > high_latest) {
        return fail(item_begin, "the range ends before it starts");
      }
    }
    for (const point_spec* p : points) {
      if (p == nullptr) continue;
      time.precision = first ? p->precision : std::min(time.precision, p->precision);
      first = false;
      time.uncertain = time.uncertain || p->uncertain;
      time.approximate = time.approximate || p->approximate;
    }
    time.earliest = first_item ? low_earliest : std::min(time.earliest, low_earliest);
    time.latest = first_item ? high_latest : std::max(time.latest, high_latest);
    time.open_start = time.open_start || item.low.open;
    time.open_end = time.open_end || (item.is_range && item.high.open);
    first_item = false;
    if (keep_items_) out.items.push_back(item);
    if (peek() == ',') {
      ++pos_;
      while (peek() == ' ') ++pos_;
      continue;
    }
    if (peek() == ']') {
      ++pos_;
      return true;
    }
    if (at_end()) return fail(pos_, "missing ']' at the end");
    return fail(pos_, "expected ',' or ']'");
  }
}

bool parser::run(parsed_date& out, event_time& time) {
  if (!zone_.known) return fail(0, fmt::format("unknown time zone '{}'", zone_name_));
  if (text_.empty()) return fail(0, "the date is empty");
  if (is_space(text_[0])) return fail(0, "unexpected space before the date");
  if (text_[0] == '{') {
    return fail(0, "'{...}' (all of) is not supported; give each date its own event");
  }
  if (text_[0] == '[') {
    out.shape = time_shape::one_of;
    return parse_one_of(out, time) && finish();
  }

  // A point, or an interval whose start is a date, `..` or empty.
  if (at_dots()) {
    pos_ += 2;
    if (at_end()) return fail(0, "'..' alone is not a date; use ../2026 or 2019/..");
    if (peek() != '/') return fail(pos_, "expected '/' after '..' (e.g. ../2026)");
    out.start.open = true;
  } else if (peek() != '/') {
    if (!parse_point(out.start.point)) return false;
  } else {
    out.start.open = true;  // `/2026`: an unknown start, taken as open
  }
  if (peek() != '/') {
    out.shape = time_shape::point;
    if (!finish()) return false;
    const point_spec& p = out.start.point;
    if (!resolve(p, time.earliest, time.latest)) return false;
    time.precision = p.precision;
    time.shape = time_shape::point;
    time.uncertain = p.uncertain;
    time.approximate = p.approximate;
    return true;
  }

  ++pos_;  // '/'
  out.shape = time_shape::interval;
  const std::size_t end_begin = pos_;
  if (at_end()) {
    out.end.open = true;  // `2019/`: an unknown end, taken as open
  } else if (at_dots()) {
    pos_ += 2;
    out.end.open = true;
  } else if (!parse_point(out.end.point)) {
    return false;
  }
  if (!finish()) return false;
  if (out.start.open && out.end.open) return fail(0, "an interval needs at least one date");

  time.shape = time_shape::interval;
  time.earliest = unbounded_past;
  time.latest = unbounded_future;
  time.open_start = out.start.open;
  time.open_end = out.end.open;
  instant start_latest = unbounded_past;
  instant end_earliest = unbounded_future;
  bool have_precision = false;
  for (const endpoint* e : {&out.start, &out.end}) {
    if (e->open) continue;
    time.precision =
        have_precision ? std::min(time.precision, e->point.precision) : e->point.precision;
    have_precision = true;
    time.uncertain = time.uncertain || e->point.uncertain;
    time.approximate = time.approximate || e->point.approximate;
  }
  if (!out.start.open && !resolve(out.start.point, time.earliest, start_latest)) return false;
  if (!out.end.open && !resolve(out.end.point, end_earliest, time.latest)) return false;
  if (time.earliest > time.latest) return fail(end_begin, "the interval ends before it starts");
  return true;
}

// ---------------------------------------------------------------------------------------------
// Descriptions

/// The zone label of a local time or a time with an offset: "PST", "PDT/PST", "UTC-05:00".
std::string zone_label(const point_spec& p, zone_ref zone) {
  if (p.offset == offset_kind::utc) return "UTC";
  if (p.offset == offset_kind::fixed) return "UTC" + offset_text(p.offset_seconds);
  if (zone.tz == nullptr) return "UTC";
  const date::local_info info = zone.tz->get_info(p.local());
  std::string label = abbreviation_text(info.first.abbrev);
  if (info.result == date::local_info::ambiguous && info.second.abbrev != info.first.abbrev) {
    label += "/" + abbreviation_text(info.second.abbrev);
  }
  return label;
}

std::string clock_text(const point_spec& p) {
  if (p.precision == time_precision::second) {
    return fmt::format("{:02}:{:02}:{:02}", p.hour, p.minute, p.second);
  }
  return fmt::format("{:02}:{:02}", p.hour, p.minute);
}

/// The date without qualifiers: "Feb 12, 2026 10:30 PST", "Feb 2026", "2020s", "44 BCE".
std::string plain_text(const point_spec& p, zone_ref zone) {
  const std::string_view mon = month_abbreviations[p.month - 1];
  switch (p.precision) {
    case time_precision::millennium:
      return ordinal(p.year / 1000 + 1) + " millennium";
    case time_precision::century:
      return ordinal(p.year / 100 + 1) + " century";
    case time_precision::decade:
      return fmt::format("{}s", p.year);
    case time_precision::year:
      return year_text(p.year);
    case time_precision::month:
      return fmt::format("{} {}", mon, year_text(p.year));
    case time_precision::day:
      return fmt::format("{} {}, {}", mon, p.day, year_text(p.year));
    default:
      return fmt::format("{} {}, {} {} {}", mon, p.day, year_text(p.year), clock_text(p),
                         zone_label(p, zone));
  }
}

std::string qualified(std::string text, const point_spec& p) {
  if (p.approximate) text.insert(0, "c. ");
  if (p.uncertain) text += '?';
  return text;
}

std::string point_text(const point_spec& p, zone_ref zone) {
  return qualified(plain_text(p, zone), p);
}

bool unqualified(const point_spec& a, const point_spec& b) {
  return !a.uncertain && !a.approximate && !b.uncertain && !b.approximate;
}

/// "Feb 6 – 12, 2026", "Jan 30 – Feb 12, 2026", "Jan – Mar 2026", "Feb 12, 2026 10:30 – 11:45 PST".
std::string span_text(const point_spec& a, const point_spec& b, zone_ref zone) {
  const auto mon = [](const point_spec& p) { return month_abbreviations[p.month - 1]; };
  if (unqualified(a, b) && a.year == b.year && a.precision == b.precision) {
    if (a.precision == time_precision::day) {
      if (a.month == b.month) {
        return fmt::format("{} {}{}{}, {}", mon(a), a.day, en_dash, b.day, year_text(a.year));
      }
      return fmt::format("{} {}{}{} {}, {}", mon(a), a.day, en_dash, mon(b), b.day,
                         year_text(a.year));
    }
    if (a.precision == time_precision::month) {
      return fmt::format("{}{}{} {}", mon(a), en_dash, mon(b), year_text(a.year));
    }
    if (a.has_time() && a.month == b.month && a.day == b.day) {
      const std::string label = zone_label(a, zone);
      if (label == zone_label(b, zone)) {
        return fmt::format("{} {}, {} {}{}{} {}", mon(a), a.day, year_text(a.year), clock_text(a),
                           en_dash, clock_text(b), label);
      }
    }
  }
  return fmt::format("{}{}{}", point_text(a, zone), en_dash, point_text(b, zone));
}

/// "between Feb 6 and Feb 12, 2026", "between Jan and Mar 2026", "2026 or later".
std::string one_of_range_text(const list_item& item, zone_ref zone) {
  if (!item.is_range) return point_text(item.low.point, zone);
  if (item.low.open) return point_text(item.high.point, zone) + " or earlier";
  if (item.high.open) return point_text(item.low.point, zone) + " or later";
  const point_spec& a = item.low.point;
  const point_spec& b = item.high.point;
  const auto mon = [](const point_spec& p) { return month_abbreviations[p.month - 1]; };
  if (unqualified(a, b) && a.year == b.year && a.precision == b.precision) {
    if (a.precision == time_precision::day) {
      return fmt::format("between {} {} and {} {}, {}", mon(a), a.day, mon(b), b.day,
                         year_text(a.year));
    }
    if (a.precision == time_precision::month) {
      return fmt::format("between {} and {} {}", mon(a), mon(b), year_text(a.year));
    }
  }
  return fmt::format("between {} and {}", point_text(a, zone), point_text(b, zone));
}

std::string describe(const parsed_date& d, zone_ref zone) {
  switch (d.shape) {
    case time_shape::point:
      return point_text(d.start.point, zone);
    case time_shape::interval:
      if (d.start.open) return "until " + point_text(d.end.point, zone);
      if (d.end.open) return "since " + point_text(d.start.point, zone);
      return span_text(d.start.point, d.end.point, zone);
    case time_shape::one_of:
      break;
  }
  std::string text;
  for (std::size_t i = 0; i < d.items.size(); ++i) {
    if (i > 0) text += i + 1 == d.items.size() ? " or " : ", ";
    text += one_of_range_text(d.items[i], zone);
  }
  return text;
}

}  // namespace
}  // namespace detail

namespace detail {

std::optional<event_time> parse_common_date(std::string_view text, bool utc) {
  if (text.size() != 10 && text.size() != 17 && text.size() != 20) return std::nullopt;
  auto number = [&](std::size_t at, std::size_t digits, unsigned& value) {
    value = 0;
    for (std::size_t i = at; i < at + digits; ++i) {
      if (!is_digit(text[i])) return false;
      value = value * 10 + static_cast<unsigned>(text[i] - '0');
    }
    return true;
  };
  unsigned year = 0, month = 0, day = 0;
  if (!number(0, 4, year) || text[4] != '-' || !number(5, 2, month) || text[7] != '-' ||
      !number(8, 2, day) || year < 1900 || year > 2999)
    return std::nullopt;
  const date::year_month_day ymd{date::year{static_cast<int>(year)}, date::month{month},
                                 date::day{day}};
  if (!ymd.ok()) return std::nullopt;
  const std::int64_t midnight =
      std::int64_t{date::sys_days{ymd}.time_since_epoch().count()} * 86400;
  event_time t;
  if (text.size() == 10) {
    if (!utc) return std::nullopt;  // a day in a named zone: its offsets, maybe a DST change
    t.earliest = instant{std::chrono::seconds{midnight}};
    t.latest = instant{std::chrono::seconds{midnight + 86399}};
    t.precision = time_precision::day;
    return t;
  }
  unsigned hour = 0, minute = 0, second = 0;
  if (text[10] != 'T' || !number(11, 2, hour) || text[13] != ':' || !number(14, 2, minute) ||
      hour > 23 || minute > 59)
    return std::nullopt;
  const std::int64_t start = midnight + hour * 3600 + minute * 60;
  if (text.size() == 17) {
    if (text[16] != 'Z') return std::nullopt;
    t.earliest = instant{std::chrono::seconds{start}};
    t.latest = instant{std::chrono::seconds{start + 59}};
    t.precision = time_precision::minute;
    return t;
  }
  if (text[16] != ':' || !number(17, 2, second) || second > 59 || text[19] != 'Z')
    return std::nullopt;
  t.earliest = t.latest = instant{std::chrono::seconds{start + second}};
  t.precision = time_precision::second;
  return t;
}

date_parse_result parse_date_general(std::string_view edtf, std::string_view zone) {
  date_parse_result result;
  detail::parsed_date parsed;
  event_time time;
  detail::parser p(edtf, zone, detail::find_zone(zone), /*keep_items=*/false);
  if (p.run(parsed, time)) {
    result.time = time;
    result.warning = std::move(p.warning_);
  } else {
    result.error = std::move(p.error_);
    result.error_offset = p.error_offset_;
  }
  return result;
}

}  // namespace detail

date_parse_result parse_date(std::string_view edtf, std::string_view zone) {
  // A million-event file spends a tenth of its load here: its common forms skip the parser.
  const detail::zone_ref ref = detail::find_zone(zone);
  if (auto common = ref.known ? detail::parse_common_date(edtf, ref.tz == nullptr) : std::nullopt) {
    date_parse_result result;
    result.time = *common;
    return result;
  }
  return detail::parse_date_general(edtf, zone);
}

bool is_known_zone(std::string_view zone) {
  return detail::find_zone(zone).known;
}

std::string describe_date(std::string_view edtf, std::string_view zone) {
  const detail::zone_ref ref = detail::find_zone(zone);
  detail::parsed_date parsed;
  event_time time;
  detail::parser p(edtf, zone, ref, /*keep_items=*/true);
  if (!p.run(parsed, time)) return std::string(edtf);
  return detail::describe(parsed, ref);
}

civil_time to_civil(instant t, std::string_view zone) {
  const detail::zone_ref ref = detail::find_zone(zone);
  civil_time c;
  std::chrono::seconds offset{0};
  if (ref.tz == nullptr) {  // UTC, or an unknown zone
    c.abbreviation = "UTC";
  } else {
    const date::sys_info info = ref.tz->get_info(t);
    offset = info.offset;
    c.abbreviation = info.abbrev;
  }
  c.utc_offset_seconds = static_cast<int>(offset.count());
  const date::local_seconds local{t.time_since_epoch() + offset};
  const date::local_days day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::seconds> clock{local - day};
  c.year = static_cast<int>(ymd.year());
  c.month = static_cast<unsigned>(ymd.month());
  c.day = static_cast<unsigned>(ymd.day());
  c.hour = static_cast<unsigned>(clock.hours().count());
  c.minute = static_cast<unsigned>(clock.minutes().count());
  c.second = static_cast<unsigned>(clock.seconds().count());
  return c;
}

std::string format_iso(instant t, std::string_view zone, time_precision precision) {
  const civil_time c = to_civil(t, zone);
  std::string year = c.year < 0 ? fmt::format("-{:04}", -c.year) : fmt::format("{:04}", c.year);
  if (precision < time_precision::year && c.year >= 0) {  // 202X, 20XX, 2XXX
    const std::size_t unspecified = precision == time_precision::decade    ? 1
                                    : precision == time_precision::century ? 2
                                                                           : 3;
    year.replace(year.size() - unspecified, unspecified, unspecified, 'X');
  }
  switch (precision) {
    case time_precision::millennium:
    case time_precision::century:
    case time_precision::decade:
    case time_precision::year:
      return year;
    case time_precision::month:
      return fmt::format("{}-{:02}", year, c.month);
    case time_precision::day:
      return fmt::format("{}-{:02}-{:02}", year, c.month, c.day);
    default:
      break;
  }
  const std::string offset = c.utc_offset_seconds == 0 && c.abbreviation == "UTC"
                                 ? std::string("Z")
                                 : detail::offset_text(c.utc_offset_seconds);
  if (precision == time_precision::second) {
    return fmt::format("{}-{:02}-{:02}T{:02}:{:02}:{:02}{}", year, c.month, c.day, c.hour, c.minute,
                       c.second, offset);
  }
  return fmt::format("{}-{:02}-{:02}T{:02}:{:02}{}", year, c.month, c.day, c.hour, c.minute,
                     offset);
}

}  // namespace eventgraph
