#pragma once
// Running the graph commands in-process, for tests/cli/{chain,path,events,actors,stats}_test.cpp.

#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.hpp"

namespace graph_cli {

struct outcome {
  int status;
  std::string out, err;
  [[nodiscard]] nlohmann::json json() const { return nlohmann::json::parse(out); }
};

inline outcome run(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int status = eventgraph::cli::run(args, out, err);
  return {status, out.str(), err.str()};
}

inline const std::string small = EVENTGRAPH_TEST_DATA "/graph/small.yaml";
inline const std::string seed = EVENTGRAPH_SOURCE_DIR "/samples/dhs-california-detainers-2026.yaml";

}  // namespace graph_cli
