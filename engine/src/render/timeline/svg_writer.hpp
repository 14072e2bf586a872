#pragma once
// What the timeline's SVG writer shares between its files: the palette, relation styles, the
// writer itself, and the parts of the drawing (svg_frame.cpp, svg_marks.cpp).

#include <array>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/text.hpp"
#include "eventgraph/model.hpp"
#include "eventgraph/render.hpp"
#include "render/timeline/timeline_layout.hpp"

namespace eventgraph::detail::timeline {

// No emoji font named here: pango would take digits from it (they are emoji too, as keycaps).
// fontconfig falls back to it for emoji on its own.
inline constexpr std::string_view font_stack = "DejaVu Sans, Liberation Sans, Arial, sans-serif";

// Lane colours (Tableau 10, reordered) and a darker shade of each for outlines and text.
inline constexpr std::array<std::string_view, 10> palette = {
    "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2",
    "#9c755f", "#e15759", "#edc948", "#ff9da7", "#8c8c8c"};
inline constexpr std::array<std::string_view, 10> palette_dark = {
    "#2c5480", "#b8600e", "#3a7333", "#80507a", "#3f837e",
    "#6e4f3d", "#a9303a", "#a88a14", "#c2576a", "#5c5c5c"};
/// The outline of a placeholder (kind `missing`), whatever its lane.
inline constexpr std::string_view missing_stroke = "#999999";

struct relation_style {
  std::string_view colour;
  std::string_view dash;  // empty: solid
  std::string_view legend;
};

inline relation_style style_of(relation_type t) {
  switch (t) {
    case relation_type::responds_to:
      return {"#3d3d3d", "", "responds to"};
    case relation_type::rebuts:
      return {"#c0392b", "", "rebuts"};
    case relation_type::supports:
      return {"#2e7d32", "", "supports"};
    case relation_type::follows_up:
      return {"#1f5fa8", "7 3", "follows up"};
    case relation_type::repeats:
      return {"#7b3fa0", "2 3", "repeats"};
    case relation_type::cites:
      return {"#8a6d3b", "1.5 3", "cites"};
    case relation_type::part_of:
      return {"#6b6b6b", "4 3", "part of"};
  }
  return {"#3d3d3d", "", "relates to"};
}

struct writer {
  const story& s;
  const layout& lay;
  std::string out;

  template <typename... Args>
  void put(fmt::format_string<Args...> f, Args&&... args) {
    fmt::format_to(std::back_inserter(out), f, std::forward<Args>(args)...);
  }
  /// User text on one line, escaped for XML content and attributes.
  void text(std::string_view t) { text::append_xml(out, t, text::line_breaks::as_space); }

  [[nodiscard]] std::string_view colour(std::uint32_t lane) const {
    return palette[lay.lanes[lane].colour % palette.size()];
  }
  [[nodiscard]] std::string_view dark(std::uint32_t lane) const {
    return palette_dark[lay.lanes[lane].colour % palette.size()];
  }
};

/// Gradient ids by kind: fuzzy (both ends soft), fade-left, fade-right, fade-both.
enum class fill_kind : std::uint8_t { fuzzy, fade_left, fade_right, fade_both };

inline fill_kind kind_of(const mark& mk) {
  if (mk.fade_left && mk.fade_right) return fill_kind::fade_both;
  if (mk.fade_left) return fill_kind::fade_left;
  if (mk.fade_right) return fill_kind::fade_right;
  return fill_kind::fuzzy;
}

inline std::string_view kind_name(fill_kind k) {
  switch (k) {
    case fill_kind::fuzzy:
      return "fuzzy";
    case fill_kind::fade_left:
      return "fade-left";
    case fill_kind::fade_right:
      return "fade-right";
    case fill_kind::fade_both:
      return "fade-both";
  }
  return "fuzzy";
}

inline bool uses_gradient(const mark& mk) {
  return (mk.shape == mark_shape::range) ||
         (mk.shape == mark_shape::bar && (mk.fade_left || mk.fade_right));
}

/// An uncertain (`?`) or approximate (`~`) bar or range: hatched over its fill, so that
/// "c. Jul 2022" does not look like "Jul 2022".
inline bool hatched(const mark& mk) {
  return mk.uncertain && !mk.missing &&
         (mk.shape == mark_shape::bar || mk.shape == mark_shape::range);
}

/// Gradients for fuzzy and open-ended marks, hatches, arrowheads by relation type.
void write_defs(writer& w);

/// The title, subtitle and source line above the plot.
struct title_block {
  std::vector<std::string> title_lines;
  std::vector<std::string> subtitle_lines;  ///< span, counts, zone: wrapped whole
  std::vector<std::string> source_lines;    ///< at most two, then cut with "…"
  std::string source_url;
  double height = 0;
};
inline constexpr double subtitle_line = 16;
/// `lanes`: how many the layout will draw (the subtitle counts them).
[[nodiscard]] title_block make_title(const story& s, const render_options& options, double width,
                                     std::size_t lanes);
void write_title(writer& w, const title_block& tb);

void write_lanes(writer& w);
void write_axis(writer& w);
void write_arrows(writer& w);
void write_marks(writer& w);

/// The legend, below the plot, in rows that wrap at the drawing's width. Returns its height.
/// `note`: a first line under the legend (what a selection left out), or "".
double write_legend(writer& w, double top, std::string_view note);

}  // namespace eventgraph::detail::timeline
