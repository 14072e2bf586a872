// The Graphviz time axis: calendar periods in each event's own zone, a column per period that
// has events (render_dot.cpp says where an imprecise date sits).

#include "render/graphviz/dot_axis.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <fmt/format.h>

#include "eventgraph/time.hpp"
#include "time/calendar_text.hpp"

namespace eventgraph::detail::dot {

namespace chr = std::chrono;

std::string_view unit_name(grain g) {
  constexpr std::array<std::string_view, 7> names = {"millennium", "century", "decade", "year",
                                                     "month",      "week",    "day"};
  return names[static_cast<std::size_t>(g)];
}

namespace {

grain grain_of(time_precision p) {
  switch (p) {
    case time_precision::millennium:
      return grain::millennium;
    case time_precision::century:
      return grain::century;
    case time_precision::decade:
      return grain::decade;
    case time_precision::year:
      return grain::year;
    case time_precision::month:
      return grain::month;
    default:
      return grain::day;
  }
}

grain grain_of(time_unit u) {
  switch (u) {
    case time_unit::week:
      return grain::week;
    case time_unit::month:
      return grain::month;
    case time_unit::year:
      return grain::year;
    default:
      return grain::day;
  }
}

constexpr int min_year = -32767;
constexpr int max_year = 32767;

int floor_to(int year, int step) {
  const int q = year / step - ((year % step != 0 && year < 0) ? 1 : 0);
  return q * step;
}

chr::sys_days first_day(int year) {
  return chr::sys_days{chr::year{std::clamp(year, min_year, max_year)} / 1 / 1};
}
chr::sys_days last_day(int year) {
  return chr::sys_days{chr::year{std::clamp(year, min_year, max_year)} / 12 / 31};
}

/// First and last day of the period of grain `g` that holds `day`.
std::pair<chr::sys_days, chr::sys_days> period_of(chr::sys_days day, grain g) {
  const chr::year_month_day ymd{day};
  const int y = static_cast<int>(ymd.year());
  switch (g) {
    case grain::day:
      return {day, day};
    case grain::week: {
      const chr::sys_days monday = day - (chr::weekday{day} - chr::Monday);
      return {monday, monday + chr::days{6}};
    }
    case grain::month:
      return {
          chr::sys_days{ymd.year() / ymd.month() / 1},
          chr::sys_days{chr::year_month_day_last{ymd.year(), chr::month_day_last{ymd.month()}}}};
    case grain::year:
      return {first_day(y), last_day(y)};
    case grain::decade:
      return {first_day(floor_to(y, 10)), last_day(floor_to(y, 10) + 9)};
    case grain::century:
      return {first_day(floor_to(y, 100)), last_day(floor_to(y, 100) + 99)};
    case grain::millennium:
      return {first_day(floor_to(y, 1000)), last_day(floor_to(y, 1000) + 999)};
  }
  return {day, day};
}

/// "Feb 12, 2026", "week of Feb 9, 2026", "Feb 2026", "2026", "2020s", "1900–1999", "44 BCE".
std::string period_label(chr::sys_days day, grain g, bool with_year = true) {
  const chr::sys_days first = period_of(day, g).first;
  const chr::year_month_day ymd{first};
  const int y = static_cast<int>(ymd.year());
  const std::string_view month = month_abbreviation(static_cast<unsigned>(ymd.month()));
  switch (g) {
    case grain::day:
    case grain::week: {
      std::string text = fmt::format("{} {}", month, static_cast<unsigned>(ymd.day()));
      if (with_year) text += ", " + year_text(y);
      return g == grain::week ? "week of " + text : text;
    }
    case grain::month:
      return with_year ? fmt::format("{} {}", month, year_text(y)) : std::string(month);
    case grain::year:
      return year_text(y);
    case grain::decade:
      return y > 0 ? fmt::format("{}s", y) : years_text(y, y + 9);
    case grain::century:  // as describe_date says it: 1900-1999 is the "20th century"
      if (y >= 0) return ordinal(y / 100 + 1) + " century";
      return years_text(y, y + 99);
    case grain::millennium:
      return years_text(y, y + 999);
  }
  return {};
}

}  // namespace

std::string column_label(const column& c) {
  switch (c.kind) {
    case column_kind::period:
      return period_label(c.first, c.unit);
    case column_kind::by:
      return "by " + period_label(c.first, c.unit);
    case column_kind::from:
      return "from " + period_label(c.first, c.unit);
    case column_kind::range: {
      const bool same_year =
          chr::year_month_day{c.first}.year() == chr::year_month_day{c.last}.year();
      const bool short_start = same_year && (c.unit == grain::day || c.unit == grain::month);
      return fmt::format("{} \xE2\x80\x93 {}", period_label(c.first, c.unit, !short_start),
                         period_label(c.last, c.unit));
    }
  }
  return {};
}

bool skips_time(const column& a, const column& b) {
  return a.kind == column_kind::period && b.kind == column_kind::period &&
         b.first > a.last + chr::days{1};
}

namespace {

/// What the axis needs of an event's date: its calendar days in its own zone.
struct event_days {
  chr::sys_days earliest{};  ///< unset when open_start
  chr::sys_days latest{};    ///< unset when open_end
  grain precision = grain::day;
  bool open_start = false, open_end = false, one_of = false;
  bool point = false;  ///< a season or a date with X digits may span periods of its precision
};

chr::sys_days civil_day(instant t, std::string_view zone) {
  const civil_time c = to_civil(t, zone);
  return chr::sys_days{chr::year{std::clamp(c.year, min_year, max_year)} / chr::month{c.month} /
                       chr::day{c.day}};
}

event_days days_of(const event& e) {
  const event_time t = e.time();
  event_days d;
  d.precision = grain_of(t.precision);
  d.open_start = t.open_start;
  d.open_end = t.open_end;
  d.one_of = t.shape == time_shape::one_of;
  d.point = t.shape == time_shape::point;
  if (!d.open_start) d.earliest = civil_day(t.earliest, e.timezone());
  if (!d.open_end) d.latest = civil_day(t.latest, e.timezone());
  return d;
}

column column_of(const event_days& d, grain unit) {
  const grain g = std::min(d.precision, unit);
  if (d.open_start) {
    const auto [first, last] = period_of(d.latest, g);
    return {first, column_kind::by, last, g};
  }
  const auto [first, last] = period_of(d.earliest, g);
  if (!d.one_of && !d.point) return {first, column_kind::period, last, g};
  if (d.open_end) return {first, column_kind::from, last, g};
  const auto [end_first, end_last] = period_of(d.latest, g);
  if (end_first == first) return {first, column_kind::period, last, g};
  return {first, column_kind::range, end_last, g};
}

axis_plan plan_at(const story& s, const std::vector<event_days>& days, grain unit) {
  axis_plan plan;
  plan.unit = unit;
  const std::size_t n = days.size();
  std::vector<column> of(n);
  for (std::size_t i = 0; i < n; ++i) of[i] = column_of(days[i], unit);
  plan.columns = of;
  std::sort(plan.columns.begin(), plan.columns.end());
  plan.columns.erase(std::unique(plan.columns.begin(), plan.columns.end()), plan.columns.end());
  plan.column_index.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    plan.column_index[i] = static_cast<std::uint32_t>(
        std::lower_bound(plan.columns.begin(), plan.columns.end(), of[i]) - plan.columns.begin());
  plan.layout_nodes = n;
  for (event_index i = 0; i < n; ++i)
    for (const relation r : s.events[i].relations()) {
      if (r.target >= n) continue;
      const std::uint32_t a = plan.column_index[i];
      const std::uint32_t b = plan.column_index[r.target];
      const std::uint32_t span = a > b ? a - b : b - a;
      if (span > 1) plan.layout_nodes += span - 1;
    }
  return plan;
}

/// Events in output order: by column, then time, then id (never by input order).
void order_events(const story& s, axis_plan& plan) {
  const std::size_t n = s.events.size();
  plan.order.resize(n);
  for (std::size_t i = 0; i < n; ++i) plan.order[i] = static_cast<event_index>(i);
  std::sort(plan.order.begin(), plan.order.end(), [&](event_index a, event_index b) {
    if (plan.column_index[a] != plan.column_index[b])
      return plan.column_index[a] < plan.column_index[b];
    const event ea = s.events[a];
    const event eb = s.events[b];
    const event_time ta = ea.time();
    const event_time tb = eb.time();
    if (ta != tb) return ta < tb;
    return ea.id() < eb.id();
  });
}

/// Rows per column at `per_row` boxes a row, and the layout nodes they make: events plus the
/// rows each relation crosses between its ends.
std::size_t wrap_rows(const story& s, axis_plan& plan, std::size_t per_row) {
  const std::size_t n = s.events.size();
  plan.rows.assign(plan.columns.size(), 0);
  std::vector<std::uint32_t>& row_of = plan.row_of;
  row_of.resize(n);
  std::uint32_t first_row = 0;  // of the current column
  for (std::size_t p = 0, in_column = 0; p < n; ++p, ++in_column) {
    const std::uint32_t c = plan.column_index[plan.order[p]];
    if (p > 0 && c != plan.column_index[plan.order[p - 1]]) {
      first_row += plan.rows[plan.column_index[plan.order[p - 1]]];
      in_column = 0;
    }
    row_of[plan.order[p]] = first_row + static_cast<std::uint32_t>(in_column / per_row);
    plan.rows[c] = static_cast<std::uint32_t>(in_column / per_row + 1);
  }
  std::size_t nodes = n;
  for (event_index i = 0; i < n; ++i)
    for (const relation r : s.events[i].relations()) {
      if (r.target >= n) continue;
      const std::uint32_t a = row_of[i];
      const std::uint32_t b = row_of[r.target];
      const std::uint32_t span = a > b ? a - b : b - a;
      if (span > 1) nodes += span - 1;
    }
  return nodes;
}

}  // namespace

axis_plan plan_axis(const story& s, time_unit unit, std::size_t layout_limit, std::size_t per_row) {
  std::vector<event_days> days;
  days.reserve(s.events.size());
  for (const event e : s.events) days.push_back(days_of(e));
  axis_plan plan;
  if (unit != time_unit::automatic) {
    plan = plan_at(s, days, grain_of(unit));
  } else if (s.events.size() > layout_limit) {
    // Every event is a layout node: above the limit no unit fits, and the loop below would
    // end at years after planning all four.
    plan = plan_at(s, days, grain::year);
  } else {
    for (const grain g : {grain::day, grain::week, grain::month, grain::year}) {
      plan = plan_at(s, days, g);
      if (plan.columns.size() <= auto_column_limit && plan.layout_nodes <= layout_limit) break;
    }
  }
  order_events(s, plan);
  std::vector<std::size_t> boxes(plan.columns.size(), 0);
  for (const std::uint32_t c : plan.column_index) ++boxes[c];
  const std::size_t widest =
      boxes.empty() ? 1 : std::max<std::size_t>(1, *std::max_element(boxes.begin(), boxes.end()));
  per_row = std::max<std::size_t>(per_row, 1);
  plan.layout_nodes = wrap_rows(s, plan, per_row);
  while (plan.layout_nodes > layout_limit && per_row < widest) {
    per_row = std::min(per_row * 2, widest);
    plan.layout_nodes = wrap_rows(s, plan, per_row);
  }
  return plan;
}

}  // namespace eventgraph::detail::dot
