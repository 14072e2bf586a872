// DOT text for the Graphviz diagrams. No Graphviz here: we write the text ourselves, so the DOT
// a user gets (and the golden tests compare) is ours byte for byte, whatever Graphviz version
// lays it out; render_graphviz.cpp hands it to cgraph (agmemread) and gvc.
//
// Choices worth knowing:
// - Time reads top to bottom, so that the diagram fits a print column: one column of the time
//   axis (a dot rank, `rank=same` with an axis node) per period that has events, its boxes left
//   to right in date order, wrapped onto further rows when more than a row holds
//   (`boxes_per_row`, from `render_options::width`). Periods are days, weeks, months or years;
//   `time_unit::automatic` takes the finest unit that needs at most `auto_column_limit` columns and
//   stays within `graphviz_layout_limit` (long relations cost dot a node per row crossed).
//   Periods without events get no column, so the axis is not to scale: a dashed axis segment marks
//   skipped time.
// - Periods are calendar periods in each event's own zone, so an event dated Feb 12 sits under
//   "Feb 12" whatever zone the document uses. An event coarser than the unit gets a column of
//   its own precision ("Feb 2026" among days); a finer one (hours) goes to its unit's period.
// - Where an event sits: a point or an interval at its start (`2019/2026-02` under 2019). An open
//   start (`../2026-02-12`, `[..2026-02-12]`) in a column "by Feb 12, 2026" just before Feb 12:
//   at the latest it can be, without claiming a day. One day of a range (`[2026-02-06..
//   2026-02-12]`) in a column "Feb 6 – Feb 12, 2026" just after Feb 6 (or in the one period
//   both bounds fall in); one of an open range (`[2026-02..]`) in "from Feb 2026". The event's
//   own label always gives its date as known ("between Feb 6 and Feb 12, 2026").
// - A relation is written from the earlier event (its target) to the later one and drawn back
//   (`dir=back`): the arrowhead is on the event answered, and dot ranks the edge forward in time.
//   An edge that would run against the axis (an imprecise target placed after its responder) is
//   `constraint=false`, so it can never bend the axis.
// - User text is cleaned (invalid UTF-8 replaced, control and bidi characters dropped, spaces
//   collapsed), cut to a length with "…", then escaped: `\` first, then `"`, and `&` as `&amp;`
//   because Graphviz reads entities in labels. Labels are plain strings, never HTML-like or
//   record labels. Graphviz 2.42 expands escapes in tooltips twice, so there a `\` is written as
//   four. Only http(s) URLs become links, percent-encoded, `&` as `&amp;` (Graphviz writes
//   URLs into SVG unescaped).
// - Output order never depends on input order: columns by time, events by (column, time, id),
//   edges by position, actor colours by sorted actor id.

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "render/graphviz/dot_axis.hpp"
#include "render/graphviz/dot_labels.hpp"
#include "render/graphviz/render_graphviz.hpp"

namespace eventgraph::detail {
namespace {

using namespace dot;

constexpr std::size_t label_width = 28;  // code points per label line
constexpr std::size_t title_lines = 6;
constexpr std::size_t date_lines = 3;
constexpr std::size_t actor_lines = 3;
constexpr std::size_t actors_named = 3;  // then "+N more"
constexpr std::size_t tooltip_length = 600;
constexpr std::size_t graph_title_length = 120;
constexpr std::size_t axis_label_width = 14;  // "week of Feb 14," / "2022"
// Widths (points) that fix how many boxes a row holds at a given --width, measured on
// Graphviz's layout of 28-character lines of DejaVu Sans 11 pt.
constexpr double box_points = 190;
constexpr double axis_points = 100;
constexpr double node_gap_points = 13;  // nodesep
constexpr double pad_points = 22;

std::atomic<std::size_t> texts_written{0};

// ---------------------------------------------------------------------------------------------
// Styles

struct relation_style {
  std::string_view label, color, style, arrow;
  double width;
};

/// Okabe-Ito colours (safe for colour-blind readers), and a line style per type as well.
constexpr std::array<relation_style, relation_type_count> relation_styles = {{
    {"responds to", "#0072B2", "solid", "normal", 1.6},
    {"rebuts", "#D55E00", "solid", "normal", 2.4},
    {"supports", "#009E73", "solid", "normal", 1.8},
    {"follows up", "#CC79A7", "dashed", "normal", 1.8},
    {"repeats", "#E69F00", "dotted", "normal", 2.0},
    {"cites", "#666666", "dashed", "empty", 1.2},
    {"part of", "#808080", "dotted", "odiamond", 1.6},
}};

/// Light fills that keep black text readable.
constexpr std::array<std::string_view, 12> fills = {"#cfe2f3", "#fde4c8", "#d5ecd0", "#f8d2d2",
                                                    "#e2d7ec", "#f3e6c4", "#d2eeee", "#f5d5e8",
                                                    "#e5e5e5", "#dde8c0", "#d9d2e9", "#f4cccc"};
constexpr std::string_view no_actor_fill = "#ffffff";
constexpr std::string_view missing_fill = "#f2f2f2";

/// The actor each actor is coloured as: itself, or (lanes by organization) the top of its
/// member_of chain. Iterative and memoized: chains may be long, and may loop.
std::vector<actor_index> colour_owners(const story& s, lane_grouping lanes) {
  const std::size_t n = s.actors.size();
  std::vector<actor_index> owner(n);
  for (std::size_t i = 0; i < n; ++i) owner[i] = static_cast<actor_index>(i);
  if (lanes != lane_grouping::organization) return owner;
  enum : std::uint8_t { unseen, walking, done };
  std::vector<std::uint8_t> state(n, unseen);
  std::vector<actor_index> path;
  for (std::size_t start = 0; start < n; ++start) {
    if (state[start] == done) continue;
    path.clear();
    actor_index a = static_cast<actor_index>(start);
    actor_index top = a;
    while (true) {
      if (state[a] == done) {
        top = owner[a];
        break;
      }
      if (state[a] == walking || s.actors[a].member_of.empty()) {  // a loop, or the top
        top = a;
        break;
      }
      state[a] = walking;
      path.push_back(a);
      a = s.actors[a].member_of.front();
    }
    for (const actor_index p : path) owner[p] = top, state[p] = done;
    owner[a] = state[a] == done ? owner[a] : top;
    state[a] = done;
  }
  return owner;
}

// ---------------------------------------------------------------------------------------------
// The plan: what goes where, before any text

/// Each event's position in the output order.
std::vector<std::uint32_t> positions(const std::vector<event_index>& order) {
  std::vector<std::uint32_t> position(order.size());
  for (std::size_t p = 0; p < order.size(); ++p) position[order[p]] = static_cast<std::uint32_t>(p);
  return position;
}

/// Fill colours: by actor (or organization), assigned in order of actor id.
struct colours {
  std::vector<actor_index> owner;
  std::vector<std::string_view> fill;  ///< per owner
  [[nodiscard]] std::string_view of(const event& e) const {
    return e.actors().empty() ? no_actor_fill : fill[owner[e.actors().front()]];
  }
};

colours assign_colours(const story& s, lane_grouping lanes) {
  colours c{colour_owners(s, lanes), std::vector<std::string_view>(s.actors.size(), no_actor_fill)};
  std::vector<actor_index> used;
  for (const event e : s.events)
    if (!e.actors().empty()) used.push_back(c.owner[e.actors().front()]);
  std::sort(used.begin(), used.end(),
            [&](actor_index a, actor_index b) { return s.actors[a].id < s.actors[b].id; });
  used.erase(std::unique(used.begin(), used.end()), used.end());
  for (std::size_t k = 0; k < used.size(); ++k) c.fill[used[k]] = fills[k % fills.size()];
  return c;
}

struct edge {
  std::uint32_t from, to;  // positions: from the earlier (target) to the later (owner)
  relation_type type;
  std::string_view note;  // into the story's text, which outlives the edges
  [[nodiscard]] auto key() const { return std::tuple(to, from, type, note); }
};

/// Relations in output order, and which types occur.
struct edge_plan {
  std::vector<edge> edges;
  std::array<bool, relation_type_count> types_used{};
};

edge_plan plan_edges(const story& s, const std::vector<std::uint32_t>& position) {
  const std::size_t n = s.events.size();
  edge_plan out;
  for (event_index i = 0; i < n; ++i)
    for (const relation r : s.events[i].relations()) {
      if (r.target >= n) continue;
      out.edges.push_back({position[r.target], position[i], r.type, r.note});
      out.types_used[static_cast<std::size_t>(r.type)] = true;
    }
  std::sort(out.edges.begin(), out.edges.end(),
            [](const edge& a, const edge& b) { return a.key() < b.key(); });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing

using sink = std::back_insert_iterator<std::string>;

void write_header(sink put, const story& s, const render_options& options, grain unit) {
  const std::size_t n = s.events.size();
  const std::string title =
      shorten(options.title.empty() ? s.title : options.title, graph_title_length);
  fmt::format_to(put, "digraph eventgraph {{\n");
  fmt::format_to(put,
                 "  graph [layout={}, rankdir=TB, newrank=true, outputorder=edgesfirst, "
                 "overlap=false,{} nodesep=0.18, ranksep=0.3, pad=0.3, bgcolor=white,\n"
                 "         fontname=\"DejaVu Sans\", fontsize=18, labelloc=t, labeljust=l,\n"
                 "         label=\"{}\\l",
                 options.engine, options.engine == "dot" ? "" : " splines=true,",
                 escaped(title.empty() ? std::string("Timeline") : title));
  fmt::format_to(put, "{} event{} \xC2\xB7 one row per {} with events\\l", n, n == 1 ? "" : "s",
                 unit_name(unit));
  if (options.left_out.any()) fmt::format_to(put, "{}\\l", escaped(describe(options.left_out)));
  fmt::format_to(put, "\"];\n");
  // Rows already hold what the width leaves room for; where dot still needs more (long edges
  // routed round boxes), Graphviz scales the drawing down to the width, never up.
  if (options.width > 0) fmt::format_to(put, "  graph [size=\"{:g},1000\"];\n", options.width / 96);
  fmt::format_to(put,
                 "  node [fontname=\"DejaVu Sans\", fontsize=11, shape=box, "
                 "style=\"rounded,filled\", color=\"#555555\", margin=\"0.1,0.06\"];\n"
                 "  edge [fontname=\"DejaVu Sans\", fontsize=10, color=\"#333333\"];\n");
}

/// The axis node of row `r` of column `c`: the column's label on its first row, a bare joint
/// of the axis line on the rows a crowded column wraps onto.
std::string axis_node(std::size_t c, std::size_t r) {
  return r == 0 ? fmt::format("_axis{}", c) : fmt::format("_axis{}_{}", c, r);
}

/// Axis nodes and segments, top to bottom; whether any segment skips time.
bool write_axis(sink put, const std::vector<column>& columns,
                const std::vector<std::uint32_t>& rows) {
  bool gaps = false;
  if (columns.empty()) return gaps;
  fmt::format_to(put,
                 "  subgraph axis {{\n"
                 "    node [shape=box, style=filled, fillcolor=\"#333333\", color=\"#333333\", "
                 "fontcolor=white, fontsize=12, margin=\"0.08,0.04\"];\n"
                 "    edge [color=\"#333333\", penwidth=3, arrowhead=none, weight=100];\n");
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const std::string text = column_label(columns[c]);
    fmt::format_to(put, "    \"_axis{}\" [label=\"{}\", tooltip=\"{}\"];\n", c,
                   label_lines(wrap(text, axis_label_width, 3)), escaped_tooltip(text));
    for (std::size_t r = 1; r < rows[c]; ++r)
      fmt::format_to(put, "    \"{}\" [shape=point, width=0.04, label=\"\", tooltip=\"{}\"];\n",
                     axis_node(c, r), escaped_tooltip(text));
  }
  std::string previous;
  for (std::size_t c = 0; c < columns.size(); ++c)
    for (std::size_t r = 0; r < rows[c]; ++r) {
      const std::string node = axis_node(c, r);
      if (!previous.empty()) {
        const bool gap = r == 0 && skips_time(columns[c - 1], columns[c]);
        gaps = gaps || gap;
        fmt::format_to(put, "    \"{}\" -> \"{}\"{};\n", previous, node,
                       gap ? " [style=dashed]" : "");
      }
      previous = node;
    }
  fmt::format_to(put, "  }}\n");
  return gaps;
}

/// "Name, Name, Name +2 more": at most actors_named names.
void append_names(std::string& who, const story& s, std::span<const actor_index> list) {
  for (std::size_t k = 0; k < list.size() && k < actors_named; ++k) {
    if (k > 0) who += ", ";
    who += shorten(s.actors[list[k]].name, label_width * 2);
  }
  if (list.size() > actors_named) who += fmt::format(" +{} more", list.size() - actors_named);
}

void write_event(sink put, const story& s, const event e, std::string_view colour) {
  std::vector<std::string> lines;
  // The date is wrapped, never cut: "between Mar 2, 2026 09:30 EST and ..." is all meaning.
  for (auto& l : wrap(describe_date(e.date(), e.timezone()), label_width + 8, date_lines))
    lines.push_back(std::move(l));
  std::string who;
  append_names(who, s, e.actors());
  if (e.actors().empty()) who = "unattributed";
  if (!e.addressees().empty()) {
    who += " \xE2\x86\x92 ";  // →
    append_names(who, s, e.addressees());
  }
  for (auto& l : wrap(who, label_width, actor_lines)) lines.push_back(std::move(l));
  const bool missing = is_missing(e);
  for (auto& l : wrap(e.title(), label_width, title_lines)) lines.push_back(std::move(l));
  if (missing) lines.push_back("(missing)");
  const std::string_view tip = e.summary().empty() ? e.title() : e.summary();
  fmt::format_to(put, "    \"{}\" [id=\"event-{}\", label=\"{}\", fillcolor=\"{}\", tooltip=\"{}\"",
                 escaped(e.id()), escaped(e.id()), label_lines(lines),
                 missing ? missing_fill : colour, escaped_tooltip(shorten(tip, tooltip_length)));
  // A placeholder stands for an event the data lacks: dashed and grey, whoever it names.
  if (missing)
    fmt::format_to(put,
                   ", style=\"rounded,filled,dashed\", color=\"#999999\", "
                   "fontcolor=\"#666666\"");
  for (const source& src : e.sources())
    if (auto url = link(src.url)) {
      fmt::format_to(put, ", URL=\"{}\", target=\"_blank\"", *url);
      break;
    }
  fmt::format_to(put, "];\n");
}

/// One rank per row (the plan's row_of): its axis node, then its events, left to right.
void write_ranks(sink put, const story& s, const axis_plan& plan, const colours& fill) {
  const std::size_t n = s.events.size();
  const std::vector<event_index>& order = plan.order;
  for (std::size_t p = 0; p < n;) {
    const std::uint32_t c = plan.column_index[order[p]];
    const std::uint32_t column_row = plan.row_of[order[p]];  // the column's first row
    for (; p < n && plan.column_index[order[p]] == c;) {
      const std::uint32_t row = plan.row_of[order[p]];
      const std::string axis = axis_node(c, row - column_row);
      fmt::format_to(put, "  {{ rank=same; \"{}\";\n", axis);
      const std::size_t first = p;
      for (; p < n && plan.row_of[order[p]] == row; ++p) {
        const event e = s.events[order[p]];
        write_event(put, s, e, fill.of(e));
      }
      // Within a row, boxes read left to right in date order, the axis first: a flat edge
      // keeps its tail before its head in dot's ordering, and an invisible chain fixes it.
      fmt::format_to(put, "    \"{}\" -> \"{}\" [style=invis, weight=20];\n", axis,
                     escaped(s.events[order[first]].id()));
      for (std::size_t q = first + 1; q < p; ++q)
        fmt::format_to(put, "    \"{}\" -> \"{}\" [style=invis, weight=20];\n",
                       escaped(s.events[order[q - 1]].id()), escaped(s.events[order[q]].id()));
      fmt::format_to(put, "  }}\n");
    }
  }
}

void write_edges(sink put, const story& s, const axis_plan& plan, const std::vector<edge>& edges) {
  for (const auto& ed : edges) {
    const relation_style& st = relation_styles[static_cast<std::size_t>(ed.type)];
    std::string tip = std::string(to_string(ed.type));
    if (!ed.note.empty()) tip += ": " + std::string(ed.note);
    const event_index earlier = plan.order[ed.from];
    const event_index later = plan.order[ed.to];
    const std::uint32_t from_row = plan.row_of[earlier];
    const std::uint32_t to_row = plan.row_of[later];
    // Within a row an edge runs left to right, as the invisible chain does (against it, dot
    // would break the cycle and lose the date order); the arrowhead stays on the target.
    const bool flat_reversed = from_row == to_row && ed.from > ed.to;
    fmt::format_to(put,
                   "  \"{}\" -> \"{}\" [dir={}, arrow{}={}, color=\"{}\", style={}, "
                   "penwidth={}, tooltip=\"{}\"{}];\n",
                   escaped(s.events[flat_reversed ? later : earlier].id()),
                   escaped(s.events[flat_reversed ? earlier : later].id()),
                   flat_reversed ? "forward" : "back", flat_reversed ? "head" : "tail", st.arrow,
                   st.color, st.style, st.width, escaped_tooltip(shorten(tip, tooltip_length)),
                   from_row > to_row ? ", constraint=false" : "");
  }
}

/// One entry per relation type present, and the axis gap mark if used, above the axis: each
/// entry a flat pair (sample line, words), two entries to a row, the rows chained down to the
/// first axis node (beside the axis's first rows it would widen the drawing).
void write_legend(sink put, const std::array<bool, relation_type_count>& types_used, bool gaps) {
  if (!gaps && std::find(types_used.begin(), types_used.end(), true) == types_used.end()) return;
  fmt::format_to(put,
                 "  subgraph cluster_legend {{\n"
                 "    label=\"Arrows point to the earlier event\\l\"; labeljust=l; fontsize=11; "
                 "style=rounded; color=\"#bbbbbb\";\n"
                 "    node [shape=point, width=0.06, color=\"#777777\", style=filled];\n");
  struct entry {
    std::string name, label, edge;
  };
  std::vector<entry> entries;
  for (std::size_t t = 0; t < relation_type_count; ++t) {
    if (!types_used[t]) continue;
    const relation_style& st = relation_styles[t];
    entries.push_back({fmt::format("_legend{}", t), std::string(st.label),
                       fmt::format("dir=back, arrowtail={}, color=\"{}\", style={}, penwidth={}",
                                   st.arrow, st.color, st.style, st.width)});
  }
  if (gaps) {
    fmt::format_to(put,
                   "    \"_legend_gap\" [shape=box, width=0.1, height=0.1, color=\"#333333\", "
                   "fillcolor=\"#333333\", label=\"\"];\n");
    entries.push_back({"_legend_gap", "time without events left out",
                       "color=\"#333333\", penwidth=3, arrowhead=none, style=dashed"});
  }
  constexpr std::size_t per_row = 2;
  for (std::size_t k = 0; k < entries.size(); k += per_row) {
    fmt::format_to(put, "    {{ rank=same;\n");
    for (std::size_t j = k; j < std::min(entries.size(), k + per_row); ++j) {
      const entry& e = entries[j];
      fmt::format_to(put,
                     "      \"{}\" -> \"{}_text\" [{}, minlen=3];\n"
                     "      \"{}_text\" [shape=plaintext, style=\"\", label=\"{}\\l\", "
                     "fontsize=10, height=0.22, width=1.9, margin=\"0.04,0\"];\n",
                     e.name, e.name, e.edge, e.name, e.label);
      if (j > k)
        fmt::format_to(put, "      \"{}_text\" -> \"{}\" [style=invis];\n", entries[j - 1].name,
                       e.name);
    }
    fmt::format_to(put, "    }}\n");
  }
  fmt::format_to(put, "  }}\n");
  for (std::size_t k = 0; k < entries.size(); k += per_row)
    fmt::format_to(
        put, "  \"{}\" -> \"{}\" [style=invis];\n", entries[k].name,
        k + per_row < entries.size() ? entries[k + per_row].name : std::string("_axis0"));
}

}  // namespace

std::optional<diagnostic_list> check_engine(std::string_view engine) {
  const auto engines = graphviz_engines();
  if (std::find(engines.begin(), engines.end(), engine) != engines.end()) return std::nullopt;
  diagnostic_list diags;
  diags.error({}, "usage",
              fmt::format("unknown Graphviz engine '{}' ({})", shorten(engine, 40),
                          fmt::join(engines, ", ")),
              category::usage);
  return diags;
}

std::size_t boxes_per_row(double width) {
  if (width <= 0) return 2;
  const double points = width * 0.75;  // Graphviz points are 1/72 in, pixels 1/96
  const double free = points - axis_points - 2 * pad_points;
  return std::max<std::size_t>(
      1, static_cast<std::size_t>((free + node_gap_points) / (box_points + node_gap_points)));
}

std::string write_dot(const story& s, const render_options& options, const axis_plan& plan) {
  texts_written.fetch_add(1, std::memory_order_relaxed);
  const colours fill = assign_colours(s, options.lanes);
  const edge_plan edges = plan_edges(s, positions(plan.order));
  std::string out;
  out.reserve(4096 + s.events.size() * 480 + edges.edges.size() * 160);
  const sink put = std::back_inserter(out);
  write_header(put, s, options, plan.unit);
  const bool gaps = write_axis(put, plan.columns, plan.rows);
  write_ranks(put, s, plan, fill);
  write_edges(put, s, plan, edges.edges);
  write_legend(put, edges.types_used, gaps);
  fmt::format_to(put, "}}\n");
  return out;
}

result<dot_text> to_dot(const story& s, const render_options& options) {
  if (auto bad = check_engine(options.engine)) return std::move(*bad);
  const axis_plan plan =
      plan_axis(s, options.unit, graphviz_layout_limit, boxes_per_row(options.width));
  return dot_text{write_dot(s, options, plan), plan.columns.size(), plan.layout_nodes};
}

std::size_t dot_texts_written() {
  return texts_written.load(std::memory_order_relaxed);
}

}  // namespace eventgraph::detail
