#include <doctest/doctest.h>

#include "../support/helpers.hpp"

using test::run_cli;

TEST_CASE("cli events: a window, overlapping by default") {
  auto r = run_cli({"events", test::graph_small, "--from", "2026-02-02", "--to", "2026-02-04"});
  CHECK(r.status == 0);
  CHECK(r.out ==
        "Feb 2026  c  Cat: Charlie letter\n"
        "Feb 2, 2026  e  Bob: Echo\n"
        "Feb 3, 2026  b  Bob: Bravo reply\n"
        "3 events\n");
  r = run_cli(
      {"events", test::graph_small, "--from", "2026-02-02", "--to", "2026-02-04", "--within"});
  CHECK(r.out == "Feb 2, 2026  e  Bob: Echo\nFeb 3, 2026  b  Bob: Bravo reply\n2 events\n");
  CHECK(run_cli({"events", test::graph_small, "--overlap", "--within"}).status == 2);
}

TEST_CASE("cli events: actor, kind, tag and text filters, and JSON") {
  auto j = run_cli({"events", test::graph_small, "--actor", "cat", "--json"}).json();
  CHECK(j["count"] == 3);
  CHECK(j["events"][0]["id"] == "c");
  CHECK(j["events"][1]["id"] == "h");
  CHECK(j["events"][2]["id"] == "f");
  CHECK(run_cli({"events", test::graph_small, "--kind", "post"}).out ==
        "Feb 3, 2026  b  Bob: Bravo reply\n1 event\n");
  CHECK(run_cli({"events", test::graph_small, "--tag", "budget", "--text", "ALPHA"}).out ==
        "Feb 1, 2026  a  Ann: Alpha budget\n1 event\n");
  CHECK(run_cli({"events", test::graph_small, "--text", "nothing-like-this"}).out == "0 events\n");
}

TEST_CASE("cli events: the seed, within Feb 12 in the story's zone") {
  auto r = run_cli(
      {"events", test::seed, "--from", "2026-02-12", "--to", "2026-02-12", "--within", "--json"});
  CHECK(r.json()["count"] == 6);
  r = run_cli({"events", test::seed, "--from", "2026-02-12", "--to", "2026-02-12"});
  CHECK(r.out.find("2019 – Feb 2026 (year uncertain)  california-transfers-since-2019") !=
        std::string::npos);
  CHECK(r.out.ends_with("12 events\n"));
}

TEST_CASE("cli events: bad dates and unknown actors") {
  auto r = run_cli({"events", test::graph_small, "--from", "2026-02-30"});
  CHECK(r.status == 2);
  CHECK(r.err == "error: --from '2026-02-30': February 2026 has 28 days\n");
  r = run_cli({"events", test::graph_small, "--actor", "bobb"});
  CHECK(r.status == 1);
  CHECK(r.err == "error: no actor has the id 'bobb'; did you mean 'bob'?\n");
}
