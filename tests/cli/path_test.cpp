#include <doctest/doctest.h>

#include "../support/helpers.hpp"

using test::run_cli;

TEST_CASE("cli path: steps forward in time, with relation types") {
  auto r = run_cli({"path", "a", "f", test::graph_small});
  CHECK(r.status == 0);
  CHECK(r.out ==
        "Path from a to f, 2 steps:\n"
        "  a (Feb 1, 2026; Ann): Alpha budget\n"
        "  cites: d (Feb 10, 2026; Ann): Delta\n"
        "  responds-to: f (Mar 1, 2026; Cat): Foxtrot\n");
  r = run_cli(
      {"path", "a", "f", test::graph_small, "--relation", "responds-to", "--relation", "supports"});
  CHECK(r.out.find("Path from a to f, 3 steps:\n") == 0);
}

TEST_CASE("cli path: a path that would go back in time is refused") {
  auto r = run_cli({"path", "a", "e", test::graph_small});
  CHECK(r.status == 0);
  CHECK(r.out ==
        "No path from a to e: no chain of responses leads from one to the other forward in "
        "time.\n");
  auto j = run_cli({"path", "a", "e", test::graph_small, "--json"}).json();
  CHECK(j["found"] == false);
  CHECK(j["steps"].empty());
}

TEST_CASE("cli path: actors stand for any of their events") {
  auto r = run_cli({"path", "noem", "governors-office", test::seed});
  CHECK(r.status == 0);
  CHECK(r.out.find("Path from noem to governors-office, 1 step:\n"
                   "  noem-x-post (Feb 6, 2026 (year uncertain); Kristi Noem): ") == 0);
  auto j = run_cli({"path", "ann", "cat", test::graph_small, "--json"}).json();
  CHECK(j["found"] == true);
  REQUIRE(j["steps"].size() == 2);
  CHECK(j["steps"][0]["relation"].is_null());
  CHECK(j["steps"][0]["event"]["id"] == "d");
  CHECK(j["steps"][1]["relation"] == "responds-to");
  CHECK(j["steps"][1]["event"]["id"] == "f");
}

TEST_CASE("cli path: unknown ids") {
  auto r = run_cli({"path", "noem-x-post", "bankz", test::seed});
  CHECK(r.status == 1);
  CHECK(r.err == "error: no event or actor has the id 'bankz'; did you mean 'banks'?\n");
}
