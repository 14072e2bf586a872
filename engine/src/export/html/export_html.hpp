#pragma once
// The interactive page (export_format::html), written by export_html.cpp.

#include <string>

#include "eventgraph/model.hpp"

namespace eventgraph::detail {

std::string export_html(const story& s);

}  // namespace eventgraph::detail
