#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "eventgraph/generate.hpp"
#include "eventgraph/load.hpp"
#include "eventgraph/query.hpp"

using namespace eventgraph;

namespace {

story load_generated(const std::string& text) {
  std::vector<input_text> inputs{{"generated.ndjson", text}};
  auto r = load_texts(inputs);
  for (const auto& d : r.diagnostics().items()) MESSAGE(format_diagnostic(d));
  REQUIRE(r.ok());
  return std::move(r).value();
}

}  // namespace

TEST_CASE("generate: same seed, same bytes, another seed, another story") {
  generate_options o;
  o.events = 500;
  o.actors = 20;
  o.seed = 42;
  const auto first = generate_story(o);
  const auto again = generate_story(o);
  REQUIRE(first.ok());
  CHECK(first.value() == again.value());
  o.seed = 43;
  CHECK(generate_story(o).value() != first.value());
  CHECK(first.value().rfind(
            "{\"eventgraph\":1,\"title\":\"Synthetic story: 500 events, 20 actors, seed 42\"", 0) ==
        0);
}

TEST_CASE("generate: the story loads, and a few events draw many responses") {
  generate_options o;
  o.events = 3000;
  o.actors = 40;
  o.seed = 7;
  o.from = "2024-01-01";
  o.to = "2024-12-31";
  const story s = load_generated(generate_story(o).value());
  CHECK(s.events.size() == 3000);
  CHECK(s.actors.size() == 40);
  const event_graph g(s);
  std::vector<std::size_t> responses;
  std::size_t typed = 0, cites = 0;
  for (event_index e = 0; e < s.events.size(); ++e) {
    responses.push_back(g.responses(e).size());
    for (const relation r : s.events[e].relations()) {
      typed += r.type != relation_type::responds_to && r.type != relation_type::cites;
      cites += r.type == relation_type::cites;
    }
  }
  std::sort(responses.rbegin(), responses.rend());
  // Preferential attachment: the busiest events draw far more than the mean (about 1).
  CHECK(responses[0] >= 20);
  CHECK(typed > 300);
  CHECK(cites > 100);
  const auto first = s.events[g.by_time().front()].time();
  const auto last = s.events[g.by_time().back()].time();
  CHECK(first.earliest >= parse_date("2024-01-01", "UTC").time->earliest);
  CHECK(last.earliest <= parse_date("2024-12-31", "UTC").time->latest);
}

TEST_CASE("generate: a deep thread is one chain as long as the story") {
  generate_options o;
  o.events = 2000;
  o.actors = 3;
  o.deep_thread = true;
  const story s = load_generated(generate_story(o).value());
  const event_graph g(s);
  CHECK(compute_stats(g).longest_chain.size() == 2000);
  CHECK(reachable(g, *g.find("e0"), chain_direction::down).size() == 1999);
  CHECK(reachable(g, *g.find("e1999"), chain_direction::up).size() == 1999);
}

TEST_CASE("generate: bad options are diagnostics") {
  generate_options o;
  o.actors = 0;
  o.from = "2026-02-30";
  const auto r = generate_story(o);
  REQUIRE_FALSE(r.ok());
  std::vector<std::string> messages;
  for (const auto& d : r.diagnostics().items()) messages.push_back(d.message);
  CHECK(messages == std::vector<std::string>{"--from '2026-02-30': February 2026 has 28 days",
                                             "events need at least one actor"});
  o = {};
  o.from = "2026";
  o.to = "2025";
  CHECK(generate_story(o).diagnostics().items().at(0).message ==
        "--to '2025' is before --from '2026'");
}
