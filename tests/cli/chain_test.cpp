#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "../support/helpers.hpp"

using test::run_cli;

TEST_CASE("cli chain: an indented tree, oldest first, repeats marked") {
  auto r = run_cli({"chain", "a", test::graph_small});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out ==
        "a (Feb 1, 2026; Ann): Alpha budget\n"
        "Set off 7 events:\n"
        "  responds-to: b (Feb 3, 2026; Bob): Bravo reply\n"
        "    rebuts: c (Feb 2026; Cat): Charlie letter\n"
        "      follows-up: e (Feb 2, 2026; Bob): Echo\n"
        "    supports: d (Feb 10, 2026; Ann): Delta\n"
        "      responds-to: f (Mar 1, 2026; Cat): Foxtrot\n"
        "  responds-to: g (Feb 5, 2026; Bob): Golf\n"
        "    responds-to: h (since Feb 20, 2026; Cat): Hotel ongoing\n"
        "  cites: d (see above)\n");
}

TEST_CASE("cli chain: up, both, depth and relation options") {
  auto r = run_cli({"chain", "e", test::graph_small, "--direction", "up"});
  CHECK(r.out ==
        "e (Feb 2, 2026; Bob): Echo\n"
        "Goes back to 3 events:\n"
        "  follows-up: c (Feb 2026; Cat): Charlie letter\n"
        "    rebuts: b (Feb 3, 2026; Bob): Bravo reply\n"
        "      responds-to: a (Feb 1, 2026; Ann): Alpha budget\n");
  r = run_cli({"chain", "f", test::graph_small, "--direction", "both"});
  CHECK(r.out ==
        "f (Mar 1, 2026; Cat): Foxtrot\n"
        "Set off nothing.\n"
        "Goes back to 3 events:\n"
        "  responds-to: d (Feb 10, 2026; Ann): Delta\n"
        "    cites: a (Feb 1, 2026; Ann): Alpha budget\n"
        "    supports: b (Feb 3, 2026; Bob): Bravo reply\n"
        "      responds-to: a (see above)\n");
  r = run_cli({"chain", "a", test::graph_small, "--depth", "1", "--relation", "responds-to"});
  CHECK(r.out ==
        "a (Feb 1, 2026; Ann): Alpha budget\n"
        "Set off 2 events:\n"
        "  responds-to: b (Feb 3, 2026; Bob): Bravo reply\n"
        "  responds-to: g (Feb 5, 2026; Bob): Golf\n");
  CHECK(run_cli({"chain", "a", test::graph_small, "--relation", "answers"}).status == 2);
  CHECK(run_cli({"chain", "a", test::graph_small, "--direction", "sideways"}).status == 2);
}

TEST_CASE("cli chain: the seed, what noem-x-post set off") {
  auto r = run_cli({"chain", "noem-x-post", test::seed});
  CHECK(r.status == 0);
  CHECK(r.out.find(
            "Set off 2 events:\n"
            "  rebuts: governors-office-response (between Feb 6 and Feb 12, 2026 (year uncertain); "
            "Governor's office): ") != std::string::npos);
  CHECK(r.out.find("\n  follows-up: noem-otay-mesa-remarks (Feb 12, 2026 (year uncertain); Kristi "
                   "Noem): ") != std::string::npos);
}

TEST_CASE("cli chain: JSON shape") {
  auto j = run_cli({"chain", "d", test::graph_small, "--direction", "both", "--json"}).json();
  CHECK(j["root"]["id"] == "d");
  CHECK(j["root"]["date"] == "2026-02-10");
  CHECK(j["root"]["when"] == "Feb 10, 2026");
  CHECK(j["root"]["earliest"] == "2026-02-10T00:00:00Z");
  CHECK(j["root"]["latest"] == "2026-02-10T23:59:59Z");
  CHECK(j["root"]["actors"] == nlohmann::json::array({"ann"}));
  CHECK(j["direction"] == "both");
  CHECK(j["distinct_down"] == 1);
  CHECK(j["distinct_up"] == 2);
  REQUIRE(j["down"].size() == 1);
  CHECK(j["down"][0]["relation"] == "responds-to");
  CHECK(j["down"][0]["depth"] == 1);
  CHECK(j["down"][0]["event"]["id"] == "f");
  REQUIRE(j["up"].size() == 3);
  CHECK(j["up"][2]["repeat"] == true);
  CHECK(j["up"][2]["depth"] == 2);
  auto open = run_cli({"chain", "h", test::graph_small, "--json"}).json();
  CHECK(open["root"]["latest"].is_null());
}

TEST_CASE("cli chain: an unknown id is an error naming the closest ids") {
  auto r = run_cli({"chain", "noem-x-pst", test::seed});
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err == "error: no event has the id 'noem-x-pst'; did you mean 'noem-x-post'?\n");
  r = run_cli({"chain", "noem", test::seed});
  CHECK(r.status == 1);
  CHECK(r.err.rfind("error: no event has the id 'noem' ('noem' is an actor)", 0) == 0);
  // An id typed short is suggested whole, as a typo would be.
  r = run_cli({"chain", "lyons-letter", test::seed});
  CHECK(r.err ==
        "error: no event has the id 'lyons-letter'; did you mean 'lyons-letter-to-bonta'?\n");
  r = run_cli({"chain", "noem-", test::seed});
  CHECK(r.err ==
        "error: no event has the id 'noem-'; did you mean 'noem-otay-mesa-remarks', "
        "'noem-vault-visit' or 'noem-x-post'?\n");
}

namespace {
/// A generated thread of `n` events, each answering the one before (e0 <- e1 <- ...).
std::string deep_thread(std::size_t n) {
  const auto file = test::fresh_dir("chain-deep") / "deep.ndjson";
  REQUIRE(run_cli({"generate", "--events", std::to_string(n), "--actors", "3", "--deep-thread",
                   "-o", file.string()})
              .status == 0);
  return file.string();
}
}  // namespace

TEST_CASE("cli chain: a deep thread's text grows with its events, not their square") {
  const std::string file = deep_thread(5000);
  const auto r = run_cli({"chain", "e0", file});
  REQUIRE(r.status == 0);
  std::size_t longest = 0, lines = 0;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line); ++lines) longest = std::max(longest, line.size());
  CHECK(lines == 5001);
  CHECK(longest < 200);
  CHECK(r.out.size() < 200 * 5000);
  // Twelve levels indented, deeper ones numbered.
  CHECK(r.out.find("\n                        responds-to: e12 (") != std::string::npos);
  CHECK(r.out.find("\n[depth 13] responds-to: e13 (") != std::string::npos);
  CHECK(r.out.find("\n[depth 4999] responds-to: e4999 (") != std::string::npos);
}

TEST_CASE("cli chain: story text reaches the terminal escaped (ESC, BEL, CSI, bidi)") {
  const auto file = test::fresh_dir("chain-controls") / "controls.yaml";
  test::write_file(file,
                   "eventgraph: 1\nactors: [{id: a, name: \"A\\e[2J\", kind: person}]\nevents:\n"
                   "  - {id: r, date: 2026-02-01, actor: a, title: \"Ring\\a \\e[31mred\\e[0m "
                   "\\u009B1m \\u202Eevil\"}\n"
                   "  - {id: s, date: 2026-02-02, actor: a, title: \"Reply\\e]0;t\\a\", "
                   "responds_to: [r]}\n");
  for (const auto& args : {std::vector<std::string>{"chain", "r", file.string()},
                           {"events", file.string()},
                           {"path", "r", "s", file.string()},
                           {"stats", file.string()}}) {
    CAPTURE(args.front());
    const auto r = run_cli(args);
    CHECK(r.status == 0);
    for (const char* raw : {"\x1b", "\a", "\xc2\x9b", "\xe2\x80\xae"})
      CHECK(r.out.find(raw) == std::string::npos);
    CHECK(r.out.find("A\\x1B[2J") != std::string::npos);
  }
  const auto r = run_cli({"events", file.string()});
  CHECK(r.out.find("Ring\\x07 \\x1B[31mred\\x1B[0m \\u009B1m \\u202Eevil") != std::string::npos);
  // JSON is escaped by JSON, not twice.
  const auto j = run_cli({"events", file.string(), "--json"}).json();
  CHECK(j["events"][0]["title"] ==
        "Ring\a \x1b[31mred\x1b[0m \xc2\x9b"
        "1m \xe2\x80\xae"
        "evil");
}
