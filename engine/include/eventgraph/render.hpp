#pragma once
// Timeline diagrams: Graphviz layouts and eventgraph's own time-scaled timeline.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "eventgraph/diagnostic.hpp"
#include "eventgraph/model.hpp"

namespace eventgraph {

enum class render_layout : std::uint8_t {
  graphviz,  ///< laid out by Graphviz (one of graphviz_engines())
  timeline,  ///< eventgraph's own: linear time axis, one lane per actor, response arrows
};

/// The Graphviz layout engines `render_options::engine` may name, "dot" first: the one list the
/// renderer checks and the CLI offers.
///
///     for (std::string_view name : graphviz_engines()) ...
[[nodiscard]] std::span<const std::string_view> graphviz_engines();

enum class image_format : std::uint8_t { dot, svg, png, pdf };

/// Ranks of the Graphviz time axis.
enum class time_unit : std::uint8_t { automatic, day, week, month, year };

enum class lane_grouping : std::uint8_t { actor, organization };

/// What a selection left out of the story a drawing shows part of (sub_story's counts); the
/// drawing says so under its legend. All zero for a whole story.
struct left_out_counts {
  std::size_t events = 0, relations = 0, actors = 0;
  [[nodiscard]] bool any() const { return events + relations + actors > 0; }
};

/// "Part of the story: 5 events, 6 relations and 1 actor left out"; "" when nothing was.
[[nodiscard]] std::string describe(const left_out_counts& counts);

struct render_options {
  render_layout layout = render_layout::graphviz;
  image_format format = image_format::svg;
  std::string engine = "dot";  ///< Graphviz layout engine
  time_unit unit = time_unit::automatic;
  lane_grouping lanes = lane_grouping::actor;
  bool full_detail = false;   ///< timeline: never merge nearby events into counted clusters
  bool compress_gaps = true;  ///< timeline: shorten long empty stretches, shown as axis breaks
  bool force = false;         ///< Graphviz: lay out even above the documented size limit
  /// Timeline: the drawing is at most this wide (px), e.g. 600 for a print column: labels wrap
  /// narrower and time is compressed into the plot that is left. 0: as wide as it needs.
  double width = 0;
  std::string title;         ///< overrides the story's title
  left_out_counts left_out;  ///< the drawing shows a selection: what it left out
};

/// Renders the story; the bytes of the file (text for DOT and SVG).
/// Fails with diagnostics (code "too-large", "graphviz"...) instead of producing a bad file.
///
///     auto svg = render(story, {.layout = render_layout::timeline});
[[nodiscard]] result<std::string> render(const story& s, const render_options& options);

}  // namespace eventgraph
