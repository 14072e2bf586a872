// The CLI's streamed JSON (cli/json_writer) against nlohmann's dump(2) of the same document:
// byte for byte, for a writer test and for chain, path and events on a generated story.

#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "../support/helpers.hpp"
#include "json_writer.hpp"

namespace {

using ordered = nlohmann::ordered_json;

std::string dumped(const ordered& j) {
  return j.dump(2, ' ', false, ordered::error_handler_t::replace) + "\n";
}

/// The JSON of an event as the commands wrote it with nlohmann before streaming.
ordered event_from(const nlohmann::json& j) {
  ordered e;
  for (const char* key : {"id", "date", "when", "earliest", "latest", "actors", "kind", "title"})
    e[key] = j.at(key);
  return e;
}

}  // namespace

TEST_CASE("cli json_writer: the bytes of nlohmann's dump(2)") {
  std::ostringstream out;
  eventgraph::cli::json_writer w(out);
  w.begin_object();
  w.key("empty array").begin_array().end_array();
  w.key("empty object").begin_object().end_object();
  w.key("text").string("quote \" backslash \\ tab \t nul \x01 é \xe2\x80\xae bad \xff");
  w.key("n").number(-3);
  w.key("u").unsigned_number(18446744073709551615ULL);
  w.key("flags").begin_array().boolean(true).boolean(false).null().end_array();
  w.key("nested").begin_array().begin_object().key("a").optional_number(std::nullopt).end_object();
  w.begin_array().optional_string("x").end_array().end_array();
  w.end_object();
  w.finish();
  ordered expected;
  expected["empty array"] = ordered::array();
  expected["empty object"] = ordered::object();
  expected["text"] = "quote \" backslash \\ tab \t nul \x01 é \xe2\x80\xae bad \xff";
  expected["n"] = -3;
  expected["u"] = 18446744073709551615ULL;
  expected["flags"] = {true, false, nullptr};
  expected["nested"] = ordered::array({ordered{{"a", nullptr}}, ordered::array({"x"})});
  CHECK(out.str() == dumped(expected));
}

TEST_CASE("cli json_writer: chain, path and events streamed as nlohmann wrote them") {
  const auto file = test::fresh_dir("json-writer") / "story.ndjson";
  REQUIRE(
      test::run_cli({"generate", "--events", "400", "--actors", "7", "-o", file.string()}).status ==
      0);
  // chain: the structure rebuilt from the parsed output, dumped again, is the output.
  const auto chain = test::run_cli({"chain", "e0", file.string(), "--direction", "both", "--json"});
  REQUIRE(chain.status == 0);
  const auto c = nlohmann::json::parse(chain.out);
  ordered expected;
  expected["root"] = event_from(c["root"]);
  expected["direction"] = "both";
  expected["distinct_down"] = c["distinct_down"];
  expected["distinct_up"] = c["distinct_up"];
  for (const char* side : {"down", "up"}) {
    expected[side] = ordered::array();
    for (const auto& entry : c[side]) {
      ordered e;
      e["depth"] = entry.at("depth");
      e["relation"] = entry.at("relation");
      e["repeat"] = entry.at("repeat");
      e["event"] = event_from(entry.at("event"));
      expected[side].push_back(std::move(e));
    }
  }
  CHECK(c["down"].size() > 100);
  CHECK(chain.out == dumped(expected));

  const auto events = test::run_cli({"events", file.string(), "--json"});
  const auto ev = nlohmann::json::parse(events.out);
  ordered list;
  list["count"] = ev["count"];
  list["events"] = ordered::array();
  for (const auto& e : ev["events"]) list["events"].push_back(event_from(e));
  CHECK(ev["count"] == 400);
  CHECK(events.out == dumped(list));

  const auto path = test::run_cli({"path", "e0", "e399", file.string(), "--json"});
  const auto p = nlohmann::json::parse(path.out);
  ordered steps;
  steps["from"] = "e0";
  steps["to"] = "e399";
  steps["found"] = p["found"];
  steps["steps"] = ordered::array();
  for (const auto& s : p["steps"])
    steps["steps"].push_back(
        ordered{{"relation", s.at("relation")}, {"event", event_from(s.at("event"))}});
  CHECK(path.out == dumped(steps));
}
