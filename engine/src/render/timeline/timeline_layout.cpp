// Geometry of the native timeline: the time axis (linear pieces, breaks, ticks), lanes, rows of
// markers and labels placed without overlaps, clusters for dense lanes, and response arrows.

#include "render/timeline/timeline_layout.hpp"

#include "time/calendar_text.hpp"
#include "time/zone.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>
#include <tuple>
#include <unordered_map>

namespace eventgraph::detail::timeline {
namespace {

// ---------------------------------------------------------------------------------------------
// Text measurement

// Advance widths of ASCII 32..126 in DejaVu Sans and DejaVu Sans Bold, in font units (2048/em),
// read from the fonts' hmtx tables.
constexpr std::array<std::uint16_t, 95> regular_widths = {
    651,  821,  942,  1716, 1303, 1946, 1597, 563,  799,  799,  1024, 1716, 651,  739,  651,  690,
    1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690,  690,  1716, 1716, 1716, 1087,
    2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604,  604,  1343, 1141, 1767, 1532, 1612,
    1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799,  690,  799,  1716, 1024,
    1024, 1255, 1300, 1126, 1300, 1260, 721,  1300, 1298, 569,  569,  1186, 569,  1995, 1298, 1253,
    1300, 1300, 842,  1067, 803,  1298, 1212, 1675, 1212, 1212, 1075, 1303, 690,  1303, 1716};
constexpr std::array<std::uint16_t, 95> bold_widths = {
    713,  934,  1067, 1716, 1425, 2052, 1786, 627,  936,  936,  1071, 1716, 778,  850,  778,  748,
    1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 819,  819,  1716, 1716, 1716, 1188,
    2048, 1585, 1561, 1503, 1700, 1399, 1399, 1681, 1714, 762,  762,  1587, 1305, 2038, 1714, 1741,
    1501, 1741, 1577, 1475, 1397, 1663, 1585, 2259, 1579, 1483, 1485, 936,  748,  936,  1716, 1024,
    1024, 1382, 1466, 1214, 1466, 1389, 891,  1466, 1458, 702,  702,  1362, 702,  2134, 1458, 1407,
    1466, 1466, 1010, 1219, 979,  1458, 1335, 1892, 1321, 1335, 1192, 1458, 748,  1458, 1716};

/// Decodes one code point at `i` (advancing it); malformed bytes count as one U+FFFD each.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  i += len;
  return cp;
}

/// Width of one code point in font units.
double advance(char32_t cp, bool bold) {
  if (cp >= 32 && cp < 127) return (bold ? bold_widths : regular_widths)[cp - 32];
  if (cp < 32 || (cp >= 0x7F && cp < 0xA0)) return 0;  // control: removed on output
  if (cp >= 0x300 && cp < 0x370) return 0;             // combining marks
  if ((cp >= 0x1100 && cp < 0x1160) || (cp >= 0x2E80 && cp < 0xA4D0) ||
      (cp >= 0xAC00 && cp < 0xD7A4) || (cp >= 0xF900 && cp < 0xFB00) ||
      (cp >= 0xFE30 && cp < 0xFE50) || (cp >= 0xFF00 && cp < 0xFF61) || cp >= 0x1F300)
    return 2048;              // wide: CJK, Hangul, fullwidth forms, emoji
  return bold ? 1460 : 1302;  // Latin-1, Latin Extended, Greek, Cyrillic: DejaVu's average
}

constexpr double font_units = 2048.0;

// ---------------------------------------------------------------------------------------------
// Zones and civil time

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

std::string year_label(int y, bool bce_on_axis) {
  return year_text(y, bce_on_axis ? era_mark::early_ce_too : era_mark::bce_only);
}

struct civil {
  int y = 1970;
  unsigned mo = 1, d = 1;
  std::int64_t sec_of_day = 0;
};

civil to_fields(date::local_seconds l) {
  const auto day = date::floor<date::days>(l);
  const date::year_month_day ymd{day};
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
          static_cast<unsigned>(ymd.day()), (l - day).count()};
}

date::local_seconds local_midnight(int y, unsigned mo, unsigned d) {
  return date::local_seconds{
      date::local_days{date::year{y} / date::month{mo} / date::day{d}}.time_since_epoch()};
}

// ---------------------------------------------------------------------------------------------
// Tick steps

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

constexpr double tick_font = 11;
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

bool is_midnight(std::int64_t t, const zone_clock& zc) {
  return to_fields(zc.local(t)).sec_of_day == 0;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Text

double text_width(std::string_view utf8, double font_px, bool bold) {
  double units = 0;
  for (std::size_t i = 0; i < utf8.size();) units += advance(next_code_point(utf8, i), bold);
  return units * font_px / font_units;
}

std::string fit_text(std::string_view text, double font_px, double max_px, bool bold) {
  if (text_width(text, font_px, bold) <= max_px) return std::string(text);
  const double budget = (max_px * font_units / font_px) - 2048;  // room for "…"
  double units = 0;
  std::size_t i = 0;
  std::size_t cut = 0;
  while (i < text.size()) {
    units += advance(next_code_point(text, i), bold);
    if (units > budget) break;
    cut = i;
  }
  std::string out(text.substr(0, cut));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  out += "\xE2\x80\xA6";
  return out;
}

namespace {

/// Up to `max_lines` lines of at most `max_px`, broken at spaces; the last is cut with "…".
std::vector<std::string> wrap_text(std::string_view text, double font_px, double max_px,
                                   std::size_t max_lines, bool bold = false) {
  std::vector<std::string> lines;
  while (!text.empty() && lines.size() + 1 < max_lines &&
         text_width(text, font_px, bold) > max_px) {
    // The longest prefix ending before a space that fits.
    std::size_t best = std::string_view::npos;
    for (std::size_t pos = text.find(' '); pos != std::string_view::npos;
         pos = text.find(' ', pos + 1)) {
      if (text_width(text.substr(0, pos), font_px, bold) > max_px) break;
      best = pos;
    }
    if (best == std::string_view::npos || best == 0) break;  // one long word: cut below
    lines.emplace_back(text.substr(0, best));
    text.remove_prefix(best + 1);
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  }
  if (!text.empty() || lines.empty()) lines.push_back(fit_text(text, font_px, max_px, bold));
  return lines;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Axis

double time_axis::x(std::int64_t t) const {
  if (t <= segments.front().t0) return segments.front().x0;
  if (t >= segments.back().t1) return segments.back().x1;
  auto it = std::upper_bound(segments.begin(), segments.end(), t,
                             [](std::int64_t v, const axis_segment& s) { return v < s.t0; });
  const axis_segment& s = *(it - 1);
  if (t <= s.t1) {
    if (s.t1 == s.t0) return s.x0;
    return s.x0 +
           (s.x1 - s.x0) * (static_cast<double>(t - s.t0) / static_cast<double>(s.t1 - s.t0));
  }
  const axis_segment& next = *it;  // in the break after s
  const double f = static_cast<double>(t - s.t1) / static_cast<double>(next.t0 - s.t1);
  return s.x1 + (next.x0 - s.x1) * f;
}

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

namespace {

constexpr double context_font = 11;

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
    if (st.nominal * scale < 24) continue;
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
  // edge); long form when it fits before the next, short form, or dropped.
  const std::vector<period> ps = periods_of(chosen->u, seg.t0, seg.t1, zc, bce);
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const double x = std::max(seg.x0, x_of(ps[i].t));
    const double next = i + 1 < ps.size() ? x_of(ps[i + 1].t) - 10 : hi;
    const double limit = std::min(next, hi);
    std::string text;
    if (x + text_width(ps[i].long_label, context_font, true) <= limit) {
      text = ps[i].long_label;
    } else if (x + text_width(ps[i].short_label, context_font, true) <= limit) {
      text = ps[i].short_label;
    } else {
      continue;  // the next period's label says it better
    }
    out.context.push_back({x, std::max(ps[i].t, seg.t0), std::move(text)});
  }
  return out;
}

time_axis make_axis(std::vector<std::int64_t> keys, double x_left, double width,
                    std::string_view zone, bool compress, const metrics& m,
                    std::vector<std::pair<std::int64_t, std::int64_t>> whole) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  if (keys.empty()) keys.push_back(0);

  // Gaps that are more than half of what remains become breaks, largest first, at most 8.
  std::vector<std::size_t> breaks;  // a break after keys[i]
  if (compress && keys.size() >= 5) {
    // Merge the extents that must stay whole, then skip gaps inside them.
    std::sort(whole.begin(), whole.end());
    std::vector<std::pair<std::int64_t, std::int64_t>> merged;
    for (const auto& w : whole) {
      if (!merged.empty() && w.first <= merged.back().second)
        merged.back().second = std::max(merged.back().second, w.second);
      else
        merged.push_back(w);
    }
    auto inside = [&](std::int64_t a, std::int64_t b) {
      auto it = std::upper_bound(merged.begin(), merged.end(), a,
                                 [](std::int64_t v, const auto& w) { return v < w.first; });
      return it != merged.begin() && (it - 1)->second >= b;
    };
    std::vector<std::pair<std::int64_t, std::size_t>> gaps;
    gaps.reserve(keys.size() - 1);
    for (std::size_t i = 0; i + 1 < keys.size(); ++i)
      if (!inside(keys[i], keys[i + 1])) gaps.emplace_back(keys[i + 1] - keys[i], i);
    const std::size_t top = std::min<std::size_t>(8, gaps.size());
    std::partial_sort(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(top), gaps.end(),
                      [](const auto& a, const auto& b) {
                        return a.first != b.first ? a.first > b.first : a.second < b.second;
                      });
    const auto total = static_cast<double>(keys.back() - keys.front());
    double remaining = total;
    for (std::size_t g = 0; g < top; ++g) {
      const auto size = static_cast<double>(gaps[g].first);
      if (!(size > 0.5 * remaining) || !(size > 0.05 * total)) break;
      breaks.push_back(gaps[g].second);
      remaining -= size;
    }
    std::sort(breaks.begin(), breaks.end());
  }

  time_axis axis;
  std::vector<double> weight;  // room goes where the events are: instants in the segment, less one
  std::size_t begin = 0;
  for (std::size_t b = 0; b <= breaks.size(); ++b) {
    const std::size_t end = b < breaks.size() ? breaks[b] : keys.size() - 1;
    weight.push_back(static_cast<double>(end - begin));
    const std::int64_t a = keys[begin], z = keys[end];
    const std::int64_t d = z - a;
    const std::int64_t pad = d > 0 ? std::max<std::int64_t>(d * 3 / 100, 60) : 43200;
    axis.segments.push_back({a - pad, z + pad, 0, 0});
    begin = end + 1;
  }
  // Keep neighbours apart: padding never reaches into the next segment.
  for (std::size_t i = 0; i + 1 < axis.segments.size(); ++i) {
    auto& l = axis.segments[i];
    auto& r = axis.segments[i + 1];
    if (l.t1 >= r.t0) {
      const std::int64_t mid = keys[breaks[i]] + (keys[breaks[i] + 1] - keys[breaks[i]]) / 2;
      l.t1 = std::min(l.t1, mid - 1);
      r.t0 = std::max(r.t0, mid);
    }
  }

  // Widths: one segment takes the whole plot; several share it by how many instants each holds
  // (each is linear inside, so dense stretches get the room), none narrower than
  // min_segment_width.
  const std::size_t n = axis.segments.size();
  if (n == 1) weight[0] = 1;
  const double avail = width - m.break_width * static_cast<double>(n - 1);
  const double min_w = std::min(m.min_segment_width, avail / static_cast<double>(n));
  std::vector<double> w(n, 0);
  std::vector<bool> fixed(n, false);
  for (bool changed = true; changed;) {
    changed = false;
    double fixed_w = 0, free_weight = 0;
    std::size_t free_count = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (fixed[i]) {
        fixed_w += min_w;
      } else {
        free_weight += weight[i];
        ++free_count;
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (fixed[i]) {
        w[i] = min_w;
        continue;
      }
      w[i] = free_weight > 0 ? (avail - fixed_w) * weight[i] / free_weight
                             : (avail - fixed_w) / static_cast<double>(free_count);
      if (w[i] < min_w) {
        fixed[i] = true;
        changed = true;
      }
    }
  }
  double x = x_left;
  for (std::size_t i = 0; i < n; ++i) {
    axis.segments[i].x0 = x;
    axis.segments[i].x1 = x + w[i];
    x += w[i] + m.break_width;
  }

  const bool bce = to_fields(zone_clock(zone).local(keys.front())).y <= 0;
  for (std::size_t i = 0; i < n; ++i) {
    const axis_segment& seg = axis.segments[i];
    const std::int64_t key = keys[i == 0 ? 0 : breaks[i - 1] + 1];
    const bool lone = n > 1 && key == keys[i < breaks.size() ? breaks[i] : keys.size() - 1];
    segment_ticks ticks;
    if (!lone) ticks = make_ticks(seg, zone, bce, m, i == 0, i + 1 == n);
    if (ticks.fine.empty()) {  // a lone instant, or nothing fits: one tick naming it
      const zone_clock zc(zone);
      const bool end_like = !is_midnight(key, zc) && is_midnight(key + 1, zc);
      ticks.fine.push_back({axis.x(key), key, natural_date(key, zone, end_like)});
      ticks.context.clear();
    }
    for (auto& t : ticks.fine) axis.ticks.push_back(std::move(t));
    for (auto& t : ticks.context) axis.context.push_back(std::move(t));
  }
  return axis;
}

// ---------------------------------------------------------------------------------------------
// Boxes

box mark::marker_box(const metrics& m) const {
  switch (shape) {
    case mark_shape::point:
      return {x0 - m.marker_radius, y - m.marker_radius, x0 + m.marker_radius, y + m.marker_radius};
    case mark_shape::bar:
    case mark_shape::range:
      return {x0, y - 6, x1, y + 6};
    case mark_shape::cluster:
      return {x0, y - 8, x1, y + 8};
  }
  return {};
}

box mark::label_box(const metrics& m) const {
  if (label_width <= 0) return {label_x, y, label_x, y};
  const double lines = static_cast<double>(label_lines.size());
  return {label_x, y - 8, label_x + label_width, y + 6 + (lines - 1) * m.row_height};
}

// ---------------------------------------------------------------------------------------------
// Lanes

std::vector<actor_index> lane_owner(const story& s, lane_grouping grouping) {
  const auto n = static_cast<actor_index>(s.actors.size());
  std::vector<actor_index> owner(n);
  std::iota(owner.begin(), owner.end(), actor_index{0});
  if (grouping != lane_grouping::organization) return owner;
  // Follow first parents upward; memoized, iterative, cycle-safe (a visit stamp per start).
  constexpr actor_index unknown = std::numeric_limits<actor_index>::max();
  std::vector<actor_index> memo(n, unknown);
  std::vector<actor_index> stamp(n, unknown);
  std::vector<actor_index> path;
  for (actor_index a = 0; a < n; ++a) {
    if (memo[a] != unknown) continue;
    path.clear();
    actor_index cur = a;
    actor_index root = unknown;
    while (true) {
      if (memo[cur] != unknown) {
        root = memo[cur];
        break;
      }
      if (stamp[cur] == a) {  // a cycle: stop at the actor that closes it
        root = cur;
        break;
      }
      stamp[cur] = a;
      path.push_back(cur);
      const auto& parents = s.actors[cur].member_of;
      if (parents.empty() || parents.front() >= n) {
        root = cur;
        break;
      }
      cur = parents.front();
    }
    for (actor_index p : path) memo[p] = root;
  }
  return memo;
}

namespace {

constexpr double label_gap = 5;    // between a marker and its label
constexpr double item_gap = 8;     // between two items in one row
constexpr double badge_font = 10;  // the count in a cluster
constexpr std::uint32_t no_mark = std::numeric_limits<std::uint32_t>::max();

/// One occurrence of an event in a lane, before rows are assigned.
struct item {
  event_index event = 0;
  bool primary = true;
  double x0 = 0, x1 = 0;  // raw extent (clamped to the plot)
};

/// Min over leaves, with "leftmost leaf whose value is below x" in O(log n).
class min_tree {
 public:
  explicit min_tree(std::size_t n)
      : size_(std::bit_ceil(std::max<std::size_t>(n, 1))),
        v_(2 * size_, -std::numeric_limits<double>::infinity()) {}
  void set(std::size_t i, double x) {
    if (i >= size_) return;
    i += size_;
    v_[i] = x;
    for (i >>= 1; i > 0; i >>= 1) v_[i] = std::min(v_[2 * i], v_[2 * i + 1]);
  }
  [[nodiscard]] std::size_t leftmost_below(double x) const {
    if (!(v_[1] < x)) return std::numeric_limits<std::size_t>::max();
    std::size_t i = 1;
    while (i < size_) i = v_[2 * i] < x ? 2 * i : 2 * i + 1;
    return i - size_;
  }

 private:
  std::size_t size_;
  std::vector<double> v_;
};

/// Greedy row assignment: each mark goes to the lowest row (pair of rows for a two-line label)
/// free at its left end. Marks sorted by left end of what they occupy. O(n log n).
class row_packer {
 public:
  explicit row_packer(std::size_t capacity)
      : ends_(capacity + 2, -std::numeric_limits<double>::infinity()),
        single_(capacity + 1),
        pairs_(capacity + 1) {}
  /// The row, or npos when it would be at or beyond `limit`.
  std::size_t place(double left, double right, std::size_t rows_needed, std::size_t limit) {
    const std::size_t r =
        rows_needed == 1 ? single_.leftmost_below(left) : pairs_.leftmost_below(left);
    if (r == std::numeric_limits<std::size_t>::max() || r + rows_needed > limit ||
        r + rows_needed > ends_.size() - 1)
      return std::numeric_limits<std::size_t>::max();
    for (std::size_t k = 0; k < rows_needed; ++k) set(r + k, right);
    used_ = std::max(used_, r + rows_needed);
    return r;
  }
  [[nodiscard]] std::size_t rows() const { return used_; }

 private:
  void set(std::size_t r, double v) {
    ends_[r] = v;
    single_.set(r, v);
    if (r > 0) pairs_.set(r - 1, std::max(ends_[r - 1], ends_[r]));
    pairs_.set(r, std::max(ends_[r], ends_[r + 1]));
  }
  std::vector<double> ends_;
  min_tree single_;
  min_tree pairs_;
  std::size_t used_ = 0;
};

struct lane_result {
  std::vector<mark> marks;
  std::vector<std::vector<event_index>> cluster_members;
  std::vector<std::vector<bool>> cluster_primary;
  std::uint32_t rows = 1;
};

struct placer {
  const story& s;
  const metrics& m;
  const time_axis& axis;
  double right_limit;

  /// Shape and label of one event's mark (row not yet known).
  mark make_mark(const item& it, std::uint32_t lane_index, bool with_label) const {
    const event e = s.events[it.event];
    const event_time t = e.time();
    mark mk;
    mk.event = it.event;
    mk.lane = lane_index;
    mk.primary = it.primary;
    mk.uncertain = t.uncertain || t.approximate;
    mk.fade_left = t.open_start;
    mk.fade_right = t.open_end;
    const double w = it.x1 - it.x0;
    const bool imprecise =
        t.shape == time_shape::one_of || t.precision < time_precision::day || t.approximate;
    if (t.shape == time_shape::interval && w >= 8) {
      mk.shape = mark_shape::bar;
    } else if ((imprecise && w >= 8) || w > 120) {
      mk.shape = mark_shape::range;
    } else {
      mk.shape = mark_shape::point;
    }
    mk.x0 = mk.shape == mark_shape::point ? (it.x0 + it.x1) / 2 : it.x0;
    mk.x1 = mk.shape == mark_shape::point ? mk.x0 : it.x1;
    if (!with_label) return mk;
    const std::string_view title = e.title().empty() ? e.id() : e.title();
    const double one_line = text_width(title, m.label_font);
    const double r = mk.shape == mark_shape::point ? m.marker_radius : 0;
    if (mk.shape != mark_shape::point && one_line + 12 <= mk.x1 - mk.x0) {
      mk.label_inside = true;
      mk.label_lines = {std::string(title)};
      mk.label_width = one_line;
      mk.label_x = mk.fade_left && !mk.fade_right ? mk.x1 - 6 - one_line : mk.x0 + 6;
      return mk;
    }
    mk.label_lines = wrap_text(title, m.label_font, m.max_label_width, 2);
    for (const auto& line : mk.label_lines)
      mk.label_width = std::max(mk.label_width, text_width(line, m.label_font));
    const double right_x = mk.x1 + r + label_gap;
    const double left_x = mk.x0 - r - label_gap - mk.label_width;
    mk.label_x = right_x + mk.label_width <= right_limit || left_x < axis.left() ? right_x : left_x;
    return mk;
  }

  static std::pair<double, double> occupied(const mark& mk, const metrics& m) {
    const box b = mk.marker_box(m);
    double lo = b.x0, hi = b.x1;
    if (mk.label_width > 0) {
      lo = std::min(lo, mk.label_x);
      hi = std::max(hi, mk.label_x + mk.label_width);
    }
    return {lo, hi};
  }

  /// Rows for marks; false when more than `limit` rows would be needed.
  bool pack(std::vector<mark>& marks, std::size_t limit, std::uint32_t& rows) const {
    std::vector<std::pair<double, std::uint32_t>> order;
    order.reserve(marks.size());
    for (std::uint32_t i = 0; i < marks.size(); ++i)
      order.emplace_back(occupied(marks[i], m).first, i);
    std::sort(order.begin(), order.end());
    std::size_t capacity = 0;
    for (const auto& mk : marks) capacity += std::max<std::size_t>(1, mk.label_lines.size());
    row_packer packer(std::min(capacity, limit) + 1);
    for (const auto& [left, i] : order) {
      mark& mk = marks[i];
      const auto [lo, hi] = occupied(mk, m);
      const std::size_t need = std::max<std::size_t>(1, mk.label_lines.size());
      const std::size_t r = packer.place(lo, hi + item_gap, need, limit);
      if (r == std::numeric_limits<std::size_t>::max()) return false;
      mk.row = static_cast<std::uint32_t>(r);
    }
    rows = static_cast<std::uint32_t>(std::max<std::size_t>(1, packer.rows()));
    return true;
  }

  /// Merges items whose left ends are less than `width` apart into clusters.
  void cluster(const std::vector<item>& items, double width, std::uint32_t lane_index,
               bool label_singletons, lane_result& out) const {
    out.marks.clear();
    out.cluster_members.clear();
    out.cluster_primary.clear();
    for (std::size_t i = 0; i < items.size();) {
      std::size_t j = i;
      while (j + 1 < items.size() && items[j + 1].x0 - items[i].x0 < width) ++j;
      if (j == i) {
        out.marks.push_back(make_mark(items[i], lane_index, label_singletons));
      } else {
        mark mk;
        mk.event = items[i].event;
        mk.lane = lane_index;
        mk.shape = mark_shape::cluster;
        mk.count = static_cast<std::uint32_t>(j - i + 1);
        mk.primary = false;
        const double text = text_width(fmt::format("{}", mk.count), badge_font, true) + 10;
        const double a = items[i].x0, b = items[j].x0;
        const double mid = (a + b) / 2;
        const double half = std::max(text, b - a + 10) / 2;
        mk.x0 = mid - half;
        mk.x1 = mid + half;
        mk.first_member = static_cast<std::uint32_t>(out.cluster_members.size());
        std::vector<event_index> members;
        std::vector<bool> primary;
        for (std::size_t k = i; k <= j; ++k) {
          members.push_back(items[k].event);
          primary.push_back(items[k].primary);
        }
        out.cluster_members.push_back(std::move(members));
        out.cluster_primary.push_back(std::move(primary));
        out.marks.push_back(std::move(mk));
      }
      i = j + 1;
    }
  }

  lane_result place_lane(const std::vector<item>& items, std::uint32_t lane_index,
                         bool full_detail) const {
    lane_result out;
    const double plot = axis.right() - axis.left();
    // Fewer than this many events can have labels in max_rows rows; more go straight to clusters.
    const double label_capacity = static_cast<double>(m.max_rows) * plot / 30.0;
    if (full_detail || static_cast<double>(items.size()) <= label_capacity) {
      out.marks.reserve(items.size());
      for (const item& it : items) out.marks.push_back(make_mark(it, lane_index, true));
      // A lane of few events is never merged: it grows rows instead.
      const std::size_t limit = full_detail || items.size() <= m.few_events
                                    ? std::numeric_limits<std::size_t>::max()
                                    : m.max_rows;
      if (pack(out.marks, limit, out.rows)) return out;
    }
    for (double width = 12;; width *= 2) {
      const bool last = width > plot;
      cluster(items, width, lane_index, !last, out);
      if (pack(out.marks, last ? std::numeric_limits<std::size_t>::max() : m.max_rows, out.rows))
        return out;
    }
  }
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// The whole layout

layout compute_layout(const story& s, const render_options& options, double top,
                      const metrics& metrics_in) {
  layout out;
  out.m = metrics_in;
  const metrics& m = out.m;
  const std::string_view zone = s.timezone;

  // Lanes: actors (or their top organizations) that have events, in file order.
  const std::vector<actor_index> owner = lane_owner(s, options.lanes);
  constexpr std::uint32_t no_lane = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> lane_of_actor(s.actors.size(), no_lane);
  std::vector<bool> used(s.actors.size(), false);
  bool unattributed = false;
  for (const event e : s.events) {
    if (e.actors().empty()) unattributed = true;
    for (actor_index a : e.actors())
      if (a < s.actors.size()) used[owner[a]] = true;
  }
  std::vector<actor_index> lane_actor;
  for (actor_index a = 0; a < s.actors.size(); ++a) {
    if (!used[a]) continue;
    lane_actor.push_back(a);
  }
  std::vector<std::uint32_t> lane_of_owner(s.actors.size(), no_lane);
  for (std::uint32_t l = 0; l < lane_actor.size(); ++l) lane_of_owner[lane_actor[l]] = l;
  for (actor_index a = 0; a < s.actors.size(); ++a) lane_of_actor[a] = lane_of_owner[owner[a]];
  const auto lane_count = static_cast<std::uint32_t>(lane_actor.size() + (unattributed ? 1 : 0));

  // Lane labels and the gutter.
  out.lanes.resize(lane_count);
  double gutter_text = 60;
  for (std::uint32_t l = 0; l < lane_count; ++l) {
    lane& ln = out.lanes[l];
    ln.colour = l;
    if (l < lane_actor.size()) {
      const actor& a = s.actors[lane_actor[l]];
      ln.label = a.name.empty() ? a.id : a.name;
      ln.detail = a.role;
    } else {
      ln.label = "Unattributed";
    }
    gutter_text = std::max(gutter_text, text_width(ln.label, 12, true));
  }
  if (options.lanes == lane_grouping::organization) {
    // Detail: the members whose events are in the lane, in file order.
    std::vector<std::vector<std::string_view>> members(lane_count);
    std::vector<bool> seen(s.actors.size(), false);
    for (const event e : s.events)
      for (actor_index a : e.actors())
        if (a < s.actors.size() && !seen[a]) seen[a] = true;
    for (actor_index a = 0; a < s.actors.size(); ++a)
      if (seen[a] && owner[a] != a && lane_of_actor[a] != no_lane)
        members[lane_of_actor[a]].push_back(s.actors[a].name);
    for (std::uint32_t l = 0; l < lane_actor.size(); ++l) {
      if (members[l].empty()) continue;
      std::string d;
      for (auto name : members[l]) d += (d.empty() ? "" : ", ") + std::string(name);
      out.lanes[l].detail = d;
    }
  }
  out.gutter = std::min(m.max_gutter, gutter_text + 24);
  for (lane& ln : out.lanes) {
    ln.label_lines = wrap_text(ln.label, 12, out.gutter - 20, 2, true);
    if (!ln.detail.empty()) ln.detail = fit_text(ln.detail, 10, out.gutter - 20);
  }

  // The axis, from every finite endpoint.
  std::vector<std::int64_t> keys;
  keys.reserve(s.events.size() * 2);
  auto open_start = [](const event_time& t) {
    return t.open_start || t.earliest <= unbounded_past;
  };
  auto open_end = [](const event_time& t) { return t.open_end || t.latest >= unbounded_future; };
  std::vector<std::pair<std::int64_t, std::int64_t>> whole;
  for (const event e : s.events) {
    const event_time t = e.time();
    const std::int64_t a = t.earliest.time_since_epoch().count();
    const std::int64_t b = t.latest.time_since_epoch().count();
    if (!open_start(t)) keys.push_back(a);
    if (!open_end(t)) keys.push_back(b);
    if (t.shape != time_shape::interval && !open_start(t) && !open_end(t)) whole.emplace_back(a, b);
  }
  if (!keys.empty()) {
    const auto [lo, hi] = std::minmax_element(keys.begin(), keys.end());
    out.first = *lo;
    out.last = *hi;
    out.have_span = true;
  }
  const double plot_left = out.gutter + 12;
  out.axis = make_axis(std::move(keys), plot_left, m.plot_width, zone, options.compress_gaps, m,
                       std::move(whole));
  out.has_bce = out.have_span && to_fields(zone_clock(zone).local(out.first)).y <= 0;

  // Occurrences, bucketed by lane.
  std::vector<std::vector<item>> by_lane(lane_count);
  std::vector<std::uint32_t> stamp(lane_count, no_lane);
  for (event_index i = 0; i < s.events.size(); ++i) {
    const event e = s.events[i];
    const event_time t = e.time();
    item it;
    it.event = i;
    it.x0 = open_start(t) ? out.axis.left() : out.axis.x(t.earliest.time_since_epoch().count());
    it.x1 = open_end(t) ? out.axis.right() : out.axis.x(t.latest.time_since_epoch().count());
    bool first = true;
    auto add = [&](std::uint32_t l) {
      if (l == no_lane || stamp[l] == i) return;
      stamp[l] = i;
      it.primary = first;
      first = false;
      by_lane[l].push_back(it);
    };
    for (actor_index a : e.actors())
      if (a < s.actors.size()) add(lane_of_actor[a]);
    if (e.actors().empty()) add(lane_count - 1);
  }

  // Rows within each lane; labels may run past the plot by a little before flipping left.
  const placer p{s, m, out.axis, out.axis.right() + 140};
  std::vector<std::uint32_t> event_mark(s.events.size(), no_mark);  // primary occurrence
  // Other occurrences of multi-actor events, so an arrow can stay within one lane.
  std::unordered_map<std::uint64_t, std::uint32_t> other_lanes;
  auto lane_key = [](event_index e, std::uint32_t lane_index) {
    return (static_cast<std::uint64_t>(e) << 32) | lane_index;
  };
  double y = top;
  out.plot_top = top;
  for (std::uint32_t l = 0; l < lane_count; ++l) {
    auto& items = by_lane[l];
    std::sort(items.begin(), items.end(), [&](const item& a, const item& b) {
      return std::tie(a.x0, a.x1, a.event) < std::tie(b.x0, b.x1, b.event);
    });
    lane_result r = p.place_lane(items, l, options.full_detail);
    lane& ln = out.lanes[l];
    ln.rows = r.rows;
    const double label_block =
        static_cast<double>(ln.label_lines.size()) * 15 + (ln.detail.empty() ? 0 : 13) + 10;
    ln.y = y;
    ln.height =
        std::max(static_cast<double>(ln.rows) * m.row_height + 2 * m.lane_padding, label_block);
    const double rows_top = y + (ln.height - static_cast<double>(ln.rows) * m.row_height) / 2;
    // Marks in a stable order: row, then x.
    std::sort(r.marks.begin(), r.marks.end(), [](const mark& a, const mark& b) {
      return std::tie(a.row, a.x0, a.x1, a.event) < std::tie(b.row, b.x0, b.x1, b.event);
    });
    for (mark& mk : r.marks) {
      mk.y = rows_top + (static_cast<double>(mk.row) + 0.5) * m.row_height;
      const auto index = static_cast<std::uint32_t>(out.marks.size());
      if (mk.shape == mark_shape::cluster) {
        const auto& members = r.cluster_members[mk.first_member];
        const auto& primary = r.cluster_primary[mk.first_member];
        mk.first_member = static_cast<std::uint32_t>(out.members.size());
        for (std::size_t k = 0; k < members.size(); ++k) {
          out.members.push_back(members[k]);
          if (primary[k]) event_mark[members[k]] = index;
        }
        ++out.clusters;
        out.events_in_clusters += mk.count;
      } else if (mk.primary) {
        event_mark[mk.event] = index;
      } else {
        other_lanes.emplace(lane_key(mk.event, l), index);
      }
      out.marks.push_back(std::move(mk));
    }
    y += ln.height;
  }
  out.plot_bottom = y;

  // Arrows: one per (earlier mark, later mark, type), counted.
  std::vector<arrow> arrows;
  for (event_index i = 0; i < s.events.size(); ++i) {
    for (const relation rel : s.events[i].relations()) {
      if (rel.target >= s.events.size()) continue;
      std::uint32_t from = event_mark[rel.target];
      const std::uint32_t to = event_mark[i];
      if (to != no_mark && !other_lanes.empty()) {
        const auto same = other_lanes.find(lane_key(rel.target, out.marks[to].lane));
        if (same != other_lanes.end()) from = same->second;
      }
      // Arrows into or out of merged events would only hatch the plot: counted, not drawn.
      if (from == no_mark || to == no_mark || from == to ||
          out.marks[from].shape == mark_shape::cluster ||
          out.marks[to].shape == mark_shape::cluster) {
        ++out.relations_not_drawn;
        continue;
      }
      arrows.push_back({from, to, rel.type, 1});
    }
  }
  auto key = [](const arrow& a) { return std::tie(a.from, a.to, a.type); };
  std::sort(arrows.begin(), arrows.end(),
            [&](const arrow& a, const arrow& b) { return key(a) < key(b); });
  for (const arrow& a : arrows) {
    if (!out.arrows.empty() && key(out.arrows.back()) == key(a)) {
      ++out.arrows.back().count;
    } else {
      out.arrows.push_back(a);
    }
  }
  if (!options.full_detail && out.arrows.size() > m.max_arrows) {
    // Keep arrows between single events first, then the heaviest; the rest are counted.
    auto clustered = [&](const arrow& a) {
      return out.marks[a.from].shape == mark_shape::cluster ||
             out.marks[a.to].shape == mark_shape::cluster;
    };
    std::stable_sort(out.arrows.begin(), out.arrows.end(), [&](const arrow& a, const arrow& b) {
      return std::make_tuple(clustered(a), -static_cast<std::int64_t>(a.count)) <
             std::make_tuple(clustered(b), -static_cast<std::int64_t>(b.count));
    });
    for (std::size_t k = m.max_arrows; k < out.arrows.size(); ++k)
      out.relations_not_drawn += out.arrows[k].count;
    out.arrows.resize(m.max_arrows);
    std::sort(out.arrows.begin(), out.arrows.end(),
              [&](const arrow& a, const arrow& b) { return key(a) < key(b); });
  }

  // Width: whatever is rightmost, labels included (axis labels too).
  double right = out.axis.right();
  for (const auto& t : out.axis.ticks)
    right = std::max(right, t.x + text_width(t.label, tick_font) / 2);
  for (const auto& t : out.axis.context)
    right = std::max(right, t.x + 3 + text_width(t.label, context_font, true));
  for (const mark& mk : out.marks) {
    right = std::max(right, mk.marker_box(m).x1);
    if (mk.label_width > 0) right = std::max(right, mk.label_x + mk.label_width);
  }
  out.width = right + 24;
  return out;
}

}  // namespace eventgraph::detail::timeline
