// eventgraph path FROM TO FILE...: the chain of responses leading from one event to another.

#include <fmt/format.h>

#include "eventgraph/query.hpp"
#include "graph_common.hpp"

namespace eventgraph::cli {

void register_path(CLI::App& app, context& ctx) {
  struct options {
    std::string from, to;
    std::vector<std::string> files;
    std::vector<std::string> relations;
    bool json = false;
  };
  auto opts = std::make_shared<options>();
  CLI::App* command = app.add_subcommand(
      "path",
      "The chain of responses from one event to another, forward in time (an actor id stands "
      "for any of its events)");
  command->add_option("from", opts->from, "Event or actor id where the chain starts")->required();
  command->add_option("to", opts->to, "Event or actor id where it ends")->required();
  add_input_files(*command, opts->files);
  command->add_option("--relation", opts->relations, "Follow only this relation type (repeatable)")
      ->check(CLI::IsMember(relation_names()));
  command->add_flag("--json", opts->json, "JSON output (see docs/queries.md)");
  command->callback([&ctx, opts] {
    auto loaded = load_graph(ctx, opts->files);
    if (!loaded) return;
    const event_graph& g = *loaded->graph;
    auto from = resolve_id(ctx, g, opts->from, true);
    auto to = resolve_id(ctx, g, opts->to, true);
    if (!from || !to) return;
    path_options o;
    o.relations = parse_relations(opts->relations);
    const auto steps = find_path(g, *from, *to, o);
    const story& s = *loaded->data;
    if (opts->json) {
      nlohmann::ordered_json j;
      j["from"] = opts->from;
      j["to"] = opts->to;
      j["found"] = !steps.empty();
      auto list = nlohmann::ordered_json::array();
      for (std::size_t i = 0; i < steps.size(); ++i) {
        nlohmann::ordered_json step;
        step["relation"] =
            i == 0 ? nlohmann::ordered_json() : nlohmann::ordered_json(to_string(steps[i].via));
        step["event"] = event_json(s, steps[i].event);
        list.push_back(std::move(step));
      }
      j["steps"] = std::move(list);
      print_json(ctx, j);
      return;
    }
    if (steps.empty()) {
      ctx.out << fmt::format(
          "No path from {} to {}: no chain of responses leads from one to the other forward in "
          "time.\n",
          opts->from, opts->to);
      return;
    }
    const std::size_t n = steps.size() - 1;
    ctx.out << fmt::format("Path from {} to {}, {} step{}:\n", opts->from, opts->to, n,
                           n == 1 ? "" : "s");
    ctx.out << "  " << event_line(s, steps.front().event) << '\n';
    for (std::size_t i = 1; i < steps.size(); ++i)
      ctx.out << fmt::format("  {}: {}\n", to_string(steps[i].via), event_line(s, steps[i].event));
  });
}

}  // namespace eventgraph::cli
