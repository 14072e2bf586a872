// EDTF (ISO 8601-2) dates resolved against the system tz database: the public functions.
// The syntax is read in edtf_syntax.cpp, resolved in a zone in edtf_resolve.cpp, put in words in
// describe.cpp; zone names are looked up once, in zone.cpp.
//
// Choices worth knowing:
// - `/2026-02` and `2019/` (EDTF "unknown" endpoints) are treated like `../2026-02` and `2019/..`:
//   what is known is the same, an unbounded side.
// - An unknown zone is an error for every input, even one with an explicit offset, so that a
//   misspelt zone is caught on the first date rather than the first local time. Its error_offset
//   is 0: the problem is not in the date text.
// - With USE_OS_TZDB the date library knows transitions only as far as the tzdata files list
//   them (2037); later dates get the zone's last offset (standard time).

#include "eventgraph/time.hpp"

#include "time/time_parse.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <string>
#include <string_view>

#include "time/calendar_text.hpp"
#include "time/describe.hpp"
#include "time/edtf_resolve.hpp"
#include "time/edtf_syntax.hpp"
#include "time/zone.hpp"

namespace eventgraph {
namespace detail {
namespace {

constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/// Syntax, then the zone: the whole of parse_date but its shortcut.
bool parse_and_resolve(std::string_view edtf, std::string_view zone_name, zone_ref zone,
                       parsed_date& parsed, resolved_date& resolved, date_error& error) {
  if (!zone.known) {
    error = {fmt::format("unknown time zone '{}'", zone_name), 0};
    return false;
  }
  return parse_edtf_syntax(edtf, parsed, error) &&
         resolve_edtf(parsed, zone, zone_name, resolved, error);
}

}  // namespace
}  // namespace detail

namespace detail {

std::optional<event_time> parse_common_date(std::string_view text, bool utc) {
  if (text.size() != 10 && text.size() != 17 && text.size() != 20 && text.size() != 24)
    return std::nullopt;
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
  unsigned milliseconds = 0;  // platform exports' `.sss`, kept to the second
  const bool fraction = text.size() == 24;
  if (text[16] != ':' || !number(17, 2, second) || second > 59 ||
      (fraction && (text[19] != '.' || !number(20, 3, milliseconds))) || text.back() != 'Z')
    return std::nullopt;
  t.earliest = t.latest = instant{std::chrono::seconds{start + second}};
  t.precision = time_precision::second;
  return t;
}

date_parse_result parse_date_general(std::string_view edtf, std::string_view zone) {
  date_parse_result result;
  parsed_date parsed;
  resolved_date resolved;
  date_error error;
  if (parse_and_resolve(edtf, zone, find_zone(zone), parsed, resolved, error)) {
    result.time = resolved.time;
    result.start_precision = resolved.start_precision;
    result.end_precision = resolved.end_precision;
    result.warning = std::move(resolved.warning);
  } else {
    result.error = std::move(error.message);
    result.error_offset = error.offset;
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
    result.start_precision = result.end_precision = common->precision;
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
  detail::resolved_date resolved;
  detail::date_error error;
  if (!detail::parse_and_resolve(edtf, zone, ref, parsed, resolved, error))
    return std::string(edtf);
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

namespace {
/// Two digits, zero-padded: every field of an ISO date but the year.
void append_two(std::string& out, unsigned v) {
  out += static_cast<char>('0' + v / 10 % 10);
  out += static_cast<char>('0' + v % 10);
}
}  // namespace

// Written into one string without temporaries: exports and `--json` call this twice per event,
// two million times for a million events.
std::string format_iso(instant t, std::string_view zone, time_precision precision) {
  const civil_time c = to_civil(t, zone);
  std::string out;
  out.reserve(32);
  if (c.year < 0) out += '-';
  const unsigned magnitude = static_cast<unsigned>(c.year < 0 ? -c.year : c.year);
  if (magnitude < 10000) {
    out += static_cast<char>('0' + magnitude / 1000);
    out += static_cast<char>('0' + magnitude / 100 % 10);
    append_two(out, magnitude % 100);
  } else {
    fmt::format_to(std::back_inserter(out), "{}", magnitude);
  }
  if (precision < time_precision::year && c.year >= 0) {  // 202X, 20XX, 2XXX
    const std::size_t unspecified = precision == time_precision::decade    ? 1
                                    : precision == time_precision::century ? 2
                                                                           : 3;
    out.replace(out.size() - unspecified, unspecified, unspecified, 'X');
  }
  if (precision <= time_precision::year) return out;
  out += '-';
  append_two(out, c.month);
  if (precision == time_precision::month) return out;
  out += '-';
  append_two(out, c.day);
  if (precision == time_precision::day) return out;
  out += 'T';
  append_two(out, c.hour);
  out += ':';
  append_two(out, c.minute);
  if (precision == time_precision::second) {
    out += ':';
    append_two(out, c.second);
  }
  if (c.utc_offset_seconds == 0 && c.abbreviation == "UTC")
    out += 'Z';
  else
    out += detail::offset_text(c.utc_offset_seconds);
  return out;
}

}  // namespace eventgraph
