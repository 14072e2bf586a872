// eventgraph path FROM TO FILE...: the chain of responses leading from one event to another.

#include <fmt/format.h>

#include "eventgraph/query.hpp"
#include "eventgraph/text.hpp"
#include "graph_common.hpp"
#include "queries.hpp"

namespace eventgraph::cli {

void answer_path(context& ctx, const event_graph& g, const path_query& q) {
  auto from = resolve_id(ctx, g, q.from, id_scope::events_and_actors);
  auto to = resolve_id(ctx, g, q.to, id_scope::events_and_actors);
  if (!from || !to) return;
  path_options o;
  o.relations = parse_relations(q.relations);
  const auto steps = find_path(g, *from, *to, o);
  const story& s = g.source();
  if (q.json) {
    json_writer w(ctx.out);
    w.begin_object();
    w.key("from").string(q.from);
    w.key("to").string(q.to);
    w.key("found").boolean(!steps.empty());
    w.key("steps").begin_array();
    for (std::size_t i = 0; i < steps.size(); ++i) {
      w.begin_object();
      w.key("relation");
      if (i == 0)
        w.null();
      else
        w.string(to_string(steps[i].via));
      w.key("event");
      write_event(w, s, steps[i].event);
      w.end_object();
    }
    w.end_array();
    w.end_object();
    w.finish();
    return;
  }
  if (steps.empty()) {
    ctx.out << fmt::format(
        "No path from {} to {}: no chain of responses leads from one to the other forward in "
        "time.\n",
        escape_terminal(q.from), escape_terminal(q.to));
    return;
  }
  const std::size_t n = steps.size() - 1;
  std::string out = fmt::format("Path from {} to {}, {}:\n", escape_terminal(q.from),
                                escape_terminal(q.to), counted(n, "step"));
  out += "  " + event_line(s, steps.front().event) + '\n';
  for (std::size_t i = 1; i < steps.size(); ++i) {
    fmt::format_to(std::back_inserter(out), "  {}: {}\n", to_string(steps[i].via),
                   event_line(s, steps[i].event));
    // Written in pieces, so a million-step path never sits in memory as one string.
    if (out.size() >= (std::size_t{1} << 16)) {
      ctx.out << out;
      out.clear();
    }
  }
  ctx.out << out;
}

void register_path(CLI::App& app, context& ctx) {
  struct options {
    std::vector<std::string> files;
    path_query query;
  };
  auto opts = std::make_shared<options>();
  CLI::App* command = app.add_subcommand(
      "path",
      "The chain of responses from one event to another, forward in time (an actor id stands "
      "for any of its events)");
  command->add_option("from", opts->query.from, "Event or actor id where the chain starts")
      ->required();
  command->add_option("to", opts->query.to, "Event or actor id where it ends")->required();
  add_input_files(*command, opts->files);
  command
      ->add_option("--relation", opts->query.relations,
                   "Follow only this relation type (repeatable)")
      ->check(CLI::IsMember(relation_names()));
  command->add_flag("--json", opts->query.json, "JSON output (see docs/queries.md)");
  command->callback([&ctx, opts] {
    if (auto loaded = load_graph(ctx, opts->files)) answer_path(ctx, *loaded->graph, opts->query);
  });
}

}  // namespace eventgraph::cli
