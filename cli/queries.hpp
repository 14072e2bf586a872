#pragma once
// The query commands (chain, path, events, actors, stats) once a story is loaded: what each
// asks of the event graph and how it prints the answer, as text or --json. The commands call
// these on the files they load, the Python module (engine/python) on the story it holds, so the
// JSON has one shape and one writer.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "command.hpp"
#include "eventgraph/graph.hpp"
#include "eventgraph/query.hpp"
#include "graph_common.hpp"

namespace eventgraph::cli {

/// `chain EVENT`: the options after the files.
struct chain_query {
  std::string event;
  chain_direction direction = chain_direction::down;
  std::optional<std::uint32_t> depth;
  std::vector<std::string> relations;  ///< names as in files; empty: every type
  bool json = false;
};
void answer_chain(context& ctx, const event_graph& g, const chain_query& q);

/// `path FROM TO`.
struct path_query {
  std::string from, to;  ///< event or actor ids
  std::vector<std::string> relations;
  bool json = false;
};
void answer_path(context& ctx, const event_graph& g, const path_query& q);

/// `events` with the timeline filter.
struct events_query {
  selection_options select;
  bool json = false;
};
void answer_events(context& ctx, const event_graph& g, const events_query& q);

/// `actors`.
struct actors_query {
  bool no_self = false;
  bool json = false;
};
void answer_actors(context& ctx, const event_graph& g, const actors_query& q);

/// `stats`; running out of memory is a diagnostic (exit 1), as in the command.
struct stats_query {
  bool json = false;
};
void answer_stats(context& ctx, const event_graph& g, const stats_query& q);

}  // namespace eventgraph::cli
