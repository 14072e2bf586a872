// The import pipeline (engine/src/import/import.cpp, import_collect, import_build): records
// merged by key, ids chosen, links resolved across inputs, placeholders or dropped links,
// skip_bad, errors at the sources' positions, nothing returned on error.

#include <doctest/doctest.h>

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "eventgraph/export.hpp"
#include "eventgraph/import.hpp"
#include "import/import_build.hpp"
#include "import/import_collect.hpp"
#include "import/import_ids.hpp"

namespace {

using namespace eventgraph;
using detail::import_sink;
using detail::imported_actor;
using detail::imported_event;
using detail::imported_link;

/// One input of a tiny in-test reader: its name and what it hands the sink.
struct fake_input {
  std::string name;
  std::function<void(import_sink&)> read;
};

/// The pipeline after the readers, fed by in-test readers.
result<imported_story> run(const std::vector<fake_input>& inputs, import_options options = {}) {
  diagnostic_list diags(options.max_diagnostics);
  import_counts counts;
  detail::import_collector collector(options, diags, counts);
  for (const auto& in : inputs) {
    collector.begin_input(in.name, 0, 0);
    in.read(collector);
  }
  auto built = detail::build_story(collector, options, counts, std::move(diags));
  if (!built.ok()) return std::move(built.diagnostics());
  return result<imported_story>(imported_story{std::move(built).value(), counts},
                                std::move(built.diagnostics()));
}

imported_actor person(std::string key, std::string hint, std::string name) {
  imported_actor a;
  a.key = std::move(key);
  a.id_hint = std::move(hint);
  a.name = std::move(name);
  a.kind = "person";
  a.at = {1, 1};
  return a;
}

imported_event post(std::string key, std::string hint, std::string date, std::string title,
                    std::uint32_t line = 1) {
  imported_event e;
  e.key = std::move(key);
  e.id_hint = std::move(hint);
  e.date = std::move(date);
  e.title = std::move(title);
  e.actors = {"acct:alice"};
  e.kind = "post";
  e.at = {line, 3};
  return e;
}

imported_link reply_to(std::string key, std::string known_as = "", std::string actor = "") {
  imported_link l;
  l.key = std::move(key);
  l.known_as = std::move(known_as);
  l.actor_key = std::move(actor);
  return l;
}

const story& value(const result<imported_story>& r) {
  for (const auto& d : r.diagnostics().items()) MESSAGE(format_diagnostic(d));
  REQUIRE(r.ok());
  return r.value().value;
}

std::string relation_target(const story& s, std::string_view from) {
  const auto e = s.events[*s.find_event(from)];
  REQUIRE(e.relations().size() == 1);
  return std::string(s.events[e.relations()[0].target].id());
}

std::string hex8(std::uint32_t value) {
  char text[9];
  std::snprintf(text, sizeof text, "%08x", value);
  return text;
}

std::vector<std::string> messages(const diagnostic_list& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags.items()) out.push_back(format_diagnostic(d));
  return out;
}

}  // namespace

TEST_CASE("import: a record read twice is one event, the first wins, the later fills gaps") {
  auto first = [](import_sink& s) {
    s.actor(person("acct:alice", "alice", "Alice"));
    s.event(post("p:1", "p1", "2026-02-01", "First copy"));
  };
  auto second = [](import_sink& s) {
    s.actor(person("acct:alice", "alice", "Alice Again"));
    auto e = post("p:1", "p1", "2026-03-01", "Second copy");
    e.summary = "only the second copy says this";
    s.event(std::move(e));
  };
  const auto r = run({{"a.json", first}, {"b.json", second}});
  const story& s = value(r);
  REQUIRE(s.events.size() == 1);
  CHECK(s.events[0].title() == "First copy");
  CHECK(s.events[0].date() == "2026-02-01");
  CHECK(s.events[0].summary() == "only the second copy says this");
  CHECK(s.actors.size() == 1);
  CHECK(s.actors[0].name == "Alice");
  CHECK(r.value().counts.merged == 1);
  CHECK(r.value().counts.records == 2);
  CHECK(r.value().counts.events == 1);
}

TEST_CASE("import: ids come from the hint or key, mapped and hashed, the same every time") {
  const std::string hash = hex8(detail::fnv1a_32("mailto:bob@example.org"));
  detail::id_chooser ids;
  CHECK(ids.choose("alice", "acct:alice") == "alice");
  CHECK(ids.choose("bob@example.org", "mailto:bob@example.org") == "bob-example.org-" + hash);
  // Taken by another key: the key's hash tells them apart.
  CHECK(ids.choose("alice", "acct:alice2") == "alice-" + hex8(detail::fnv1a_32("acct:alice2")));
  CHECK(ids.choose("", "x:1050118621198921728") == "x:1050118621198921728");
  CHECK(ids.choose("  --", "k").starts_with("id-"));
  CHECK(ids.choose(std::string(300, 'a'), "long").size() <= 200);
  detail::id_chooser again;
  CHECK(again.choose("bob@example.org", "mailto:bob@example.org") == "bob-example.org-" + hash);
}

TEST_CASE("import: a reply in one input to a post in another resolves") {
  auto posts = [](import_sink& s) {
    s.actor(person("acct:alice", "alice", "Alice"));
    s.event(post("p:1", "p1", "2026-02-01T10:00Z", "Original"));
  };
  auto replies = [](import_sink& s) {
    auto e = post("p:2", "p2", "2026-02-01T11:00Z", "Reply");
    e.links.push_back(reply_to("p:1"));
    s.event(std::move(e));
  };
  // Whichever input comes first.
  for (const bool reversed : {false, true}) {
    const auto r =
        reversed ? run({{"b", replies}, {"a", posts}}) : run({{"a", posts}, {"b", replies}});
    CHECK(relation_target(value(r), "p2") == "p1");
    CHECK(r.value().counts.placeholders == 0);
  }
}

TEST_CASE("import: an absent target becomes a placeholder up to the earliest reply") {
  auto read = [](import_sink& s) {
    s.actor(person("acct:alice", "alice", "Alice"));
    s.actor(person("acct:carol", "carol", "Carol"));
    auto late = post("p:3", "p3", "2026-02-03T09:00Z", "Late reply");
    late.links.push_back(reply_to("p:gone", "https://example.org/p/gone", "acct:carol"));
    s.event(std::move(late));
    auto early = post("p:2", "p2", "2026-02-02T09:00Z", "Early reply");
    early.links.push_back(reply_to("p:gone", "https://example.org/p/gone"));
    s.event(std::move(early));
  };
  const auto r = run({{"a", read}});
  const story& s = value(r);
  CHECK(r.value().counts.placeholders == 1);
  const std::string missing = relation_target(s, "p3");
  CHECK(relation_target(s, "p2") == missing);
  const auto e = s.events[*s.find_event(missing)];
  CHECK(e.kind() == "missing");
  CHECK(e.date() == "../2026-02-02T09:00Z");
  CHECK(e.title() == "Missing: https://example.org/p/gone");
  REQUIRE(e.actors().size() == 1);
  CHECK(s.actors[e.actors()[0]].id == "carol");
  CHECK(e.sources().empty());
}

TEST_CASE(
    "import: a placeholder is named as its record would be, else by a readable id, else its key") {
  auto read = [](import_sink& s) {
    s.actor(person("acct:alice", "alice", "Alice"));
    auto e = post("p:2", "p2", "2026-02-02", "Replies to three absent posts");
    e.links.push_back(reply_to("csv:gone-post", "gone-post", "acct:alice"));
    e.links.push_back(reply_to("x:42", "https://x.example/a/status/42", "acct:alice"));
    auto named = reply_to("x:43", "https://x.example/a/status/43", "acct:alice");
    named.id_hint = "x-43";  // as the X reader names a post's event
    e.links.push_back(std::move(named));
    s.event(std::move(e));
  };
  const auto r = run({{"a", read}});
  const story& s = value(r);
  CHECK(s.find_event("gone-post"));
  CHECK(s.find_event("x:42"));
  CHECK(s.find_event("x-43"));
}

TEST_CASE("import: placeholder dates are open up to the reply's start") {
  CHECK(detail::placeholder_date("2026-02-12") == "../2026-02-12");
  CHECK(detail::placeholder_date("2019/2026-02") == "../2019");
  CHECK(detail::placeholder_date("../2026-02") == "../2026-02");
  CHECK(detail::placeholder_date("[2026-02-06..2026-02-12]") == "../2026-02-06");
  CHECK(detail::placeholder_date("[..2026-02-12]") == "../2026-02-12");
}

TEST_CASE("import: missing drop leaves the link out and counts it") {
  auto read = [](import_sink& s) {
    s.actor(person("acct:alice", "alice", "Alice"));
    auto e = post("p:2", "p2", "2026-02-02", "Reply to nothing here");
    e.links.push_back(reply_to("p:gone"));
    e.links.push_back(reply_to("p:also-gone"));
    s.event(std::move(e));
  };
  import_options options;
  options.missing = missing_policy::drop;
  const auto r = run({{"a", read}}, options);
  const story& s = value(r);
  CHECK(s.events.size() == 1);
  CHECK(s.events[0].relations().empty());
  CHECK(r.value().counts.dropped_links == 2);
  CHECK(r.value().counts.placeholders == 0);
}

TEST_CASE("import: bad records are errors at their file:line:column, all of them, no story") {
  auto read = [](import_sink& s) {
    s.actor(person("acct:alice", "alice", "Alice"));
    s.event(post("p:1", "p1", "2026-02-01", "Fine"));
    s.bad_record({4, 7}, "no created_at");
    s.bad_record({9, 2}, "not a post");
  };
  const auto r = run({{"tweets.js", read}});
  CHECK(!r.ok());
  CHECK(messages(r.diagnostics()) ==
        std::vector<std::string>{"tweets.js:4:7: error: no created_at [bad-record]",
                                 "tweets.js:9:2: error: not a post [bad-record]"});
}

TEST_CASE("import: the loader's errors point at the record in its own file") {
  auto read = [](import_sink& s) {
    s.actor(person("acct:alice", "alice", "Alice"));
    s.event(post("p:1", "p1", "2026-02-01", "Fine", 2));
    s.event(post("p:2", "p2", "2026-02-30", "No such day", 5));
  };
  const auto r = run({{"a.csv", read}});
  REQUIRE(!r.ok());
  REQUIRE(r.diagnostics().error_count() == 1);
  const auto& d = r.diagnostics().items().front();
  CHECK(d.where.file == "a.csv");
  CHECK(d.where.line == 5);
  CHECK(d.where.column == 3);
  CHECK(d.code == "date");
}

TEST_CASE("import: skip_bad turns bad records and rejected events into counted warnings") {
  auto read = [](import_sink& s) {
    s.actor(person("acct:alice", "alice", "Alice"));
    s.event(post("p:1", "p1", "2026-02-01", "Fine", 2));
    s.bad_record({3, 1}, "unreadable row");
    auto bad = post("p:2", "p2", "2026-02-30", "No such day", 4);
    s.event(std::move(bad));
    auto reply = post("p:3", "p3", "2026-03-01", "Reply to the bad one", 5);
    reply.links.push_back(reply_to("p:2", "", "acct:alice"));
    s.event(std::move(reply));
  };
  import_options options;
  options.skip_bad = true;
  const auto r = run({{"a.csv", read}}, options);
  const story& s = value(r);
  CHECK(r.value().counts.skipped == 2);
  CHECK(!s.find_event("p2"));
  // The reply keeps its link: the skipped record is now a missing one.
  CHECK(s.events[*s.find_event(relation_target(s, "p3"))].kind() == "missing");
  CHECK(r.diagnostics().warning_count() >= 2);
  CHECK(r.diagnostics().items().front().where.file == "a.csv");
}

TEST_CASE("import: a relation from an event no input holds is an error at its row") {
  auto read = [](import_sink& s) {
    imported_event links_only;
    links_only.key = "csv:ghost";
    links_only.id_hint = "ghost";
    links_only.links.push_back(reply_to("csv:p1"));
    links_only.at = {3, 1};
    s.event(std::move(links_only));
  };
  const auto r = run({{"relations.csv", read}});
  CHECK(messages(r.diagnostics()) ==
        std::vector<std::string>{"relations.csv:3:1: error: a relation from 'ghost', which no "
                                 "input holds as an event [unknown-event]"});
}

TEST_CASE("import: the same records give byte-identical stories") {
  auto read = [](import_sink& s) {
    s.actor(person("acct:alice", "alice@example.org", "Alice"));
    auto e = post("p:2", "p 2", "2026-02-02", "Reply");
    e.links.push_back(reply_to("p:gone", "", "acct:alice"));
    s.event(std::move(e));
  };
  const auto first = run({{"a", read}}), second = run({{"a", read}});
  const auto a = export_story(value(first), export_format::json);
  const auto b = export_story(value(second), export_format::json);
  REQUIRE(a.ok());
  CHECK(a.value() == b.value());
}

TEST_CASE("import: formats by name, auto, and an input no format claims") {
  CHECK(parse_import_format("auto") == import_format::detect);
  CHECK(parse_import_format("csv") == import_format::csv);
  CHECK(!parse_import_format("docx"));
  CHECK(to_string(import_format::detect) == "auto");
  CHECK(to_string(import_format::csv) == "csv");
  const input_text in{"notes.txt", "just some text\n"};
  const auto r = import_texts(std::span<const input_text>(&in, 1));
  REQUIRE(!r.ok());
  CHECK(r.diagnostics().items().front().code == "unknown-format");
  CHECK(r.diagnostics().failure() == category::usage);
}

TEST_CASE("import: progress reports bytes read of all inputs, up to their total") {
  struct seen {
    std::size_t calls = 0, done = 0, total = 0;
  } s;
  import_options options;
  options.progress = [](std::size_t done, std::size_t total, void* context) {
    auto& p = *static_cast<seen*>(context);
    ++p.calls;
    CHECK(done >= p.done);
    p.done = done;
    p.total = total;
  };
  options.progress_context = &s;
  const std::vector<input_text> inputs{{"a.csv", "Date,Headline\n2026-02-30,x\n"},
                                       {"b.csv", "Date,Headline\n2026-13,y\n"}};
  const auto r = import_texts(inputs, options);
  CHECK(!r.ok());
  CHECK(s.calls > 0);
  CHECK(s.total == inputs[0].text.size() + inputs[1].text.size());
  CHECK(s.done == s.total);
  // Both inputs' errors, at once.
  CHECK(r.diagnostics().error_count() == 2);
}

TEST_CASE("import: a link given by two copies of a record is one relation") {
  auto read = [](import_sink& s) {
    s.actor(person("acct:alice", "alice", "Alice"));
    s.event(post("p:1", "p1", "2026-02-01", "Original"));
    for (int copy = 0; copy < 2; ++copy) {
      auto e = post("p:2", "p2", "2026-02-02", "Reply");
      e.links.push_back(reply_to("p:1"));
      e.links.push_back(reply_to("p:1"));
      s.event(std::move(e));
    }
  };
  const auto r = run({{"a", read}});
  CHECK(relation_target(value(r), "p2") == "p1");
  CHECK(r.value().counts.merged == 1);
}

TEST_CASE("import: a source given only by its URL is titled by it") {
  auto read = [](import_sink& s) {
    s.actor(person("acct:alice", "alice", "Alice"));
    auto e = post("p:1", "p1", "2026-02-01", "Post");
    e.sources.push_back({"", "", "https://social.example/@alice/1", "", ""});
    s.event(std::move(e));
  };
  const auto r = run({{"a", read}});
  const auto src = value(r).events[0].sources();
  REQUIRE(src.size() == 1);
  CHECK(src[0].title == "https://social.example/@alice/1");
  CHECK(src[0].url == "https://social.example/@alice/1");
}

TEST_CASE(
    "import: rows without ids get the same ids from any folder, same-named files stay apart") {
  // A TimelineJS row has no id: its key is the file's name and its line, its id the headline
  // and a hash of that key.
  const std::string sheet =
      "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,"
      "Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n"
      "2026,3,2,,,,,,,Council votes,,,,,,,City Council,\n";
  import_options options;
  options.format = import_format::timelinejs;
  const auto story_of = [&](std::vector<input_text> inputs) {
    const auto r = import_texts(inputs, options);
    REQUIRE(r.ok());
    return export_story(r.value().value, export_format::json).value();
  };
  const std::string here = story_of({{"harbor.csv", sheet}});
  CHECK(story_of({{"samples/import/harbor.csv", sheet}}) == here);
  CHECK(story_of({{"/home/someone/news/harbor.csv", sheet}}) == here);
  // The same file twice is one story; two files that share a name are two inputs.
  CHECK(story_of({{"a/harbor.csv", sheet}, {"a/harbor.csv", sheet}}) == here);
  const auto both = import_texts(
      std::vector<input_text>{{"a/harbor.csv", sheet}, {"b/harbor.csv", sheet}}, options);
  REQUIRE(both.ok());
  CHECK(both.value().value.events.size() == 2);
}
