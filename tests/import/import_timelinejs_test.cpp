// The TimelineJS reader through the recording sink. Fixtures in tests/data/import/timelinejs/
// are synthetic: sheet.csv has the columns of TimelineJS's Google Sheets template (as its
// CSV download writes them; TimelineJS3's ConfigFactory reads the same names), timeline.json
// follows TimelineJS3's JSON format (API.md's event data format, `title`, `eras`).

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "import/records.hpp"
#include "support/helpers.hpp"
#include "support/recording_sink.hpp"

namespace {

using eventgraph::detail::looks_like_timelinejs;
using eventgraph::detail::read_timelinejs;

test::recording_sink read(std::string_view text, std::string_view name) {
  return test::read_with(read_timelinejs, text, name);
}

using strings = std::vector<std::string>;

const std::string sheet = test::slurp(test::data + "import/timelinejs/sheet.csv");
const std::string json = test::slurp(test::data + "import/timelinejs/timeline.json");

std::string key(int line) {
  return "timelinejs:sheet.csv:" + std::to_string(line);
}

strings urls(const eventgraph::detail::imported_event& e) {
  strings out;
  for (const auto& s : e.sources) out.push_back(s.url);
  return out;
}

}  // namespace

TEST_CASE("import timelinejs: the title row is the story's title and description") {
  const auto sink = read(sheet, "sheet.csv");
  REQUIRE(sink.headers.size() == 1);
  const auto& h = sink.headers[0];
  CHECK(h.title == "Harbor dispute (synthetic)");
  CHECK(h.description == "A synthetic timeline & test.");
  REQUIRE(h.sources.size() == 1);
  CHECK(h.sources[0].url == "https://media.example.org/harbor.jpg");
  CHECK(h.sources[0].title == "Harbor at dawn");
  CHECK(h.sources[0].publisher == "Example Photo Desk");
}

TEST_CASE("import timelinejs: dates state what the row gives") {
  const auto sink = read(sheet, "sheet.csv");
  auto date = [&](int line) {
    const auto* e = sink.find(key(line));
    REQUIRE(e != nullptr);
    return e->date;
  };
  CHECK(date(3) == "1951");
  CHECK(date(4) == "1943-07/1946");
  CHECK(date(5) == "2024-03-05T22:30");  // 10:30 PM
  CHECK(date(6) == "2000/2010");
  CHECK(date(11) == "-0044-03-15");
  CHECK(date(13) == "2024-03-07T14:30/2024-03-07T15:05:09");  // "1430" to "3:05:09.5 p.m."
}

TEST_CASE("import timelinejs: group, text, links and media are mapped") {
  const auto sink = read(sheet, "sheet.csv");
  const auto* year = sink.find(key(3));
  REQUIRE(year != nullptr);
  CHECK(year->title == "A year alone");
  CHECK(year->id_hint == "A year alone");
  CHECK(year->summary == "Only the year is known.");
  CHECK(year->actors == strings{"group:City Council"});
  CHECK(year->kind.empty());
  CHECK(year->at.line == 3);
  const auto* span = sink.find(key(4));
  REQUIRE(span != nullptr);
  CHECK(span->summary == "See the report and this.");
  CHECK(urls(*span) == strings{"https://example.org/report"});  // not the javascript: one
  CHECK(span->actors == strings{"group:City Council"});
  const auto* timed = sink.find(key(5));
  REQUIRE(timed != nullptr);
  CHECK(timed->notes ==
        "Media: Not an address\nMedia credit: Credit line\nMedia caption: via example.net\n"
        "Display date: Evening, Mar 5");
  CHECK(urls(*timed) == strings{"https://example.net/caption"});
  CHECK(timed->actors == strings{"group:Harbor Agency"});
  // Each group is one actor, handed on once, without a kind.
  REQUIRE(sink.actors.size() == 2);
  CHECK(sink.actors[0].key == "group:City Council");
  CHECK(sink.actors[0].name == "City Council");
  CHECK(sink.actors[0].kind.empty());
}

TEST_CASE("import timelinejs: era rows are spans of kind era, untitled rows use their text") {
  const auto sink = read(sheet, "sheet.csv");
  const auto* era = sink.find(key(6));
  REQUIRE(era != nullptr);
  CHECK(era->kind == "era");
  CHECK(era->title == "The 2000s");
  CHECK(era->actors.empty());
  const auto* untitled = sink.find(key(9));
  REQUIRE(untitled != nullptr);
  CHECK(untitled->title == "No headline here.");
  CHECK(untitled->summary == "No headline here.\nSecond line.");
}

TEST_CASE("import timelinejs: bad dates are bad records at their cell, the next row still read") {
  const auto sink = read(sheet, "sheet.csv");
  REQUIRE(sink.bad.size() == 3);
  CHECK(sink.bad[0].at.line == 7);
  CHECK(sink.bad[0].at.column == 8);  // the Day cell
  CHECK(sink.bad[0].message == "the date 2024-02-30 is not one: February 2024 has 29 days");
  CHECK(sink.bad[1].at.line == 8);
  CHECK(sink.bad[1].at.column == 6);
  CHECK(sink.bad[1].message == "the month \"13\" is not 1 to 12");
  CHECK(sink.bad[2].at.line == 12);
  CHECK(sink.bad[2].at.column == 8);  // the Time cell
  CHECK(sink.bad[2].message == "a day or a time needs a month");
  // The empty row (line 10) is no slide; every other row is one.
  CHECK(sink.events.size() == 7);
  CHECK(sink.last_progress == sheet.size());
}

TEST_CASE("import timelinejs: hostile cells stay text") {
  const auto sink = read(sheet, "sheet.csv");
  const auto* e = sink.find(key(13));
  REQUIRE(e != nullptr);
  CHECK(e->title == "Alert <b>");  // the script dropped, the escaped markup decoded as text
  CHECK(e->actors.empty());        // a group of markup alone names no one
}

TEST_CASE("import timelinejs: a sheet without the template's header is one bad record") {
  const auto sink = read("Date,Title\n2020,x\n", "other.csv");
  REQUIRE(sink.bad.size() == 1);
  CHECK(sink.bad[0].at.line == 1);
  CHECK(sink.events.empty());
}

TEST_CASE("import timelinejs: JSON events, eras and title are mapped") {
  const auto sink = read(json, "timeline.json");
  REQUIRE(sink.headers.size() == 1);
  CHECK(sink.headers[0].title == "Synthetic & JSON");
  CHECK(sink.headers[0].description == "What the timeline is about.");
  const auto* year = sink.find("timelinejs:year-alone");
  REQUIRE(year != nullptr);
  CHECK(year->date == "1951");
  CHECK(year->id_hint == "year-alone");
  CHECK(year->actors == strings{"group:Council"});
  CHECK(year->at.line == 7);
  const auto* span = sink.find("timelinejs:span");
  REQUIRE(span != nullptr);
  CHECK(span->date == "1943-07/1946");
  CHECK(span->notes == "Display date: 1943 to 1946");
  const auto* timed = sink.find("timelinejs:timeline.json:12");
  REQUIRE(timed != nullptr);
  CHECK(timed->date == "2024-03-05T14:05:09");
  CHECK(timed->place == "Westport harbor");
  CHECK(timed->notes == "Display date: Tuesday afternoon");
  CHECK(urls(*timed) == strings{"https://example.org/video", "https://example.org/page"});
  REQUIRE(!timed->sources.empty());
  CHECK(timed->sources[0].title == "A clip");
  CHECK(timed->sources[0].publisher == "Example TV");
  const auto* era = sink.find("timelinejs:timeline.json:22");
  REQUIRE(era != nullptr);
  CHECK(era->kind == "era");
  CHECK(era->date == "1940/1950");
}

TEST_CASE("import timelinejs: bad JSON slides are bad records, the others still read") {
  const auto sink = read(json, "timeline.json");
  REQUIRE(sink.bad.size() == 4);
  CHECK(sink.bad[0].at.line == 17);  // "month": "x"
  CHECK(sink.bad[0].message == "the month \"x\" is not 1 to 12");
  CHECK(sink.bad[1].message == "each of \"events\" must be an object");
  CHECK(sink.bad[2].message == "the slide has no date: every slide but the title needs a year");
  CHECK(sink.bad[3].message == "an era needs an end date");
  CHECK(sink.events.size() == 4);
  const auto broken = read("{\"events\": [}", "broken.json");
  REQUIRE(broken.bad.size() == 1);
  CHECK(broken.bad[0].at.line == 1);
}

TEST_CASE("import timelinejs: looks_like_timelinejs wants the template's header or JSON events") {
  CHECK(looks_like_timelinejs(sheet));
  CHECK(looks_like_timelinejs(json));
  CHECK_FALSE(looks_like_timelinejs("Year,Title\n2020,x\n"));
  CHECK_FALSE(looks_like_timelinejs("message,datetime,timestamp_desc\n"));
  CHECK_FALSE(looks_like_timelinejs("{\"events\": [{\"date\": \"2020\"}]}"));
}
