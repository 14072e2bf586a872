// The collector's packed records (import/record_store.hpp) and its key index
// (import/key_index.hpp): every field comes back as it went in, and a key finds its record
// among many, across the index's growth.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "import/key_index.hpp"
#include "import/record_store.hpp"

using namespace eventgraph;
using namespace eventgraph::detail;

namespace {

imported_event full_record(int n) {
  imported_event e;
  e.key = "x:" + std::to_string(n);
  e.id_hint = "x-" + std::to_string(n);
  e.date = "2026-03-09T08:02:00Z";
  e.timezone = n % 2 ? "Europe/Paris" : "";
  e.actors = {"x:user:1", "x:user:" + std::to_string(n)};
  e.addressees = {"x:user:9"};
  e.kind = "post";
  e.channel = "X";
  e.place = "Millbrook";
  e.title = "Caf\xC3\xA9 \"quoted\"";
  e.summary = std::string(300, 's') + "\n" + std::string(1, '\0') + "end";
  e.notes = "n";
  e.quotes = {{"we said so", "x:user:1", "q note"}, {"", "", ""}};
  e.figures = {{"count", 0.125, "0.125", "bikes", "f note"}, {"whole", 33000, "33000", "", ""}};
  e.sources = {{"post on X", "", "https://x.com/a/status/1", "", ""},
               {"T", "P", "https://example.org", "2026-03", "s note"}};
  e.tags = {"ElmStreet", ""};
  e.links = {{relation_type::responds_to, "x:0", "https://x.com/a/status/0", "x:user:2", "", "x-0"},
             {relation_type::cites, "x:5", "", "", "because", ""}};
  e.at = {static_cast<std::uint32_t>(n + 1), 7};
  return e;
}

void check_same(const imported_event& a, const imported_event& b) {
  CHECK(a.key == b.key);
  CHECK(a.id_hint == b.id_hint);
  CHECK(a.date == b.date);
  CHECK(a.timezone == b.timezone);
  CHECK(a.actors == b.actors);
  CHECK(a.addressees == b.addressees);
  CHECK(a.kind == b.kind);
  CHECK(a.channel == b.channel);
  CHECK(a.place == b.place);
  CHECK(a.title == b.title);
  CHECK(a.summary == b.summary);
  CHECK(a.notes == b.notes);
  REQUIRE(a.quotes.size() == b.quotes.size());
  for (std::size_t i = 0; i < a.quotes.size(); ++i) {
    CHECK(a.quotes[i].text == b.quotes[i].text);
    CHECK(a.quotes[i].by == b.quotes[i].by);
    CHECK(a.quotes[i].note == b.quotes[i].note);
  }
  REQUIRE(a.figures.size() == b.figures.size());
  for (std::size_t i = 0; i < a.figures.size(); ++i) {
    CHECK(a.figures[i].label == b.figures[i].label);
    CHECK(a.figures[i].value == b.figures[i].value);
    CHECK(a.figures[i].value_text == b.figures[i].value_text);
    CHECK(a.figures[i].unit == b.figures[i].unit);
    CHECK(a.figures[i].note == b.figures[i].note);
  }
  REQUIRE(a.sources.size() == b.sources.size());
  for (std::size_t i = 0; i < a.sources.size(); ++i) {
    CHECK(a.sources[i].title == b.sources[i].title);
    CHECK(a.sources[i].publisher == b.sources[i].publisher);
    CHECK(a.sources[i].url == b.sources[i].url);
    CHECK(a.sources[i].date == b.sources[i].date);
    CHECK(a.sources[i].note == b.sources[i].note);
  }
  CHECK(a.tags == b.tags);
  REQUIRE(a.links.size() == b.links.size());
  for (std::size_t i = 0; i < a.links.size(); ++i) {
    CHECK(a.links[i].type == b.links[i].type);
    CHECK(a.links[i].key == b.links[i].key);
    CHECK(a.links[i].known_as == b.links[i].known_as);
    CHECK(a.links[i].actor_key == b.links[i].actor_key);
    CHECK(a.links[i].note == b.links[i].note);
    CHECK(a.links[i].id_hint == b.links[i].id_hint);
  }
  CHECK(a.at.line == b.at.line);
  CHECK(a.at.column == b.at.column);
}

}  // namespace

TEST_CASE("record_store: every field of a record comes back, as views and owned") {
  record_store store;
  const imported_event empty;
  const auto h_empty = store.add(empty);
  std::vector<record_store::handle> handles;
  for (int n = 0; n < 3; ++n) handles.push_back(store.add(full_record(n)));
  check_same(store.owned(h_empty), empty);
  for (int n = 0; n < 3; ++n) {
    INFO(n);
    check_same(store.owned(handles[n]), full_record(n));
    CHECK(store.key(handles[n]) == "x:" + std::to_string(n));
  }
  event_view v;
  store.read(handles[1], v);
  CHECK(v.summary.size() == 305);  // 300, a newline, a NUL, "end"
  REQUIRE(v.figures.size() == 2);
  CHECK(v.figures[0].value == 0.125);
  // A shorter record read into the same view leaves nothing of the longer one.
  store.read(h_empty, v);
  CHECK(v.links.empty());
  CHECK(v.figures.empty());
  CHECK(v.actors.empty());
  CHECK(v.title.empty());
}

TEST_CASE("record_store: records span chunks, a big one gets its own, released chunks go") {
  record_store store;
  std::vector<record_store::handle> handles;
  imported_event big;
  big.key = "big";
  big.summary = std::string(20u << 20, 'b');  // larger than a chunk
  for (int n = 0; n < 60000; ++n) {
    if (n == 30000) handles.push_back(store.add(big));
    imported_event e;
    e.key = "k" + std::to_string(n);
    e.summary = std::string(400, 'a');
    handles.push_back(store.add(e));
  }
  CHECK(record_store::chunk_of(handles.back()) >= 2);
  event_view v;
  store.read(handles[30000], v);
  CHECK(v.key == "big");
  CHECK(v.summary.size() == (20u << 20));
  CHECK(store.key(handles[30001]) == "k30000");
  CHECK(store.key(handles.back()) == "k59999");
  // Chunks before the last one's are given back; the last one still reads.
  store.release_before(record_store::chunk_of(handles.back()));
  CHECK(store.key(handles.back()) == "k59999");
}

TEST_CASE("key_index: each of many keys finds its record, absent keys none") {
  std::vector<std::string> keys;
  for (int n = 0; n < 100000; ++n) keys.push_back("at://did:plc:" + std::to_string(n * 7919));
  keys.push_back("");  // the empty key is a key too
  const auto key_of = [&](std::uint32_t i) -> std::string_view { return keys[i]; };
  key_index index;
  CHECK_FALSE(index.find("x", key_of));
  for (std::uint32_t i = 0; i < keys.size(); ++i) index.insert(i, key_of);
  CHECK(index.size() == keys.size());
  std::size_t wrong = 0;
  for (std::uint32_t i = 0; i < keys.size(); ++i) {
    const auto found = index.find(keys[i], key_of);
    wrong += !found || *found != i;
  }
  CHECK(wrong == 0);
  CHECK_FALSE(index.find("at://did:plc:1", key_of));
  CHECK_FALSE(index.find("at://did:plc:", key_of));
}
