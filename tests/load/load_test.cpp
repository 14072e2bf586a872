#include <doctest/doctest.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "../support/helpers.hpp"
#include "eventgraph/export.hpp"
#include "eventgraph/load.hpp"

using namespace eventgraph;

namespace {

result<story> load_one(std::string name, std::string text) {
  std::vector<input_text> inputs{{std::move(name), std::move(text)}};
  return load_texts(inputs);
}

/// Every diagnostic of one level as "line:column: message [code]", for compact assertions.
std::vector<std::string> messages(const result<story>& r, severity level = severity::error) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics().items())
    if (d.level == level)
      out.push_back(std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " +
                    d.message + " [" + d.code + "]");
  return out;
}

bool has(const std::vector<std::string>& all, const std::string& needle) {
  for (const auto& m : all)
    if (m.find(needle) != std::string::npos) return true;
  for (const auto& m : all) MESSAGE("have: " << m);
  return false;
}

const char* const valid_yaml = R"(eventgraph: 1
title: Test
timezone: America/Los_Angeles
sources:
  - {title: The article}
actors:
  - {id: noem, name: Kristi Noem, kind: person, member_of: [dhs]}
  - {id: dhs, name: DHS, kind: organization}
  - {id: newsom-office, name: Governor's office, kind: office}
events:
  - id: dhs-statement
    date: "2026-02-05"
    actor: dhs
    title: Statement
  - id: noem-post
    date: 2026-02-06
    actors: [noem]
    title: Post on X
    responds_to: [dhs-statement]
    figures: [{label: detainers, value: 33000, unit: people}]
  - id: reply
    date: "[2026-02-06..2026-02-12]"
    actors: [newsom-office]
    to: [noem]
    title: Reply
    quotes: [{text: "We cooperate.", by: newsom-office}]
    relations:
      - {type: rebuts, to: noem-post, note: "responded"}
)";

}  // namespace

TEST_CASE("load: a valid YAML document") {
  auto r = load_one("a.yaml", valid_yaml);
  REQUIRE(r.ok());
  const story& s = r.value();
  CHECK(s.title == "Test");
  CHECK(s.timezone == "America/Los_Angeles");
  REQUIRE(s.events.size() == 3);
  REQUIRE(s.actors.size() == 3);
  CHECK(s.events[1].date() == "2026-02-06");
  CHECK(s.events[1].relations().size() == 1);
  CHECK(s.events[1].relations()[0].target == 0);
  CHECK(s.events[1].figures()[0].value == 33000);
  CHECK(s.events[1].figures()[0].value_text == "33000");
  CHECK(s.events[2].relations()[0].type == relation_type::rebuts);
  CHECK(s.events[2].quotes()[0].by == s.find_actor("newsom-office"));
  CHECK(s.events[2].time().shape == time_shape::one_of);
  CHECK(s.actors[0].member_of == std::vector<actor_index>{1});
  CHECK(s.find_event("reply") == event_index{2});
}

TEST_CASE("load: the same document in JSON") {
  const char* json = R"({"eventgraph": 1, "actors": [{"id": "a", "name": "A", "kind": "group"}],
  "events": [{"id": "e1", "date": "2026-02-05", "actor": "a", "title": "One"},
             {"id": "e2", "date": "2026-02-07", "actors": ["a"], "title": "Two",
              "relations": [{"type": "follows-up", "to": "e1"}]}]})";
  auto r = load_one("a.json", json);
  REQUIRE(r.ok());
  CHECK(r.value().events[1].relations()[0].type == relation_type::follows_up);
}

TEST_CASE("load: JSON errors carry line and column") {
  auto r = load_one(
      "bad.json", "{\"eventgraph\": 1,\n  \"events\": [\n    {\"id\": \"x\", \"date\": 5}\n  ]\n}");
  auto errors = messages(r);
  CHECK(has(errors, "3:25: invalid date '5': year must be four digits"));
  auto syntax = load_one("bad.json", "{\"eventgraph\": 1,\n \"title\": \"x\",,\n}");
  CHECK(has(messages(syntax), "[syntax]"));
  CHECK(has(messages(load_one("t.json", "{\"eventgraph\": 1} trailing")), "after the JSON value"));
}

TEST_CASE("load: YAML syntax error is reported with its position") {
  auto r = load_one("bad.yaml", "eventgraph: 1\nevents: [\n  {id: a\n");
  auto errors = messages(r);
  REQUIRE(errors.size() == 1);
  CHECK(has(errors, "[syntax]"));
}

TEST_CASE("load: missing required fields and wrong types") {
  auto r = load_one("m.yaml", R"(eventgraph: 1
actors:
  - {id: a, kind: person}
events:
  - {id: e, date: "2026-02-05", actor: a}
  - {id: f, date: "2026-02-05", actors: a, title: [x]}
)");
  auto errors = messages(r);
  CHECK(has(errors, "3:5: actor is missing required field 'name' [missing-field]"));
  CHECK(has(errors, "5:5: event is missing required field 'title' [missing-field]"));
  CHECK(has(errors, "6:51: expected text, found a list [type]"));
  CHECK(has(messages(load_one("v.yaml", "title: x\n")), "missing 'eventgraph: 1'"));
  CHECK(
      has(messages(load_one("v.yaml", "eventgraph: 2\n")), "1:13: unsupported format version '2'"));
  CHECK(has(messages(load_one("v.yaml", "eventgraph: 1\ntitle: 1984\n")),
            "2:8: expected text, found a whole number (write \"1984\" in quotes"));
}

TEST_CASE("load: unknown fields suggest the closest name") {
  auto r = load_one("u.yaml", R"(eventgraph: 1
actors: [{id: a, name: A, kind: person}]
events:
  - {id: e, date: "2026-02-05", actor: a, title: T, sumary: S}
)");
  CHECK(has(messages(r), "4:53: unknown field 'sumary'; did you mean 'summary'? [unknown-field]"));
  auto top = load_one("u.yaml", "eventgraph: 1\ntimezones: UTC\n");
  CHECK(has(messages(top), "2:1: unknown field 'timezones'; did you mean 'timezone'?"));
}

TEST_CASE("load: malformed, duplicate and dangling ids") {
  auto r = load_one("i.yaml", R"(eventgraph: 1
actors:
  - {id: a, name: A, kind: person}
  - {id: "-bad", name: B, kind: person}
events:
  - {id: a, date: "2026-02-05", actor: a, title: T}
  - {id: e2, date: "2026-02-06", actor: nobody, title: T, responds_to: [e1]}
)");
  auto errors = messages(r);
  CHECK(has(errors, "4:10: '-bad' is not a valid id"));
  CHECK(has(errors, "6:5: id 'a' is already used at i.yaml:3:5 [duplicate-id]"));
  CHECK(has(errors, "7:41: no actor has the id 'nobody'"));
  CHECK(has(errors, "7:73: no event has the id 'e1'; did you mean 'e2' or 'a'? [reference]"));
}

TEST_CASE("load: duplicate ids across files") {
  std::vector<input_text> inputs{
      {"one.yaml", "eventgraph: 1\nactors: [{id: a, name: A, kind: person}]\n"},
      {"two.yaml", "eventgraph: 1\nactors: [{id: a, name: A, kind: person}]\n"}};
  auto r = load_texts(inputs);
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.diagnostics().error_count() == 1);
  CHECK(format_diagnostic(r.diagnostics().items().at(1)) ==
        "two.yaml:2:10: error: id 'a' is already used at one.yaml:2:10 [duplicate-id]");
}

TEST_CASE("load: invalid dates and unknown zones point into the text") {
  auto r = load_one("d.yaml", R"(eventgraph: 1
timezone: Mars/Olympus
actors: [{id: a, name: A, kind: person}]
events:
  - {id: e1, date: "2026-02-30", actor: a, title: T}
  - {id: e2, date: 2026-02-12T24:01, actor: a, title: T}
  - {id: e3, date: "2026-02-12", timezone: Europe/Nowhere, actor: a, title: T}
)");
  auto errors = messages(r);
  CHECK(has(errors, "2:11: unknown time zone 'Mars/Olympus'"));
  CHECK(has(errors, "5:29: invalid date '2026-02-30': February 2026 has 28 days"));
  CHECK(has(errors,
            "6:31: invalid date '2026-02-12T24:01': 24:00:00 is the only time after 23:59:59"));
  CHECK(has(errors, "7:44: unknown time zone 'Europe/Nowhere'"));
}

TEST_CASE("load: a response cannot precede what it answers") {
  auto r = load_one("t.yaml", R"(eventgraph: 1
actors: [{id: a, name: A, kind: person}]
events:
  - {id: early, date: "2026-02-05", actor: a, title: T, responds_to: [late]}
  - {id: late, date: "2026-02-12", actor: a, title: T}
  - {id: month, date: "2026-02", actor: a, title: T, responds_to: [late]}
)");
  auto errors = messages(r);
  CHECK(has(errors,
            "4:71: 'early' (Feb 5, 2026) cannot respond to 'late' (Feb 12, 2026): it happened "
            "before it [time-order]"));
  // Imprecision is not an error: February may well be after Feb 12.
  CHECK(errors.size() == 1);
}

TEST_CASE("load: a part-of event must lie within its whole") {
  auto r = load_one("p.yaml", R"(eventgraph: 1
actors: [{id: a, name: A, kind: person}]
events:
  - {id: conf, date: "2026-02-12", actor: a, title: Press conference}
  - {id: remark, date: "2026-02-13", actor: a, title: Remark, relations: [{type: part-of, to: conf}]}
  - {id: inside, date: "2026-02", actor: a, title: Remark, relations: [{type: part-of, to: conf}]}
)");
  auto errors = messages(r);
  REQUIRE(errors.size() == 1);
  CHECK(has(errors,
            "5:95: 'remark' (Feb 13, 2026) lies outside 'conf' (Feb 12, 2026) that it is part of "
            "[part-of]"));
}

TEST_CASE("load: cycles are named, self-references refused") {
  auto r = load_one("c.yaml", R"(eventgraph: 1
actors: [{id: a, name: A, kind: person, member_of: [a]}]
events:
  - {id: x, date: "2026", actor: a, title: T, relations: [{type: cites, to: z}]}
  - {id: y, date: "2026", actor: a, title: T, relations: [{type: cites, to: x}]}
  - {id: z, date: "2026", actor: a, title: T, relations: [{type: cites, to: y}]}
  - {id: s, date: "2026", actor: a, title: T, responds_to: [s]}
)");
  auto errors = messages(r);
  CHECK(has(errors, "relations form a cycle: x -> z -> y -> x [cycle]"));
  CHECK(has(errors, "7:61: event 's' cannot respond to itself [self-reference]"));
  CHECK(has(errors, "actor 'a' cannot be a member of itself [self-reference]"));
}

TEST_CASE("load: a million-long chain is checked without recursion") {
  std::string text =
      "{\"eventgraph\": 1, \"actors\": [{\"id\": \"a\", \"name\": \"A\", \"kind\": "
      "\"person\"}], \"events\": [\n";
  const int n = 200'000;  // deep enough to overflow any recursive walk; fast enough for a test
  for (int i = 0; i < n; ++i) {
    text += "{\"id\": \"e" + std::to_string(i) +
            "\", \"date\": \"2026\", \"actor\": \"a\", "
            "\"title\": \"t\"";
    if (i > 0) text += ", \"responds_to\": [\"e" + std::to_string(i - 1) + "\"]";
    if (i == 0)
      text +=
          ", \"relations\": [{\"type\": \"cites\", \"to\": \"e" + std::to_string(n - 1) + "\"}]";
    text += i + 1 < n ? "},\n" : "}\n";
  }
  text += "]}";
  auto r = load_one("chain.json", text);
  auto errors = messages(r);
  REQUIRE(errors.size() == 1);
  CHECK(has(errors, "relations form a cycle: e0 -> e199999 -> e199998"));
}

TEST_CASE("load: warnings for an event without source and an unused actor") {
  auto r = load_one("w.yaml", R"(eventgraph: 1
actors:
  - {id: a, name: A, kind: person}
  - {id: b, name: B, kind: person}
events:
  - {id: e, date: "2026", actor: a, title: T}
)");
  REQUIRE(r.ok());
  auto warnings = messages(r, severity::warning);
  CHECK(has(warnings, "6:5: event 'e' has no source [no-source]"));
  CHECK(has(warnings, "4:5: actor 'b' takes part in no event [unused-actor]"));
}

TEST_CASE("load: hostile input never crashes or hangs") {
  SUBCASE("alias loop") {
    CHECK(has(messages(load_one("h.yaml", "eventgraph: 1\ntags: &a [*a]\n")),
              "2:11: an alias cannot refer to the value that contains it [alias]"));
  }
  SUBCASE("text after a flow mapping (looped forever in yaml-cpp 0.7's LoadAll)") {
    auto r = load_one("loop.yaml", "{a: b},\n{\n\"c");
    CHECK(r.diagnostics().has_errors());
  }
  SUBCASE("alias bomb") {
    std::string bomb = "a: &a [x,x,x,x,x,x,x,x,x,x]\n";
    for (char c = 'b'; c <= 'j'; ++c)
      bomb += std::string(1, c) + ": &" + c + " [*" + char(c - 1) + ",*" + char(c - 1) + ",*" +
              char(c - 1) + ",*" + char(c - 1) + ",*" + char(c - 1) + ",*" + char(c - 1) + ",*" +
              char(c - 1) + ",*" + char(c - 1) + ",*" + char(c - 1) + ",*" + char(c - 1) + "]\n";
    CHECK(has(messages(load_one("bomb.yaml", bomb)), "alias bomb"));
  }
  SUBCASE("deep nesting") {
    std::string deep(100000, '[');
    CHECK(load_one("deep.yaml", "eventgraph: 1\ntags: " + deep + "\n").diagnostics().has_errors());
    CHECK(load_one("deep.json", "{\"tags\": " + deep + "}").diagnostics().has_errors());
  }
  SUBCASE("invalid UTF-8 and NUL bytes") {
    const char text[] = "eventgraph: 1\ntitle: caf\xC3\n  x\0y\n";
    auto r = load_one("enc.yaml", std::string(text, sizeof text - 1));
    auto errors = messages(r);
    CHECK(has(errors, "2:11: invalid UTF-8 (byte 0xC3)"));
    CHECK(has(errors, "3:4: NUL byte"));
  }
  SUBCASE("a NUL byte in NDJSON, found by the line count, in its blocks and in its tail") {
    const std::string head = "{\"eventgraph\": 1}\n{\"type\": \"actor\", \"id\": \"a\"}\n";
    std::string early = head;
    early[20] = '\0';
    CHECK(has(messages(load_one("nul.ndjson", early)), "NUL byte"));
    std::string late = head + "{}";
    late.back() = '\0';
    CHECK(has(messages(load_one("nul.ndjson", late)), "NUL byte"));
  }
  SUBCASE("huge strings") {
    auto r = load_one("big.yaml", "eventgraph: 1\ntitle: \"" + std::string(2 << 20, 'x') + "\"\n");
    CHECK(has(messages(r), "[too-large]"));
  }
  SUBCASE("integers beyond 64 bits") {
    CHECK(has(messages(load_one("n.yaml", "eventgraph: 99999999999999999999999\n")),
              "unsupported format version"));
    auto figure = load_one("f.yaml", R"(eventgraph: 1
actors: [{id: a, name: A, kind: person}]
events:
  - {id: e, date: "2026", actor: a, title: T, figures: [{label: x, value: 99999999999999999999999}]}
)");
    CHECK(has(messages(figure), "beyond the whole numbers that stay exact"));
    CHECK(load_one("n.json", "{\"eventgraph\": 1e999999}").diagnostics().has_errors());
  }
  SUBCASE("not a mapping at all") {
    CHECK(has(messages(load_one("s.yaml", "just text\n")), "expected the document"));
    CHECK(has(messages(load_one("s.json", "[1, 2]")), "expected the document"));
  }
}

TEST_CASE("load: every error in a file is reported at once, up to the cap") {
  std::string text =
      "eventgraph: 1\nsources: [{title: S}]\nactors: [{id: a, name: A, kind: person}]\nevents:\n";
  for (int i = 0; i < 500; ++i)
    text += "  - {id: e" + std::to_string(i) + ", date: \"2026-13\", actor: a, title: T}\n";
  auto r = load_one("many.yaml", text);
  CHECK(r.diagnostics().error_count() == 500);
  CHECK(r.diagnostics().items().size() == diagnostic_list::default_cap);
  CHECK(r.diagnostics().dropped() == 400);
}

TEST_CASE("load: NDJSON with a header, actor lines and event lines") {
  const char* ndjson =
      "{\"eventgraph\": 1, \"title\": \"Bulk\", \"timezone\": \"UTC\"}\n"
      "{\"type\": \"actor\", \"id\": \"a\", \"name\": \"A\", \"kind\": \"person\"}\n"
      "\n"
      "{\"id\": \"e1\", \"date\": \"2026-02-05\", \"actor\": \"a\", \"title\": \"One\"}\n"
      "{\"type\": \"event\", \"id\": \"e2\", \"date\": \"2026-02-06\", \"actor\": \"a\", "
      "\"title\": \"Two\", \"responds_to\": [\"e1\"]}\n";
  auto r = load_one("bulk.ndjson", ndjson);
  REQUIRE(r.ok());
  CHECK(r.value().title == "Bulk");
  CHECK(r.value().events.size() == 2);
  auto bad =
      load_one("bad.ndjson",
               "{\"type\": \"actor\", \"id\": \"a\", \"name\": \"A\", \"kind\": \"person\"}\n"
               "{\"id\": \"e1\", \"date\": \"2026-02-31\", \"actor\": \"a\", \"title\": \"x\"}\n"
               "{\"id\": \"e2\", oops}\n");
  auto errors = messages(bad);
  CHECK(has(errors, "2:31: invalid date '2026-02-31'"));
  CHECK(has(errors, "3:14: expected a field name in double quotes after ',', found 'o' [syntax]"));
}

TEST_CASE("load: a warning on an aliased value is given once, and not at all when turned off") {
  const std::string text = R"(eventgraph: 1
actors: [{id: a, name: A, kind: person}]
events:
  - {id: e1, date: "2026", actor: a, title: T, sources: [&s {title: S, url: "ftp://x"}]}
  - {id: e2, date: "2026", actor: a, title: T, sources: [*s]}
  - {id: e3, date: "2026", actor: a, title: T, sources: [*s]}
)";
  auto r = load_one("alias.yaml", text);
  REQUIRE(r.ok());
  CHECK(messages(r, severity::warning) ==
        std::vector<std::string>{"4:77: 'ftp://x' is not an http(s) address; it will be shown as "
                                 "text, never as a link [url]"});
  std::vector<input_text> inputs{{"alias.yaml", text}};
  load_options quiet;
  quiet.warnings = false;
  CHECK(load_texts(inputs, quiet).diagnostics().warning_count() == 0);
}

TEST_CASE("load: the url warning follows the one link rule (scheme in any case, a host)") {
  auto warnings_for = [&](const std::string& url) {
    return messages(load_one("links.yaml",
                             "eventgraph: 1\nactors: [{id: a, name: A, kind: person}]\n"
                             "events:\n  - {id: e1, date: \"2026\", actor: a, title: T, "
                             "sources: [{title: S, url: \"" +
                                 url + "\"}]}\n"),
                    severity::warning);
  };
  CHECK(warnings_for("HTTPS://example.com/x").empty());
  CHECK(warnings_for("https://example.org/a'b").empty());
  CHECK(warnings_for("https:///no-host").size() == 1);
  CHECK(warnings_for("javascript:alert(1)").size() == 1);
}

TEST_CASE("load: NDJSON event lines read by the fast path equal the same story as JSON") {
  // Every field the fast path takes, in unusual orders, with escapes; plus lines it declines.
  const std::vector<std::string> events = {
      R"({"id": "e1", "date": "2026-02-05", "actors": ["a", "b"], "to": "c", "kind": "letter", )"
      R"("title": "One \"quoted\" \u00e9", "tags": ["x", "y"]})",
      R"({"relations": [{"to": "e1", "type": "rebuts"}], "title": "Two", "responds_to": "e1", )"
      R"("actor": "b", "date": "2026-02-06T10:30Z", "id": "e2"})",
      R"({"id": "e0", "date": "2026-02-01/..", "actor": "c", "title": "Open", "to": ["a", "b"]})",
      R"({"id": "e4", "date": "2026-02-07", "actor": "a", "channel": "X", "place": "P", )"
      R"("title": "Four", "summary": "s\n2", "notes": "n", "sources": [{"title": "S", )"
      R"("url": "https://example.org/a", "publisher": "P", "date": "2026-02", "note": "q"}]})",
      // Declined (a relation's note, a quote): the general reader takes these.
      R"({"id": "e3", "date": "2026-02", "actor": "a", "title": "Three", )"
      R"("relations": [{"type": "cites", "to": "e2", "note": "n"}]})",
      R"({"id": "e5", "date": "2026-02-08", "actor": "a", "title": "Five", )"
      R"("quotes": [{"text": "q", "by": "a"}]})",
  };
  const std::string header = R"({"eventgraph": 1, "timezone": "UTC", "sources": [{"title": "S"}]})";
  const std::string actors = R"({"type": "actor", "id": "a", "name": "A", "kind": "person"})"
                             "\n"
                             R"({"type": "actor", "id": "b", "name": "B", "kind": "office"})"
                             "\n"
                             R"({"type": "actor", "id": "c", "name": "C", "kind": "group"})"
                             "\n";
  std::string ndjson = header + "\n" + actors;
  std::string json = R"({"eventgraph": 1, "timezone": "UTC", "sources": [{"title": "S"}], )"
                     R"("actors": [{"id": "a", "name": "A", "kind": "person"}, )"
                     R"({"id": "b", "name": "B", "kind": "office"}, )"
                     R"({"id": "c", "name": "C", "kind": "group"}], "events": [)";
  for (std::size_t i = 0; i < events.size(); ++i) {
    ndjson += events[i] + "\n";
    json += (i ? ", " : "") + events[i];
  }
  json += "]}";
  auto from_ndjson = load_one("bulk.ndjson", ndjson);
  auto from_json = load_one("doc.json", json);
  REQUIRE(from_ndjson.ok());
  REQUIRE(from_json.ok());
  const story& s = from_ndjson.value();
  auto as_json = [](const story& x) { return export_story(x, export_format::json).value(); };
  CHECK(as_json(s) == as_json(from_json.value()));
  const event two = s.events[*s.find_event("e2")];
  REQUIRE(two.relations().size() == 2);  // responds_to and relations, one target
  CHECK(two.relations()[0].type == relation_type::responds_to);
  CHECK(two.relations()[1].type == relation_type::rebuts);
  const event one = s.events[*s.find_event("e1")];
  CHECK(one.title() == "One \"quoted\" \xc3\xa9");
  CHECK(one.actors().size() == 2);
  CHECK(one.addressees().size() == 1);
  CHECK(one.tags().size() == 2);
  CHECK(s.events[*s.find_event("e0")].addressees().size() == 2);
  CHECK(s.events[*s.find_event("e3")].relations()[0].note == "n");

  // A plain line's references are placed like the general reader's.
  auto bad = load_one("refs.ndjson", header + "\n" + actors +
                                         R"({"id": "e1", "date": "2026-02-05", "actor": "zz", )"
                                         R"("title": "One", "responds_to": ["e9"]})"
                                         "\n");
  const auto errors = messages(bad);
  CHECK(has(errors, "5:45: no actor has the id 'zz'"));
  CHECK(has(errors, "5:83: no event has the id 'e9'"));
}

TEST_CASE("load: NDJSON actors named before or after their line resolve as without the fast path") {
  // The fast path resolves actors read before an event at once and leaves the rest to the end:
  // the story, the warnings (an unused actor) and the errors must not tell the difference.
  const std::string text =
      R"({"eventgraph": 1, "sources": [{"title": "S"}]})"
      "\n"
      R"({"type": "actor", "id": "a", "name": "First A", "kind": "person"})"
      "\n"
      R"({"id": "e0", "date": "2026-01-01", "actor": "a", "to": ["b"], "title": "Before b"})"
      "\n"
      R"({"type": "actor", "id": "a", "name": "Second A", "kind": "person"})"
      "\n"
      R"({"type": "actor", "id": "b", "name": "B", "kind": "office"})"
      "\n"
      R"({"type": "actor", "id": "c", "name": "Unused", "kind": "group"})"
      "\n"
      R"({"type": "actor", "id": "d", "name": "D", "kind": "person"})"
      "\n"
      R"({"id": "e1", "date": "2026-01-02", "actors": ["b", "a", "d"], "title": "All", "responds_to": "e0"})"
      "\n"
      R"({"id": "e2", "date": "2026-01-03", "actor": "zz", "title": "Unknown actor"})"
      "\n" +
      std::string(80, ' ') + "\n";
  std::vector<input_text> inputs{{"actors.ndjson", text}};
  load_options general;
  general.ndjson_fast_path = false;
  const auto fast = load_texts(inputs);
  const auto slow = load_texts(inputs, general);
  std::string fast_text, slow_text;
  for (const auto& d : fast.diagnostics().items()) fast_text += format_diagnostic(d) + "\n";
  for (const auto& d : slow.diagnostics().items()) slow_text += format_diagnostic(d) + "\n";
  CHECK(fast_text == slow_text);
  CHECK(fast_text.find("no actor has the id 'zz'") != std::string::npos);
  CHECK(fast_text.find("actor 'c' takes part in no event") != std::string::npos);
  CHECK(fast_text.find("actor 'b' takes part") == std::string::npos);
  CHECK(fast_text.find("actor 'd' takes part") == std::string::npos);  // named only by e1
  CHECK(fast_text.find("id 'a' is already used") != std::string::npos);
  // Without the unknown and the repeated actor, both load, to the same story.
  auto drop_line = [&](std::string_view start) {
    auto& t = inputs[0].text;
    const auto at = t.find(start);
    t.erase(at, t.find('\n', at) + 1 - at);
  };
  drop_line(R"({"id": "e2")");
  drop_line(R"({"type": "actor", "id": "a", "name": "Second A")");
  const auto fast_ok = load_texts(inputs);
  const auto slow_ok = load_texts(inputs, general);
  REQUIRE(fast_ok.ok());
  REQUIRE(slow_ok.ok());
  CHECK(export_story(fast_ok.value(), export_format::json).value() ==
        export_story(slow_ok.value(), export_format::json).value());
  const story& s = fast_ok.value();
  const event e0 = s.events[*s.find_event("e0")];
  REQUIRE(e0.actors().size() == 1);
  CHECK(s.actors[e0.actors()[0]].name == "First A");
  REQUIRE(e0.addressees().size() == 1);
  CHECK(s.actors[e0.addressees()[0]].id == "b");
}

TEST_CASE("load: NDJSON lines give the same diagnostics and story with and without the fast path") {
  const std::string head = R"({"eventgraph": 1, "sources": [{"title": "S"}]})"
                           "\n"
                           R"({"type": "actor", "id": "a", "name": "A", "kind": "person"})"
                           "\n"
                           R"({"id": "e0", "date": "2026-01-01", "actor": "a", "title": "Zero"})"
                           "\n";
  // Lines that look plain but are not quite, each after the header and one good event.
  const std::vector<std::string> lines = {
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "One"})",
      R"({"id": "e\u0031", "date": "2026-02-05", "actor": "a", "title": "Escaped id"})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "\u0061", "title": "Escaped ref"})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "One", "title": "Twice"})",
      R"({"id": "e1", "date": 2026, "actor": "a", "title": "Number date"})",
      R"({"id": "e1", "date": "2026-02-30", "actor": "a", "title": "Bad date"})",
      R"({"id": "-e1", "date": "2026-02-05", "actor": "a", "title": "Bad id"})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": ""})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", "kind": ""})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", "kind": "Big Word"})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "actors": ["a"], "title": "Both"})",
      R"({"id": "e1", "date": "2026-02-05", "actors": [], "title": "No actors"})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", "tags": ["x", 3]})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", "to": "e0"})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", "responds_to": "zz"})",
      R"({"id": "e1", "date": "2025-02-05", "actor": "a", "title": "T", "responds_to": "e0"})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", "responds_to": "e1"})",
      R"({"id": "e0", "date": "2026-02-05", "actor": "a", "title": "Repeated id"})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", )"
      R"("relations": [{"type": "rebuts", "to": "e0"}, {"type": "rebuts", "to": "e0"}]})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", )"
      R"("relations": [{"type": "refutes", "to": "e0"}]})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", "type": "actor"})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T"} {"x": 1})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", "extra": true})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T")",
      R"(  {"id": "e1", "date": "2026-03-08T02:30", "actor": "a", "title": "Indented"})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "Say \"no\" \\ \u00e9", )"
      R"("tags": ["t\u0031", "x"]})",
      R"({"id" : "e1" , "date" : "2026-02-05" , "actor" : "a" , "title" : "Spaced" })",
      R"({"i\u0064": "e1", "date": "2026-02-05", "actor": "a", "title": "Escaped key"})",
      // A CR inside a line is JSON whitespace, not a line break: positions on line 4 both ways.
      "{\"id\": \"e1\", \"date\": \"2026-02-05\", \"actor\": \"a\", \"title\": \"T\", "
      "\"relations\": [\r\r\r{\"type\": \"rebuts\", \"to\": \"e1\"}]}",
      // The fuzzer's finds: a key in an array, a key without its value.
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", )"
      R"("responds_to": ["e0", "actor": "a", "to": "e0"}]})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "kind": "remarks", "tit", "title": "T"})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", )"
      R"("relations": [{"type", "to": "e0"}]})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", )"
      R"("relations": [{"typ\u0065": "rebuts", "to": "e0"}]})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", )"
      R"("relations": [{"type": "rebuts", "to": "e\u0030"}]})",
      // The detail fields an import writes, good and bad.
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", "channel": "X", )"
      R"("place": "P", "summary": "s \u00e9\n", "notes": "", "sources": [{"title": "S", )"
      R"("url": "https://example.org/a", "date": "2026-02", "publisher": "P", "note": "n"}]})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", "sources": []})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", "summary": ""})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", )"
      R"("sources": [{"title": "S", "url": "javascript:void"}]})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", )"
      R"("sources": [{"title": "S", "date": "2026-13"}]})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", )"
      R"("sources": [{"url": "https://example.org/a"}]})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", )"
      R"("sources": [{"title": "S", "page": 3}]})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", "summary": 3})",
      R"({"id": "e1", "date": "2026-02-05", "actor": "a", "title": "T", "notes": "a", )"
      R"("notes": "b"})",
  };
  auto describe = [](const result<story>& r) {
    std::string out;
    for (const auto& d : r.diagnostics().items()) out += format_diagnostic(d) + "\n";
    if (r.ok()) out += export_story(r.value(), export_format::json).value();
    return out;
  };
  for (const auto& line : lines) {
    // Enough text after the line that it is read in place (the fast path's only case).
    const std::string text = head + line + "\n" + std::string(80, ' ') + "\n";
    std::vector<input_text> inputs{{"lines.ndjson", text}};
    load_options general;
    general.ndjson_fast_path = false;
    const auto fast = load_texts(inputs);
    const auto slow = load_texts(inputs, general);
    INFO(line);
    CHECK(describe(fast) == describe(slow));
  }
}

TEST_CASE("load: JSON syntax errors are placed where the text breaks, saying what was found") {
  CHECK(has(messages(load_one("a.json", "{\"eventgraph\": 1,\n \"title\": \"x\",,\n}")),
            "2:15: expected a field name in double quotes after ',', found ',' [syntax]"));
  CHECK(has(messages(load_one("b.json", "{\"eventgraph\": 1,\n  \"title\" \"x\"}")),
            "2:11: expected ':' after the key, found '\"' [syntax]"));
  CHECK(has(messages(load_one("c.json", "{\"eventgraph\": 1,\n  \"title\": \"x\",\n}")),
            "3:1: a ',' before '}' must be followed by a field [syntax]"));
  CHECK(has(messages(load_one("d.json", "{\"eventgraph\": 1, // version\n}")),
            "1:19: expected a field name in double quotes after ',', found a comment (JSON has "
            "none) [syntax]"));
  CHECK(has(messages(load_one("e.json", "{\"eventgraph\": 1,\n \"tags\": [\"a\",]}")),
            "2:15: a ',' before ']' must be followed by a value [syntax]"));
  CHECK(has(messages(load_one("f.json", "{\"eventgraph\": 1,\n \"title\": 'x'}")),
            "2:11: JSON strings take double quotes"));
  const auto ndjson = load_one("g.ndjson",
                               "{\"eventgraph\": 1}\n"
                               "{\"type\": \"actor\" \"id\": \"a\", \"name\": \"A\"}\n");
  CHECK(has(messages(ndjson), "2:18: expected ',' or '}' after a value, found '\"' [syntax]"));
}

TEST_CASE("load: a byte order mark starts JSON and NDJSON as it does YAML") {
  const std::string bom = "\xEF\xBB\xBF";
  CHECK(load_one("a.yaml", bom + "eventgraph: 1\n").ok());
  CHECK(load_one("a.json", bom + "{\"eventgraph\": 1}").ok());
  CHECK(load_one("a.ndjson", bom + "{\"eventgraph\": 1}\n").ok());
  CHECK(load_one("stdin", bom + "{\"eventgraph\": 1}\n").ok());
}

TEST_CASE("load: a CR alone ends a line in positions (old Mac files)") {
  CHECK(has(messages(load_one("cr.yaml", "eventgraph: 1\rtitle: 5\r")),
            "2:8: expected text, found a whole number"));
  CHECK(has(messages(load_one("cr.json", "{\"eventgraph\": 1,\r\"title\": 5}")),
            "2:10: expected text, found a whole number"));
  CHECK(has(messages(load_one("crlf.json", "{\"eventgraph\": 1,\r\n\"title\": 5}")),
            "2:10: expected text, found a whole number"));
  CHECK(has(messages(load_one("cr-nul.yaml", std::string("eventgraph: 1\rtitle: \0\r", 23))),
            "2:8: NUL byte"));
}

TEST_CASE("load: NDJSON without a known extension is told by its content") {
  const std::string lines =
      "{\"eventgraph\": 1, \"title\": \"Bulk\"}\n"
      "{\"type\": \"actor\", \"id\": \"a\", \"name\": \"A\", \"kind\": \"person\"}\n"
      "{\"id\": \"e\", \"date\": \"2026\", \"actor\": \"a\", \"title\": \"T\"}\n";
  auto r = load_one("story.txt", lines);
  REQUIRE(r.ok());
  CHECK(r.value().events.size() == 1);
  CHECK(load_one("story.txt", "{\"eventgraph\": 1,\n \"title\": \"One document\"\n}\n").ok());
  CHECK(load_one("story.txt", "{\"eventgraph\": 1, \"title\": \"One line\"}\n").ok());
}

TEST_CASE("load: an empty NDJSON file is an error, as empty YAML and JSON are") {
  CHECK(has(messages(load_one("e.ndjson", "")), "1:1: the file has no JSON lines"));
  CHECK(has(messages(load_one("e.ndjson", "\n  \n")), "1:1: the file has no JSON lines"));
  CHECK(load_one("e.yaml", "").diagnostics().has_errors());
  CHECK(load_one("e.json", "").diagnostics().has_errors());
}

TEST_CASE("load: an empty or host-dependent time zone is an error, not the host's zone") {
  CHECK(has(messages(load_one("z.yaml", "eventgraph: 1\ntimezone: \"\"\n")),
            "2:11: the time zone is empty; use an IANA name"));
  CHECK(has(messages(load_one("z.yaml", "eventgraph: 1\ntimezone: localtime\n")),
            "2:11: time zone 'localtime' would be whatever this computer is set to"));
  auto event = load_one("z.yaml", R"(eventgraph: 1
actors: [{id: a, name: A, kind: person}]
events:
  - {id: e, date: "2026-02-12T10:00", timezone: "", actor: a, title: T}
)");
  CHECK(has(messages(event), "4:49: the time zone is empty"));
}

TEST_CASE("load: an unquoted comma inside {...} is explained") {
  auto role = load_one("r.yaml", R"(eventgraph: 1
actors:
  - {id: a, name: A, kind: person, role: Chancellor, Delaware Court of Chancery}
)");
  CHECK(has(messages(role),
            "3:54: unknown field 'Delaware Court of Chancery': inside {...} a comma separates "
            "fields, so a value with a comma must be quoted: role: \"Chancellor, Delaware Court "
            "of Chancery\" [unknown-field]"));
  CHECK(messages(role).size() == 1);
  auto figure = load_one("f.yaml", R"(eventgraph: 1
actors: [{id: a, name: A, kind: person}]
events:
  - {id: e, date: "2026", actor: a, title: T, figures: [{label: x, value: 43,000,000,000}]}
)");
  CHECK(has(messages(figure),
            "unknown field '000': inside {...} a comma separates fields, so '43,000,000,000' is "
            "not one number; write it without thousands separators (value: 43000000000) or "
            "quote it as text [unknown-field]"));
  CHECK(messages(figure).size() == 1);
  CHECK(has(messages(load_one("u.yaml", "eventgraph: 1\ntitel: x\n")),
            "unknown field 'titel'; did you mean 'title'?"));
}

TEST_CASE("load: thousands separators in a figure's value are explained") {
  auto r = load_one("f.yaml", R"(eventgraph: 1
actors: [{id: a, name: A, kind: person}]
events:
  - id: e
    date: "2026"
    actor: a
    title: T
    figures:
      - label: x
        value: 43,000,000,000
)");
  CHECK(has(messages(r),
            "10:16: a figure's value must be a number, found text ('43,000,000,000' "
            "has thousands separators: write 43000000000) [type]"));
}

namespace {

/// load_files on `paths` with standard input reading `text`.
result<story> load_with_stdin(const std::string& text, std::vector<std::string> paths) {
  return test::with_stdin(text, [&] { return load_files(paths); });
}

}  // namespace

TEST_CASE("load: '-' reads standard input, named <stdin>, its format told by content") {
  const std::string yaml = "eventgraph: 1\ntitle: From a pipe\n";
  auto r = load_with_stdin(yaml, {"-"});
  REQUIRE(r.ok());
  CHECK(r.value().title == "From a pipe");
  CHECK(r.value().files == std::vector<std::string>{"<stdin>"});
  auto bad = load_with_stdin("{\"eventgraph\": 1,,}", {"-"});
  REQUIRE(!bad.diagnostics().items().empty());
  CHECK(bad.diagnostics().items()[0].where.file == "<stdin>");
  CHECK(has(messages(bad), "1:18: expected a field name"));
}

TEST_CASE("load: an I/O error says why") {
  auto missing = load_files(std::vector<std::string>{"/nonexistent/story.yaml"});
  REQUIRE(missing.diagnostics().items().size() == 1);
  CHECK(missing.diagnostics().items()[0].message == "cannot open: No such file or directory");
  CHECK(missing.diagnostics().items()[0].code == "io");
  auto directory = load_files(std::vector<std::string>{EVENTGRAPH_TEST_DATA});
  REQUIRE(directory.diagnostics().items().size() == 1);
  CHECK(directory.diagnostics().items()[0].message == "cannot read: Is a directory");
}

TEST_CASE("load: an endless device of NUL bytes ends in one clean error") {
  auto r = load_files(std::vector<std::string>{"/dev/zero"});
  REQUIRE(r.diagnostics().items().size() == 1);
  CHECK(has(messages(r), "1:1: NUL byte in text; the file may be UTF-16 or binary [encoding]"));
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define EVENTGRAPH_TEST_ASAN 1
#endif
#endif
#if !defined(__SANITIZE_ADDRESS__) && !defined(EVENTGRAPH_TEST_ASAN)
TEST_CASE("load: running out of memory is an error, too large to load, not a crash") {
  // In a child whose address space is capped: a text of blank lines sizes the NDJSON columns
  // for a line each, far beyond the cap.
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const std::string lines(64u << 20, '\n');
    const rlimit cap{1u << 30, 1u << 30};
    ::setrlimit(RLIMIT_AS, &cap);
    auto r = load_one("huge.ndjson", lines);
    const bool clean =
        r.diagnostics().items().size() == 1 && r.diagnostics().items()[0].code == "too-large" &&
        r.diagnostics().items()[0].message.find("too large to load") != std::string::npos;
    ::_exit(clean ? 0 : 1);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
#endif

TEST_CASE("load: a mapping of many keys is checked without comparing every pair") {
  // 400,000 keys: comparing each with every earlier one would take hours.
  std::string json = "{\"eventgraph\": 1";
  for (int i = 0; i < 400000; ++i) json += ",\"k" + std::to_string(i) + "\":0";
  json += ",\"k7\":0}";
  load_options options;
  options.max_diagnostics = 500000;
  std::vector<input_text> inputs{{"many.json", json}};
  auto r = load_texts(inputs, options);
  CHECK(r.diagnostics().error_count() == 400002);
  CHECK(has(messages(r), "field 'k7' appears twice in this mapping (first at line 1)"));
}
