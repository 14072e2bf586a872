#pragma once
// The last check before image bytes leave the renderer: cairo (inside Graphviz or under
// librsvg) can fail without telling its caller and still hand back a file, e.g. a 444-byte PDF
// whose one page was never written. A file we return is never that.

#include <optional>
#include <string>
#include <string_view>

#include "eventgraph/render.hpp"

namespace eventgraph::detail {

/// What is wrong with PNG or PDF bytes, or nothing: empty, no signature, no end (PNG's IEND,
/// PDF's %%EOF), a PDF without a page object. SVG and DOT are not checked here.
///
///     image_problem(pdf, image_format::pdf)  // "the PDF has no page"
[[nodiscard]] std::optional<std::string> image_problem(std::string_view bytes, image_format f);

}  // namespace eventgraph::detail
