// Geometry of the native timeline: rows of markers and labels placed without overlaps, clusters
// for dense lanes, and response arrows; the lanes are lanes.cpp, the axis axis.cpp, its ticks
// axis_ticks.cpp, the arrows' routes arrow_routes.cpp.
// Everything costs linear time (or n log n) in events, actors and relations: an event with many
// actors has one mark per lane and nothing is computed per pair of actors.

#include "render/timeline/timeline_layout.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <tuple>
#include <unordered_map>

#include "render/timeline/civil_clock.hpp"
#include "render/timeline/lanes.hpp"

namespace eventgraph::detail::timeline {

// ---------------------------------------------------------------------------------------------
// Boxes

box mark::marker_box(const metrics& m) const {
  switch (shape) {
    case mark_shape::point:
      return {x0 - m.marker_radius, y - m.marker_radius, x0 + m.marker_radius, y + m.marker_radius};
    case mark_shape::bar:
    case mark_shape::range:
      return {x0, y - bar_height / 2, x1, y + bar_height / 2};
    case mark_shape::cluster:
      return {x0, y - badge_height / 2, x1, y + badge_height / 2};
  }
  return {};
}

box mark::label_box(const metrics& m) const {
  if (label_width <= 0) return {label_x, y, label_x, y};
  const double lines = static_cast<double>(label_lines.size());
  const double top = label_y(m);
  return {label_x, top - 8, label_x + label_width, top + 6 + (lines - 1) * m.row_height};
}

namespace {

constexpr double label_gap = 5;  // between a marker and its label
constexpr double item_gap = 8;   // between two items in one row
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

/// Greedy row assignment: each mark goes to the lowest run of rows (as many as its label has
/// lines) free at its left end. Marks sorted by left end of what they occupy. O(n log n) per
/// line count (at most max_label_lines trees).
class row_packer {
 public:
  row_packer(std::size_t capacity, std::size_t max_lines)
      : ends_(capacity + max_lines + 1, -std::numeric_limits<double>::infinity()) {
    for (std::size_t k = 0; k < max_lines; ++k) runs_.emplace_back(capacity + 1);
  }
  /// The row, or npos when it would be at or beyond `limit`.
  std::size_t place(double left, double right, std::size_t rows_needed, std::size_t limit) {
    const std::size_t k = std::min(rows_needed, runs_.size());
    const std::size_t r = runs_[k - 1].leftmost_below(left);
    if (r == std::numeric_limits<std::size_t>::max() || r + k > limit ||
        r + k > ends_.size() - runs_.size())
      return std::numeric_limits<std::size_t>::max();
    for (std::size_t i = 0; i < k; ++i) set(r + i, right);
    used_ = std::max(used_, r + k);
    return r;
  }
  [[nodiscard]] std::size_t rows() const { return used_; }

 private:
  /// Row r's end, and every run of k rows that holds it: leaf s of tree k is the largest end
  /// of rows s..s+k-1.
  void set(std::size_t r, double v) {
    ends_[r] = v;
    for (std::size_t k = 1; k <= runs_.size(); ++k)
      for (std::size_t s = r + 1 >= k ? r + 1 - k : 0; s <= r; ++s) {
        double m = ends_[s];
        for (std::size_t i = 1; i < k; ++i) m = std::max(m, ends_[s + i]);
        runs_[k - 1].set(s, m);
      }
  }
  std::vector<double> ends_;
  std::vector<min_tree> runs_;
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
    // A doubt only about the context (`2026?-02-05`) leaves the place known: drawn solid.
    mk.uncertain = (t.uncertain || t.approximate) && !t.coarse_qualifier;
    mk.missing = is_missing(e);
    mk.fade_left = t.open_start;
    mk.fade_right = t.open_end;
    const double w = it.x1 - it.x0;
    const bool imprecise = t.shape == time_shape::one_of || t.precision < time_precision::day ||
                           (t.approximate && !t.coarse_qualifier);
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
    const std::string title_text =
        std::string(e.title().empty() ? e.id() : e.title()) + (mk.missing ? " (missing)" : "");
    const std::string_view title = title_text;
    const double one_line = text_width(title, m.label_font);
    const double r = mk.shape == mark_shape::point ? m.marker_radius : 0;
    // Inside a bar, after the last axis break it crosses: text across a break would join
    // what the break cuts.
    double inner0 = mk.x0;
    for (const axis_segment& seg : axis.segments)
      if (seg.x0 > mk.x0 && seg.x0 < mk.x1) inner0 = seg.x0;
    if (mk.shape != mark_shape::point && one_line + 12 <= mk.x1 - inner0) {
      mk.label_inside = true;
      mk.label_lines = {std::string(title)};
      mk.label_width = one_line;
      mk.label_x = mk.fade_left && !mk.fade_right ? mk.x1 - 6 - one_line : inner0 + 6;
      return mk;
    }
    auto wrap = [&](double width, std::size_t lines) {
      mk.label_lines = wrap_text(title, m.label_font, width, lines);
      mk.label_width = 0;
      for (const auto& line : mk.label_lines)
        mk.label_width = std::max(mk.label_width, text_width(line, m.label_font));
    };
    wrap(m.max_label_width, m.max_label_lines);
    const double right_x = mk.x1 + r + label_gap;
    const double room_right = right_limit - right_x;
    const double room_left = mk.x0 - r - label_gap - axis.left();
    if (mk.label_width > room_right && mk.label_width > room_left) {
      // Neither side has room (a narrow drawing): wrap to the larger side rather than run off.
      wrap(std::max(std::max(room_right, room_left), 50.0), m.max_label_lines);
      // Still cut, beside a bar long enough to write under: on the rows below it, from where
      // it shows after its last axis break.
      const double under_x = std::max(inner0, axis.left()) + 6;
      const bool cut = !mk.label_lines.empty() && mk.label_lines.back().ends_with("\xE2\x80\xA6");
      if (cut && mk.shape != mark_shape::point &&
          right_limit - under_x > 2 * std::max(room_right, room_left)) {
        // Two more lines than beside a mark: under a bar nothing else competes for them.
        wrap(std::min(m.max_label_width, right_limit - under_x), m.max_label_lines + 2);
        mk.label_below = true;
        mk.label_x = under_x;
        return mk;
      }
    }
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
    for (const auto& mk : marks) capacity += mk.rows_taken();
    // A label below its bar takes its bar's row and up to two more lines.
    row_packer packer(std::min(capacity, limit) + 1, m.max_label_lines + 3);
    for (const auto& [left, i] : order) {
      mark& mk = marks[i];
      const auto [lo, hi] = occupied(mk, m);
      const std::size_t need = mk.rows_taken();
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
        out.marks.push_back(make_mark(items[i], lane_index, label_singletons && items[i].primary));
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
      // The title is written once, at the event's first lane; its other lanes get a faint
      // marker linked to it.
      for (const item& it : items) out.marks.push_back(make_mark(it, lane_index, it.primary));
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

// ---------------------------------------------------------------------------------------------
// The whole layout, stage by stage

bool open_start(const event_time& t) {
  return t.open_start || t.earliest <= unbounded_past;
}
bool open_end(const event_time& t) {
  return t.open_end || t.latest >= unbounded_future;
}

/// The shortest tick step the story's dates can use: a minute for times, a day for days, a month
/// for months, a year for years and coarser.
double finest_tick(const story& s) {
  time_precision finest = time_precision::millennium;
  for (const event e : s.events) finest = std::max(finest, e.time().precision);
  switch (finest) {
    case time_precision::millennium:
    case time_precision::century:
    case time_precision::decade:
    case time_precision::year:
      return 31556952;  // the mean Gregorian year
    case time_precision::month:
      return 2419200;  // 28 days: every month step
    case time_precision::day:
      return 86400;
    case time_precision::hour:
      return 3600;
    case time_precision::minute:
    case time_precision::second:
      break;
  }
  return 0;
}

}  // namespace

story_span span_of(const story& s) {
  story_span out;
  for (event_index i = 0; i < s.events.size(); ++i) {
    const event_time t = s.events[i].time();
    const bool has_a = !open_start(t), has_b = !open_end(t);
    if (!has_a && !has_b) continue;
    // The earliest known instant and the latest, and whose they are.
    const std::int64_t a = t.earliest.time_since_epoch().count();
    const std::int64_t b = t.latest.time_since_epoch().count();
    const std::int64_t lo = has_a ? a : b, hi = has_b ? b : a;
    if (!out.known || lo < out.first) {
      out.first = lo;
      out.first_event = i;
    }
    if (!out.known || hi > out.last) {
      out.last = hi;
      out.last_event = i;
    }
    out.known = true;
  }
  return out;
}

namespace {

/// The axis, from every finite endpoint.
void lay_axis(const story& s, const render_options& options, const metrics& m, layout& out) {
  std::vector<std::int64_t> keys;
  keys.reserve(s.events.size() * 2);
  std::vector<std::pair<std::int64_t, std::int64_t>> whole;
  for (event_index i = 0; i < s.events.size(); ++i) {
    const event_time t = s.events[i].time();
    const std::int64_t a = t.earliest.time_since_epoch().count();
    const std::int64_t b = t.latest.time_since_epoch().count();
    const bool has_a = !open_start(t), has_b = !open_end(t);
    if (has_a) keys.push_back(a);
    if (has_b) keys.push_back(b);
    if (t.shape != time_shape::interval && has_a && has_b) whole.emplace_back(a, b);
  }
  // The earliest finite endpoint is the story's first instant (span_of's `first`).
  out.has_bce =
      !keys.empty() &&
      to_fields(zone_clock(s.timezone).local(*std::min_element(keys.begin(), keys.end()))).y <= 0;
  const double plot_left = out.gutter + 12;
  out.axis = make_axis(std::move(keys), plot_left, m.plot_width, s.timezone, options.compress_gaps,
                       m, std::move(whole));
}

constexpr double open_stub = 56;  // length of an open-ended bar, from its known end

/// The stretch of the axis x lies in (or the nearest one before it).
const axis_segment& stretch_of(const time_axis& axis, double x) {
  const axis_segment* found = &axis.segments.front();
  for (const axis_segment& seg : axis.segments)
    if (seg.x0 <= x) found = &seg;
  return *found;
}

/// Occurrences, bucketed by lane: one per lane an event's actors are in.
std::vector<std::vector<item>> bucket_items(const story& s, const lane_plan& p,
                                            const time_axis& axis) {
  std::vector<std::vector<item>> by_lane(p.count);
  std::vector<std::uint32_t> stamp(p.count, no_lane);
  for (event_index i = 0; i < s.events.size(); ++i) {
    const event e = s.events[i];
    const event_time t = e.time();
    item it;
    it.event = i;
    it.x0 = open_start(t) ? axis.left() : axis.x(t.earliest.time_since_epoch().count());
    it.x1 = open_end(t) ? axis.right() : axis.x(t.latest.time_since_epoch().count());
    // An open side has no length to show: a short stub that fades out from the known end,
    // within that end's stretch of the axis (never across a break, never to the plot's edge).
    if (open_start(t) && !open_end(t))
      it.x0 = std::max({it.x0, stretch_of(axis, it.x1).x0, it.x1 - open_stub});
    if (open_end(t) && !open_start(t))
      it.x1 = std::min({it.x1, stretch_of(axis, it.x0).x1, it.x0 + open_stub});
    bool first = true;
    auto add = [&](std::uint32_t l) {
      if (l == no_lane || stamp[l] == i) return;
      stamp[l] = i;
      it.primary = first;
      first = false;
      by_lane[l].push_back(it);
    };
    for (actor_index a : e.actors())
      if (a < s.actors.size()) add(p.lane_of_actor[a]);
    if (e.actors().empty()) add(p.count - 1);
  }
  return by_lane;
}

/// Where each event's marks are: its primary occurrence, and the others by (event, lane), so an
/// arrow can stay within one lane.
struct mark_index {
  std::vector<std::uint32_t> primary;  ///< per event, or no_mark
  std::unordered_map<std::uint64_t, std::uint32_t> other_lanes;
  static std::uint64_t key(event_index e, std::uint32_t lane_index) {
    return (static_cast<std::uint64_t>(e) << 32) | lane_index;
  }
};

/// The lane's marks, in rows, appended to the layout (row, then x).
void add_lane_marks(layout& out, std::uint32_t l, lane_result& r, mark_index& index) {
  const metrics& m = out.m;
  std::sort(r.marks.begin(), r.marks.end(), [](const mark& a, const mark& b) {
    return std::tie(a.row, a.x0, a.x1, a.event) < std::tie(b.row, b.x0, b.x1, b.event);
  });
  for (mark& mk : r.marks) {
    mk.y = out.lanes[l].row_y(mk.row, m);
    const auto at = static_cast<std::uint32_t>(out.marks.size());
    if (mk.shape == mark_shape::cluster) {
      const auto& members = r.cluster_members[mk.first_member];
      const auto& primary = r.cluster_primary[mk.first_member];
      mk.first_member = static_cast<std::uint32_t>(out.members.size());
      for (std::size_t k = 0; k < members.size(); ++k) {
        out.members.push_back(members[k]);
        if (primary[k]) index.primary[members[k]] = at;
      }
      ++out.clusters;
      out.events_in_clusters += mk.count;
    } else if (mk.primary) {
      index.primary[mk.event] = at;
    } else {
      index.other_lanes.emplace(mark_index::key(mk.event, l), at);
    }
    out.marks.push_back(std::move(mk));
  }
}

/// Rows within each lane; labels may run past the plot by a little before flipping left.
mark_index place_marks(const story& s, const render_options& options, double top,
                       std::vector<std::vector<item>> by_lane, layout& out) {
  const metrics& m = out.m;
  const placer p{s, m, out.axis, out.axis.right() + m.label_overhang};
  mark_index index{std::vector<std::uint32_t>(s.events.size(), no_mark), {}};
  double y = top;
  out.plot_top = top;
  for (std::uint32_t l = 0; l < by_lane.size(); ++l) {
    auto& items = by_lane[l];
    std::sort(items.begin(), items.end(), [&](const item& a, const item& b) {
      return std::tie(a.x0, a.x1, a.event) < std::tie(b.x0, b.x1, b.event);
    });
    lane_result r = p.place_lane(items, l, options.full_detail);
    lane& ln = out.lanes[l];
    ln.rows = r.rows;
    ln.y = y;
    ln.height = std::max(static_cast<double>(ln.rows) * m.row_height + 2 * m.lane_padding,
                         lane_label_block(ln) + 10);
    ln.rows_top = y + (ln.height - static_cast<double>(ln.rows) * m.row_height) / 2;
    add_lane_marks(out, l, r, index);
    y += ln.height;
  }
  out.plot_bottom = y;
  return index;
}

/// Arrows: one per relation between two single events' marks; the rest are counted.
void draw_arrows(const story& s, const render_options& options, const mark_index& index,
                 layout& out) {
  for (event_index i = 0; i < s.events.size(); ++i) {
    for (const relation rel : s.events[i].relations()) {
      if (rel.target >= s.events.size()) continue;
      std::uint32_t from = index.primary[rel.target];
      const std::uint32_t to = index.primary[i];
      if (to != no_mark && !index.other_lanes.empty()) {
        const auto same = index.other_lanes.find(mark_index::key(rel.target, out.marks[to].lane));
        if (same != index.other_lanes.end()) from = same->second;
      }
      // Arrows into or out of merged events would only hatch the plot: counted, not drawn.
      if (from == no_mark || to == no_mark || from == to ||
          out.marks[from].shape == mark_shape::cluster ||
          out.marks[to].shape == mark_shape::cluster) {
        ++out.relations_not_drawn;
        continue;
      }
      out.arrows.push_back({from, to, rel.type, {}});
    }
  }
  // A pair of single-event marks and a type is one relation (the loader drops repeats), so
  // sorting is all the order needs.
  std::sort(out.arrows.begin(), out.arrows.end(), [](const arrow& a, const arrow& b) {
    return std::tie(a.from, a.to, a.type) < std::tie(b.from, b.to, b.type);
  });
  if (!options.full_detail && out.arrows.size() > out.m.max_arrows) {
    out.relations_not_drawn += out.arrows.size() - out.m.max_arrows;
    out.arrows.resize(out.m.max_arrows);
  }
}

/// Links from each event's labelled mark to its faint marks in its other actors' lanes, as many
/// as arrows may be drawn (an event with thousands of actors links the first of them).
void link_co_actors(const render_options& options, const mark_index& index, layout& out) {
  for (std::uint32_t i = 0; i < out.marks.size(); ++i) {
    const mark& mk = out.marks[i];
    if (mk.primary || mk.shape == mark_shape::cluster) continue;
    const std::uint32_t first = index.primary[mk.event];
    if (first == no_mark || out.marks[first].shape == mark_shape::cluster) continue;
    if (!options.full_detail && out.links.size() >= out.m.max_arrows) break;
    out.links.push_back({first, i, relation_type::responds_to, {}});
  }
}

/// Width: whatever is rightmost, labels included (axis labels too), and a margin.
double drawing_width(const layout& out) {
  double right = out.axis.right();
  for (const auto& t : out.axis.ticks)
    right = std::max(right, t.x + text_width(t.label, tick_font) / 2);
  for (const auto& t : out.axis.context)
    right = std::max(right, t.x + 3 + text_width(t.label, context_font, true));
  for (const mark& mk : out.marks) {
    right = std::max(right, mk.marker_box(out.m).x1);
    if (mk.label_width > 0) right = std::max(right, mk.label_x + mk.label_width);
  }
  return right + 24;
}

}  // namespace

double lane_label_block(const lane& ln) {
  return static_cast<double>(ln.label_lines.size()) * lane_label_line +
         static_cast<double>(ln.detail_lines.size()) * lane_detail_line;
}

metrics metrics_for_width(double width) {
  metrics m;
  if (width <= 0) return m;
  // Gutter, its 12 px gap, the plot, the overhang labels may use, the 24 px right margin and
  // 8 px for tick labels centred on the plot's last tick.
  m.max_gutter = std::min(m.max_gutter, std::max(90.0, 0.2 * width));
  m.label_overhang = std::min(m.label_overhang, 0.1 * width);
  m.plot_width = std::max(160.0, width - m.max_gutter - 12 - m.label_overhang - 32);
  m.max_label_width = std::min(m.max_label_width, std::max(110.0, 0.45 * m.plot_width));
  m.max_label_lines = 4;  // narrower labels: more lines before any is cut
  m.min_segment_width = std::min(m.min_segment_width, 0.12 * m.plot_width);
  return m;
}

layout compute_layout(const story& s, const render_options& options, double top,
                      const metrics& metrics_in) {
  layout out;
  out.m = metrics_in;
  const lane_plan lanes = plan_lanes(s, options.lanes);
  out.gutter = label_lanes(s, lanes, options.lanes, out.m, out.lanes);
  out.m.finest_tick = finest_tick(s);
  lay_axis(s, options, out.m, out);
  const mark_index index = place_marks(s, options, top, bucket_items(s, lanes, out.axis), out);
  draw_arrows(s, options, index, out);
  link_co_actors(options, index, out);
  route_arrows(out);
  out.width = drawing_width(out);
  return out;
}

}  // namespace eventgraph::detail::timeline
