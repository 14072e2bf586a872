#pragma once
// What the loader's fuzz targets compare: two loads of the same inputs must describe alike.

#include <string>

#include "eventgraph/export.hpp"
#include "eventgraph/load.hpp"

namespace fuzz {

/// Every diagnostic, and the story as eventgraph's JSON when it loaded.
inline std::string describe(const eventgraph::result<eventgraph::story>& r) {
  std::string out;
  for (const auto& d : r.diagnostics().items()) out += eventgraph::format_diagnostic(d) + "\n";
  if (r.ok()) out += eventgraph::export_story(r.value(), eventgraph::export_format::json).value();
  return out;
}

}  // namespace fuzz
