#pragma once
// Civil time for the timeline's axis: instants seen in a zone (tz database, UTC when unknown),
// calendar fields, month names, year labels. Shared by the ticks, the axis and the layout.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include "time/calendar_text.hpp"
#include "time/zone.hpp"

namespace eventgraph::detail::timeline {

struct zone_clock {
  const date::time_zone* tz = nullptr;  // nullptr: UTC

  // An unknown zone or no database: UTC, as the loader would have said.
  explicit zone_clock(std::string_view name) : tz(find_zone(name).tz) {}
  [[nodiscard]] date::local_seconds local(std::int64_t t) const {
    const date::sys_seconds s{std::chrono::seconds{t}};
    return tz ? tz->to_local(s) : date::local_seconds{s.time_since_epoch()};
  }
  [[nodiscard]] std::int64_t sys(date::local_seconds l) const {
    const date::sys_seconds s =
        tz ? tz->to_sys(l, date::choose::earliest) : date::sys_seconds{l.time_since_epoch()};
    return s.time_since_epoch().count();
  }
};

inline std::string year_label(int y, bool bce_on_axis) {
  return year_text(y, bce_on_axis ? era_mark::early_ce_too : era_mark::bce_only);
}

struct civil {
  int y = 1970;
  unsigned mo = 1, d = 1;
  std::int64_t sec_of_day = 0;
};

inline civil to_fields(date::local_seconds l) {
  const auto day = date::floor<date::days>(l);
  const date::year_month_day ymd{day};
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
          static_cast<unsigned>(ymd.day()), (l - day).count()};
}

inline date::local_seconds local_midnight(int y, unsigned mo, unsigned d) {
  return date::local_seconds{
      date::local_days{date::year{y} / date::month{mo} / date::day{d}}.time_since_epoch()};
}

inline bool is_midnight(std::int64_t t, const zone_clock& zc) {
  return to_fields(zc.local(t)).sec_of_day == 0;
}

}  // namespace eventgraph::detail::timeline
