#pragma once
// Graphviz diagrams: our own DOT text, laid out and rendered by Graphviz (cgraph + gvc).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "eventgraph/diagnostic.hpp"
#include "eventgraph/model.hpp"
#include "eventgraph/render.hpp"
#include "render/graphviz/dot_axis.hpp"

namespace eventgraph::detail {

/// What dot's time grows with: one node per event, plus one per row a relation crosses (dot
/// routes a long edge through a virtual node in every rank between its ends). Above this
/// the Graphviz layouts refuse unless `render_options::force` is set: dot takes about 7 s at
/// 4,200 and minutes beyond 10,000 (docs/user-guide.md, "Graphviz diagrams", has the figures).
inline constexpr std::size_t graphviz_layout_limit = 5000;

struct dot_text {
  std::string text;
  std::size_t columns = 0;
  std::size_t layout_nodes = 0;  ///< events + relation row crossings: see graphviz_layout_limit
};

/// The story as DOT text: deterministic, whatever the order of the input, and safe to lay out
/// whatever the user's text (every label, tooltip and link escaped; only http(s) links).
///
///     auto dot = to_dot(s, {.format = image_format::dot});
[[nodiscard]] result<dot_text> to_dot(const story& s, const render_options& options);

/// How many event boxes a row of the diagram holds: as many as `width` (px, at Graphviz's 96
/// dpi) leaves room for beside the axis; for 0 (no width asked), two, which fits a print
/// column at a little under full size.
[[nodiscard]] std::size_t boxes_per_row(double width);

/// A usage error unless `engine` is one of graphviz_engines().
[[nodiscard]] std::optional<diagnostic_list> check_engine(std::string_view engine);

/// The DOT text for an axis planned by dot::plan_axis (to_dot is both steps).
[[nodiscard]] std::string write_dot(const story& s, const render_options& options,
                                    const dot::axis_plan& plan);

/// For tests: how many DOT texts this process has written (a refusal must write none).
[[nodiscard]] std::size_t dot_texts_written();

/// DOT text as is, or laid out by Graphviz into SVG, PNG or PDF bytes.
[[nodiscard]] result<std::string> render_graphviz(const story& s, const render_options& options);

}  // namespace eventgraph::detail
