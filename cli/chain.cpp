// eventgraph chain EVENT FILE...: what an event set off (down) or answers (up), as a tree.

#include <fmt/format.h>

#include "eventgraph/query.hpp"
#include "eventgraph/text.hpp"
#include "graph_common.hpp"
#include "queries.hpp"

namespace eventgraph::cli {
namespace {

/// Levels shown by indentation; deeper ones say their depth as a number, so a long thread's
/// output grows with the events printed, not with their square.
constexpr std::uint32_t indented_levels = 12;

void print_tree(context& ctx, const story& s, const std::vector<chain_entry>& entries) {
  std::string out;
  for (const auto& entry : entries) {
    if (entry.depth <= indented_levels)
      out.append(2 * entry.depth, ' ');
    else
      fmt::format_to(std::back_inserter(out), "[depth {}] ", entry.depth);
    if (entry.repeat)
      fmt::format_to(std::back_inserter(out), "{}: {} (see above)\n", to_string(entry.via),
                     escape_terminal(s.events[entry.event].id()));
    else
      fmt::format_to(std::back_inserter(out), "{}: {}\n", to_string(entry.via),
                     event_line(s, entry.event));
    // Written in pieces, so a million-line tree never sits in memory as one string.
    if (out.size() >= (std::size_t{1} << 16)) {
      ctx.out << out;
      out.clear();
    }
  }
  ctx.out << out;
}

void write_tree(json_writer& w, const story& s, const std::vector<chain_entry>& entries) {
  w.begin_array();
  for (const auto& entry : entries) {
    w.begin_object();
    w.key("depth").unsigned_number(entry.depth);
    w.key("relation").string(to_string(entry.via));
    w.key("repeat").boolean(entry.repeat);
    w.key("event");
    write_event(w, s, entry.event);
    w.end_object();
  }
  w.end_array();
}

std::string_view direction_name(chain_direction d) {
  switch (d) {
    case chain_direction::down:
      return "down";
    case chain_direction::up:
      return "up";
    case chain_direction::both:
      break;
  }
  return "both";
}

}  // namespace

void answer_chain(context& ctx, const event_graph& g, const chain_query& q) {
  auto root = resolve_id(ctx, g, q.event, id_scope::events);
  if (!root) return;
  chain_options o;
  o.direction = q.direction;
  o.max_depth = q.depth;
  o.relations = parse_relations(q.relations);
  const chain_result c = chain(g, root->front(), o);
  const story& s = g.source();
  if (q.json) {
    json_writer w(ctx.out);
    w.begin_object();
    w.key("root");
    write_event(w, s, c.root);
    w.key("direction").string(direction_name(q.direction));
    w.key("distinct_down").unsigned_number(c.distinct_down);
    w.key("distinct_up").unsigned_number(c.distinct_up);
    w.key("down");
    write_tree(w, s, c.down);
    w.key("up");
    write_tree(w, s, c.up);
    w.end_object();
    w.finish();
    return;
  }
  ctx.out << event_line(s, c.root) << '\n';
  if (q.direction != chain_direction::up) {
    if (c.down.empty())
      ctx.out << "Set off nothing.\n";
    else
      ctx.out << fmt::format("Set off {}:\n", counted(c.distinct_down, "event"));
    print_tree(ctx, s, c.down);
  }
  if (q.direction != chain_direction::down) {
    if (c.up.empty())
      ctx.out << "Goes back to nothing.\n";
    else
      ctx.out << fmt::format("Goes back to {}:\n", counted(c.distinct_up, "event"));
    print_tree(ctx, s, c.up);
  }
}

void register_chain(CLI::App& app, context& ctx) {
  struct options {
    std::vector<std::string> files;
    chain_query query;
  };
  auto opts = std::make_shared<options>();
  CLI::App* command = app.add_subcommand(
      "chain", "What an event set off (down), or what it answers (up), as a tree, oldest first");
  command->add_option("event", opts->query.event, "Event id")->required();
  add_input_files(*command, opts->files);
  const std::map<std::string, chain_direction> directions = {{"down", chain_direction::down},
                                                             {"up", chain_direction::up},
                                                             {"both", chain_direction::both}};
  command->add_option("--direction", opts->query.direction, "down (default), up or both")
      ->transform(choice(directions));
  command->add_option("--depth", opts->query.depth, "At most N levels from the event")
      ->check(CLI::NonNegativeNumber);
  command
      ->add_option("--relation", opts->query.relations,
                   "Follow only this relation type (repeatable)")
      ->check(CLI::IsMember(relation_names()));
  command->add_flag("--json", opts->query.json, "JSON output (see docs/queries.md)");
  command->callback([&ctx, opts] {
    if (auto loaded = load_graph(ctx, opts->files)) answer_chain(ctx, *loaded->graph, opts->query);
  });
}

}  // namespace eventgraph::cli
