#include <doctest/doctest.h>

#include "../support/helpers.hpp"

using test::run_cli;

TEST_CASE("cli stats: text") {
  auto r = run_cli({"stats", test::graph_small});
  CHECK(r.status == 0);
  CHECK(r.out ==
        "8 events, 3 actors, 8 relations\n"
        "Relations: responds-to 4, rebuts 1, supports 1, follows-up 1, cites 1\n"
        "Events by kind: (no kind) 5, letter 1, post 1, statement 1\n"
        "Dates: 2026-02-01 to 2026-03-01 (earliest start: a; latest end: f)\n"
        "Unanswered events: 3 of 8:\n"
        "  e (Feb 2, 2026; Bob): Echo\n"
        "  h (since Feb 20, 2026; Cat): Hotel ongoing\n"
        "  f (Mar 1, 2026; Cat): Foxtrot\n"
        "Most answered:\n"
        "  2 responses: a (Feb 1, 2026; Ann): Alpha budget\n"
        "  2 responses: b (Feb 3, 2026; Bob): Bravo reply\n"
        "  1 response: c (Feb 2026; Cat): Charlie letter\n"
        "  1 response: g (Feb 5, 2026; Bob): Golf\n"
        "  1 response: d (Feb 10, 2026; Ann): Delta\n"
        "Longest response chain: 4 events: a -> b -> c -> e\n"
        "Response times (6 responses): min 0 s, 25% 2 days, median 5 days 12 h, 75% 11 days "
        "12 h, 90% 19 days, max 19 days\n"
        "  under 1 hour: 1\n"
        "  under 1 week: 2\n"
        "  under 30 days: 3\n");
}

TEST_CASE("cli stats: JSON shape") {
  auto j = run_cli({"stats", test::seed, "--json"}).json();
  CHECK(j["events"] == 14);
  CHECK(j["actors"] == 16);
  CHECK(j["relations"] == 10);
  CHECK(j["relations_by_type"]["cites"] == 5);
  CHECK(j["relations_by_type"]["part-of"] == 3);
  CHECK(j["unanswered"] == 13);
  REQUIRE(j["unanswered_events"].size() == 13);  // every one, oldest first
  CHECK(j["unanswered_events"][0] == "biden-catch-and-release");
  CHECK(j["unanswered_events"][12] == "sabatino-remarks");
  CHECK(j["most_answered"][0]["event"]["id"] == "noem-x-post");
  CHECK(j["most_answered"][0]["responses"] == 2);
  CHECK(j["longest_chain"] == nlohmann::json{{"length", 2},
                                             {"first", "noem-x-post"},
                                             {"last", "governors-office-response"}});
  CHECK(j["latencies"]["count"] == 2);
  CHECK(j["latencies"]["median_seconds"] == 4 * 86400 + 43200);
  CHECK(j["latencies"]["buckets"][2] == nlohmann::json{{"range", "under 1 week"}, {"count", 2}});
  CHECK(j["first"]["id"] == "california-transfers-since-2019");
}

TEST_CASE("cli stats: the text lists the oldest ten unanswered events, then how many more") {
  const auto r = run_cli({"stats", test::seed});
  CHECK(r.out.find("Unanswered events: 13 of 14:\n  biden-catch-and-release (") !=
        std::string::npos);
  CHECK(r.out.find("\n  ... and 3 more (--json lists every one)\nMost answered:") !=
        std::string::npos);
}
