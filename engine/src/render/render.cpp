// render(): one entry point for both kinds of diagram.

#include "eventgraph/render.hpp"

#include <fmt/format.h>

#include <array>

#include "render/graphviz/render_graphviz.hpp"
#include "render/timeline/render_timeline.hpp"

namespace eventgraph {

std::span<const std::string_view> graphviz_engines() {
  static constexpr std::array<std::string_view, 6> names = {"dot",  "neato", "fdp",
                                                            "sfdp", "circo", "twopi"};
  return names;
}

std::string describe(const left_out_counts& c) {
  if (!c.any()) return {};
  auto counted = [](std::size_t n, std::string_view what) {
    return fmt::format("{} {}{}", n, what, n == 1 ? "" : "s");
  };
  return fmt::format("Part of the story: {}, {} and {} left out", counted(c.events, "event"),
                     counted(c.relations, "relation"), counted(c.actors, "actor"));
}

result<std::string> render(const story& s, const render_options& options) {
  switch (options.layout) {
    case render_layout::timeline:
      return detail::render_timeline(s, options);
    case render_layout::graphviz:
      return detail::render_graphviz(s, options);
  }
  diagnostic_list diags;
  diags.error({}, "usage", "unknown layout", category::usage);
  return diags;
}

}  // namespace eventgraph
