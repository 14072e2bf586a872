// eventgraph events FILE...: a filtered timeline, oldest first.

#include <fmt/format.h>

#include "eventgraph/query.hpp"
#include "eventgraph/text.hpp"
#include "graph_common.hpp"
#include "queries.hpp"

namespace eventgraph::cli {

void answer_events(context& ctx, const event_graph& g, const events_query& q) {
  const story& s = g.source();
  const auto f = parse_filter(ctx, s, q.select);
  if (!f) return;
  const auto found = find_events(g, *f);
  if (q.json) {
    json_writer w(ctx.out);
    w.begin_object();
    w.key("count").unsigned_number(found.size());
    w.key("events").begin_array();
    for (auto e : found) write_event(w, s, e);
    w.end_array();
    w.end_object();
    w.finish();
    return;
  }
  std::string out;
  for (auto i : found) {
    const event e = s.events[i];
    fmt::format_to(std::back_inserter(out), "{}  {}  {}: {}\n",
                   escape_terminal(describe_date(e.date(), e.timezone())), escape_terminal(e.id()),
                   actor_names(s, e), escape_terminal(e.title()));
    // Written in pieces, so a million-event timeline never sits in memory as one string.
    if (out.size() >= (std::size_t{1} << 16)) {
      ctx.out << out;
      out.clear();
    }
  }
  ctx.out << out << counted(found.size(), "event") << '\n';
}

void register_events(CLI::App& app, context& ctx) {
  struct options {
    std::vector<std::string> files;
    events_query query;
  };
  auto opts = std::make_shared<options>();
  CLI::App* command =
      app.add_subcommand("events", "A timeline of the events that match every filter given");
  add_input_files(*command, opts->files);
  add_filter_options(*command, opts->query.select);
  command->add_flag("--json", opts->query.json, "JSON output (see docs/queries.md)");
  command->callback([&ctx, opts] {
    if (auto loaded = load_graph(ctx, opts->files)) answer_events(ctx, *loaded->graph, opts->query);
  });
}

}  // namespace eventgraph::cli
