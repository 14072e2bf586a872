// eventgraph chain EVENT FILE...: what an event set off (down) or answers (up), as a tree.

#include <fmt/format.h>

#include "eventgraph/query.hpp"
#include "graph_common.hpp"

namespace eventgraph::cli {
namespace {

void print_tree(context& ctx, const story& s, const std::vector<chain_entry>& entries) {
  for (const auto& entry : entries) {
    const std::string indent(2 * entry.depth, ' ');
    if (entry.repeat)
      ctx.out << fmt::format("{}{}: {} (see above)\n", indent, to_string(entry.via),
                             s.events[entry.event].id());
    else
      ctx.out << fmt::format("{}{}: {}\n", indent, to_string(entry.via),
                             event_line(s, entry.event));
  }
}

nlohmann::ordered_json tree_json(const story& s, const std::vector<chain_entry>& entries) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& entry : entries) {
    nlohmann::ordered_json j;
    j["depth"] = entry.depth;
    j["relation"] = to_string(entry.via);
    j["repeat"] = entry.repeat;
    j["event"] = event_json(s, entry.event);
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

void register_chain(CLI::App& app, context& ctx) {
  struct options {
    std::string event;
    std::vector<std::string> files;
    chain_direction direction = chain_direction::down;
    std::optional<std::uint32_t> depth;
    std::vector<std::string> relations;
    bool json = false;
  };
  auto opts = std::make_shared<options>();
  CLI::App* command = app.add_subcommand(
      "chain", "What an event set off (down), or what it answers (up), as a tree, oldest first");
  command->add_option("event", opts->event, "Event id")->required();
  add_input_files(*command, opts->files);
  const std::map<std::string, chain_direction> directions = {{"down", chain_direction::down},
                                                             {"up", chain_direction::up},
                                                             {"both", chain_direction::both}};
  command->add_option("--direction", opts->direction, "down (default), up or both")
      ->transform(choice(directions));
  command->add_option("--depth", opts->depth, "At most N levels from the event")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--relation", opts->relations, "Follow only this relation type (repeatable)")
      ->check(CLI::IsMember(relation_names()));
  command->add_flag("--json", opts->json, "JSON output (see docs/queries.md)");
  command->callback([&ctx, opts] {
    auto loaded = load_graph(ctx, opts->files);
    if (!loaded) return;
    const event_graph& g = *loaded->graph;
    auto root = resolve_id(ctx, g, opts->event, false);
    if (!root) return;
    chain_options o;
    o.direction = opts->direction;
    o.max_depth = opts->depth;
    o.relations = parse_relations(opts->relations);
    const chain_result c = chain(g, root->front(), o);
    const story& s = *loaded->data;
    if (opts->json) {
      nlohmann::ordered_json j;
      j["root"] = event_json(s, c.root);
      j["direction"] = opts->direction == chain_direction::down ? "down"
                       : opts->direction == chain_direction::up ? "up"
                                                                : "both";
      j["distinct_down"] = c.distinct_down;
      j["distinct_up"] = c.distinct_up;
      j["down"] = tree_json(s, c.down);
      j["up"] = tree_json(s, c.up);
      print_json(ctx, j);
      return;
    }
    ctx.out << event_line(s, c.root) << '\n';
    auto count = [](std::size_t n) { return fmt::format("{} event{}", n, n == 1 ? "" : "s"); };
    if (opts->direction != chain_direction::up) {
      if (c.down.empty())
        ctx.out << "Set off nothing.\n";
      else
        ctx.out << fmt::format("Set off {}:\n", count(c.distinct_down));
      print_tree(ctx, s, c.down);
    }
    if (opts->direction != chain_direction::down) {
      if (c.up.empty())
        ctx.out << "Goes back to nothing.\n";
      else
        ctx.out << fmt::format("Goes back to {}:\n", count(c.distinct_up));
      print_tree(ctx, s, c.up);
    }
  });
}

}  // namespace eventgraph::cli
