// The NDJSON fast path (load/plain_event.hpp): which lines it takes, with what, and which it
// leaves to the general reader. That both readers then give the same story and diagnostics is
// load_test.cpp's "with and without the fast path"; here, that the fast path is really taken
// for the lines an import writes (a summary, notes, sources), which is what makes it fast.

#include <doctest/doctest.h>

#include <string>

#include "load/document_tree.hpp"
#include "load/plain_event.hpp"

using namespace eventgraph;
using namespace eventgraph::detail;

namespace {

/// Reads `line` as the loader does: with json_padding bytes after it.
bool read_line(plain_event_reader& reader, const std::string& line, plain_event& out,
               std::string& buffer) {
  buffer = line + "\n" + std::string(json_padding, ' ');
  return reader.read(std::string_view(buffer).substr(0, line.size()), out);
}

}  // namespace

TEST_CASE("plain_event: an imported post's line, every detail field, is taken") {
  plain_event_reader reader;
  plain_event e;
  std::string buffer;
  const std::string line =
      R"({"id":"x-1","date":"2026-03-09T08:02:00Z","actors":["dana"],"to":"council","kind":"post",)"
      R"("channel":"X","place":"Millbrook","title":"The \"counts\"","summary":"Line one\nline two",)"
      R"("notes":"n","sources":[{"title":"post on X","url":"https://x.com/dana/status/1"},)"
      R"({"url":"https://example.org/a","title":"T","publisher":"P","date":"2026-03","note":"q"}],)"
      R"("tags":["ElmStreet"],"relations":[{"type":"responds-to","to":"x-0"}]})";
  REQUIRE(read_line(reader, line, e, buffer));
  CHECK(e.id == "x-1");
  CHECK(e.channel == "X");
  CHECK(e.place == "Millbrook");
  CHECK(e.title == "The \"counts\"");
  CHECK(e.summary == "Line one\nline two");
  CHECK(e.notes == "n");
  REQUIRE(e.sources.size() == 2);
  CHECK(e.sources[0].title == "post on X");
  CHECK(e.sources[0].url == "https://x.com/dana/status/1");
  CHECK(e.sources[0].publisher.empty());
  CHECK(e.sources[1].title == "T");
  CHECK(e.sources[1].publisher == "P");
  CHECK(e.sources[1].date == "2026-03");
  CHECK(e.sources[1].note == "q");
  REQUIRE(e.addressees.size() == 1);
  CHECK(e.addressees[0].id == "council");

  // The next line starts afresh: nothing of the last one is left.
  REQUIRE(read_line(reader, R"({"id":"x-2","date":"2026","actor":"dana","title":"T"})", e, buffer));
  CHECK(e.summary.data() == nullptr);
  CHECK(e.sources.empty());
  CHECK(e.channel.empty());
}

TEST_CASE("plain_event: a source the general reader must judge is left to it") {
  plain_event_reader reader;
  plain_event e;
  std::string buffer;
  const std::string start = R"({"id":"e1","date":"2026","actor":"a","title":"T","sources":)";
  for (const char* sources : {
           R"([{"url":"https://example.org"}])",            // no title: an error
           R"([{"title":"S","title":"again"}])",            // a field twice
           R"([{"title":"S","page":3}])",                   // an unknown field
           R"([{"title":"S","url":5}])",                    // not text
           R"({"title":"S"})",                              // not a list
           R"(["S"])",                                      // not a mapping
           R"([{"title":"S"}],"sources":[{"title":"S"}])",  // the field twice
       }) {
    INFO(sources);
    CHECK_FALSE(read_line(reader, start + sources + "}", e, buffer));
  }
  CHECK_FALSE(read_line(reader, start + R"([{"title":"S"}],"summary":3})", e, buffer));
  CHECK_FALSE(read_line(reader, start + R"([{"title":"S"}],"notes":["n"]})", e, buffer));
  // Taken as read: whether a date or a link is good is the loader's question (ndjson.cpp).
  CHECK(
      read_line(reader, start + R"([{"title":"S","url":"javascript:x","date":"x"}]})", e, buffer));
}
