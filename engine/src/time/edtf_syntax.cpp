// The EDTF scanner: a hand-written strict reader over the text, no regex, no streams; a point
// or an interval allocates nothing on success (a one-of list keeps its items).

#include "time/edtf_syntax.hpp"

#include <array>
#include <optional>

#include <fmt/format.h>

#include "time/calendar_text.hpp"

namespace eventgraph::detail {
namespace {

constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
constexpr bool is_qualifier(char c) {
  return c == '?' || c == '~' || c == '%';
}
constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

unsigned days_in_month(int year, unsigned month) {
  return static_cast<unsigned>((date::year{year} / date::month{month} / date::last).day());
}

date::local_days local_day(const point_spec& p) {
  return date::local_days{date::year{p.year} / date::month{p.month} / date::day{p.day}};
}

constexpr std::string_view one_qualifier_message =
    "one qualifier at a time: ? uncertain, ~ approximate, % both";

void qualify(point_spec& p, char q, std::uint8_t parts) {
  if (q == '?' || q == '%')
    p.uncertain_parts = static_cast<std::uint8_t>(p.uncertain_parts | parts);
  if (q == '~' || q == '%') {
    p.approximate_parts = static_cast<std::uint8_t>(p.approximate_parts | parts);
  }
  p.uncertain = p.uncertain_parts != 0;
  p.approximate = p.approximate_parts != 0;
}

enum class search_order : bool { earliest, latest };

/// The first (or last) valid day, in time order, whose year, month and day match `p`'s digits.
std::optional<date::local_days> find_day(const point_spec& p, search_order order) {
  const unsigned magnitude = static_cast<unsigned>(p.negative ? -p.year : p.year);
  constexpr std::array<unsigned, 4> place = {1000, 100, 10, 1};
  unsigned low = 0, high = 0;  // the magnitudes the year's digits allow
  for (std::size_t i = 0; i < place.size(); ++i) {
    const unsigned digit = magnitude / place[i] % 10;
    const bool x = (p.year_x & (1u << i)) != 0;
    low = low * 10 + (x ? 0 : digit);
    high = high * 10 + (x ? 9 : digit);
  }
  const int first_year = p.negative ? -static_cast<int>(high) : static_cast<int>(low);
  const int last_year = p.negative ? -static_cast<int>(low) : static_cast<int>(high);
  const bool forward = order == search_order::earliest;
  const bool month_stated = (p.stated_parts & month_part) != 0;
  const bool day_stated = (p.stated_parts & day_part) != 0;
  for (int k = 0; k <= last_year - first_year; ++k) {
    const int year = forward ? first_year + k : last_year - k;
    if (p.negative && year == 0) continue;  // -0000 is not a year
    const unsigned m = static_cast<unsigned>(year < 0 ? -year : year);
    if (!digits_match(m, magnitude, p.year_x, 4)) continue;
    for (unsigned j = 0; j < 12; ++j) {
      const unsigned month = forward ? 1 + j : 12 - j;
      if (month_stated && !digits_match(month, p.month, p.month_x, 2)) continue;
      const unsigned last = days_in_month(year, month);
      for (unsigned i = 0; i < last; ++i) {
        const unsigned day = forward ? 1 + i : last - i;
        if (day_stated && !digits_match(day, p.day, p.day_x, 2)) continue;
        return date::local_days{date::year{year} / date::month{month} / date::day{day}};
      }
    }
  }
  return std::nullopt;
}

class syntax_parser {
 public:
  syntax_parser(std::string_view text, date_error& error) : text_(text), error_(error) {}

  bool run(parsed_date& out);

 private:
  [[nodiscard]] char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
  [[nodiscard]] bool at_dots() const { return peek() == '.' && peek(1) == '.'; }
  bool fail(std::size_t at, std::string message) {
    error_.message = std::move(message);
    error_.offset = at;
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
  bool qualifier(point_spec& p, std::uint8_t parts);
  bool masked_digits(int count, unsigned& value, std::uint8_t& x);
  bool parse_year(point_spec& p);
  bool parse_month(point_spec& p);
  bool parse_day(point_spec& p);
  bool skip_fraction(std::size_t time_begin, bool zero_only);
  bool parse_time(point_spec& p);
  bool parse_offset(point_spec& p);
  bool settle_days(point_spec& p);
  bool parse_one_of(parsed_date& out);
  bool parse_interval_end(parsed_date& out);
  bool finish();

  std::string_view text_;
  date_error& error_;
  std::size_t pos_ = 0;
};

/// A qualifier, if one is next, covering `parts`: written just left of a part (`?2004`,
/// `2004-~06`) it covers that part only; just right of one (`2004?-06`, `2004-06~-11`,
/// `2004-06-11%`) it covers, per EDTF, that part and every part to its left.
bool syntax_parser::qualifier(point_spec& p, std::uint8_t parts) {
  if (!is_qualifier(peek())) return true;
  const char q = peek();
  ++pos_;
  if (is_qualifier(peek())) return fail(pos_ - 1, std::string(one_qualifier_message));
  qualify(p, q, parts);
  return true;
}

/// Reads `count` characters that are digits or X into `value` (X as 0) and `x` (bit i: char i
/// is X); false, reading nothing, when they are not there or a further digit or X follows.
bool syntax_parser::masked_digits(int count, unsigned& value, std::uint8_t& x) {
  value = 0;
  x = 0;
  for (int i = 0; i < count; ++i) {
    const char c = peek(static_cast<std::size_t>(i));
    if (!is_digit(c) && c != 'X') return false;
  }
  const char after = peek(static_cast<std::size_t>(count));
  if (is_digit(after) || after == 'X') return false;
  for (int i = 0; i < count; ++i) {
    const char c = peek();
    value = value * 10 + (c == 'X' ? 0 : static_cast<unsigned>(c - '0'));
    if (c == 'X') x = static_cast<std::uint8_t>(x | (1u << i));
    ++pos_;
  }
  return true;
}

bool syntax_parser::parse_year(point_spec& p) {
  const std::size_t begin = pos_;
  const bool negative = peek() == '-';
  if (negative) ++pos_;
  if (peek() == 'Y')
    return fail(pos_, "long years (Y...) are not supported; years have four digits");
  if (!is_digit(peek()) && peek() != 'X') {
    return fail(pos_, "expected a date such as 2026, 2026-02 or 2026-02-12");
  }
  unsigned value = 0;
  if (!masked_digits(4, value, p.year_x)) {
    std::size_t digits = 0;
    while (is_digit(peek(digits))) ++digits;
    const char after = peek(digits);
    if ((digits == 2 || digits == 3) && (after == '\0' || is_qualifier(after))) {
      return fail(begin, "year must be four digits; write a century as 19XX, a decade as 193X");
    }
    return fail(begin, "year must be four digits (e.g. 2026 or 0987)");
  }
  if (negative && value == 0 && p.year_x == 0) {
    return fail(begin, "year -0000 is not valid; use 0000 (1 BCE)");
  }
  if ((peek() == 'S' || peek() == 'E') && is_digit(peek(1))) {
    return fail(pos_,
                "significant digits (S) and exponents (E) are not supported; use X for "
                "the digits that are not known (e.g. 19XX)");
  }
  p.negative = negative;
  p.year = negative ? -static_cast<int>(value) : static_cast<int>(value);
  p.unspecified = p.year_x != 0;
  // The unit above the first X: 202X a decade, 20XX a century, 2XXX and XXXX a millennium.
  constexpr std::array<time_precision, 4> by_first_x = {
      time_precision::millennium, time_precision::millennium, time_precision::century,
      time_precision::decade};
  p.precision = time_precision::year;
  for (std::size_t i = 0; i < 4; ++i) {
    if (p.year_x & (1u << i)) {
      p.precision = by_first_x[i];
      break;
    }
  }
  return true;
}

bool syntax_parser::parse_month(point_spec& p) {
  const std::size_t begin = pos_;
  unsigned month = 0;
  if (!masked_digits(2, month, p.month_x)) {
    return fail(begin, "month must be two digits (01-12), or a season (21-41)");
  }
  p.stated_parts |= month_part;
  if (p.month_x == 0 && month >= 21 && month <= 41) {
    if (p.year_x != 0) return fail(begin, "a season needs a year without X (e.g. 2001-21)");
    p.season = month;
    p.month = season_months(month).first_month;
    p.precision = time_precision::month;
    return true;
  }
  if (p.month_x == 0 && (month < 1 || month > 12)) {
    return fail(begin, "month must be 01-12, or a season (21-41)");
  }
  if (p.month_x != 0) {
    bool any = false;
    for (unsigned m = 1; m <= 12; ++m) any = any || digits_match(m, month, p.month_x, 2);
    if (!any) return fail(begin, "no month 01-12 matches these digits");
    p.unspecified = true;
  }
  p.month = month;
  if (p.precision == time_precision::year && p.month_x == 0) p.precision = time_precision::month;
  return true;
}

bool syntax_parser::parse_day(point_spec& p) {
  const std::size_t begin = pos_;
  unsigned day = 0;
  if (!masked_digits(2, day, p.day_x)) return fail(begin, "day must be two digits (01-31)");
  if (p.season != 0) return fail(begin, "a season has no day");
  p.stated_parts |= day_part;
  if (p.day_x == 0 && (day < 1 || day > 31)) return fail(begin, "day must be 01-31");
  if (p.day_x != 0) {
    bool any = false;
    for (unsigned d = 1; d <= 31; ++d) any = any || digits_match(d, day, p.day_x, 2);
    if (!any) return fail(begin, "no day 01-31 matches these digits");
    p.unspecified = true;
  } else if (!p.unspecified) {
    const unsigned last = days_in_month(p.year, p.month);
    if (day > last) {
      return fail(begin,
                  fmt::format("{} {} has {} days", month_name(p.month), year_text(p.year), last));
    }
  }
  p.day = day;
  if (p.precision == time_precision::month && p.day_x == 0) p.precision = time_precision::day;
  return true;
}

/// `.sss` after the seconds: any number of digits, kept to the second.
bool syntax_parser::skip_fraction(std::size_t time_begin, bool zero_only) {
  if (peek() == ',' && is_digit(peek(1))) {
    return fail(pos_, "write fractional seconds with '.' (e.g. 10:30:15.250)");
  }
  if (peek() != '.') return true;
  const std::size_t at = pos_;
  ++pos_;
  if (!is_digit(peek())) return fail(at, "fractional seconds need digits after '.'");
  while (is_digit(peek())) {
    if (zero_only && peek() != '0')
      return fail(time_begin, "24:00:00 is the only time after 23:59:59");
    ++pos_;
  }
  return true;
}

bool syntax_parser::parse_time(point_spec& p) {
  constexpr std::string_view shape_message = "time must be hh:mm or hh:mm:ss (e.g. T10:30)";
  p.time_begin = pos_;
  unsigned hour = 0;
  if (!two_digits(hour)) return fail(pos_, std::string(shape_message));
  if (hour > 24) return fail(p.time_begin, "hour must be 00-23");
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
    if (!skip_fraction(p.time_begin, hour == 24)) return false;
  }
  if (hour == 24) {
    // ISO 8601's end of the day: 24:00 and 24:00:00 only, the first moment of the next day.
    if (p.minute != 0 || p.second != 0) {
      return fail(p.time_begin, "24:00:00 is the only time after 23:59:59");
    }
    const date::year_month_day next{local_day(p) + date::days{1}};
    p.year = static_cast<int>(next.year());
    p.month = static_cast<unsigned>(next.month());
    p.day = static_cast<unsigned>(next.day());
    p.hour = 0;
  }
  return true;
}

bool syntax_parser::parse_offset(point_spec& p) {
  if (peek() == 'Z') {
    ++pos_;
    p.offset = offset_kind::utc;
    return true;
  }
  if (peek() != '+' && peek() != '-') return true;
  constexpr std::string_view shape_message =
      "offset must be +hh:mm, +hhmm or +hh (e.g. -08:00, +0530, -08)";
  const std::size_t begin = pos_;
  const int sign = peek() == '-' ? -1 : 1;
  ++pos_;
  unsigned hours = 0;
  unsigned minutes = 0;
  if (!is_digit(peek()) || !is_digit(peek(1))) return fail(begin, std::string(shape_message));
  hours = static_cast<unsigned>((peek() - '0') * 10 + (peek(1) - '0'));
  pos_ += 2;
  if (peek() == ':') ++pos_;
  if (is_digit(peek()) || text_[pos_ - 1] == ':') {
    if (!two_digits(minutes)) return fail(begin, std::string(shape_message));
  }
  if (minutes > 59) return fail(begin, "offset minutes must be 00-59");
  const int total = sign * static_cast<int>(hours * 60 + minutes);
  if (total == 0 && sign < 0) {
    return fail(begin,
                "offset -00:00 means an unknown offset; write Z or +00:00 for UTC, or "
                "leave the offset out for the event's zone");
  }
  if (total < -12 * 60 || total > 14 * 60) {
    return fail(begin, "offset must be between -12:00 and +14:00");
  }
  p.offset = offset_kind::fixed;
  p.offset_seconds = total * 60;
  return true;
}

/// The first or last day a date with X digits (or a season) may be, searched in time order
/// over what matches: `1XX3-02-29` is the first leap year of the form, `2016-1X` October.
bool syntax_parser::settle_days(point_spec& p) {
  if (p.season != 0) {
    const season_span span = season_months(p.season);
    const date::year_month first = date::year{p.year} / date::month{span.first_month};
    p.first_day = date::local_days{first / 1};
    p.last_day = date::local_days{(first + date::months{span.months}) / 1} - date::days{1};
    return true;
  }
  if (!p.unspecified) {
    if (p.precision == time_precision::day || p.has_time()) {
      p.first_day = p.last_day = local_day(p);
    } else if (p.precision == time_precision::month) {
      const date::year_month ym = date::year{p.year} / date::month{p.month};
      p.first_day = date::local_days{ym / 1};
      p.last_day = date::local_days{(ym + date::months{1}) / 1} - date::days{1};
    } else {
      p.first_day = date::local_days{date::year{p.year} / 1 / 1};
      p.last_day = date::local_days{date::year{p.year} / 12 / 31};
    }
    return true;
  }
  const auto first = find_day(p, search_order::earliest);
  const auto last = find_day(p, search_order::latest);
  if (!first || !last) return fail(p.begin, "no valid date matches these digits");
  p.first_day = *first;
  p.last_day = *last;
  return true;
}

bool syntax_parser::parse_point(point_spec& p) {
  p.begin = pos_;
  if (!qualifier(p, year_part) || !parse_year(p) || !qualifier(p, year_part)) {
    return false;
  }
  if (peek() == '-') {
    ++pos_;
    if (!qualifier(p, month_part) || !parse_month(p) || !qualifier(p, year_part | month_part)) {
      return false;
    }
    if (peek() == '-') {
      ++pos_;
      if (!qualifier(p, day_part) || !parse_day(p) ||
          !qualifier(p, year_part | month_part | day_part)) {
        return false;
      }
    }
  }
  if (peek() == 'T') {
    if (p.stated_parts != (year_part | month_part | day_part) || p.unspecified) {
      if (p.unspecified) {
        return fail(pos_, "a time cannot follow a date with unspecified digits (X)");
      }
      return fail(pos_, "a time needs a full date (e.g. 2026-02-12T10:30)");
    }
    if (p.uncertain || p.approximate) {
      return fail(is_qualifier(text_[pos_ - 1]) ? pos_ - 1 : p.begin,
                  "a date with a time takes one qualifier, after the time (e.g. "
                  "2026-02-12T10:30?)");
    }
    ++pos_;
    if (!parse_time(p) || !parse_offset(p) || !qualifier(p, year_part | month_part | day_part)) {
      return false;
    }
  } else if (p.precision == time_precision::day && (peek() == ' ' || peek() == 't') &&
             is_digit(peek(1))) {
    return fail(pos_, "use T between the date and the time (e.g. 2026-02-12T10:30)");
  }
  if (p.year_x == 0xF && p.month_x == (p.stated_parts & month_part ? 3 : 0) &&
      p.day_x == (p.stated_parts & day_part ? 3 : 0)) {
    return fail(p.begin,
                "the date is entirely unspecified (XXXX); give what is known, or "
                "leave the event undated in its notes");
  }
  return settle_days(p);
}

bool syntax_parser::finish() {
  if (at_end()) return true;
  if (is_space(peek())) return fail(pos_, "unexpected space after the date");
  if (at_dots()) {
    return fail(pos_, "a range needs brackets, e.g. [2026-02-06..2026-02-12]");
  }
  return fail(pos_, "unexpected text after the date");
}

bool syntax_parser::parse_one_of(parsed_date& out) {
  ++pos_;  // '['
  if (peek() == ']') return fail(pos_, "the list is empty");
  while (true) {
    list_item item;
    item.begin = pos_;
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
    out.items.push_back(item);
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

/// After the '/': a date, `..` or nothing (an unknown end, taken as open).
bool syntax_parser::parse_interval_end(parsed_date& out) {
  ++pos_;  // '/'
  out.shape = time_shape::interval;
  out.end_begin = pos_;
  if (at_end()) {
    out.end.open = true;
  } else if (at_dots()) {
    pos_ += 2;
    out.end.open = true;
  } else if (!parse_point(out.end.point)) {
    return false;
  }
  if (!finish()) return false;
  if (out.start.open && out.end.open) return fail(0, "an interval needs at least one date");
  return true;
}

bool syntax_parser::run(parsed_date& out) {
  if (text_.empty()) return fail(0, "the date is empty");
  if (is_space(text_[0])) return fail(0, "unexpected space before the date");
  if (text_[0] == '{') {
    return fail(0, "'{...}' (all of) is not supported; give each date its own event");
  }
  if (text_[0] == '[') {
    out.shape = time_shape::one_of;
    return parse_one_of(out) && finish();
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
  if (peek() == '/') return parse_interval_end(out);
  out.shape = time_shape::point;
  return finish();
}

}  // namespace

bool digits_match(unsigned value, unsigned pattern, std::uint8_t x, int digits) {
  for (int i = digits - 1; i >= 0; --i, value /= 10, pattern /= 10) {
    if ((x & (1u << i)) == 0 && value % 10 != pattern % 10) return false;
  }
  return true;
}

bool parse_edtf_syntax(std::string_view text, parsed_date& out, date_error& error) {
  return syntax_parser(text, error).run(out);
}

}  // namespace eventgraph::detail
