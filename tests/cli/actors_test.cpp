#include <doctest/doctest.h>

#include "../support/helpers.hpp"

using test::run_cli;

TEST_CASE("cli actors: who answered whom, how often, how fast") {
  auto r = run_cli({"actors", test::graph_small});
  CHECK(r.status == 0);
  CHECK(r.out ==
        "ann -> bob: 1 (supports 1); median 7 days (as dated 6 to 8 days), fastest 7 days (as "
        "dated 6 to 8 days)\n"
        "bob -> ann: 2 (responds-to 2); median 3 days (as dated 2 to 4 days), fastest 2 days (as "
        "dated 1 day to 3 days)\n"
        "bob -> cat: 1 (follows-up 1); median 0 s (as dated up to 2 days), fastest 0 s (as dated "
        "up to 2 days)\n"
        "cat -> ann: 1 (responds-to 1); median 19 days (as dated 18 to 20 days), fastest 19 days "
        "(as dated 18 to 20 days)\n"
        "cat -> bob: 2 (responds-to 1, rebuts 1); median 11 days 12 h (as dated up to 26 days), "
        "fastest 11 days 12 h (as dated up to 26 days) (over 1 of 2)\n");
}

TEST_CASE("cli actors: the seed, and the JSON shape") {
  auto r = run_cli({"actors", test::seed});
  CHECK(r.out ==
        "governors-office -> noem: 1 (rebuts 1); median 3 days (as dated up to 7 days), fastest 3 "
        "days (as dated up to 7 days)\n"
        "noem -> noem: 1 (follows-up 1); median 6 days (as dated 5 to 7 days), fastest 6 days (as "
        "dated 5 to 7 days)\n");
  auto j = run_cli({"actors", test::graph_small, "--json"}).json();
  REQUIRE(j["rows"].size() == 5);
  const auto& row = j["rows"][4];
  CHECK(row["responder"] == "cat");
  CHECK(row["answered"] == "bob");
  CHECK(row["counts"] ==
        nlohmann::json{
            {"responds-to", 1}, {"rebuts", 1}, {"supports", 0}, {"follows-up", 0}, {"repeats", 0}});
  CHECK(row["total"] == 2);
  CHECK(row["timed"] == 1);
  CHECK(row["median_seconds"] == 993600);
  CHECK(row["fastest_seconds"] == 993600);
  // What the dates allow, in seconds: the first second possible to the last.
  CHECK(row["median_range_seconds"] == nlohmann::json::array({0, 26 * 86400 - 1}));
  CHECK(row["fastest_range_seconds"] == row["median_range_seconds"]);
}

TEST_CASE("cli actors: an event's actors answer as one party") {
  const std::string coauthored = test::data + "graph/coauthored.yaml";
  auto r = run_cli({"actors", coauthored});
  CHECK(r.status == 0);
  CHECK(r.out ==
        "a -> a, b: 1 (responds-to 1); median 1 day (as dated up to 2 days), fastest 1 day (as "
        "dated up to 2 days)\n"
        "a, b -> c: 2 (responds-to 1, rebuts 1); median 3 days (as dated 2 to 4 days), fastest 2 "
        "days (as dated 1 day to 3 days)\n"
        "c, d -> a: 1 (responds-to 1); median 2 days (as dated 1 day to 3 days), fastest 2 days "
        "(as dated 1 day to 3 days)\n");
  auto j = run_cli({"actors", coauthored, "--json"}).json();
  REQUIRE(j["rows"].size() == 3);
  CHECK(j["rows"][0]["responder"] == "a");
  CHECK(j["rows"][0]["answered"] == nlohmann::json::array({"a", "b"}));
  CHECK(j["rows"][1]["responder"] == nlohmann::json::array({"a", "b"}));
  CHECK(j["rows"][1]["total"] == 2);
}

TEST_CASE("cli actors: a range of latencies reads as the dates' last seconds make it") {
  // Minute-dated posts keep their figure: the range is within the display's precision.
  const std::string path = (test::fresh_dir("actors-minutes") / "m.yaml").string();
  test::write_file(
      path,
      "eventgraph: 1\nactors: [{id: a, name: A, kind: person}, {id: b, name: B, kind: "
      "person}]\nevents:\n  - {id: x, date: \"2026-02-06T10:00Z\", actor: a, title: X}\n"
      "  - {id: y, date: \"2026-02-06T12:10Z\", actor: b, title: Y, responds_to: x}\n");
  CHECK(run_cli({"actors", path}).out ==
        "b -> a: 1 (responds-to 1); median 2 h 10 min, fastest 2 h 10 min\n");
}

TEST_CASE("cli actors: --no-self leaves out rows whose parties share an actor") {
  CHECK(run_cli({"actors", test::seed, "--no-self"}).out ==
        "governors-office -> noem: 1 (rebuts 1); median 3 days (as dated up to 7 days), fastest 3 "
        "days (as dated up to 7 days)\n");
  // a answering {a, b} answers itself in part; {a, b} -> c and {c, d} -> a stay.
  const std::string coauthored = test::data + "graph/coauthored.yaml";
  CHECK(run_cli({"actors", coauthored, "--no-self"}).out ==
        "a, b -> c: 2 (responds-to 1, rebuts 1); median 3 days (as dated 2 to 4 days), fastest 2 "
        "days (as dated 1 day to 3 days)\n"
        "c, d -> a: 1 (responds-to 1); median 2 days (as dated 1 day to 3 days), fastest 2 days "
        "(as dated 1 day to 3 days)\n");
  const auto j = run_cli({"actors", coauthored, "--no-self", "--json"}).json();
  CHECK(j["rows"].size() == 2);
  CHECK(run_cli({"actors", coauthored, "--json"}).json()["rows"].size() == 3);
}
