// eventgraph_bench: times the engine on generated stories, for docs/benchmarks.md.
//
//     eventgraph_bench [--json OUT] [--deep] STORY.ndjson [OTHER-FORMAT-COPY...]
//
// Loads the NDJSON story (and, if given, the same story in JSON or YAML, load time only), builds
// the graph and times each query; prints a table and writes the figures, and the ids it chose
// (root, leaves, path ends, window), as JSON so tests/bench/compare.py can time the same work in
// python-igraph and networkx. --deep: the story is one long thread; time the walks along it.
// Single-threaded; every time is the median of several runs unless said otherwise.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <malloc.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "eventgraph/graph.hpp"
#include "eventgraph/load.hpp"
#include "eventgraph/query.hpp"

using namespace eventgraph;
using clock_type = std::chrono::steady_clock;

namespace {

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

/// Median wall time of `runs` calls, in seconds.
double median_time(int runs, const std::function<void()>& work) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = clock_type::now();
    work();
    times.push_back(seconds_since(start));
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

/// A field of /proc/self/status in kB ("VmRSS", "VmStk", "VmHWM").
long status_kb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string prefix = std::string(field) + ":";
  while (std::getline(in, line))
    if (line.rfind(prefix, 0) == 0) return std::stol(line.substr(prefix.size()));
  return -1;
}

/// Bytes malloc has handed out and not taken back: what a structure really holds, unlike RSS,
/// which keeps the loader's freed scratch memory.
std::size_t heap_in_use() {
  return mallinfo2().uordblks + mallinfo2().hblkhd;
}

std::size_t text_bytes(const event& e) {
  std::size_t n = e.id().size() + e.date().size() + e.timezone().size() + e.kind().size() +
                  e.channel().size() + e.place().size() + e.title().size() + e.summary().size() +
                  e.notes().size();
  for (const auto& t : e.tags()) n += t.size();
  for (const auto& q : e.quotes()) n += q.text.size() + q.note.size();
  for (const auto& r : e.relations()) n += r.note.size();
  return n;
}

std::string pretty(double s) {
  if (s >= 1) return fmt::format("{:.2f} s", s);
  if (s >= 1e-3) return fmt::format("{:.2f} ms", s * 1e3);
  return fmt::format("{:.2f} µs", s * 1e6);
}

}  // namespace

int main(int argc, char** argv) {
  std::string json_out;
  bool deep = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--json" && i + 1 < argc)
      json_out = argv[++i];
    else if (arg == "--deep")
      deep = true;
    else
      files.push_back(arg);
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: eventgraph_bench [--json OUT] [--deep] STORY.ndjson [COPY...]\n");
    return 2;
  }
  nlohmann::ordered_json report;
  auto row = [&](const std::string& key, const std::string& label, double value,
                 const std::string& note = {}) {
    report["ours"][key] = value;
    fmt::print("  {:<44} {:>12}  {}\n", label, pretty(value), note);
    std::fflush(stdout);
  };

  // Load: NDJSON (kept), then other formats (timed once, dropped).
  const std::size_t heap_start = heap_in_use();
  const long stack_start = status_kb("VmStk");
  std::size_t bytes = 0;
  {
    std::ifstream in(files[0], std::ios::binary | std::ios::ate);
    bytes = static_cast<std::size_t>(in.tellg());
  }
  // The median of three loads (one load is long, and this machine's noise is a few percent),
  // keeping the last; the two before are dropped untimed.
  std::vector<double> load_times;
  for (int i = 0; i < 2; ++i) {
    const auto dropped_start = clock_type::now();
    const auto dropped = load_files(std::span<const std::string>(files.data(), 1));
    load_times.push_back(seconds_since(dropped_start));
  }
  auto start = clock_type::now();
  auto loaded = load_files(std::span<const std::string>(files.data(), 1));
  load_times.push_back(seconds_since(start));
  std::sort(load_times.begin(), load_times.end());
  const double load_time = load_times[1];
  if (!loaded.ok()) {
    for (const auto& d : loaded.diagnostics().items())
      std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
    return 1;
  }
  const story& s = loaded.value();
  const std::size_t heap_story = heap_in_use();
  const std::size_t n = s.events.size();
  report["events"] = n;
  report["file_bytes"] = bytes;
  fmt::print("{}: {} events, {} actors, {:.1f} MB{}\n", files[0], n, s.actors.size(),
             static_cast<double>(bytes) / 1e6, deep ? " (one deep thread)" : "");
  row("load_ndjson", "load NDJSON (read, parse, validate; median of 3)", load_time,
      fmt::format("{:.0f} MB/s", static_cast<double>(bytes) / 1e6 / load_time));
  for (std::size_t f = 1; f < files.size(); ++f) {
    const auto ext = files[f].substr(files[f].rfind('.') + 1);
    std::size_t other_bytes = 0;
    {
      std::ifstream in(files[f], std::ios::binary | std::ios::ate);
      other_bytes = static_cast<std::size_t>(in.tellg());
    }
    start = clock_type::now();
    auto other = load_files(std::span<const std::string>(files.data() + f, 1));
    const double t = seconds_since(start);
    row("load_" + ext, "load " + ext, t,
        fmt::format("{:.0f} MB/s{}", static_cast<double>(other_bytes) / 1e6 / t,
                    other.ok() ? "" : " (FAILED)"));
  }

  const std::size_t heap_before_graph = heap_in_use();
  start = clock_type::now();
  const event_graph g(s);
  row("build", "build graph (Boost CSR, time index, actor projection)", seconds_since(start));
  const std::size_t heap_graph = heap_in_use();
  // Every row of the projection read as an actor_relation, as `eventgraph actors` does.
  std::size_t actor_rows = 0;
  std::uint64_t answered_total = 0;
  const double actors_time = median_time(5, [&] {
    actor_rows = 0;
    answered_total = 0;
    for (const actor_relation r : g.actor_relations()) {
      ++actor_rows;
      answered_total += r.total + static_cast<std::uint64_t>(r.median.value_or(0));
    }
  });
  row("actors_projection", "actors (every row of the projection)", actors_time,
      fmt::format("{} rows", actor_rows));
  report["actors_checksum"] = answered_total;
  // What the dates allow of each row, computed on demand (the `actors` command asks for it).
  std::size_t ranged = 0;
  const double ranges_time = median_time(3, [&] {
    ranged = 0;
    for (const latency_ranges& r : actor_latency_ranges(g)) ranged += r.median ? 1 : 0;
  });
  row("actors_ranges", "actors: latency ranges as dated (every row)", ranges_time,
      fmt::format("{} rows with a latency", ranged));

  // The busiest root: the event without targets with the most descendants among the ten roots
  // with the most direct responses.
  std::vector<event_index> roots;
  for (event_index e = 0; e < n; ++e)
    if (g.targets(e).empty()) roots.push_back(e);
  std::partial_sort(
      roots.begin(), roots.begin() + std::min<std::size_t>(10, roots.size()), roots.end(),
      [&](event_index a, event_index b) { return g.responses(a).size() > g.responses(b).size(); });
  roots.resize(std::min<std::size_t>(10, roots.size()));
  event_index root = roots.front();
  std::size_t root_reach = 0;
  for (auto r : roots) {
    const auto reach = reachable(g, r, chain_direction::down).size();
    if (reach > root_reach) root_reach = reach, root = r;
  }
  report["root"] = s.events[root].id();
  report["root_descendants"] = root_reach;
  std::vector<event_index> descendants;
  row("chain_down", fmt::format("chain down from root: {} distinct", root_reach),
      median_time(5, [&] { descendants = reachable(g, root, chain_direction::down); }));
  std::size_t tree_lines = 0;
  const double tree_time = median_time(3, [&] { tree_lines = chain(g, root).down.size(); });
  row("chain_down_tree", "  same, as the printed tree (chain())", tree_time,
      fmt::format("{} lines", tree_lines));

  // 1,000 random leaves (events nothing answers), upstream.
  std::vector<event_index> leaves;
  for (event_index e = 0; e < n; ++e)
    if (g.responses(e).empty()) leaves.push_back(e);
  std::mt19937_64 rng(12345);
  std::shuffle(leaves.begin(), leaves.end(), rng);
  leaves.resize(std::min<std::size_t>(deep ? 1 : 1000, leaves.size()));
  report["leaves"] = nlohmann::ordered_json::array();
  for (auto e : leaves) report["leaves"].push_back(s.events[e].id());
  {
    std::vector<double> times, tree_times;
    std::size_t total = 0;
    for (auto leaf : leaves) {
      auto t0 = clock_type::now();
      total += reachable(g, leaf, chain_direction::up).size();
      times.push_back(seconds_since(t0));
      chain_options up;
      up.direction = chain_direction::up;
      t0 = clock_type::now();
      (void)chain(g, leaf, up);
      tree_times.push_back(seconds_since(t0));
    }
    std::sort(times.begin(), times.end());
    std::sort(tree_times.begin(), tree_times.end());
    row("chain_up_median",
        fmt::format("chain up, median of {} leaves ({:.1f} events)", leaves.size(),
                    static_cast<double>(total) / static_cast<double>(leaves.size())),
        times[times.size() / 2]);
    row("chain_up_tree_median", "  same, as the printed tree (chain())",
        tree_times[tree_times.size() / 2]);
  }

  // Path from the root to its farthest descendant found, and between two busy actors.
  const event_index far = descendants.empty() ? root : descendants.back();
  report["path_from"] = s.events[root].id();
  report["path_to"] = s.events[far].id();
  std::size_t steps = 0;
  const double path_time =
      median_time(5, [&] { steps = find_path(g, std::vector{root}, std::vector{far}).size(); });
  row("path", "path root -> farthest descendant", path_time,
      fmt::format("{} steps", steps ? steps - 1 : 0));
  if (s.actors.size() >= 2) {
    auto a0 = g.events_of(0), a1 = g.events_of(1);
    report["path_actor_from"] = s.actors[0].id;
    report["path_actor_to"] = s.actors[1].id;
    const double actor_time = median_time(5, [&] { steps = find_path(g, a0, a1).size(); });
    row("path_actors", fmt::format("path actor {} -> actor {}", s.actors[0].id, s.actors[1].id),
        actor_time, fmt::format("{} steps", steps ? steps - 1 : 0));
  }

  // One week in the middle of the story.
  const auto middle = s.events[g.by_time()[n / 2]].time().earliest;
  const instant week_end = middle + std::chrono::seconds{7 * 86400 - 1};
  report["window_from"] = middle.time_since_epoch().count();
  report["window_to"] = week_end.time_since_epoch().count();
  event_filter week;
  week.from = middle;
  week.to = week_end;
  std::size_t found = 0;
  const double window_time = median_time(101, [&] { found = find_events(g, week).size(); });
  row("events_week", fmt::format("events in one week (overlap): {} events", found), window_time,
      fmt::format("{:.1f} ns per event returned",
                  window_time * 1e9 / static_cast<double>(std::max<std::size_t>(1, found))));
  report["window_count"] = found;
  row("events_week_empty", "events in a week with none (fixed cost)", median_time(101, [&] {
        event_filter empty;
        empty.from = instant{std::chrono::seconds{0}};
        empty.to = instant{std::chrono::seconds{7 * 86400 - 1}};
        (void)find_events(g, empty);
      }));
  const double stats_time = median_time(1, [&] { found = compute_stats(g).longest_chain.size(); });
  row("stats", "stats (incl. Boost topological sort)", stats_time,
      fmt::format("longest chain {}", found));

  // Memory: the story, the graph; text is what the events themselves say.
  std::size_t text = 0;
  for (const auto& e : s.events) text += text_bytes(e);
  const double per_event_story =
      static_cast<double>(heap_story - heap_start) / static_cast<double>(n);
  const double per_event_graph =
      static_cast<double>(heap_graph - heap_before_graph) / static_cast<double>(n);
  const double text_per_event = static_cast<double>(text) / static_cast<double>(n);
  report["memory"] = {{"story_bytes_per_event", per_event_story},
                      {"graph_bytes_per_event", per_event_graph},
                      {"graph_counted_bytes_per_event",
                       static_cast<double>(g.memory_bytes()) / static_cast<double>(n)},
                      {"text_bytes_per_event", text_per_event},
                      {"stack_kb_start", stack_start},
                      {"stack_kb_end", status_kb("VmStk")},
                      {"peak_rss_kb", status_kb("VmHWM")}};
  fmt::print("  {:<44} {:>9} MB\n", "peak resident memory (VmHWM)", status_kb("VmHWM") / 1024);
  fmt::print(
      "  {:<44} {:>9.0f} B   (heap held by the story; {:.0f} B of it text; the table counts "
      "{:.0f} B, {:.0f} B of it text)\n",
      "memory per event: story", per_event_story, text_per_event,
      static_cast<double>(s.events.memory_bytes()) / static_cast<double>(n),
      static_cast<double>(s.events.text_bytes()) / static_cast<double>(n));
  fmt::print("  {:<44} {:>9.0f} B   (heap held by the graph; {:.0f} B counted by it)\n",
             "memory per event: graph", per_event_graph,
             static_cast<double>(g.memory_bytes()) / static_cast<double>(n));
  const double beyond_text = per_event_story + per_event_graph - text_per_event;
  report["memory"]["beyond_text_bytes_per_event"] = beyond_text;
  fmt::print("  {:<44} {:>9.0f} B   (story + graph - text; target 64 B)\n",
             "memory per event beyond its text", beyond_text);
  fmt::print("  {:<44} {:>9} kB -> {} kB (no recursion: it must not grow)\n", "stack (VmStk)",
             stack_start, status_kb("VmStk"));

  if (!json_out.empty()) std::ofstream(json_out) << report.dump(2) << '\n';
  return 0;
}
