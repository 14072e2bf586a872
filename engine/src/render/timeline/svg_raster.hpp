#pragma once
// SVG to PNG or PDF with librsvg and cairo (the only translation unit that includes them).

#include <string>
#include <string_view>

#include "eventgraph/diagnostic.hpp"

namespace eventgraph::detail {

/// PNG bytes of an SVG drawn at `scale` (2: twice the SVG's pixel size, for print).
///
///     auto png = svg_to_png(svg, 2.0);
[[nodiscard]] result<std::string> svg_to_png(std::string_view svg, double scale);

/// PDF bytes of an SVG, one page of the SVG's size (96 SVG pixels = 72 points).
/// Byte-identical for the same SVG: the creation date is fixed, not the clock's.
[[nodiscard]] result<std::string> svg_to_pdf(std::string_view svg);

}  // namespace eventgraph::detail
