// eventgraph stats FILE...: counts, date span, most-answered events, longest chain, latencies.

#include <fmt/format.h>

#include <new>

#include "eventgraph/query.hpp"
#include "eventgraph/text.hpp"
#include "graph_common.hpp"
#include "queries.hpp"

namespace eventgraph::cli {

namespace {

constexpr std::array<std::string_view, 6> bucket_names = {"under 1 hour",   "under 1 day",
                                                          "under 1 week",   "under 30 days",
                                                          "under 365 days", "365 days or more"};

void write_stats_json(context& ctx, const story& s, const story_stats& st) {
  const auto& lat = st.latencies;
  json_writer w(ctx.out);
  w.begin_object();
  w.key("events").unsigned_number(st.events);
  w.key("actors").unsigned_number(st.actors);
  w.key("relations").unsigned_number(st.relations);
  w.key("relations_by_type").begin_object();
  for (std::size_t t = 0; t < relation_type_count; ++t)
    w.key(to_string(static_cast<relation_type>(t))).unsigned_number(st.relations_by_type[t]);
  w.end_object();
  w.key("events_by_kind").begin_array();
  for (const auto& [kind, n] : st.events_by_kind) {
    w.begin_object();
    w.key("kind").string(kind);
    w.key("count").unsigned_number(n);
    w.end_object();
  }
  w.end_array();
  for (auto [name, e] : {std::pair{"first", st.first}, std::pair{"last", st.last}}) {
    w.key(name);
    if (e)
      write_event(w, s, *e);
    else
      w.null();
  }
  w.key("unanswered").unsigned_number(st.unanswered);
  w.key("unanswered_events").begin_array();
  for (const event_index e : st.unanswered_events) w.string(s.events[e].id());
  w.end_array();
  w.key("most_answered").begin_array();
  for (const auto& [e, n] : st.most_answered) {
    w.begin_object();
    w.key("event");
    write_event(w, s, e);
    w.key("responses").unsigned_number(n);
    w.end_object();
  }
  w.end_array();
  const auto& longest = st.longest_chain;
  w.key("longest_chain").begin_object();
  w.key("length").unsigned_number(longest.size());
  w.key("first").optional_string(longest.empty() ? std::nullopt
                                                 : std::optional(s.events[longest.front()].id()));
  w.key("last").optional_string(longest.empty() ? std::nullopt
                                                : std::optional(s.events[longest.back()].id()));
  w.end_object();
  w.key("latencies").begin_object();
  w.key("count").unsigned_number(lat.count);
  for (auto [name, value] :
       {std::pair{"min", lat.min}, std::pair{"p25", lat.p25}, std::pair{"median", lat.median},
        std::pair{"p75", lat.p75}, std::pair{"p90", lat.p90}, std::pair{"max", lat.max}})
    w.key(std::string(name) + "_seconds")
        .optional_number(lat.count ? std::optional<std::int64_t>(value) : std::nullopt);
  w.key("buckets").begin_array();
  for (std::size_t b = 0; b < bucket_names.size(); ++b) {
    w.begin_object();
    w.key("range").string(bucket_names[b]);
    w.key("count").unsigned_number(lat.buckets[b]);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.end_object();
  w.finish();
}

void print_stats_text(context& ctx, const story& s, const story_stats& st) {
  const auto& lat = st.latencies;
  std::string out;
  auto add = [&]<typename... A>(fmt::format_string<A...> format, A&&... args) {
    fmt::format_to(std::back_inserter(out), format, std::forward<A>(args)...);
  };
  add("{}, {}, {}\n", counted(st.events, "event"), counted(st.actors, "actor"),
      counted(st.relations, "relation"));
  std::string types;
  for (std::size_t t = 0; t < relation_type_count; ++t)
    if (st.relations_by_type[t] > 0)
      types += fmt::format("{}{} {}", types.empty() ? "" : ", ",
                           to_string(static_cast<relation_type>(t)), st.relations_by_type[t]);
  if (!types.empty()) add("Relations: {}\n", types);
  std::string kinds;
  for (const auto& [kind, n] : st.events_by_kind)
    kinds += fmt::format("{}{} {}", kinds.empty() ? "" : ", ",
                         kind.empty() ? std::string("(no kind)") : escape_terminal(kind), n);
  if (!kinds.empty()) add("Events by kind: {}\n", kinds);
  if (st.first && st.last) {
    const event f = s.events[*st.first];
    const event l = s.events[*st.last];
    add("Dates: {} to {} (earliest start: {}; latest end: {})\n",
        format_iso(f.time().earliest, f.timezone(), time_precision::day),
        format_iso(l.time().latest, l.timezone(), time_precision::day), escape_terminal(f.id()),
        escape_terminal(l.id()));
  }
  add("Unanswered events: {} of {}{}\n", st.unanswered, st.events,
      st.unanswered_events.empty() ? "" : ":");
  // The oldest few; a million-event story's list belongs in --json.
  constexpr std::size_t listed = 10;
  for (std::size_t i = 0; i < st.unanswered_events.size() && i < listed; ++i)
    add("  {}\n", event_line(s, st.unanswered_events[i]));
  if (st.unanswered_events.size() > listed)
    add("  ... and {} more (--json lists every one)\n", st.unanswered_events.size() - listed);
  if (!st.most_answered.empty()) {
    add("Most answered:\n");
    for (const auto& [e, n] : st.most_answered)
      add("  {}: {}\n", counted(n, "response"), event_line(s, e));
  }
  if (st.longest_chain.empty()) {
    add("Longest response chain: none (no event responds to another)\n");
  } else if (st.longest_chain.size() <= 12) {
    std::string ids;
    for (auto e : st.longest_chain) {
      if (!ids.empty()) ids += " -> ";
      ids += escape_terminal(s.events[e].id());
    }
    add("Longest response chain: {}: {}\n", counted(st.longest_chain.size(), "event"), ids);
  } else {
    add("Longest response chain: {}, from {} to {}\n", counted(st.longest_chain.size(), "event"),
        escape_terminal(s.events[st.longest_chain.front()].id()),
        escape_terminal(s.events[st.longest_chain.back()].id()));
  }
  if (lat.count == 0) {
    add("Response times: none (no response with bounded dates on both sides)\n");
  } else {
    add("Response times ({}): min {}, 25% {}, median {}, 75% {}, 90% {}, max {}\n",
        counted(lat.count, "response"), format_duration(lat.min), format_duration(lat.p25),
        format_duration(lat.median), format_duration(lat.p75), format_duration(lat.p90),
        format_duration(lat.max));
    for (std::size_t b = 0; b < bucket_names.size(); ++b)
      if (lat.buckets[b] > 0) add("  {}: {}\n", bucket_names[b], lat.buckets[b]);
  }
  ctx.out << out;
}

}  // namespace

void answer_stats(context& ctx, const event_graph& g, const stats_query& q) {
  story_stats st;
  try {
    st = compute_stats(g);
  } catch (const std::bad_alloc&) {
    report_out_of_memory(ctx, "not enough memory to compute the statistics");
    return;
  }
  if (q.json)
    write_stats_json(ctx, g.source(), st);
  else
    print_stats_text(ctx, g.source(), st);
}

void register_stats(CLI::App& app, context& ctx) {
  struct options {
    std::vector<std::string> files;
    stats_query query;
  };
  auto opts = std::make_shared<options>();
  CLI::App* command = app.add_subcommand(
      "stats",
      "Counts by type, date span, unanswered and most-answered events, the longest "
      "response chain and the response-time distribution");
  add_input_files(*command, opts->files);
  command->add_flag("--json", opts->query.json, "JSON output (see docs/queries.md)");
  command->callback([&ctx, opts] {
    std::optional<loaded_graph> loaded;
    try {
      loaded = load_graph(ctx, opts->files);
    } catch (const std::bad_alloc&) {
      report_out_of_memory(ctx, "not enough memory to compute the statistics");
      return;
    }
    if (loaded) answer_stats(ctx, *loaded->graph, opts->query);
  });
}

}  // namespace eventgraph::cli
