// The native timeline as SVG (then PNG or PDF through svg_raster): text stays text, every event
// is a group with its id and a tooltip, only links by the link rule, all user text escaped.

#include "render/timeline/render_timeline.hpp"

#include <cmath>
#include <new>
#include <string>

#include "render/timeline/lanes.hpp"
#include "render/timeline/svg_raster.hpp"
#include "render/timeline/svg_writer.hpp"

namespace eventgraph::detail {
namespace {

using namespace timeline;

/// The timeline as SVG text; PNG and PDF are drawn from it.
std::string timeline_svg(const story& s, const render_options& options) {
  const metrics m = metrics_for_width(options.width);
  const title_block tb =
      make_title(s, options, m.plot_width + m.max_gutter - 40, plan_lanes(s, options.lanes).count);
  const double axis_top = tb.height + 40;
  const layout lay = compute_layout(s, options, axis_top, m);
  writer w{s, lay, {}};
  w.out.reserve(4096 + lay.marks.size() * 600);

  const double legend_top = lay.plot_bottom + 14;
  // The legend's height is known only once written: write it to a side buffer first.
  writer legend{s, lay, {}};
  const double legend_height = write_legend(legend, legend_top, describe(options.left_out));
  const double height = legend_top + legend_height + 8;

  w.put(R"(<?xml version="1.0" encoding="UTF-8"?>)"
        "\n");
  w.put(R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0:.0f}" height="{1:.0f}" )"
        R"(viewBox="0 0 {0:.0f} {1:.0f}" font-family="{2}" class="eventgraph-timeline">)"
        "\n",
        std::ceil(lay.width), std::ceil(height), font_stack);
  w.put("<title>");
  w.text(!options.title.empty() ? options.title : s.title);
  w.put("</title>\n");
  if (!s.description.empty()) {
    w.put("<desc>");
    w.text(s.description);
    w.put("</desc>\n");
  }
  write_defs(w);
  w.put(R"(<rect x="0" y="0" width="100%" height="100%" fill="#ffffff"/>)"
        "\n");
  write_title(w, tb);
  write_lanes(w);
  write_axis(w);
  write_arrows(w);
  write_marks(w);
  w.out += legend.out;
  w.put("</svg>\n");
  return std::move(w.out);
}

}  // namespace

result<std::string> render_timeline(const story& s, const render_options& options) {
  if (options.format == image_format::dot) {
    diagnostic_list d;
    d.error({}, "format",
            "the timeline layout writes SVG, PNG or PDF; DOT is for the graphviz layout "
            "(--layout graphviz)");
    return d;
  }
  // The layout is linear in events, actors and relations, but a story can still need more
  // memory than there is: that is an error like any other, not an abort.
  try {
    std::string svg = timeline_svg(s, options);
    if (options.format == image_format::png) return svg_to_png(svg, 2.0);
    if (options.format == image_format::pdf) return svg_to_pdf(svg);
    return svg;
  } catch (const std::bad_alloc&) {
    diagnostic_list d;
    d.error({}, "too-large",
            fmt::format("too large to draw as a timeline: {} events, {} actors (out of memory); "
                        "select part of it (--from, --to, --actor, --around...)",
                        s.events.size(), s.actors.size()));
    return d;
  }
}

}  // namespace eventgraph::detail
