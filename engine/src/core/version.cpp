#include "eventgraph/version.hpp"

namespace eventgraph {

std::string_view version() {
  // Compiled into the library, so it tells which library was linked, not which headers.
  return EVENTGRAPH_VERSION;
}

}  // namespace eventgraph
