#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/event_table.hpp"
#include "eventgraph/model.hpp"

using namespace eventgraph;

namespace {

event_record record(std::string id, std::int64_t earliest, std::int64_t latest) {
  event_record r;
  r.id = std::move(id);
  r.date = "d-" + r.id;
  r.title = "Title of " + r.id;
  r.kind = "statement";
  r.time.earliest = instant{std::chrono::seconds{earliest}};
  r.time.latest = instant{std::chrono::seconds{latest}};
  r.actors = {0};
  return r;
}

}  // namespace

TEST_CASE("model: finish sorts events by time and renumbers relations, notes alongside") {
  story s;
  s.actors.push_back({"a", "A", actor_kind::person, {}, {}, {}, {}});
  s.actors.push_back({"b", "B", actor_kind::office, {}, {}, {}, {}});
  auto late = record("late", 300, 400);
  late.relations = {{relation_type::rebuts, 2, "answers mid"},
                    {relation_type::cites, 1, ""}};  // insertion indexes: early, mid
  late.actors = {1, 0};
  late.addressees = {1};
  late.tags = {"x", "y"};
  auto open = record("early", 100, unbounded_future.time_since_epoch().count());
  open.time.open_end = true;
  auto mid = record("mid", 200, 200);
  mid.summary = "a summary";
  CHECK(s.add_event(late) == 0);
  CHECK(s.add_event(open) == 1);
  CHECK(s.add_event(mid) == 2);
  CHECK(s.add_event(record("mid", 50, 60)) == 3);  // a repeated id: the first keeps it
  const auto moved = s.finish();
  CHECK(moved == std::vector<event_index>{3, 1, 2, 0});

  REQUIRE(s.events.size() == 4);
  std::vector<std::string> ids;
  for (const event e : s.events) ids.emplace_back(e.id());
  CHECK(ids == std::vector<std::string>{"mid", "early", "mid", "late"});
  CHECK(s.find_event("mid") == 2u);  // the one added first
  CHECK(s.find_event("late") == 3u);
  CHECK_FALSE(s.find_event("nope"));

  const event e = s.events[3];
  CHECK(e.title() == "Title of late");
  CHECK(e.date() == "d-late");
  CHECK(e.kind() == "statement");
  CHECK(e.timezone().empty());
  CHECK(std::vector(e.actors().begin(), e.actors().end()) == std::vector<actor_index>{1, 0});
  CHECK(std::vector(e.addressees().begin(), e.addressees().end()) == std::vector<actor_index>{1});
  REQUIRE(e.tags().size() == 2);
  CHECK(e.tags()[1] == "y");
  // Oldest target first: early (now 1) cited, then mid (now 2) rebutted, each with its note.
  REQUIRE(e.relations().size() == 2);
  CHECK(e.relations()[0].target == 1);
  CHECK(e.relations()[0].type == relation_type::cites);
  CHECK(e.relations()[0].note.empty());
  CHECK(e.relations()[1].target == 2);
  CHECK(e.relations()[1].note == "answers mid");
  CHECK(s.events[2].summary() == "a summary");
  CHECK(s.events[2].relations().empty());
  // An open end is wider than the span column holds: kept apart, read back exactly.
  CHECK(s.events[1].time().latest == unbounded_future);
  CHECK(s.events[1].time().open_end);
  CHECK(s.events[1].record().time == open.time);
  CHECK(s.events[3].record().relations[1].note == "answers mid");
}

TEST_CASE("model: a story with no events finishes") {
  story s;
  CHECK(s.finish().empty());
  CHECK(s.events.empty());
  CHECK_FALSE(s.find_event("x"));
}

TEST_CASE("model: events added after finish are found, and a second finish orders them all") {
  story s;
  s.actors.push_back({"a", "A", actor_kind::person, {}, {}, {}, {}});
  for (int i = 0; i < 100; ++i) s.add_event(record("first" + std::to_string(i), 1000 - i, 2000));
  s.finish();
  // The id index is compact once finished; adding more rebuilds the loading one from it.
  for (int i = 0; i < 100; ++i) s.add_event(record("second" + std::to_string(i), i, 2000));
  CHECK(s.find_event("first7") == 92u);
  CHECK(s.find_event("second7") == 107u);
  s.finish();
  REQUIRE(s.events.size() == 200);
  CHECK(s.find_event("second0") == 0u);
  CHECK(s.find_event("first0") == 199u);
  for (event_index e = 1; e < s.events.size(); ++e)
    CHECK(s.events[e - 1].time().earliest <= s.events[e].time().earliest);
}

TEST_CASE("model: text and ids survive finishing in place, reordering, and adding after both") {
  // Sizes around the 256-event text blocks, whose offsets become absolute when events move.
  for (const int count : {1, 255, 256, 257, 600}) {
    CAPTURE(count);
    for (const bool reversed : {false, true}) {
      CAPTURE(reversed);
      story s;
      s.actors.push_back({"a", "A", actor_kind::person, {}, {}, {}, {}});
      auto add = [&](const std::string& prefix, int i) {
        const int t = reversed ? count - i : i;
        s.add_event(record(prefix + std::to_string(i), t * 10, t * 10 + 5));
      };
      for (int i = 0; i < count; ++i) add("x", i);
      s.finish();
      for (int i = 0; i < count; ++i) add("y", i);
      s.finish();
      REQUIRE(s.events.size() == static_cast<std::size_t>(2 * count));
      for (const std::string prefix : {"x", "y"}) {
        for (int i = 0; i < count; ++i) {
          const std::string id = prefix + std::to_string(i);
          const auto e = s.find_event(id);
          REQUIRE(e);
          CHECK(s.events[*e].id() == id);
          CHECK(s.events[*e].title() == "Title of " + id);
          CHECK(s.events[*e].date() == "d-" + id);
        }
      }
      for (event_index e = 1; e < s.events.size(); ++e) {
        const auto a = s.events[e - 1].time(), b = s.events[e].time();
        CHECK(a.earliest <= b.earliest);
        // Same range: x (added first) before y.
        if (a.earliest == b.earliest) CHECK(s.events[e - 1].id()[0] == 'x');
      }
    }
  }
}

TEST_CASE("model: id comparison and hash read every byte, at every length") {
  // The id indexes compare and hash with fixed-size, overlapping loads: a byte left out would
  // make two ids equal, or hash alike, when they are not.
  for (std::size_t n = 0; n <= 40; ++n) {
    CAPTURE(n);
    std::string a;
    for (std::size_t i = 0; i < n; ++i) a.push_back(static_cast<char>('a' + (i * 7) % 26));
    const std::string copy = a;
    CHECK(detail::same_id(a, copy));
    CHECK(detail::hash_id(a) == detail::hash_id(copy));
    CHECK_FALSE(detail::same_id(a, a + "x"));
    for (std::size_t i = 0; i < n; ++i) {
      std::string b = a;
      b[i] = static_cast<char>(b[i] ^ 0x20);
      CHECK_FALSE(detail::same_id(a, b));
      CHECK(detail::hash_id(a) != detail::hash_id(b));
    }
  }
}
