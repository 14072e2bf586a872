// Arrow routes of the native timeline: orthogonal lines along the gaps between rows, so that no
// arrow runs through a label, and arrows that share a date keep their own verticals.
//
// A row's labels sit from 8 px above its centre line to 6 px below it (one line), so the 6 px
// between one row's labels and the next row's is free: that gap is where arrows run sideways.
// Up or down, an arrow looks for an x where no label or marker of the rows it crosses is.
// Each arrow reads only the rows it spans and the boxes within its own x extent, capped, so the
// cost does not grow with the story.

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>
#include <unordered_map>

#include "render/timeline/timeline_layout.hpp"

namespace eventgraph::detail::timeline {
namespace {

constexpr double clearance = 3;               // between an arrow and a box it passes
constexpr double vertical_gap = 4;            // between two arrows' verticals that overlap in y
constexpr double channel_below = 9;           // from a row's centre line to the gap below it
constexpr double channel_above = 11;          // ... and above it
constexpr std::size_t max_scan = 4000;        // boxes looked at for one arrow before giving up
constexpr double max_detour = 48;             // beyond the span of an arrow's two events, at first
constexpr std::uint32_t lookahead_rows = 24;  // rows a straight drop to the end may cross

std::uint32_t rows_between(std::uint32_t a, std::uint32_t b) {
  return a < b ? b - a : a - b;
}

/// What one mark occupies in one row: its marker and its label. A two-line label is listed in
/// both of its rows.
struct entry {
  double lo = 0, hi = 0;  // occupied extent; within a row extents are disjoint and sorted
  std::uint32_t mark = 0;
};

class router {
 public:
  explicit router(layout& lay) : lay_(lay) {
    std::vector<std::uint32_t> first_row(lay.lanes.size() + 1, 0);
    for (std::size_t l = 0; l < lay.lanes.size(); ++l)
      first_row[l + 1] = first_row[l] + lay.lanes[l].rows;
    rows_.resize(first_row.back());
    y_.resize(first_row.back());
    verticals_.resize(first_row.back());
    for (std::size_t l = 0; l < lay.lanes.size(); ++l) {
      const lane& ln = lay.lanes[l];
      for (std::uint32_t r = 0; r < ln.rows; ++r) y_[first_row[l] + r] = ln.row_y(r, lay.m);
    }
    row_of_.resize(lay.marks.size());
    for (std::uint32_t i = 0; i < lay.marks.size(); ++i) {
      const mark& mk = lay.marks[i];
      const std::uint32_t g = first_row[mk.lane] + mk.row;
      row_of_[i] = g;
      const box b = mk.marker_box(lay.m);
      double lo = b.x0, hi = b.x1;
      if (mk.label_width > 0) {
        lo = std::min(lo, mk.label_x);
        hi = std::max(hi, mk.label_x + mk.label_width);
      }
      for (std::size_t k = 0; k < mk.rows_taken(); ++k)
        if (g + k < first_row[mk.lane + 1]) rows_[g + k].push_back({lo, hi, i});
    }
    for (auto& row : rows_)
      std::sort(row.begin(), row.end(), [](const entry& a, const entry& b) { return a.lo < b.lo; });
  }

  /// The route of one arrow, or empty: first one that strays little from the span between its
  /// two events, else any; and when the walk from the earlier event finds none, the walk from
  /// the later one, reversed (the greedy walk leaves its start well but can be shut out at its
  /// end: beside a two-line label that reaches up to a bar's start, say). Ties between an
  /// event's marks in its co-actors' lanes, which may be thousands, get one walk.
  std::vector<point> route(const arrow& a, bool both_ways) {
    for (const bool reversed : {false, true}) {
      if (reversed && !both_ways) break;
      arrow walked = a;
      if (reversed) std::swap(walked.from, walked.to);
      for (const double detour : {max_detour, std::numeric_limits<double>::infinity()}) {
        pushed_.clear();
        std::vector<point> pts = walk(walked, detour);
        if (!pts.empty()) {
          if (reversed) std::reverse(pts.begin(), pts.end());
          separate(pts);
          return pts;
        }
        for (auto r = pushed_.rbegin(); r != pushed_.rend(); ++r) verticals_[*r].pop_back();
      }
    }
    return {};
  }

 private:
  /// Keeps arrows that run along one gap over the same stretch apart: up to three tracks.
  void separate(std::vector<point>& pts) {
    for (std::size_t i = 1; i + 2 < pts.size(); ++i) {  // interior legs: not the stubs at ends
      point& a = pts[i];
      point& b = pts[i + 1];
      if (std::abs(a.y - b.y) > 0.05) continue;
      const double x0 = std::min(a.x, b.x), x1 = std::max(a.x, b.x);
      auto& used = horizontals_[std::llround(a.y * 2)];
      for (const double offset : {0.0, -2.0, 2.0}) {
        const bool taken = std::any_of(used.begin(), used.end(), [&](const auto& h) {
          return std::get<2>(h) == offset && std::get<0>(h) < x1 + 2 && x0 - 2 < std::get<1>(h);
        });
        if (taken) continue;
        used.emplace_back(x0, x1, offset);
        a.y += offset;
        b.y += offset;
        break;
      }
    }
  }

  std::vector<point> walk(const arrow& a, double detour) {
    const mark& from = lay_.marks[a.from];
    const mark& to = lay_.marks[a.to];
    from_ = a.from;
    to_ = a.to;
    scanned_ = 0;
    const double tx = entry_x(to);
    const double sx = exit_x(from, tx);
    const std::uint32_t gf = row_of_[a.from], gt = row_of_[a.to];
    if (gf == gt) {
      // Same row: over the top, or under it when the top is taken.
      for (const bool above : {true, false}) {
        const double c = from.y + (above ? -channel_above : channel_below);
        const auto [lo, hi] = reach(sx, c, gf, above ? gf - 1 : gf + 1);
        if (lo <= tx && tx <= hi)
          return finish({{sx, edge(from, above)}, {sx, c}, {tx, c}, {tx, edge(to, above)}});
      }
      return {};
    }
    const bool down = gt > gf;
    const int d = down ? 1 : -1;
    auto next = [&](std::uint32_t g) {
      return static_cast<std::uint32_t>(static_cast<int>(g) + d);
    };
    // The gaps beside row g: the one an arrow coming from `from` meets first, and the other.
    auto near_gap = [&](std::uint32_t g) {
      return y_[g] + (down ? -channel_above : channel_below);
    };
    auto far_gap = [&](std::uint32_t g) { return y_[g] + (down ? channel_below : -channel_above); };
    if (a.type == relation_type::part_of && from.shape != mark_shape::point &&
        to.shape == mark_shape::point && tx > from.x0 + 2 && tx < from.x1 - 2 &&
        !(from.label_inside && tx > from.label_x - clearance &&
          tx < from.label_x + from.label_width + clearance)) {
      // The part lies within its whole's extent: a straight tie between them, when clear.
      bool clear = true;
      for (std::uint32_t g = next(gf); clear && g != gt; g = next(g))
        clear = !std::isnan(free_x(tx, tx, tx, g, g + 1));
      if (clear) return {{tx, edge(from, !down)}, {tx, edge(to, down)}};
    }
    // Row by row: along the gap to the x nearest the later event where the next row is free,
    // across that row to the gap beyond it. Between lanes the padding is empty.
    std::vector<point> pts{{sx, edge(from, !down)}, {sx, far_gap(gf)}};
    double x = sx, c = far_gap(gf);
    for (std::uint32_t g = next(gf);; g = next(g)) {
      const double c_near = near_gap(g);
      if (std::abs(c_near - c) > 0.5) pts.push_back({x, c = c_near});  // across lane padding
      auto [lo, hi] = reach(x, c, g, static_cast<std::uint32_t>(static_cast<int>(g) - d));
      if (std::isnan(lo)) return {};
      lo = std::max(lo, std::min(x, tx) - detour);
      hi = std::min(hi, std::max(x, tx) + detour);
      if (g == gt) {
        if (tx < lo || tx > hi) return {};
        pts.push_back({tx, c});
        pts.push_back({tx, edge(to, down)});
        return finish(std::move(pts));
      }
      // Straight down to the later event's gap when one x is free across every row left
      // (looked for within a few rows of the end, so the cost stays linear in rows crossed).
      if (rows_between(g, gt) <= lookahead_rows) {
        const double ct = near_gap(gt);
        const auto [tlo, thi] =
            reach(tx, ct, gt, static_cast<std::uint32_t>(static_cast<int>(gt) - d));
        const double a0 = std::max(lo, tlo), a1 = std::min(hi, thi);
        if (!std::isnan(a0) && !std::isnan(a1) && a0 <= a1) {
          const std::uint32_t r0 = down ? g : gt + 1, r1 = down ? gt : g + 1;
          const double xv = free_x(a0, a1, tx, r0, r1);
          if (!std::isnan(xv)) {
            for (std::uint32_t r = r0; r < r1; ++r) push_vertical(r, xv);
            pts.push_back({xv, c});
            pts.push_back({xv, ct});
            pts.push_back({tx, ct});
            pts.push_back({tx, edge(to, down)});
            return finish(std::move(pts));
          }
        }
      }
      // Otherwise across this row: straight on where it is free, else nearest the later event.
      double xg = free_x(lo, hi, x, g, g + 1);
      if (xg != x) xg = free_x(lo, hi, tx, g, g + 1);
      if (std::isnan(xg)) return {};
      push_vertical(g, xg);
      pts.push_back({xg, c});
      pts.push_back({xg, c = far_gap(g)});
      x = xg;
    }
  }

  void push_vertical(std::uint32_t g, double x) {
    verticals_[g].push_back(x);
    pushed_.push_back(g);
  }

  /// Where an arrow leaves its earlier event: a dot's centre; on a bar, near the later event's
  /// x but never under a label written inside the bar.
  [[nodiscard]] static double exit_x(const mark& mk, double toward) {
    if (mk.shape == mark_shape::point) return mk.x0;
    double x = std::clamp(toward - 16, mk.x0 + 2, std::max(mk.x0 + 2, mk.x1 - 2));
    if (mk.label_inside && x > mk.label_x - clearance &&
        x < mk.label_x + mk.label_width + clearance) {
      const double after = mk.label_x + mk.label_width + clearance;
      x = after <= mk.x1 - 2 ? after : mk.x0 + 2;
    }
    return x;
  }

  /// Where an arrow enters its later event: a dot's centre, a bar's start.
  [[nodiscard]] static double entry_x(const mark& mk) {
    return mk.shape == mark_shape::point ? mk.x0 : mk.x0 + 2;
  }

  /// The top (or bottom) of a marker.
  [[nodiscard]] double edge(const mark& mk, bool top) const {
    const double half = mk.shape == mark_shape::point ? lay_.m.marker_radius : bar_height / 2;
    return top ? mk.y - half : mk.y + half;
  }

  [[nodiscard]] bool excluded(std::uint32_t mark) const { return mark == from_ || mark == to_; }

  /// Calls f(box) for the boxes of row g that overlap [x0, x1]; false once the scan cap is hit.
  template <class F>
  bool for_boxes(std::uint32_t g, double x0, double x1, F&& f) {
    if (g >= rows_.size()) return true;
    const auto& row = rows_[g];
    auto it = std::partition_point(row.begin(), row.end(),
                                   [&](const entry& e) { return e.hi < x0 - clearance; });
    for (; it != row.end() && it->lo <= x1 + clearance; ++it) {
      if (++scanned_ > max_scan) return false;
      const mark& mk = lay_.marks[it->mark];
      if (mk.label_width > 0) f(mk.label_box(lay_.m));
      // A bar may be crossed (one that spans the plot could not be avoided); a dot or badge not.
      const bool solid = mk.shape == mark_shape::point || mk.shape == mark_shape::cluster;
      if (solid && !excluded(it->mark)) f(mk.marker_box(lay_.m));
    }
    return true;
  }

  /// How far the gap at height c can be followed from x each way before a box of rows g1 or
  /// g2 reaches into it, within the plot; NaN (both) when x itself is covered or the scan cap
  /// is hit.
  std::pair<double, double> reach(double x, double c, std::uint32_t g1, std::uint32_t g2) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    double lo = lay_.axis.left(), hi = std::max(lay_.axis.right(), lay_.width - 24);
    bool blocked = false;
    auto look = [&](const box& b) {
      if (!(b.y0 - clearance / 2 < c && c < b.y1 + clearance / 2)) return;
      const double b0 = b.x0 - clearance, b1 = b.x1 + clearance;
      if (b0 <= x && x <= b1) {
        blocked = true;
      } else if (b0 > x) {
        hi = std::min(hi, b0);
      } else {
        lo = std::max(lo, b1);
      }
    };
    if (!for_boxes(g1, lo, hi, look) || !for_boxes(g2, lo, hi, look) || blocked) return {nan, nan};
    return {lo, hi};
  }

  /// An x in [a0, a1], nearest `want`, where a vertical crosses no box of rows [r0, r1) and
  /// keeps vertical_gap from other arrows' verticals there; NaN when there is none.
  double free_x(double a0, double a1, double want, std::uint32_t r0, std::uint32_t r1) {
    blocked_.clear();
    auto add = [&](const box& b) { blocked_.emplace_back(b.x0 - clearance, b.x1 + clearance); };
    for (std::uint32_t g = r0; g < r1; ++g) {
      if (!for_boxes(g, a0, a1, add)) return std::numeric_limits<double>::quiet_NaN();
      for (const double v : verticals_[g])
        if (v + vertical_gap > a0 && v - vertical_gap < a1)
          blocked_.emplace_back(v - vertical_gap, v + vertical_gap);
    }
    std::sort(blocked_.begin(), blocked_.end());
    double best = std::numeric_limits<double>::quiet_NaN();
    auto consider = [&](double lo, double hi) {  // a free stretch [lo, hi]
      if (lo > hi) return;
      const double x = std::clamp(want, lo, hi);
      if (std::isnan(best) || std::abs(x - want) < std::abs(best - want)) best = x;
    };
    double cur = a0;
    for (const auto& [lo, hi] : blocked_) {
      if (lo > cur) consider(cur, std::min(lo, a1));
      cur = std::max(cur, hi);
      if (cur > a1) break;
    }
    if (cur <= a1) consider(cur, a1);
    return best;
  }

  /// Drops repeated and collinear points; snaps near-equal coordinates.
  static std::vector<point> finish(std::vector<point> pts) {
    std::vector<point> out;
    for (point p : pts) {
      // A leg is straight exactly: a coordinate within rounding of the last one is that one.
      if (!out.empty() && std::abs(out.back().x - p.x) < 0.05) p.x = out.back().x;
      if (!out.empty() && std::abs(out.back().y - p.y) < 0.05) p.y = out.back().y;
      if (!out.empty() && std::abs(out.back().x - p.x) < 0.05 &&
          std::abs(out.back().y - p.y) < 0.05)
        continue;
      if (out.size() >= 2) {
        const point& a = out[out.size() - 2];
        const point& b = out.back();
        const bool same_x = std::abs(a.x - b.x) < 0.05 && std::abs(b.x - p.x) < 0.05;
        const bool same_y = std::abs(a.y - b.y) < 0.05 && std::abs(b.y - p.y) < 0.05;
        if (same_x || same_y) out.pop_back();
      }
      out.push_back(p);
    }
    return out;
  }

  layout& lay_;
  std::vector<std::vector<entry>> rows_;        // per row of the whole plot, lanes top to bottom
  std::vector<std::uint32_t> row_of_;           // per mark
  std::vector<double> y_;                       // per row: its centre line
  std::vector<std::vector<double>> verticals_;  // per row: x of the arrows crossing it
  std::vector<std::pair<double, double>> blocked_;
  std::vector<std::uint32_t> pushed_;  // rows given a vertical by the walk under way
  // per gap (y in half pixels): the stretches arrows run along it, and their track offsets
  std::unordered_map<long long, std::vector<std::tuple<double, double, double>>> horizontals_;
  std::uint32_t from_ = 0, to_ = 0;
  std::size_t scanned_ = 0;
};

}  // namespace

void route_arrows(layout& lay) {
  router r(lay);
  lay.arrows_unrouted = 0;
  for (arrow& a : lay.arrows) {
    a.route = r.route(a, true);
    if (a.route.empty()) ++lay.arrows_unrouted;
  }
  for (arrow& a : lay.links) {
    a.route = r.route(a, false);
    if (a.route.empty()) ++lay.arrows_unrouted;
  }
}

}  // namespace eventgraph::detail::timeline
