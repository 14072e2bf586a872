// eventgraph actors FILE...: who responded to whom, how often and how fast.

#include <fmt/format.h>

#include <new>

#include "eventgraph/query.hpp"
#include "eventgraph/text.hpp"
#include "graph_common.hpp"
#include "queries.hpp"

namespace eventgraph::cli {
namespace {

/// Whether two parties (each in actor id order) have an actor in common: one merge, so a
/// party of many co-authors costs its length, not the product of the two.
bool share_actor(const story& s, std::span<const actor_index> a, std::span<const actor_index> b) {
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) return true;
    const int order = s.actors[a[i]].id.compare(s.actors[b[j]].id);
    if (order < 0)
      ++i;
    else if (order > 0)
      ++j;
    else
      return true;
  }
  return false;
}

}  // namespace

void answer_actors(context& ctx, const event_graph& graph, const actors_query& q) {
  const story& s = graph.source();
  auto party_text = [&](std::span<const actor_index> party) {
    std::string text;
    for (actor_index a : party)
      text += (text.empty() ? "" : ", ") + escape_terminal(s.actors[a].id);
    return text;
  };
  auto party_json = [&](json_writer& w, std::span<const actor_index> party) {
    if (party.size() == 1) {
      w.string(s.actors[party.front()].id);
      return;
    }
    w.begin_array();
    for (actor_index a : party) w.string(s.actors[a].id);
    w.end_array();
  };
  struct shown {
    actor_relation row;
    latency_ranges as_dated;
  };
  std::vector<shown> rows;
  const std::vector<latency_ranges> ranges = actor_latency_ranges(graph);
  std::size_t at = 0;
  for (const actor_relation& row : graph.actor_relations()) {
    const latency_ranges& as_dated = ranges[at++];
    if (!q.no_self || !share_actor(s, row.responders, row.answered))
      rows.push_back({row, as_dated});
  }
  if (q.json) {
    json_writer w(ctx.out);
    w.begin_object();
    w.key("rows").begin_array();
    for (const auto& [row, as_dated] : rows) {
      w.begin_object();
      party_json(w.key("responder"), row.responders);
      party_json(w.key("answered"), row.answered);
      w.key("counts").begin_object();
      for (std::size_t t = 0; t < relation_type_count; ++t)
        if (is_response(static_cast<relation_type>(t)))
          w.key(to_string(static_cast<relation_type>(t))).unsigned_number(row.counts[t]);
      w.end_object();
      w.key("total").unsigned_number(row.total);
      w.key("timed").unsigned_number(row.timed);
      w.key("median_seconds").optional_number(row.median);
      w.key("fastest_seconds").optional_number(row.fastest);
      for (const auto& [name, range] : {std::pair{"median_range_seconds", as_dated.median},
                                        std::pair{"fastest_range_seconds", as_dated.fastest}}) {
        w.key(name);
        if (!range) {
          w.null();
          continue;
        }
        w.begin_array();
        w.number(range->first);
        w.number(range->second);
        w.end_array();
      }
      w.end_object();
    }
    w.end_array();
    w.end_object();
    w.finish();
    return;
  }
  if (rows.empty()) {
    ctx.out << "No actor responded to another.\n";
    return;
  }
  // Each figure with what the dates allow when that is wider than a tenth of it and two
  // minutes ("3 days (as dated up to 7 days)"); minute-dated posts keep "2 h 10 min".
  auto figure = [](std::int64_t typical, const std::pair<std::int64_t, std::int64_t>& range) {
    std::string text = format_duration(typical);
    const std::int64_t width = range.second - range.first;
    if (width <= 120 || width * 10 <= typical) return text;
    const std::string allowed = format_duration_range(range.first, range.second);
    return allowed == text ? text : text + " (as dated " + allowed + ")";
  };
  std::string out;
  for (const auto& [row, as_dated] : rows) {
    std::string by_type;
    for (std::size_t t = 0; t < relation_type_count; ++t)
      if (row.counts[t] > 0)
        by_type += fmt::format("{}{} {}", by_type.empty() ? "" : ", ",
                               to_string(static_cast<relation_type>(t)), row.counts[t]);
    std::string timing =
        row.median ? fmt::format("median {}, fastest {}", figure(*row.median, *as_dated.median),
                                 figure(*row.fastest, *as_dated.fastest))
                   : std::string("no response time (open-ended dates)");
    if (row.median && row.timed < row.total)
      timing += fmt::format(" (over {} of {})", row.timed, row.total);
    fmt::format_to(std::back_inserter(out), "{} -> {}: {} ({}); {}\n", party_text(row.responders),
                   party_text(row.answered), row.total, by_type, timing);
    // Written in pieces: a big story has many rows.
    if (out.size() >= (std::size_t{1} << 16)) {
      ctx.out << out;
      out.clear();
    }
  }
  ctx.out << out;
}

void register_actors(CLI::App& app, context& ctx) {
  struct options {
    std::vector<std::string> files;
    actors_query query;
  };
  auto opts = std::make_shared<options>();
  CLI::App* command = app.add_subcommand(
      "actors",
      "Who responded to whom: counts per relation type, median and fastest response time");
  add_input_files(*command, opts->files);
  command->add_flag("--json", opts->query.json, "JSON output (see docs/queries.md)");
  command->add_flag("--no-self", opts->query.no_self,
                    "Leave out self-responses: rows whose two parties share an actor");
  command->callback([&ctx, opts] {
    auto loaded = load_story(ctx, opts->files);
    if (!loaded) return;
    const story& s = *loaded;
    std::optional<event_graph> built;
    try {
      built.emplace(s);
    } catch (const std::bad_alloc&) {
      report_out_of_memory(ctx, "not enough memory to build the actor projection");
      return;
    }
    answer_actors(ctx, *built, opts->query);
  });
}

}  // namespace eventgraph::cli
