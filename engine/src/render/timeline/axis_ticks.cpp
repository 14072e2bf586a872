// Ticks of the timeline's axis: the finest calendar step whose labels do not collide, and the
// coarser periods they need as context ("February 2026" under day ticks).

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "render/timeline/civil_clock.hpp"
#include "render/timeline/timeline_layout.hpp"

namespace eventgraph::detail::timeline {
namespace {

enum class unit : std::uint8_t { minute, hour, day, month, year };

struct step {
  unit u;
  int n;
  double nominal;  // seconds, for a quick lower bound on spacing
};

constexpr double day_s = 86400;
constexpr double month_s = 2629746;
constexpr double year_s = 31556952;

constexpr std::array<step, 31> steps = {{
    {unit::minute, 1, 60},
    {unit::minute, 5, 300},
    {unit::minute, 15, 900},
    {unit::minute, 30, 1800},
    {unit::hour, 1, 3600},
    {unit::hour, 3, 3 * 3600},
    {unit::hour, 6, 6 * 3600},
    {unit::hour, 12, 12 * 3600},
    {unit::day, 1, day_s},
    {unit::day, 2, 2 * day_s},
    {unit::day, 5, 5 * day_s},
    {unit::day, 10, 10 * day_s},
    {unit::day, 15, 15 * day_s},
    {unit::month, 1, month_s},
    {unit::month, 3, 3 * month_s},
    {unit::month, 6, 6 * month_s},
    {unit::year, 1, year_s},
    {unit::year, 2, 2 * year_s},
    {unit::year, 5, 5 * year_s},
    {unit::year, 10, 10 * year_s},
    {unit::year, 20, 20 * year_s},
    {unit::year, 25, 25 * year_s},
    {unit::year, 50, 50 * year_s},
    {unit::year, 100, 100 * year_s},
    {unit::year, 200, 200 * year_s},
    {unit::year, 250, 250 * year_s},
    {unit::year, 500, 500 * year_s},
    {unit::year, 1000, 1000 * year_s},
    {unit::year, 2000, 2000 * year_s},
    {unit::year, 5000, 5000 * year_s},
    {unit::year, 10000, 10000 * year_s},
}};

constexpr std::size_t max_ticks_per_segment = 200;

/// Ticks of one step within [t0, t1], at most max_ticks_per_segment + 1 (then it is too fine).
std::vector<axis_tick> ticks_of(const step& st, std::int64_t t0, std::int64_t t1,
                                const zone_clock& zc, bool bce) {
  std::vector<axis_tick> out;
  auto add = [&](date::local_seconds l, std::string label) {
    const std::int64_t t = zc.sys(l);
    if (t < t0 || t > t1) return true;
    out.push_back({0, t, std::move(label)});
    return out.size() <= max_ticks_per_segment;
  };
  const date::local_seconds l0 = zc.local(t0);
  const date::local_seconds l1 = zc.local(t1);
  const civil c0 = to_fields(l0);
  const civil c1 = to_fields(l1);
  switch (st.u) {
    case unit::minute:
    case unit::hour: {
      const std::int64_t s = st.n * (st.u == unit::minute ? 60 : 3600);
      const std::int64_t a = l0.time_since_epoch().count();
      std::int64_t k = a / s - 1;  // floor, then step in
      for (std::int64_t v = k * s; v <= l1.time_since_epoch().count() + s; v += s) {
        const date::local_seconds l{std::chrono::seconds{v}};
        const civil c = to_fields(l);
        if (!add(l, fmt::format("{:02}:{:02}", c.sec_of_day / 3600, c.sec_of_day / 60 % 60))) break;
      }
      break;
    }
    case unit::day: {
      auto day = date::floor<date::days>(l0);
      const auto last = date::floor<date::days>(l1) + date::days{1};
      for (; day <= last; day += date::days{1}) {
        const date::year_month_day ymd{day};
        const auto d = static_cast<unsigned>(ymd.day());
        const auto dim = static_cast<unsigned>((ymd.year() / ymd.month() / date::last).day());
        const auto n = static_cast<unsigned>(st.n);
        if ((d - 1) % n != 0 || (n > 1 && d + n > dim + 1)) continue;
        const std::string label =
            d == 1 ? fmt::format("{} 1", month_abbreviation(static_cast<unsigned>(ymd.month())))
                   : fmt::format("{}", d);
        if (!add(date::local_seconds{day.time_since_epoch()}, label)) break;
      }
      break;
    }
    case unit::month: {
      int y = c0.y;
      unsigned mo = c0.mo;
      while (y < c1.y || (y == c1.y && mo <= c1.mo + 1) || (y == c1.y + 1 && c1.mo == 12)) {
        if ((mo - 1) % static_cast<unsigned>(st.n) == 0) {
          if (!add(local_midnight(y, mo, 1), std::string(month_abbreviation(mo)))) break;
        }
        if (++mo == 13) {
          mo = 1;
          ++y;
        }
        if (y > c1.y + 1) break;
      }
      break;
    }
    case unit::year: {
      const int n = st.n;
      // Historical years: BCE ticks at multiples of n counted back from 1 BCE, CE ticks at
      // multiples of n (no year 0 in either).
      if (c0.y <= 0) {
        const int h_hi = 1 - c0.y;                  // earliest BCE year
        const int h_lo = c1.y <= 0 ? 1 - c1.y : 1;  // latest BCE year in range
        for (int h = (h_hi / n) * n; h >= h_lo && h >= 1; h -= n) {
          const int y = 1 - h;
          if (!add(local_midnight(y, 1, 1), year_label(y, bce))) break;
        }
      }
      if (c1.y >= 1) {
        const int lo = std::max(c0.y, 1);
        for (int y = ((lo + n - 1) / n) * n; y <= c1.y + 1; y += n) {
          if (y > 32766) break;
          if (!add(local_midnight(y, 1, 1), year_label(y, bce))) break;
        }
      }
      break;
    }
  }
  return out;
}

}  // namespace

std::string natural_date(std::int64_t t, std::string_view zone, bool inclusive_end) {
  const zone_clock zc(zone);
  const civil c = to_fields(zc.local(t));
  const civil b = inclusive_end ? to_fields(zc.local(t + 1)) : c;
  const std::string year = year_label(c.y, false);
  if (b.sec_of_day == 0 && b.d == 1 && b.mo == 1) return year;
  if (b.sec_of_day == 0 && b.d == 1) return fmt::format("{} {}", month_abbreviation(c.mo), year);
  const std::string day = fmt::format("{} {}, {}", month_abbreviation(c.mo), c.d, year);
  if (b.sec_of_day == 0) return day;
  return fmt::format("{} {:02}:{:02}", day, c.sec_of_day / 3600, c.sec_of_day / 60 % 60);
}

std::string date_at(std::int64_t t, std::string_view zone, time_precision p) {
  const civil c = to_fields(zone_clock(zone).local(t));
  switch (p) {
    case time_precision::millennium:
    case time_precision::century:
    case time_precision::decade:
      return c.y > 0 && c.y % 10 == 0 && p == time_precision::decade ? fmt::format("{}s", c.y)
                                                                     : year_label(c.y, false);
    case time_precision::year:
      return year_label(c.y, false);
    case time_precision::month:
      return fmt::format("{} {}", month_abbreviation(c.mo), year_label(c.y, false));
    case time_precision::day:
      return fmt::format("{} {}, {}", month_abbreviation(c.mo), c.d, year_label(c.y, false));
    case time_precision::hour:
    case time_precision::minute:
    case time_precision::second:
      break;
  }
  return fmt::format("{} {}, {} {:02}:{:02}", month_abbreviation(c.mo), c.d, year_label(c.y, false),
                     c.sec_of_day / 3600, c.sec_of_day / 60 % 60);
}

namespace {

/// Periods of the context unit overlapping [t0, t1], the first one starting at or before t0.
struct period {
  std::int64_t t;
  std::string long_label, short_label;
};

std::vector<period> periods_of(unit u, std::int64_t t0, std::int64_t t1, const zone_clock& zc,
                               bool bce) {
  std::vector<period> out;
  const civil c0 = to_fields(zc.local(t0));
  switch (u) {
    case unit::minute:
    case unit::hour: {
      auto day = date::floor<date::days>(zc.local(t0));
      for (int k = 0; k < 400; ++k, day += date::days{1}) {
        const date::local_seconds l{day.time_since_epoch()};
        const std::int64_t t = zc.sys(l);
        if (t > t1) break;
        const date::year_month_day ymd{day};
        const auto mo = static_cast<unsigned>(ymd.month());
        const auto d = static_cast<unsigned>(ymd.day());
        const auto y = static_cast<int>(ymd.year());
        out.push_back({t, fmt::format("{} {}, {}", month_abbreviation(mo), d, year_label(y, bce)),
                       fmt::format("{} {}", month_abbreviation(mo), d)});
      }
      break;
    }
    case unit::day: {
      int y = c0.y;
      unsigned mo = c0.mo;
      for (int k = 0; k < 400; ++k) {
        const std::int64_t t = zc.sys(local_midnight(y, mo, 1));
        if (t > t1) break;
        out.push_back({t, fmt::format("{} {}", month_name(mo), year_label(y, bce)),
                       fmt::format("{} {}", month_abbreviation(mo), year_label(y, bce))});
        if (++mo == 13) {
          mo = 1;
          ++y;
        }
      }
      break;
    }
    case unit::month: {
      for (int y = c0.y, k = 0; k < 400 && y < 32767; ++y, ++k) {
        const std::int64_t t = zc.sys(local_midnight(y, 1, 1));
        if (t > t1) break;
        out.push_back({t, year_label(y, bce), year_label(y, bce)});
      }
      break;
    }
    case unit::year:
      break;
  }
  return out;
}

}  // namespace

segment_ticks make_ticks(const axis_segment& seg, std::string_view zone, bool bce, const metrics& m,
                         bool first, bool last) {
  const zone_clock zc(zone);
  const double span = static_cast<double>(seg.t1 - seg.t0);
  const double scale = span > 0 ? (seg.x1 - seg.x0) / span : 0;
  // Labels may reach halfway into a neighbouring break, no further; at the plot's ends a
  // little beyond it (the lane labels are below the axis, not beside it).
  const double lo = first ? seg.x0 - 40 : seg.x0 - m.break_width / 2 + 3;
  const double hi = last ? seg.x1 + 40 : seg.x1 + m.break_width / 2 - 3;
  auto x_of = [&](std::int64_t t) { return seg.x0 + static_cast<double>(t - seg.t0) * scale; };
  segment_ticks out;
  const step* chosen = nullptr;
  const step* fallback_step = nullptr;
  std::vector<axis_tick> fallback;
  for (const step& st : steps) {
    if (st.nominal * scale < 24 || st.nominal < m.finest_tick) continue;
    std::vector<axis_tick> ticks = ticks_of(st, seg.t0, seg.t1, zc, bce);
    if (ticks.size() > max_ticks_per_segment) continue;
    std::vector<axis_tick> kept;
    for (auto& t : ticks) {
      t.x = x_of(t.t);
      const double w = text_width(t.label, tick_font);
      if (t.x - w / 2 >= lo && t.x + w / 2 <= hi) kept.push_back(std::move(t));
    }
    bool fits = true;
    for (std::size_t i = 1; i < kept.size() && fits; ++i) {
      const double need =
          (text_width(kept[i - 1].label, tick_font) + text_width(kept[i].label, tick_font)) / 2 +
          14;
      fits = kept[i].x - kept[i - 1].x >= std::max(need, 48.0);
    }
    if (!fits) continue;
    if (kept.size() >= 2) {
      out.fine = std::move(kept);
      chosen = &st;
      break;
    }
    if (kept.size() == 1 && fallback.empty()) {
      fallback = std::move(kept);
      fallback_step = &st;
    }
  }
  if (chosen == nullptr) {
    out.fine = std::move(fallback);
    chosen = fallback_step;
  }
  if (chosen == nullptr) return out;

  // The context row: each period left-aligned at its start (the first at the segment's left
  // edge); all in the long form when each fits before the next, else all short ("Feb 2022",
  // never beside "March 2022"); one that does not fit even so is dropped.
  const std::vector<period> ps = periods_of(chosen->u, seg.t0, seg.t1, zc, bce);
  auto fits = [&](std::size_t i, const std::string& text) {
    const double x = std::max(seg.x0, x_of(ps[i].t));
    const double next = i + 1 < ps.size() ? x_of(ps[i + 1].t) - 10 : hi;
    return x + text_width(text, context_font, true) <= std::min(next, hi);
  };
  bool all_long = true;
  for (std::size_t i = 0; i < ps.size() && all_long; ++i)
    all_long = fits(i, ps[i].long_label) || !fits(i, ps[i].short_label);
  for (std::size_t i = 0; i < ps.size(); ++i) {
    // A short form that only drops the year ("Feb 12" of "Feb 12, 2026") is long on the first
    // label, so the year is said once.
    const bool year_once = out.context.empty() && ps[i].long_label.starts_with(ps[i].short_label) &&
                           fits(i, ps[i].long_label);
    const std::string& text = all_long || year_once ? ps[i].long_label : ps[i].short_label;
    if (!fits(i, text)) continue;  // the next period's label says it better
    out.context.push_back({std::max(seg.x0, x_of(ps[i].t)), std::max(ps[i].t, seg.t0), text});
  }
  return out;
}

}  // namespace eventgraph::detail::timeline
