#pragma once
// The native time-scaled timeline (`--layout timeline`), drawn by eventgraph itself.

#include <string>

#include "eventgraph/diagnostic.hpp"
#include "eventgraph/model.hpp"
#include "eventgraph/render.hpp"

namespace eventgraph::detail {

/// The timeline as SVG, PNG or PDF bytes (DOT is not a timeline format).
[[nodiscard]] result<std::string> render_timeline(const story& s, const render_options& options);

}  // namespace eventgraph::detail
