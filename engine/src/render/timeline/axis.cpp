// The timeline's time axis: linear pieces, with the long empty gaps cut out as breaks, and the
// ticks of each piece (axis_ticks.cpp).

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "render/timeline/civil_clock.hpp"
#include "render/timeline/timeline_layout.hpp"

namespace eventgraph::detail::timeline {

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

namespace {

using extent = std::pair<std::int64_t, std::int64_t>;

/// Where the axis breaks (a break after keys[i]): gaps that are more than half of what remains,
/// largest first, at most 8, never inside one of `whole` unless it spans more than half the
/// axis (`c. 2021` among events of 2022 would take most of the plot for one event: its bar is
/// cut as an interval's is). `keys` sorted, unique, at least 5.
std::vector<std::size_t> choose_breaks(const std::vector<std::int64_t>& keys,
                                       std::vector<extent> whole) {
  std::vector<std::size_t> breaks;
  const auto total = static_cast<double>(keys.back() - keys.front());
  // Merge the extents that must stay whole, then skip gaps inside them.
  std::sort(whole.begin(), whole.end());
  std::vector<std::pair<std::int64_t, std::int64_t>> merged;
  for (const auto& w : whole) {
    if (!merged.empty() && w.first <= merged.back().second)
      merged.back().second = std::max(merged.back().second, w.second);
    else
      merged.push_back(w);
  }
  std::erase_if(
      merged, [&](const auto& w) { return static_cast<double>(w.second - w.first) > 0.5 * total; });
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
  double remaining = total;
  for (std::size_t g = 0; g < top; ++g) {
    const auto size = static_cast<double>(gaps[g].first);
    if (!(size > 0.5 * remaining) || !(size > 0.05 * total)) break;
    breaks.push_back(gaps[g].second);
    remaining -= size;
  }
  std::sort(breaks.begin(), breaks.end());
  return breaks;
}

/// One segment per run of keys between breaks, padded, and the room each should get.
struct segments_plan {
  std::vector<axis_segment> segments;
  std::vector<double> weight;  // room goes where the events are: instants in the segment, less one
};

segments_plan make_segments(const std::vector<std::int64_t>& keys,
                            const std::vector<std::size_t>& breaks) {
  segments_plan out;
  auto& weight = out.weight;
  auto& segments = out.segments;
  std::size_t begin = 0;
  for (std::size_t b = 0; b <= breaks.size(); ++b) {
    const std::size_t end = b < breaks.size() ? breaks[b] : keys.size() - 1;
    weight.push_back(static_cast<double>(end - begin));
    const std::int64_t a = keys[begin], z = keys[end];
    const std::int64_t d = z - a;
    const std::int64_t pad = d > 0 ? std::max<std::int64_t>(d * 3 / 100, 60) : 43200;
    segments.push_back({a - pad, z + pad, 0, 0});
    begin = end + 1;
  }
  // Keep neighbours apart: padding never reaches into the next segment.
  for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
    auto& l = segments[i];
    auto& r = segments[i + 1];
    if (l.t1 >= r.t0) {
      const std::int64_t mid = keys[breaks[i]] + (keys[breaks[i] + 1] - keys[breaks[i]]) / 2;
      l.t1 = std::min(l.t1, mid - 1);
      r.t0 = std::max(r.t0, mid);
    }
  }

  return out;
}

/// Widths: one segment takes the whole plot; several share it by how many instants each holds
/// (each is linear inside, so dense stretches get the room), none narrower than
/// min_segment_width.
std::vector<double> segment_widths(std::vector<double> weight, double width, const metrics& m) {
  const std::size_t n = weight.size();
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
  return w;
}

/// The ticks of every segment: one naming its instant when the segment holds one, or nothing fits.
void add_ticks(time_axis& axis, const std::vector<std::int64_t>& keys,
               const std::vector<std::size_t>& breaks, std::string_view zone, const metrics& m) {
  const std::size_t n = axis.segments.size();
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
}

}  // namespace

time_axis make_axis(std::vector<std::int64_t> keys, double x_left, double width,
                    std::string_view zone, bool compress, const metrics& m,
                    std::vector<extent> whole) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  if (keys.empty()) keys.push_back(0);
  const std::vector<std::size_t> breaks = compress && keys.size() >= 5
                                              ? choose_breaks(keys, std::move(whole))
                                              : std::vector<std::size_t>{};
  segments_plan plan = make_segments(keys, breaks);
  const std::vector<double> w = segment_widths(std::move(plan.weight), width, m);
  time_axis axis;
  axis.segments = std::move(plan.segments);
  double x = x_left;
  for (std::size_t i = 0; i < axis.segments.size(); ++i) {
    axis.segments[i].x0 = x;
    axis.segments[i].x1 = x + w[i];
    x += w[i] + m.break_width;
  }
  add_ticks(axis, keys, breaks, zone, m);
  return axis;
}

}  // namespace eventgraph::detail::timeline
