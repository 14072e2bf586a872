// eventgraph stats FILE...: counts, date span, most-answered events, longest chain, latencies.

#include <fmt/format.h>

#include <new>

#include "eventgraph/query.hpp"
#include "graph_common.hpp"

namespace eventgraph::cli {

void register_stats(CLI::App& app, context& ctx) {
  struct options {
    std::vector<std::string> files;
    bool json = false;
  };
  auto opts = std::make_shared<options>();
  CLI::App* command = app.add_subcommand(
      "stats",
      "Counts by type, date span, unanswered and most-answered events, the longest "
      "response chain and the response-time distribution");
  add_input_files(*command, opts->files);
  command->add_flag("--json", opts->json, "JSON output (see docs/queries.md)");
  command->callback([&ctx, opts] {
    std::optional<loaded_graph> loaded;
    story_stats st;
    try {
      loaded = load_graph(ctx, opts->files);
      if (!loaded) return;
      st = compute_stats(*loaded->graph);
    } catch (const std::bad_alloc&) {
      diagnostic_list diags;
      diags.error({}, "out-of-memory", "not enough memory to compute the statistics");
      print_diagnostics(ctx, diags);
      ctx.status = exit_status_for(diags.failure());
      return;
    }
    const story& s = *loaded->data;
    static constexpr std::array<std::string_view, 6> bucket_names = {
        "under 1 hour",  "under 1 day",    "under 1 week",
        "under 30 days", "under 365 days", "365 days or more"};
    const auto& lat = st.latencies;
    if (opts->json) {
      nlohmann::ordered_json j;
      j["events"] = st.events;
      j["actors"] = st.actors;
      j["relations"] = st.relations;
      nlohmann::ordered_json by_type;
      for (std::size_t t = 0; t < relation_type_count; ++t)
        by_type[std::string(to_string(static_cast<relation_type>(t)))] = st.relations_by_type[t];
      j["relations_by_type"] = std::move(by_type);
      auto kinds = nlohmann::ordered_json::array();
      for (const auto& [kind, n] : st.events_by_kind)
        kinds.push_back({{"kind", kind}, {"count", n}});
      j["events_by_kind"] = std::move(kinds);
      j["first"] = st.first ? event_json(s, *st.first) : nlohmann::ordered_json();
      j["last"] = st.last ? event_json(s, *st.last) : nlohmann::ordered_json();
      j["unanswered"] = st.unanswered;
      auto most = nlohmann::ordered_json::array();
      for (const auto& [e, n] : st.most_answered)
        most.push_back({{"event", event_json(s, e)}, {"responses", n}});
      j["most_answered"] = std::move(most);
      nlohmann::ordered_json chain;
      chain["length"] = st.longest_chain.size();
      chain["first"] = st.longest_chain.empty()
                           ? nlohmann::ordered_json()
                           : nlohmann::ordered_json(s.events[st.longest_chain.front()].id());
      chain["last"] = st.longest_chain.empty()
                          ? nlohmann::ordered_json()
                          : nlohmann::ordered_json(s.events[st.longest_chain.back()].id());
      j["longest_chain"] = std::move(chain);
      nlohmann::ordered_json latencies;
      latencies["count"] = lat.count;
      for (auto [name, value] :
           {std::pair{"min", lat.min}, std::pair{"p25", lat.p25}, std::pair{"median", lat.median},
            std::pair{"p75", lat.p75}, std::pair{"p90", lat.p90}, std::pair{"max", lat.max}})
        latencies[std::string(name) + "_seconds"] =
            lat.count ? nlohmann::ordered_json(value) : nlohmann::ordered_json();
      auto buckets = nlohmann::ordered_json::array();
      for (std::size_t b = 0; b < bucket_names.size(); ++b)
        buckets.push_back({{"range", bucket_names[b]}, {"count", lat.buckets[b]}});
      latencies["buckets"] = std::move(buckets);
      j["latencies"] = std::move(latencies);
      print_json(ctx, j);
      return;
    }
    std::string out;
    auto add = [&]<typename... A>(fmt::format_string<A...> format, A&&... args) {
      fmt::format_to(std::back_inserter(out), format, std::forward<A>(args)...);
    };
    add("{} events, {} actors, {} relations\n", st.events, st.actors, st.relations);
    std::string types;
    for (std::size_t t = 0; t < relation_type_count; ++t)
      if (st.relations_by_type[t] > 0)
        types += fmt::format("{}{} {}", types.empty() ? "" : ", ",
                             to_string(static_cast<relation_type>(t)), st.relations_by_type[t]);
    if (!types.empty()) add("Relations: {}\n", types);
    std::string kinds;
    for (const auto& [kind, n] : st.events_by_kind)
      kinds +=
          fmt::format("{}{} {}", kinds.empty() ? "" : ", ", kind.empty() ? "(no kind)" : kind, n);
    if (!kinds.empty()) add("Events by kind: {}\n", kinds);
    if (st.first && st.last) {
      const event f = s.events[*st.first];
      const event l = s.events[*st.last];
      add("Dates: {} to {} (earliest start: {}; latest end: {})\n",
          format_iso(f.time().earliest, f.timezone(), time_precision::day),
          format_iso(l.time().latest, l.timezone(), time_precision::day), f.id(), l.id());
    }
    add("Unanswered events: {} of {}\n", st.unanswered, st.events);
    if (!st.most_answered.empty()) {
      add("Most answered:\n");
      for (const auto& [e, n] : st.most_answered)
        add("  {} response{}: {}\n", n, n == 1 ? "" : "s", event_line(s, e));
    }
    if (st.longest_chain.empty()) {
      add("Longest response chain: none (no event responds to another)\n");
    } else if (st.longest_chain.size() <= 12) {
      std::string ids;
      for (auto e : st.longest_chain) {
        if (!ids.empty()) ids += " -> ";
        ids += s.events[e].id();
      }
      add("Longest response chain: {} events: {}\n", st.longest_chain.size(), ids);
    } else {
      add("Longest response chain: {} events, from {} to {}\n", st.longest_chain.size(),
          s.events[st.longest_chain.front()].id(), s.events[st.longest_chain.back()].id());
    }
    if (lat.count == 0) {
      add("Response times: none (no response with bounded dates on both sides)\n");
    } else {
      add("Response times ({} responses): min {}, 25% {}, median {}, 75% {}, 90% {}, max {}\n",
          lat.count, format_duration(lat.min), format_duration(lat.p25),
          format_duration(lat.median), format_duration(lat.p75), format_duration(lat.p90),
          format_duration(lat.max));
      for (std::size_t b = 0; b < bucket_names.size(); ++b)
        if (lat.buckets[b] > 0) add("  {}: {}\n", bucket_names[b], lat.buckets[b]);
    }
    ctx.out << out;
  });
}

}  // namespace eventgraph::cli
