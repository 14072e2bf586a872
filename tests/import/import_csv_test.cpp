// The csv reader (engine/src/import/import_csv.cpp) on its own: eventgraph's events.csv and
// relations.csv, foreign sheets by common header names or --map, bad cells at their row and
// column. The story it makes is checked through the command (tests/cli/import_test.cpp).

#include <doctest/doctest.h>

#include <string>

#include "import/records.hpp"
#include "support/recording_sink.hpp"

namespace {

using eventgraph::import_options;

test::recording_sink read(std::string_view text, import_options options = {},
                          std::string_view name = "sheet.csv") {
  test::recording_sink sink;
  eventgraph::detail::read_csv({name, text}, options, sink);
  return sink;
}

std::string place(const test::recording_sink::problem& p) {
  return std::to_string(p.at.line) + ":" + std::to_string(p.at.column) + " " + p.message;
}

// What `eventgraph export --format csv` writes (engine/src/export/export_csv.cpp): the header
// in full, one event with every column, "|" lists, a formula guard, a described source.
constexpr std::string_view own_events =
    "ID,Label,Type,Date,Date display,Precision,Shape,Start,End,Earliest,Latest,Time zone,"
    "Uncertain,Approximate,Actors,Actor names,To,To names,Channel,Place,Description,Notes,Tags,"
    "Quotes,Figures,Sources,Source URLs\r\n"
    "ev1,'=Sum of it,post,2026-02-06,\"Feb 6, 2026\",day,point,2026-02-06,2026-02-06,"
    "2026-02-06T00:00:00-08:00,2026-02-06T23:59:59-08:00,America/Los_Angeles,false,false,"
    "a1|b2,Ann|Bo,c3,Cy,X,Sacramento,What happened,A caveat,t1|t two,\"\u201cHi\u201d \u2014 Ann\","
    "count: 3,\"Report (Example News, 2026-02-07) <https://example.org/r>\nLetter\","
    "https://example.org/r\r\n"
    "ev2,Second,,2026-02-07T10:00:00Z,x,second,point,,,,,UTC,false,false,a1,Ann,,,,,,,,,,,\r\n";

}  // namespace

TEST_CASE("import csv: eventgraph's events.csv is read back field by field") {
  const auto sink = read(own_events);
  REQUIRE(sink.bad.empty());
  REQUIRE(sink.events.size() == 2);
  const auto& e = sink.events[0];
  CHECK(e.key == "csv:ev1");
  CHECK(e.id_hint == "ev1");
  CHECK(e.title == "=Sum of it");  // the export's formula guard taken off
  CHECK(e.kind == "post");
  CHECK(e.date == "2026-02-06");  // Start and End are derived from Date: not read
  CHECK(e.timezone == "America/Los_Angeles");
  CHECK(e.actors == std::vector<std::string>{"csv:actor:a1", "csv:actor:b2"});
  CHECK(e.addressees == std::vector<std::string>{"csv:actor:c3"});
  CHECK(e.channel == "X");
  CHECK(e.place == "Sacramento");
  CHECK(e.summary == "What happened");
  CHECK(e.notes == "A caveat\nQuotes: \u201cHi\u201d \u2014 Ann\nFigures: count: 3");
  CHECK(e.tags == std::vector<std::string>{"t1", "t two"});
  REQUIRE(e.sources.size() == 2);
  CHECK(e.sources[0].title == "Report (Example News, 2026-02-07)");
  CHECK(e.sources[0].url == "https://example.org/r");
  CHECK(e.sources[1].title == "Letter");
  CHECK(e.sources[1].url.empty());
  CHECK(sink.events[1].timezone.empty());  // "UTC" is how the export writes "no zone"
  const auto* bo = sink.find_actor("csv:actor:b2");
  REQUIRE(bo);
  CHECK(bo->name == "Bo");
  CHECK(bo->id_hint == "b2");
  CHECK(bo->kind.empty());
}

TEST_CASE("import csv: relations.csv rows add typed links, with their notes, to events") {
  const auto sink = read(
      "From,To,Type,Response,Note,From label,To label\r\n"
      "ev2,ev1,rebuts,true,\"as \"\"background\"\"\",Second,First\r\n"
      "ev2,ev0,cites,false,,Second,Zero\r\n"
      "ev3,ev1,shouts,true,,x,y\r\n");
  REQUIRE(sink.events.size() == 2);
  CHECK(sink.events[0].key == "csv:ev2");
  CHECK(sink.events[0].date.empty());
  REQUIRE(sink.events[0].links.size() == 1);
  CHECK(sink.events[0].links[0].type == eventgraph::relation_type::rebuts);
  CHECK(sink.events[0].links[0].key == "csv:ev1");
  CHECK(sink.events[0].links[0].note == "as \"background\"");
  CHECK(sink.events[1].links[0].type == eventgraph::relation_type::cites);
  REQUIRE(sink.bad.size() == 1);
  CHECK(place(sink.bad[0]) == "4:9 unknown relation type 'shouts'");
}

TEST_CASE("import csv: a foreign sheet by its common header names, other columns as notes") {
  const auto sink = read(
      "Start,End,Headline,Description,Author,Tags,In reply to,Source URL,Desk\r\n"
      "2026-03-02,2026-03-04,Strike,Three days,Dock Union,\"pier, "
      "strike\",,https://x.example/s,Metro\r\n"
      "2026-03-05,,Reply,,Port Board,,row-2,,\r\n");
  REQUIRE(sink.bad.empty());
  REQUIRE(sink.events.size() == 2);
  const auto& e = sink.events[0];
  CHECK(e.date == "2026-03-02/2026-03-04");
  CHECK(e.title == "Strike");
  CHECK(e.summary == "Three days");
  CHECK(e.actors == std::vector<std::string>{"csv:actor:Dock Union"});
  CHECK(e.tags == std::vector<std::string>{"pier", "strike"});
  REQUIRE(e.sources.size() == 1);
  CHECK(e.sources[0].url == "https://x.example/s");
  CHECK(e.notes == "Desk: Metro");
  CHECK(e.id_hint == "row-2");
  CHECK(e.key == "csv:sheet.csv:2");
  REQUIRE(sink.events[1].links.size() == 1);
  CHECK(sink.events[1].links[0].key == "csv:row-2");
  CHECK(sink.find_actor("csv:actor:Dock Union")->name == "Dock Union");
}

TEST_CASE("import csv: --map names the column of a field; unknown fields and columns are errors") {
  import_options options;
  options.column_map = {{"date", "When"}, {"title", "What"}, {"kind", "Sort"}};
  const auto sink = read("When,What,Sort\r\n2026-03-02,Desk note,Press Conference\r\n", options);
  REQUIRE(sink.events.size() == 1);
  CHECK(sink.events[0].title == "Desk note");
  CHECK(sink.events[0].kind == "press-conference");
  options.column_map = {{"headline", "What"}, {"date", "Nope"}};
  const auto bad = read("When,What\r\n2026-03-02,x\r\n", options);
  CHECK(bad.events.empty());
  REQUIRE(bad.bad.size() == 2);
  CHECK(
      place(bad.bad[0]).starts_with("1:1 --map headline=What: no field 'headline' (fields: id, "));
  CHECK(place(bad.bad[1]) == "1:1 --map date=Nope: the header has no column 'Nope'");
}

TEST_CASE("import csv: a bad date, a missing title, a broken row: errors at row and column") {
  const auto sink = read(
      "Date,Headline,Author\r\n"
      "2026-02-30,Bad day,Desk\r\n"
      "2026-03-01,,Desk\r\n"
      "2026-03-02,\"un\"closed,Desk\r\n"
      "2026-03-03,Fine,Desk\r\n");
  CHECK(sink.events.size() == 1);
  REQUIRE(sink.bad.size() == 3);
  CHECK(place(sink.bad[0]) == "2:1 bad date '2026-02-30': February 2026 has 28 days");
  CHECK(place(sink.bad[1]) == "3:12 the row has no title");
  CHECK(place(sink.bad[2]).starts_with("4:16 text after a quoted field's closing quote"));
}

TEST_CASE("import csv: detection takes eventgraph's sheets and dated, titled ones only") {
  using eventgraph::detail::looks_like_csv;
  CHECK(looks_like_csv(own_events));
  CHECK(looks_like_csv("From,To,Type,Response,Note,From label,To label\r\n"));
  CHECK(looks_like_csv("Date,Headline,Author\n2026,x,y\n"));
  CHECK(looks_like_csv("start, TITLE\n"));
  CHECK(!looks_like_csv("Year,Month,Day,Time,Headline,Text\n"));  // TimelineJS's sheet
  CHECK(!looks_like_csv("message,datetime,timestamp_desc\n"));    // Timesketch's
  CHECK(!looks_like_csv("{\"id\": 1}\n"));
  CHECK(!looks_like_csv("Name,Email\n"));
  CHECK(!looks_like_csv(""));
}
