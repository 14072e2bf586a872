// The csv reader (engine/src/import/import_csv.cpp) on its own: eventgraph's events.csv,
// relations.csv, actors.csv and story.csv, foreign sheets by common header names or --map, bad
// cells at their row and column. The story it makes is checked through the command
// (tests/cli/import_test.cpp).

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
// in full, one event with every column, escaped "|" lists, formula guards (one on a text that
// itself starts with a quote), described quotes, figures and sources.
constexpr std::string_view own_events =
    "ID,Label,Type,Date,Date display,Precision,Shape,Start,End,Earliest,Latest,Time zone,"
    "Uncertain,Approximate,Actors,Actor names,To,To names,Channel,Place,Description,Notes,Tags,"
    "Quotes,Figures,Sources,Source URLs\r\n"
    "ev1,'=Sum of it,post,2026-02-06,\"Feb 6, 2026\",day,point,2026-02-06,2026-02-06,"
    "2026-02-06T00:00:00-08:00,2026-02-06T23:59:59-08:00,America/Los_Angeles,false,false,"
    "a1|b2,Ann|Bo,c3,Cy,X,Sacramento,What happened,''=A caveat,t1|t two|a\\|b,"
    "\"\u201cHi\u201d | a1 | said twice\nNo one's |  |  \","
    "\"count, approx | 3 | people\nratio | 0.125\","
    "\"Report | Example News | https://example.org/r | 2026-02-07\nLetter \\| note | | | | "
    "kept\\nas a line\","
    "\"https://example.org/r\n\"\r\n"
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
  CHECK(e.notes == "'=A caveat");  // only the guard the export added is taken off
  CHECK(e.tags == std::vector<std::string>{"t1", "t two", "a|b"});
  REQUIRE(e.quotes.size() == 2);
  CHECK(e.quotes[0].text == "\u201cHi\u201d");
  CHECK(e.quotes[0].by == "csv:actor:a1");
  CHECK(e.quotes[0].note == "said twice");
  CHECK(e.quotes[1].text == "No one's");
  CHECK(e.quotes[1].by.empty());
  CHECK(e.quotes[1].note == " ");  // one space each side of `|` is the separator's, no more
  REQUIRE(e.figures.size() == 2);
  CHECK(e.figures[0].label == "count, approx");
  CHECK(e.figures[0].value == 3);
  CHECK(e.figures[0].value_text == "3");
  CHECK(e.figures[0].unit == "people");
  CHECK(e.figures[1].value == 0.125);
  CHECK(e.figures[1].unit.empty());
  REQUIRE(e.sources.size() == 2);
  CHECK(e.sources[0].title == "Report");
  CHECK(e.sources[0].publisher == "Example News");
  CHECK(e.sources[0].url == "https://example.org/r");
  CHECK(e.sources[0].date == "2026-02-07");
  CHECK(e.sources[0].note.empty());
  CHECK(e.sources[1].title == "Letter | note");
  CHECK(e.sources[1].url.empty());
  CHECK(e.sources[1].note == "kept\nas a line");
  // Kept as written: the story sheet's zone tells whether UTC is the story's or the event's.
  CHECK(sink.events[1].timezone == "UTC");
  const auto* bo = sink.find_actor("csv:actor:b2");
  REQUIRE(bo);
  CHECK(bo->name == "Bo");
  CHECK(bo->id_hint == "b2");
  CHECK(bo->kind.empty());
}

TEST_CASE("import csv: eventgraph's actors.csv gives every field of its actors") {
  const auto sink = read(
      "ID,Label,Type,Role,Member of,Notes\r\n"
      "a1,'=Ann,person,\"Chief, staff\",g1|g2,\"two\nlines\"\r\n"
      "g1,Group,,,,\r\n"
      ",Nobody,,,,\r\n");
  REQUIRE(sink.actors.size() == 2);
  const auto& a = sink.actors[0];
  CHECK(a.key == "csv:actor:a1");
  CHECK(a.id_hint == "a1");
  CHECK(a.name == "=Ann");
  CHECK(a.kind == "person");
  CHECK(a.role == "Chief, staff");
  CHECK(a.member_of == std::vector<std::string>{"csv:actor:g1", "csv:actor:g2"});
  CHECK(a.notes == "two\nlines");
  CHECK(sink.actors[1].kind.empty());
  REQUIRE(sink.bad.size() == 1);
  CHECK(place(sink.bad[0]) == "5:1 an actor needs an ID");
  CHECK(sink.events.empty());
}

TEST_CASE("import csv: eventgraph's story.csv gives the story's own fields") {
  const auto sink = read(
      "Story field,Value\r\n"
      "Title,'-Minus\r\n"
      "Description,\"Line one\nline two\"\r\n"
      "Notes,\r\n"
      "Time zone,America/Los_Angeles\r\n"
      "Sources,\"Site | Example & Co | https://example.org\nSecond\"\r\n"
      "Colour,red\r\n");
  REQUIRE(sink.headers.size() == 1);
  const auto& h = sink.headers[0];
  CHECK(h.title == "-Minus");
  CHECK(h.description == "Line one\nline two");
  CHECK(h.notes.empty());
  CHECK(h.timezone == "America/Los_Angeles");
  REQUIRE(h.sources.size() == 2);
  CHECK(h.sources[0].publisher == "Example & Co");
  CHECK(h.sources[1].title == "Second");
  REQUIRE(sink.bad.size() == 1);
  CHECK(place(sink.bad[0]) ==
        "9:1 unknown story field 'Colour' (fields: Title, Description, Notes, Time zone, Sources)");
}

TEST_CASE("import csv: a figure whose value is not a number is a bad record at its cell") {
  std::string text(own_events.substr(0, own_events.find("\r\n") + 2));
  text += "ev3,Third,,2026-02-08,,,,,,,,UTC,,,,,,,,,,,,,\"n | 3 people\",,\r\n";
  const auto sink = read(text);
  CHECK(sink.events.empty());
  REQUIRE(sink.bad.size() == 1);
  CHECK(place(sink.bad[0]) == "2:46 figure 'n': the value '3 people' is not a number");
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

TEST_CASE("import csv: --map names the column of a field, unknown fields and columns are errors") {
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
  CHECK(looks_like_csv("ID,Label,Type,Role,Member of,Notes\r\n"));
  CHECK(looks_like_csv("Story field,Value\r\n"));
  CHECK(looks_like_csv("Date,Headline,Author\n2026,x,y\n"));
  CHECK(looks_like_csv("start, TITLE\n"));
  CHECK(!looks_like_csv("Year,Month,Day,Time,Headline,Text\n"));  // TimelineJS's sheet
  CHECK(!looks_like_csv("message,datetime,timestamp_desc\n"));    // Timesketch's
  CHECK(!looks_like_csv("{\"id\": 1}\n"));
  CHECK(!looks_like_csv("Name,Email\n"));
  CHECK(!looks_like_csv(""));
}
