#pragma once
// The time axis of the Graphviz diagrams: one column (a dot rank) per calendar period that has
// events, each event's column, and what dot's time grows with (render_dot.cpp has the rules).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "eventgraph/model.hpp"
#include "eventgraph/render.hpp"

namespace eventgraph::detail::dot {

/// Coarsest first, so that std::min picks the coarser of two.
enum class grain : std::uint8_t { millennium, century, decade, year, month, week, day };

/// "day", "week"...: as the diagram's subtitle says it.
[[nodiscard]] std::string_view unit_name(grain g);

/// Column kinds, in the order columns sharing a first day appear.
enum class column_kind : std::uint8_t { by, period, from, range };

struct column {
  std::chrono::sys_days first;  ///< the first day of the (first) period
  column_kind kind = column_kind::period;
  std::chrono::sys_days last;  ///< the last day of the (last) period
  grain unit = grain::day;
  friend auto operator<=>(const column&, const column&) = default;
};

/// "Feb 12, 2026", "by Feb 2026", "from 2019", "Feb 6 – Feb 12, 2026".
[[nodiscard]] std::string column_label(const column& c);

/// A gap in time between two neighbouring columns (drawn as a dashed axis segment).
[[nodiscard]] bool skips_time(const column& a, const column& b);

/// The columns of the axis at one unit, each event's column, the rows the columns wrap onto,
/// and what dot's time grows with.
struct axis_plan {
  grain unit = grain::day;
  std::vector<column> columns;
  std::vector<std::uint32_t> column_index;  ///< per event
  std::vector<event_index> order;           ///< events by (column, time, id): output order
  std::vector<std::uint32_t> rows;          ///< per column: rows of boxes, at least one
  std::vector<std::uint32_t> row_of;        ///< per event: its row, counted from the top
  std::size_t layout_nodes = 0;             ///< events + relation row crossings
};

/// `time_unit::automatic` takes the finest unit that needs at most this many columns: about
/// what a page shows down its length (a period is a row of boxes, at least 60 pt tall).
/// Finer time goes into one column, where boxes keep their date order.
inline constexpr std::size_t auto_column_limit = 16;

/// The axis for `unit`; for `time_unit::automatic` the finest unit (day, week, month, year) with
/// at most auto_column_limit columns and at most `layout_limit` layout nodes, else years. Each
/// column's boxes wrap onto rows of `per_row`; a relation costs dot a node per row it crosses,
/// so while that is over `layout_limit` rows hold twice as many (at worst a column is one
/// row). Costs O(n log n) in events plus relations: it decides whether a layout is affordable
/// before anything heavy is built.
///
///     auto plan = plan_axis(s, time_unit::automatic, graphviz_layout_limit, 2);
[[nodiscard]] axis_plan plan_axis(const story& s, time_unit unit, std::size_t layout_limit,
                                  std::size_t per_row);

}  // namespace eventgraph::detail::dot
