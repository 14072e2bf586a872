#pragma once
// The native timeline's geometry, computed once and then written as SVG (render_timeline.cpp).
// Pure: no output format here, so tests check the geometry itself (ticks, rows, overlaps).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eventgraph/model.hpp"
#include "eventgraph/render.hpp"
#include "eventgraph/time.hpp"

namespace eventgraph::detail::timeline {

/// Sizes in SVG pixels (1/96 inch).
struct metrics {
  double plot_width = 1000;      ///< the time axis, breaks included
  double max_gutter = 210;       ///< lane labels on the left, at most
  double row_height = 20;        ///< one row of markers and labels within a lane
  double lane_padding = 6;       ///< above and below the rows of a lane
  double label_font = 12;        ///< event labels
  double max_label_width = 340;  ///< a longer label wraps to a second line, then is cut with "…"
  double label_overhang = 140;   ///< how far a label may run past the plot before flipping left
  std::size_t max_label_lines = 2;  ///< a label wraps to this many lines, then is cut with "…"
  double marker_radius = 5;
  double break_width = 28;        ///< an axis break between two compressed stretches
  double min_segment_width = 72;  ///< a stretch of the axis, however short its time
  std::uint32_t max_rows = 10;    ///< per lane, before nearby events merge into clusters
  /// No tick step shorter than this (seconds): hours are noise when every date is a day.
  double finest_tick = 0;
  std::size_t few_events = 40;   ///< a lane with no more events than this is never clustered
  std::size_t max_arrows = 600;  ///< relations drawn before the rest are counted, not drawn
};

// Sizes the layout and the SVG writer share (SVG pixels).
inline constexpr double tick_font = 11;         ///< axis tick labels
inline constexpr double context_font = 11;      ///< the context row ("February 2026"), bold
inline constexpr double lane_label_font = 12;   ///< lane labels, bold
inline constexpr double lane_label_line = 15;   ///< line height of a lane label
inline constexpr double lane_detail_font = 10;  ///< a lane's role or members
inline constexpr double lane_detail_line = 13;  ///< its line height
inline constexpr double bar_height = 12;        ///< bars and ranges
inline constexpr double badge_height = 16;      ///< a cluster's badge
inline constexpr double badge_font = 10;        ///< the count in a badge, bold

/// Estimated advance width of UTF-8 text in DejaVu Sans (the first font of our stack; the
/// others are narrower), from the font's own advance widths for ASCII.
[[nodiscard]] double text_width(std::string_view utf8, double font_px, bool bold = false);

/// `text` cut to at most `max_px` wide, ending with "…" when cut (never inside a UTF-8 sequence).
[[nodiscard]] std::string fit_text(std::string_view text, double font_px, double max_px,
                                   bool bold = false);

/// Up to `max_lines` lines of at most `max_px`, broken at spaces; the last is cut with "…".
[[nodiscard]] std::vector<std::string> wrap_text(std::string_view text, double font_px,
                                                 double max_px, std::size_t max_lines,
                                                 bool bold = false);

// ---------------------------------------------------------------------------------------------
// The time axis: linear pieces separated by breaks.

/// A stretch of time drawn linearly from x0 to x1. Consecutive segments are separated by a break.
struct axis_segment {
  std::int64_t t0 = 0, t1 = 0;  ///< seconds since the epoch, UTC
  double x0 = 0, x1 = 0;
};

struct axis_tick {
  double x = 0;
  std::int64_t t = 0;
  std::string label;
};

struct time_axis {
  std::vector<axis_segment> segments;  ///< sorted, non-overlapping, at least one
  std::vector<axis_tick> ticks;        ///< sorted by x: "12", "Feb", "2019", "44 BCE"
  std::vector<axis_tick> context;      ///< the row below: "February 2026" under day ticks
  [[nodiscard]] double left() const { return segments.front().x0; }
  [[nodiscard]] double right() const { return segments.back().x1; }
  /// Position of an instant: linear within a segment, across a break proportionally, clamped
  /// to the plot outside the first and last segments.
  [[nodiscard]] double x(std::int64_t t) const;
};

/// The axis for instants that matter (every finite earliest and latest), sorted or not.
/// With `compress`, a gap becomes a break when it is longer than all the time that remains
/// after it is cut and at least 5% of the whole span; largest first, at most 8.
/// A gap inside one of `whole` (the extent of a single dated event: a day, a month, a "one of"
/// range) is not cut unless that extent spans more than half the axis; nothing is cut when
/// there are fewer than 5 instants.
[[nodiscard]] time_axis make_axis(std::vector<std::int64_t> instants, double x_left, double width,
                                  std::string_view zone, bool compress, const metrics& m = {},
                                  std::vector<std::pair<std::int64_t, std::int64_t>> whole = {});

struct segment_ticks {
  std::vector<axis_tick> fine;     ///< "12", "Feb", "2019", "44 BCE", "10:00"
  std::vector<axis_tick> context;  ///< left-aligned: "February 2026", "Feb 12, 2026", "2026"
};

/// Ticks for one linear piece: the finest calendar step (minutes to millennia, in `zone`) whose
/// labels do not collide, and the coarser unit they need as context. Empty when none fits.
/// `first`/`last`: the segment is at the plot's left/right end, where labels may overhang.
[[nodiscard]] segment_ticks make_ticks(const axis_segment& segment, std::string_view zone,
                                       bool bce_on_axis, const metrics& m = {}, bool first = true,
                                       bool last = true);

/// "2019", "Feb 2026", "Feb 12, 2026" or "Feb 12, 2026 10:30": `t` at the coarsest precision
/// at which it is a boundary (a year start, a month start...). With `inclusive_end`, `t` is the
/// last second of something, so t + 1 s is the boundary.
[[nodiscard]] std::string natural_date(std::int64_t t, std::string_view zone, bool inclusive_end);

/// `t` written at exactly precision `p` in `zone`: "2019", "Aug 2022", "Aug 1, 2022",
/// "Aug 1, 2022 10:30"; decades and coarser as their first year's decade or year ("1560s").
/// For what an event's own date says, where natural_date would add a time it does not have.
[[nodiscard]] std::string date_at(std::int64_t t, std::string_view zone, time_precision p);

// ---------------------------------------------------------------------------------------------
// Lanes, marks, labels, arrows.

enum class mark_shape : std::uint8_t {
  point,    ///< a precise date: a dot
  bar,      ///< an interval: a solid bar from start to end
  range,    ///< an imprecise date or "one of" range: a fuzzy bar
  cluster,  ///< several nearby events in one lane: a badge with their count
};

struct box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  [[nodiscard]] bool overlaps(const box& o) const {
    return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1;
  }
};

struct mark {
  event_index event = 0;  ///< the event; for a cluster its first event (by time)
  std::uint32_t lane = 0;
  std::uint32_t row = 0;           ///< within the lane
  std::uint32_t count = 1;         ///< events merged into a cluster
  std::uint32_t first_member = 0;  ///< clusters: index into layout::members
  mark_shape shape = mark_shape::point;
  bool primary = true;        ///< the event's first lane: id attribute, label; others are faint
  bool uncertain = false;     ///< `?`/`~`: drawn hollow or dashed
  bool missing = false;       ///< a placeholder (kind `missing`): hollow, grey, dashed
  bool fade_left = false;     ///< open start: fades out towards the plot's left edge
  bool fade_right = false;    ///< open end
  bool label_inside = false;  ///< written inside its bar
  /// Written on the rows under its bar (a long bar with no room beside it for its label).
  bool label_below = false;
  double x0 = 0, x1 = 0;                 ///< extent; equal for a point
  double y = 0;                          ///< centre line of its row
  double label_x = 0;                    ///< left end of the label text
  double label_width = 0;                ///< 0: no label
  std::vector<std::string> label_lines;  ///< one or two
  [[nodiscard]] box marker_box(const metrics& m) const;
  [[nodiscard]] box label_box(const metrics& m) const;
  /// Centre line of the label's first line.
  [[nodiscard]] double label_y(const metrics& m) const {
    return label_below ? y + m.row_height : y;
  }
  /// Rows of its lane it takes: its label's lines, and its marker's own row when the label is
  /// below it.
  [[nodiscard]] std::size_t rows_taken() const {
    return std::max<std::size_t>(1, label_lines.size() + (label_below ? 1 : 0));
  }
};

struct lane {
  std::string label;                      ///< actor or organization name
  std::vector<std::string> label_lines;   ///< wrapped to the gutter
  std::string detail;                     ///< role, or the members who have events
  std::vector<std::string> detail_lines;  ///< wrapped to the gutter: two lines, then "…"
  std::uint32_t rows = 1;
  double y = 0, height = 0;
  double rows_top = 0;  ///< top of its first row (rows are centred in the lane)
  /// The centre line of row r, where its markers sit.
  [[nodiscard]] double row_y(std::uint32_t r, const metrics& m) const {
    return rows_top + (static_cast<double>(r) + 0.5) * m.row_height;
  }
  std::uint32_t colour = 0;  ///< index into the palette
};

struct point {
  double x = 0, y = 0;
};

/// One relation between two single events' marks (arrows never touch clusters).
struct arrow {
  std::uint32_t from = 0;  ///< mark of the earlier event (the target of the relation)
  std::uint32_t to = 0;    ///< mark of the later event (which has the relation)
  relation_type type = relation_type::responds_to;
  /// Orthogonal route from `from` to `to` along the gaps between rows, clear of every label
  /// and of other markers; empty when none was found (then drawn as a curve).
  std::vector<point> route;
};

/// Height of a lane's label lines and detail line.
[[nodiscard]] double lane_label_block(const lane& ln);

struct layout {
  metrics m;
  time_axis axis;
  std::vector<lane> lanes;
  std::vector<mark> marks;           ///< by lane, then row, then x
  std::vector<event_index> members;  ///< cluster members, by cluster
  std::vector<arrow> arrows;
  /// An event's labelled mark to its faint marks in its other actors' lanes (`type` unused).
  std::vector<arrow> links;
  std::size_t relations_not_drawn = 0;  ///< beyond max_arrows, or inside one cluster
  std::size_t arrows_unrouted = 0;      ///< drawn as curves: no clear route was found
  std::size_t clusters = 0;
  std::size_t events_in_clusters = 0;
  bool has_bce = false;
  double gutter = 0;                     ///< width of the lane labels column
  double plot_top = 0, plot_bottom = 0;  ///< y range of the lanes
  double width = 0;                      ///< right edge of everything drawn, margin included
};

/// The story's finite span, and whose dates bound it (for the title).
struct story_span {
  std::int64_t first = 0, last = 0;  ///< seconds
  event_index first_event = 0;       ///< whose earliest is `first`
  event_index last_event = 0;        ///< whose latest (or, open-ended, earliest) is `last`
  bool known = false;                ///< some event has a finite end
};

/// O(n); the title block needs it before the layout (its height sets where the axis starts).
[[nodiscard]] story_span span_of(const story& s);

/// The metrics for a drawing at most `width` px wide (0: the defaults).
[[nodiscard]] metrics metrics_for_width(double width);

/// Lays the story out. `top` is where the axis starts (below the title block).
[[nodiscard]] layout compute_layout(const story& s, const render_options& options, double top,
                                    const metrics& m = {});

/// Routes `lay.arrows`, then `lay.links` (arrow_routes.cpp): out of the earlier marker to the gap
/// beside its row, along that gap to a vertical free of labels and markers (and apart from other
/// arrows' verticals), down or up to the gap beside the later marker's row, into that marker from
/// above or below. Cost is bounded per arrow; an arrow with no clear route keeps an empty route.
void route_arrows(layout& lay);

/// Lane of each actor: itself, or with lane_grouping::organization its top-level `member_of`
/// organization (first parent, followed upward; a cycle stops at the actor that closes it).
[[nodiscard]] std::vector<actor_index> lane_owner(const story& s, lane_grouping grouping);

}  // namespace eventgraph::detail::timeline
