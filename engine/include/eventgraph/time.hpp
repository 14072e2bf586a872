#pragma once
// Event dates: EDTF (ISO 8601-2) strings resolved to what is actually known.

#include <chrono>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace eventgraph {

/// Seconds since the epoch, UTC. Never nanoseconds: they wrap outside 1678-2262.
using instant = std::chrono::sys_seconds;

/// Finest unit a date states, coarsest first.
enum class time_precision : std::uint8_t {
  millennium,
  century,
  decade,
  year,
  month,
  day,
  hour,
  minute,
  second
};

enum class time_shape : std::uint8_t {
  point,     ///< one day, month, minute... at its precision: `2026-02-12`
  interval,  ///< lasted from start to end: `2026-02-06/2026-02-12`, `2019/..`
  one_of,    ///< happened once, at an unknown time within: `[2026-02-06..2026-02-12]`
};

/// What is known of when an event happened: the earliest and latest second it may have occupied.
///
///     auto t = parse_date("2026-02", "America/Los_Angeles").time;  // Feb 1 08:00Z .. Mar 1
///     07:59:59Z t->certainly_before(*parse_date("2026-03-02", "UTC").time);   // true
struct event_time {
  instant earliest{};  ///< first second it may have occupied (inclusive)
  instant latest{};    ///< last second it may have occupied (inclusive)
  time_precision precision = time_precision::day;  ///< of the coarser endpoint
  time_shape shape = time_shape::point;
  bool uncertain = false;    ///< `?` (or `%`)
  bool approximate = false;  ///< `~` (or `%`)
  /// The `?`/`~` cover only coarser parts than the finest written: in `2026?-02-05` the year is
  /// in doubt, not the day within it. Drawings place such a date as a known one and say the
  /// doubt in its text ("Feb 5, 2026?"); false when nothing is qualified.
  bool coarse_qualifier = false;
  bool open_start = false;  ///< `../x`: earliest is unbounded_past
  bool open_end = false;    ///< `x/..`: latest is unbounded_future

  /// True only when every possible moment of this precedes every possible moment of `other`.
  [[nodiscard]] bool certainly_before(const event_time& other) const {
    return latest < other.earliest;
  }
  /// Total, deterministic order: earliest, then latest, then the rest.
  friend auto operator<=>(const event_time&, const event_time&) = default;
  friend bool operator==(const event_time&, const event_time&) = default;
};

/// Stand-ins for `..` (open) endpoints: the limits of the date library's years, -32767 and 32767.
inline constexpr instant unbounded_past{std::chrono::seconds{-1096193779200LL}};
inline constexpr instant unbounded_future{std::chrono::seconds{971890963199LL}};

/// The outcome of parsing one date: a time, or an error at a byte offset within the text.
struct date_parse_result {
  std::optional<event_time> time;
  std::string error;             ///< set when !time
  std::size_t error_offset = 0;  ///< byte offset in the input where the problem starts
  std::string warning;           ///< e.g. an ambiguous local time (resolved to cover both readings)
  /// The precision each end was written with: `2019/2026-02` starts at year and ends at month
  /// precision (time->precision is the coarser). An open end has the other end's.
  time_precision start_precision = time_precision::day;
  time_precision end_precision = time_precision::day;
};

/// Parses an EDTF date. Times without an offset are local to `zone` (an IANA name, "" = UTC;
/// names the host decides, such as `localtime`, are unknown zones);
/// a date alone covers the whole day (month, year...) in that zone.
///
///     parse_date("2026-02-12T10:30", "America/Los_Angeles")  // 18:30:00Z .. 18:30:59Z
///     parse_date("2026-02-30", "UTC").error                   // "February 2026 has 28 days"
[[nodiscard]] date_parse_result parse_date(std::string_view edtf, std::string_view zone);

/// True when the system tz database knows `zone` ("UTC" included), and its meaning does not
/// depend on the host (`localtime`, `posixrules` are unknown).
[[nodiscard]] bool is_known_zone(std::string_view zone);

/// A date for readers, at its own precision, never an invented midnight:
/// "Feb 12, 2026", "Feb 2026?", "c. 2019", "between Feb 6 and Feb 12, 2026",
/// "Feb 6 – 12, 2026", "since 2019", "until Feb 2026", "Feb 12, 2026 10:30 PST", "44 BCE".
/// `edtf` must have parsed; otherwise it is returned unchanged.
[[nodiscard]] std::string describe_date(std::string_view edtf, std::string_view zone);

/// Wall-clock fields of an instant in a zone.
struct civil_time {
  int year = 1970;  ///< astronomical: 0 is 1 BCE, -43 is 44 BCE
  unsigned month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int utc_offset_seconds = 0;
  std::string abbreviation;  ///< "PST", "UTC"
};
[[nodiscard]] civil_time to_civil(instant t, std::string_view zone);

/// ISO 8601 text of an instant in a zone, cut to a precision: "2026-02-12" (day),
/// "2026-02" (month), "2026-02-12T10:30-08:00" (minute), "-0043-09-02" (day, BCE).
[[nodiscard]] std::string format_iso(instant t, std::string_view zone, time_precision precision);

}  // namespace eventgraph
