// The views' selection (render and export with --from, --actor, --around, --path...): one
// implementation with the queries', so a view holds exactly the events the query lists.

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "../support/helpers.hpp"

using test::run_cli;

namespace {

/// The ids of the events in a JSON answer (an export, or `events --json`): both list them
/// under "events".
std::set<std::string> ids_of_export(const test::outcome& r) {
  const auto j = r.json();  // held: a range-for over r.json()["events"] would dangle
  std::set<std::string> ids;
  for (const auto& e : j["events"]) ids.insert(e["id"].get<std::string>());
  return ids;
}

std::set<std::string> ids_of_chain(const test::outcome& r) {
  const auto j = r.json();
  std::set<std::string> ids{j["root"]["id"].get<std::string>()};
  for (const char* side : {"down", "up"})
    for (const auto& e : j[side]) ids.insert(e["event"]["id"].get<std::string>());
  return ids;
}

/// The events a DOT rendering draws: its nodes with id="event-...".
std::set<std::string> ids_of_dot(const std::string& dot) {
  std::set<std::string> ids;
  const std::string mark = "[id=\"event-";
  for (auto at = dot.find(mark); at != std::string::npos; at = dot.find(mark, at + 1)) {
    const auto start = at + mark.size();
    ids.insert(dot.substr(start, dot.find('"', start) - start));
  }
  return ids;
}

}  // namespace

TEST_CASE("cli selection: render --around shows exactly the events of chain --direction both") {
  const auto dir = test::fresh_dir("selection-render");
  for (const auto& one : {std::pair{test::graph_small, std::string("b")},
                          std::pair{test::seed, std::string("noem-x-post")}}) {
    // Not a structured binding: INFO is a lambda, which clang does not let one enter.
    const std::string& story = one.first;
    const std::string& root = one.second;
    INFO(root);
    const auto chain = run_cli({"chain", root, story, "--direction", "both", "--json"});
    REQUIRE(chain.status == 0);
    const auto out = (dir / "around.dot").string();
    const auto r = run_cli({"render", story, "--around", root, "-o", out});
    REQUIRE(r.status == 0);
    CHECK(ids_of_dot(test::slurp(out)) == ids_of_chain(chain));
    CHECK(r.err.find("kept ") != std::string::npos);
    // With a depth and a direction, as chain takes them.
    const auto down = run_cli({"chain", root, story, "--depth", "1", "--json"});
    REQUIRE(run_cli({"render", story, "--around", root, "--direction", "down", "--depth", "1", "-o",
                     out})
                .status == 0);
    CHECK(ids_of_dot(test::slurp(out)) == ids_of_chain(down));
  }
}

TEST_CASE("cli selection: a filtered export holds exactly the events `events` lists") {
  const std::vector<std::vector<std::string>> filters = {
      {"--actor", "cat"},
      {"--kind", "post"},
      {"--tag", "budget"},
      {"--text", "reply"},
      {"--from", "2026-02-02", "--to", "2026-02-04"},
      {"--from", "2026-02-02", "--to", "2026-02-04", "--within"},
      {"--actor", "bob", "--from", "2026-02-03"},
  };
  for (const auto& filter : filters) {
    std::vector<std::string> events = {"events", test::graph_small, "--json"};
    std::vector<std::string> exported = {"export", test::graph_small, "--format", "json"};
    events.insert(events.end(), filter.begin(), filter.end());
    exported.insert(exported.end(), filter.begin(), filter.end());
    INFO(filter.front());
    const auto listed = run_cli(events);
    const auto view = run_cli(exported);
    REQUIRE(listed.status == 0);
    REQUIRE(view.status == 0);
    CHECK(ids_of_export(view) == ids_of_export(listed));
  }
}

TEST_CASE("cli selection: a view keeps the relations among its events and says what it left out") {
  // b answers a; c rebuts b; d supports b and cites a; e follows up c. Around c, upwards: c, b, a.
  const auto r = run_cli(
      {"export", test::graph_small, "--format", "json", "--around", "c", "--direction", "up"});
  REQUIRE(r.status == 0);
  const auto j = r.json();
  CHECK(ids_of_export(r) == std::set<std::string>{"a", "b", "c"});
  std::size_t relations = 0;
  for (const auto& e : j["events"])
    relations += e.contains("relations") ? e["relations"].size() : 0;
  CHECK(relations == 2);  // b -> a, c -> b; d's and e's are left out with them
  // Only the actors the kept events name: ann, bob, cat all take part here.
  CHECK(j["actors"].size() == 3);
  CHECK(r.err == "kept 3 events of 8; left out 5 events, 6 relations and 0 actors\n");
  // The result is a story: it loads and validates like any other.
  const auto dir = test::fresh_dir("selection-story");
  const auto path = (dir / "part.json").string();
  { std::ofstream(path) << r.out; }
  CHECK(run_cli({"validate", path}).status == 0);
}

TEST_CASE("cli selection: a rendered view says what it left out, in both layouts") {
  const auto dir = test::fresh_dir("selection-left-out");
  const std::string note = "Part of the story: 5 events, 6 relations and 0 actors left out";
  const auto dot = (dir / "part.dot").string();
  REQUIRE(run_cli({"render", test::graph_small, "--around", "c", "--direction", "up", "-o", dot})
              .status == 0);
  CHECK(test::slurp(dot).find(note + "\\l") != std::string::npos);
  const auto svg = (dir / "part.svg").string();
  REQUIRE(run_cli({"render", test::graph_small, "--layout", "timeline", "--around", "c",
                   "--direction", "up", "-o", svg})
              .status == 0);
  CHECK(test::slurp(svg).find(">" + note + "</text>") != std::string::npos);
  // A whole story says nothing of the kind.
  REQUIRE(run_cli({"render", test::graph_small, "--layout", "timeline", "-o", svg}).status == 0);
  CHECK(test::slurp(svg).find("Part of the story") == std::string::npos);
}

TEST_CASE("cli selection: --path keeps the events of the shortest path") {
  const auto path = run_cli({"path", "a", "f", test::graph_small, "--json"});
  REQUIRE(path.status == 0);
  const auto steps = path.json()["steps"];
  std::set<std::string> expected;
  for (const auto& step : steps) expected.insert(step["event"]["id"].get<std::string>());
  REQUIRE(expected.size() >= 2);
  const auto r = run_cli({"export", test::graph_small, "--format", "json", "--path", "a", "f"});
  REQUIRE(r.status == 0);
  CHECK(ids_of_export(r) == expected);
}

TEST_CASE("cli selection: wrong selections are errors, and nothing is written") {
  const auto dir = test::fresh_dir("selection-errors");
  const auto out = (dir / "out.json").string();
  auto r = run_cli({"export", test::graph_small, "--around", "zz", "-o", out});
  CHECK(r.status == 1);
  CHECK(r.err.find("no event has the id 'zz'") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
  r = run_cli({"render", test::graph_small, "--actor", "nobody", "-o", (dir / "x.svg").string()});
  CHECK(r.status == 1);
  CHECK(r.err.find("no actor has the id 'nobody'") != std::string::npos);
  CHECK(run_cli({"export", test::graph_small, "--from", "not-a-date", "-o", out}).status == 2);
  CHECK(run_cli({"export", test::graph_small, "--depth", "2", "-o", out}).status ==
        2);  // needs --around
  CHECK(run_cli({"export", test::graph_small, "--path", "a", "-o", out}).status == 2);
  CHECK(run_cli({"export", test::graph_small, "--around", "a", "--path", "a", "b", "-o", out})
            .status == 2);
  CHECK_FALSE(std::filesystem::exists(out));
  // Rewriting an input in place with a part of it would drop the rest.
  const auto copy = (dir / "small.json").string();
  REQUIRE(run_cli({"export", test::graph_small, "-o", copy}).status == 0);
  const std::string before = test::slurp(copy);
  r = run_cli({"export", copy, "--in-place", "--format", "json", "--actor", "ann", "-o", copy});
  CHECK(r.status == 2);
  CHECK(test::slurp(copy) == before);
}
