// The Timesketch reader through the recording sink. Fixtures in tests/data/import/timesketch/
// are synthetic, written from Timesketch's "Create timeline from JSONL or CSV file" guide
// (google/timesketch docs/guides/user/import-from-json-csv.md) and its sketch export's
// columns (`tag`, `_id`, `_index`).

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "import/records.hpp"
#include "support/helpers.hpp"
#include "support/recording_sink.hpp"

namespace {

using eventgraph::detail::looks_like_timesketch;
using eventgraph::detail::read_timesketch;

test::recording_sink read(std::string_view text, std::string_view name) {
  return test::read_with(read_timesketch, text, name);
}

using strings = std::vector<std::string>;

const std::string csv = test::slurp(test::data + "import/timesketch/timeline.csv");
const std::string jsonl = test::slurp(test::data + "import/timesketch/timeline.jsonl");

}  // namespace

TEST_CASE("import timesketch: CSV columns are mapped, the others kept as notes") {
  const auto sink = read(csv, "test.csv");
  REQUIRE(sink.events.size() == 4);
  const auto* a = sink.find("timesketch:idx/a1");
  REQUIRE(a != nullptr);
  CHECK(a->title == "A message");
  CHECK(a->date == "2015-07-24T19:01:01+00:00");
  CHECK(a->kind == "write-time");
  CHECK(a->notes == "extra_field_1: foo\nextra_field_2: bar");
  CHECK(a->tags.empty());
  CHECK(a->actors.empty());
  CHECK(a->at.line == 2);
  const auto* b = sink.find("timesketch:idx/a2");
  REQUIRE(b != nullptr);
  CHECK(b->title == "Another message, with a comma");
  CHECK(b->date == "2015-07-24T19:01:02Z");  // no offset: UTC, as Timesketch reads it
  CHECK(b->kind == "content-modification-time");
  CHECK(b->notes == "extra_field_1: two\nlines");
  CHECK(b->tags == strings{"suspicious", "reviewed"});
  CHECK(b->id_hint == "a2");
}

TEST_CASE("import timesketch: timestamp without datetime, fractions and offsets") {
  const auto sink = read(csv, "test.csv");
  // No _id: the key is the file and line.
  const auto* only = sink.find("timesketch:test.csv:5");
  REQUIRE(only != nullptr);
  CHECK(only->date == "2015-07-24T19:01:03Z");
  CHECK(only->kind == "last-access-time");
  CHECK(only->id_hint == "Only a timestamp");  // from the message, there being no _id
  const auto* offset = sink.find("timesketch:test.csv:7");
  REQUIRE(offset != nullptr);
  CHECK(offset->date == "2015-07-24T21:01:04+02:00");
  CHECK(offset->notes == "datetime: 2015-07-24T21:01:04.250+0200");
}

TEST_CASE("import timesketch: bad rows are bad records at their cell, the next still read") {
  const auto sink = read(csv, "test.csv");
  REQUIRE(sink.bad.size() == 2);
  CHECK(sink.bad[0].at.line == 6);
  CHECK(sink.bad[0].at.column == 12);
  CHECK(sink.bad[0].message ==
        "the datetime \"2015-02-30T10:00:00+00:00\" is not an ISO 8601 date: February 2015 has "
        "28 days");
  CHECK(sink.bad[1].at.line == 8);
  CHECK(sink.bad[1].at.column == 1);
  CHECK(sink.bad[1].message == "the message is empty: Timesketch's message is the title");
  CHECK(sink.last_progress == csv.size());
}

TEST_CASE("import timesketch: a CSV without Timesketch's columns is one bad record") {
  const auto sink = read("title,date\nx,2020\n", "test.csv");
  REQUIRE(sink.bad.size() == 1);
  CHECK(sink.bad[0].at.line == 1);
  CHECK(sink.events.empty());
}

TEST_CASE("import timesketch: JSONL fields are mapped, nested ones as dotted notes") {
  const auto sink = read(jsonl, "test.jsonl");
  REQUIRE(sink.events.size() == 4);
  const auto* a = sink.find("timesketch:test.jsonl:1");
  REQUIRE(a != nullptr);
  CHECK(a->date == "2015-07-24T19:01:01+00:00");
  CHECK(a->notes == "extra_field_1: foo");
  const auto* b = sink.find("timesketch:idx/b2");
  REQUIRE(b != nullptr);
  CHECK(b->date == "2015-07-24T19:01:02-04:00");
  CHECK(b->tags == strings{"malware", "reviewed"});
  CHECK(b->notes == "extra_field_1: bar\nnested.user: alice\nnested.pid: 42");
  const auto* c = sink.find("timesketch:test.jsonl:4");
  REQUIRE(c != nullptr);
  CHECK(c->date == "2015-07-24T19:01:03Z");
}

TEST_CASE("import timesketch: bad JSON lines are bad records, hostile text stays text") {
  const auto sink = read(jsonl, "test.jsonl");
  REQUIRE(sink.bad.size() == 2);
  CHECK(sink.bad[0].at.line == 5);
  CHECK(sink.bad[1].at.line == 6);
  CHECK(sink.bad[1].message == "each line of a Timesketch JSONL file is one object");
  const auto* hostile = sink.find("timesketch:test.jsonl:7");
  REQUIRE(hostile != nullptr);
  CHECK(hostile->title == "<script>alert(1)</script>");  // the BEL dropped
}

TEST_CASE("import timesketch: a timestamp that is not microseconds is a bad record") {
  const auto sink =
      read("message,timestamp,timestamp_desc\nx,12.5e3,Write time\ny,-1,Write\n", "t.csv");
  REQUIRE(sink.bad.size() == 1);
  CHECK(sink.bad[0].at.line == 2);
  CHECK(sink.bad[0].at.column == 3);
  REQUIRE(sink.events.size() == 1);
  CHECK(sink.events[0].date == "1969-12-31T23:59:59Z");  // floored, before 1970
}

TEST_CASE("import timesketch: looks_like_timesketch wants its columns or keys") {
  CHECK(looks_like_timesketch(csv));
  CHECK(looks_like_timesketch(jsonl));
  CHECK(looks_like_timesketch("\"message\",\"datetime\",\"timestamp_desc\"\n"));
  CHECK_FALSE(looks_like_timesketch("message,datetime\nx,2020\n"));
  CHECK_FALSE(looks_like_timesketch("{\"data\": [{\"id\": \"1\", \"text\": \"message\"}]}\n"));
  CHECK_FALSE(looks_like_timesketch("Year,Month,Day,Time,End Year\n"));
}
