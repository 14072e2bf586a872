// eventgraph events FILE...: a filtered timeline, oldest first.

#include <fmt/format.h>

#include "eventgraph/query.hpp"
#include "eventgraph/text.hpp"
#include "graph_common.hpp"

namespace eventgraph::cli {

void register_events(CLI::App& app, context& ctx) {
  struct options {
    std::vector<std::string> files;
    std::string from, to;
    bool within = false;
    std::vector<std::string> actors, kinds, tags;
    std::string text;
    bool json = false;
  };
  auto opts = std::make_shared<options>();
  CLI::App* command =
      app.add_subcommand("events", "A timeline of the events that match every filter given");
  add_input_files(*command, opts->files);
  command->add_option("--from", opts->from, "Window start (EDTF date, story time zone)");
  command->add_option("--to", opts->to, "Window end, inclusive: --to 2026-02 includes Feb 28");
  // --overlap is the default, accepted so scripts can say it; only --within changes the mode.
  auto* overlap = command->add_flag("--overlap")
                      ->description("Events whose dates overlap the window (the default)");
  auto* within =
      command->add_flag("--within", opts->within, "Only events whose dates lie wholly within it");
  overlap->excludes(within);
  command->add_option("--actor", opts->actors, "By or addressed to this actor (repeatable)");
  command->add_option("--kind", opts->kinds, "Of this kind (repeatable)");
  command->add_option("--tag", opts->tags, "With this tag (repeatable)");
  command->add_option("--text", opts->text, "All these words in id, title, summary, notes, quotes");
  command->add_flag("--json", opts->json, "JSON output (see docs/queries.md)");
  command->callback([&ctx, opts] {
    auto loaded = load_graph(ctx, opts->files);
    if (!loaded) return;
    const event_graph& g = *loaded->graph;
    const story& s = *loaded->data;
    event_filter f;
    f.mode = opts->within ? window_mode::within : window_mode::overlap;
    for (auto [text, target, name] :
         {std::tuple{&opts->from, &f.from, "--from"}, std::tuple{&opts->to, &f.to, "--to"}}) {
      if (text->empty()) continue;
      const auto parsed = parse_date(*text, s.timezone);
      if (!parsed.time) {
        ctx.err << escape_terminal(fmt::format("error: {} '{}': {}", name, *text, parsed.error))
                << '\n';
        ctx.status = exit_bad_usage;
        return;
      }
      *target = target == &f.from ? parsed.time->earliest : parsed.time->latest;
    }
    for (const auto& id : opts->actors) {
      auto a = s.find_actor(id);
      if (!a) {
        ctx.err << escape_terminal(
                       fmt::format("error: no actor has the id '{}'{}", id,
                                   did_you_mean(s.closest_ids(id, story::id_kind::actor))))
                << '\n';
        ctx.status = exit_bad_data;
        return;
      }
      f.actors.push_back(*a);
    }
    f.kinds = opts->kinds;
    f.tags = opts->tags;
    f.text = opts->text;
    const auto found = find_events(g, f);
    if (opts->json) {
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
                     escape_terminal(describe_date(e.date(), e.timezone())),
                     escape_terminal(e.id()), actor_names(s, e), escape_terminal(e.title()));
      // Written in pieces, so a million-event timeline never sits in memory as one string.
      if (out.size() >= (std::size_t{1} << 16)) {
        ctx.out << out;
        out.clear();
      }
    }
    ctx.out << out << counted(found.size(), "event") << '\n';
  });
}

}  // namespace eventgraph::cli
