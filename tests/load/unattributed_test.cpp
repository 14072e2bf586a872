// What an import keeps instead of inventing it: actors without a kind, events that name no
// actor (a `no-actor` warning, the same on both NDJSON paths), and placeholders of kind
// `missing` (no `no-source` or `no-actor` warning: they stand for what the data lacks).

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../support/helpers.hpp"
#include "eventgraph/export.hpp"
#include "eventgraph/load.hpp"

using namespace eventgraph;

namespace {

std::string diagnostics_text(const result<story>& r) {
  std::string out;
  for (const auto& d : r.diagnostics().items()) out += format_diagnostic(d) + "\n";
  return out;
}

const std::string unattributed = test::data + "unattributed.yaml";

}  // namespace

TEST_CASE("load: an actor without a kind has none, and the JSON export leaves it out") {
  const story s = test::load_or_fail(unattributed);
  CHECK(s.actors[*s.find_actor("alice")].kind == actor_kind::person);
  CHECK_FALSE(s.actors[*s.find_actor("bob-example")].kind.has_value());
  const std::string json = export_story(s, export_format::json).value();
  CHECK(json.find(R"("id": "bob-example",
      "name": "@bob@social.example"
    })") != std::string::npos);
  // A kind that is given must still be one of the four.
  const input_text bad{"k.yaml", "eventgraph: 1\nactors:\n  - {id: a, name: A, kind: robot}\n"};
  const auto r = load_texts(std::span(&bad, 1));
  CHECK_FALSE(r.ok());
  CHECK(diagnostics_text(r).find("unknown actor kind 'robot'") != std::string::npos);
}

TEST_CASE("load: an event that names no actor loads, with a no-actor warning") {
  const auto r = load_files(std::span(&unattributed, 1));
  REQUIRE(r.ok());
  const std::string text = diagnostics_text(r);
  CHECK(text.find("unattributed.yaml:24:5: warning: event 'leaflet' names no actor; it is drawn "
                  "as unattributed [no-actor]\n") != std::string::npos);
  CHECK(text.find("unattributed.yaml:37:5: warning: event 'banner' names no actor") !=
        std::string::npos);  // `actors: []`
  const story& s = r.value();
  CHECK(s.events[*s.find_event("leaflet")].actors().empty());
  CHECK(s.events[*s.find_event("banner")].actors().empty());
}

TEST_CASE("load: NDJSON events without actors, the same on the fast and the general path") {
  // The first two event lines take the fast path; `channel` sends the third to the general one.
  const input_text input{"u.ndjson",
                         "{\"eventgraph\": 1, \"sources\": [{\"title\": \"feed\"}]}\n"
                         "{\"type\": \"actor\", \"id\": \"a\", \"name\": \"A\"}\n"
                         "{\"id\": \"e1\", \"date\": \"2024-03-05\", \"actor\": \"a\", \"title\": "
                         "\"T1\"}\n"
                         "{\"id\": \"e2\", \"date\": \"2024-03-06\", \"title\": \"T2\"}\n"
                         "{\"id\": \"e3\", \"date\": \"2024-03-07\", \"actors\": [], \"title\": "
                         "\"T3\", \"channel\": \"X\"}\n"
                         "{\"id\": \"e4\", \"date\": \"2024-03-08\", \"actors\": [], \"title\": "
                         "\"T4\"}\n"};
  load_options general;
  general.ndjson_fast_path = false;
  const auto fast = load_texts(std::span(&input, 1));
  const auto slow = load_texts(std::span(&input, 1), general);
  REQUIRE(fast.ok());
  REQUIRE(slow.ok());
  CHECK(diagnostics_text(fast) == diagnostics_text(slow));
  CHECK(diagnostics_text(fast) ==
        "u.ndjson:4:1: warning: event 'e2' names no actor; it is drawn as unattributed "
        "[no-actor]\n"
        "u.ndjson:5:1: warning: event 'e3' names no actor; it is drawn as unattributed "
        "[no-actor]\n"
        "u.ndjson:6:1: warning: event 'e4' names no actor; it is drawn as unattributed "
        "[no-actor]\n");
  CHECK(export_story(fast.value(), export_format::json).value() ==
        export_story(slow.value(), export_format::json).value());
}

TEST_CASE("load: a placeholder (kind missing) needs no source and no actor, open start allowed") {
  const auto r = load_files(std::span(&unattributed, 1));
  REQUIRE(r.ok());
  const std::string text = diagnostics_text(r);
  CHECK(text.find("post-1050118621198921728") == std::string::npos);
  const story& s = r.value();
  const event placeholder = s.events[*s.find_event("post-1050118621198921728")];
  CHECK(is_missing(placeholder));
  CHECK(placeholder.time().open_start);
  CHECK_FALSE(placeholder.time().open_end);
  // Up to the reply's second, which sorts it first.
  CHECK(placeholder.index() == 0);
  // Any other event without a source still warns.
  CHECK(text.find("no-source") == std::string::npos);
  const input_text plain{"p.yaml",
                         "eventgraph: 1\nevents:\n  - {id: p, date: \"2024\", kind: post, title: "
                         "T}\n"};
  CHECK(diagnostics_text(load_texts(std::span(&plain, 1))) ==
        "p.yaml:3:5: warning: event 'p' has no source [no-source]\n"
        "p.yaml:3:5: warning: event 'p' names no actor; it is drawn as unattributed [no-actor]\n");
}
