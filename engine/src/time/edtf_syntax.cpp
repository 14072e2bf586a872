// The EDTF scanner: a hand-written strict reader over the text, no regex, no streams; a point
// or an interval allocates nothing on success (a one-of list keeps its items).

#include "time/edtf_syntax.hpp"

#include <array>

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
  bool parse_year(point_spec& p);
  bool parse_month(point_spec& p);
  bool parse_day(point_spec& p);
  bool parse_time(point_spec& p);
  bool parse_offset(point_spec& p);
  bool parse_qualifier(point_spec& p);
  bool parse_one_of(parsed_date& out);
  bool parse_interval_end(parsed_date& out);
  bool finish();

  std::string_view text_;
  date_error& error_;
  std::size_t pos_ = 0;
};

bool syntax_parser::parse_year(point_spec& p) {
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

bool syntax_parser::parse_month(point_spec& p) {
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

bool syntax_parser::parse_day(point_spec& p) {
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
    return fail(begin,
                fmt::format("{} {} has {} days", month_name(p.month), year_text(p.year), last));
  }
  p.day = day;
  p.precision = time_precision::day;
  return true;
}

bool syntax_parser::parse_time(point_spec& p) {
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

bool syntax_parser::parse_offset(point_spec& p) {
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

bool syntax_parser::parse_qualifier(point_spec& p) {
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

bool syntax_parser::parse_point(point_spec& p) {
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

bool parse_edtf_syntax(std::string_view text, parsed_date& out, date_error& error) {
  return syntax_parser(text, error).run(out);
}

}  // namespace eventgraph::detail
