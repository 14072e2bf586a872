// Times the native timeline (layout + SVG) on generated stories, against a baseline measured in
// the same run: copying every event's start and sorting them (the least any time-scaled layout
// must do). Prints one line per size; docs/benchmarks.md ("Timeline") quotes it.
//
//     timeline_bench                 # 20,000 and 1,000,000 events
//     timeline_bench 5000 100000     # other sizes

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "eventgraph/generate.hpp"
#include "eventgraph/load.hpp"
#include "eventgraph/render.hpp"
#include "render/timeline/render_timeline.hpp"
#include "render/timeline/timeline_layout.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

double ms_since(clock_type::time_point t0) {
  return std::chrono::duration<double, std::milli>(clock_type::now() - t0).count();
}

/// Best of `runs`: the figure least disturbed by other processes.
template <typename F>
double best_ms(int runs, F&& f) {
  double best = 1e300;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = clock_type::now();
    f();
    best = std::min(best, ms_since(t0));
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::strtoull(argv[i], nullptr, 10));
  if (sizes.empty()) sizes = {20'000, 1'000'000};
  std::printf("%10s %8s %12s %10s %12s %8s %12s %9s %9s\n", "events", "actors", "baseline_ms",
              "layout_ms", "timeline_ms", "ratio", "svg_bytes", "bytes/ev", "clusters");
  for (const std::size_t n : sizes) {
    eventgraph::generate_options g;
    g.events = n;
    g.actors = std::max<std::size_t>(20, n / 1000);
    auto text = eventgraph::generate_story(g);
    if (!text) return 1;
    std::vector<eventgraph::input_text> inputs{{"bench.ndjson", std::move(text.value())}};
    eventgraph::load_options lo;
    lo.warnings = false;
    auto loaded = eventgraph::load_texts(inputs, lo);
    if (!loaded) return 1;
    const eventgraph::story& s = loaded.value();

    const int runs = n <= 100'000 ? 5 : 2;
    std::vector<std::int64_t> starts;
    const double baseline = best_ms(runs, [&] {
      starts.clear();
      starts.reserve(s.events.size());
      for (const eventgraph::event e : s.events)
        starts.push_back(e.time().earliest.time_since_epoch().count());
      std::sort(starts.begin(), starts.end());
    });
    eventgraph::render_options o;
    o.layout = eventgraph::render_layout::timeline;
    o.format = eventgraph::image_format::svg;
    const double layout = best_ms(runs, [&] {
      auto lay = eventgraph::detail::timeline::compute_layout(s, o, 120);
      if (lay.marks.empty()) std::abort();
    });
    std::size_t bytes = 0;
    const double timeline = best_ms(runs, [&] {
      auto svg = eventgraph::detail::render_timeline(s, o);
      bytes = svg.ok() ? svg.value().size() : 0;
    });
    auto svg = eventgraph::detail::render_timeline(s, o);
    if (!svg) return 1;
    std::size_t cluster_groups = 0;
    for (std::size_t p = svg.value().find("class=\"cluster\""); p != std::string::npos;
         p = svg.value().find("class=\"cluster\"", p + 1))
      ++cluster_groups;
    std::printf("%10zu %8zu %12.1f %10.1f %12.1f %8.1f %12zu %9.1f %9zu\n", n, g.actors, baseline,
                layout, timeline, timeline / baseline, bytes,
                static_cast<double>(bytes) / static_cast<double>(n), cluster_groups);
    std::fflush(stdout);
  }
  return 0;
}
