#pragma once
// The interactive page's files (engine/src/export/html/), embedded at build time by
// cmake/embed_files.cmake into a generated source.

#include <string_view>

namespace eventgraph::detail::html_assets {

std::string_view page_html();  ///< the template, with {{placeholders}}
std::string_view page_js();
std::string_view page_css();

}  // namespace eventgraph::detail::html_assets
