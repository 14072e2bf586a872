// render(): one entry point for both kinds of diagram.

#include "eventgraph/render.hpp"

#include <array>

#include "render/graphviz/render_graphviz.hpp"
#include "render/timeline/render_timeline.hpp"

namespace eventgraph {

std::span<const std::string_view> graphviz_engines() {
  static constexpr std::array<std::string_view, 6> names = {"dot",  "neato", "fdp",
                                                            "sfdp", "circo", "twopi"};
  return names;
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
