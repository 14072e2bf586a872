#include <doctest/doctest.h>

#include "graph_cli.hpp"

using graph_cli::run;

TEST_CASE("cli path: steps forward in time, with relation types") {
  auto r = run({"path", "a", "f", graph_cli::small});
  CHECK(r.status == 0);
  CHECK(r.out ==
        "Path from a to f, 2 steps:\n"
        "  a (Feb 1, 2026; Ann): Alpha budget\n"
        "  cites: d (Feb 10, 2026; Ann): Delta\n"
        "  responds-to: f (Mar 1, 2026; Cat): Foxtrot\n");
  r = run(
      {"path", "a", "f", graph_cli::small, "--relation", "responds-to", "--relation", "supports"});
  CHECK(r.out.find("Path from a to f, 3 steps:\n") == 0);
}

TEST_CASE("cli path: a path that would go back in time is refused") {
  auto r = run({"path", "a", "e", graph_cli::small});
  CHECK(r.status == 0);
  CHECK(r.out ==
        "No path from a to e: no chain of responses leads from one to the other forward in "
        "time.\n");
  auto j = run({"path", "a", "e", graph_cli::small, "--json"}).json();
  CHECK(j["found"] == false);
  CHECK(j["steps"].empty());
}

TEST_CASE("cli path: actors stand for any of their events") {
  auto r = run({"path", "noem", "governors-office", graph_cli::seed});
  CHECK(r.status == 0);
  CHECK(r.out.find("Path from noem to governors-office, 1 step:\n"
                   "  noem-x-post (Feb 6, 2026; Kristi Noem): ") == 0);
  auto j = run({"path", "ann", "cat", graph_cli::small, "--json"}).json();
  CHECK(j["found"] == true);
  REQUIRE(j["steps"].size() == 2);
  CHECK(j["steps"][0]["relation"].is_null());
  CHECK(j["steps"][0]["event"]["id"] == "d");
  CHECK(j["steps"][1]["relation"] == "responds-to");
  CHECK(j["steps"][1]["event"]["id"] == "f");
}

TEST_CASE("cli path: unknown ids") {
  auto r = run({"path", "noem-x-post", "bankz", graph_cli::seed});
  CHECK(r.status == 1);
  CHECK(r.err == "error: no event or actor has the id 'bankz'; did you mean 'banks'?\n");
}
