#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "../support/helpers.hpp"
#include "eventgraph/generate.hpp"
#include "eventgraph/graph.hpp"
#include "eventgraph/load.hpp"

using namespace eventgraph;

namespace {

const std::string small_path = EVENTGRAPH_TEST_DATA "/graph/small.yaml";
const std::string seed_path = EVENTGRAPH_SOURCE_DIR "/samples/dhs-california-detainers-2026.yaml";

template <typename Events>
std::vector<std::string> ids(const story& s, const Events& events) {
  std::vector<std::string> out;
  for (auto e : events) out.emplace_back(s.events[e].id());
  return out;
}

std::vector<std::string> link_text(const story& s, const link_list& links) {
  std::vector<std::string> out;
  for (auto l : links)
    out.push_back(fmt::format("{} {}", to_string(l.type), s.events[l.event].id()));
  return out;
}

using strings = std::vector<std::string>;

/// "a" for a party of one actor, "a+b" for several.
std::string party(const story& s, std::span<const actor_index> actors) {
  std::string out;
  for (actor_index a : actors) out += (out.empty() ? "" : "+") + s.actors[a].id;
  return out;
}

/// The ids of an event's actors, sorted: its party as a plain computation sees it.
strings party_ids(const story& s, std::span<const actor_index> actors) {
  strings out;
  for (actor_index a : actors) out.push_back(s.actors[a].id);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("graph: responses and targets in both directions, oldest first") {
  const story s = test::load_or_fail(small_path);
  const event_graph g(s);
  CHECK(g.event_count() == 8);
  CHECK(g.relation_count() == 8);
  CHECK(link_text(s, g.responses(*g.find("a"))) ==
        strings{"responds-to b", "responds-to g", "cites d"});
  CHECK(link_text(s, g.responses(*g.find("b"))) == strings{"rebuts c", "supports d"});
  CHECK(link_text(s, g.targets(*g.find("d"))) == strings{"cites a", "supports b"});
  CHECK(g.responses(*g.find("e")).empty());
  CHECK(g.targets(*g.find("a")).empty());
  CHECK_FALSE(g.find("nope"));
}

TEST_CASE("graph: the time index orders by earliest, then latest, then id") {
  const story s = test::load_or_fail(small_path);
  const event_graph g(s);
  // a and c both start Feb 1; a (one day) ends first.
  CHECK(ids(s, g.by_time()) == strings{"a", "c", "e", "b", "g", "d", "h", "f"});
  CHECK(g.time_rank(*g.find("a")) == 0);
  CHECK(g.time_rank(*g.find("f")) == 7);
}

TEST_CASE("graph: time windows say overlap or within, honouring imprecise dates") {
  const story s = test::load_or_fail(small_path);
  const event_graph g(s);
  auto at = [](const char* date) { return *parse_date(date, "UTC").time; };
  // Feb 2 .. Feb 4: c (all February) overlaps but is not within.
  CHECK(ids(s, g.overlapping(at("2026-02-02").earliest, at("2026-02-04").latest)) ==
        strings{"c", "e", "b"});
  CHECK(ids(s, g.within(at("2026-02-02").earliest, at("2026-02-04").latest)) == strings{"e", "b"});
  // The month 2026-02 holds c ("2026-02") but not h, which has no end.
  CHECK(ids(s, g.within(at("2026-02").earliest, at("2026-02").latest)) ==
        strings{"a", "c", "e", "b", "g", "d"});
  CHECK(ids(s, g.overlapping(at("2026-03").earliest, at("2026-03").latest)) == strings{"h", "f"});
  // The window is inclusive at both ends, to the second.
  CHECK(ids(s, g.overlapping(at("2026-02-01").latest, at("2026-02-01").latest)) ==
        strings{"a", "c"});
  CHECK(g.overlapping(at("2027").earliest, at("2027").latest) ==
        std::vector<event_index>{*g.find("h")});
}

TEST_CASE("graph: events of an actor, oldest first") {
  const story s = test::load_or_fail(small_path);
  const event_graph g(s);
  CHECK(ids(s, g.events_of(*s.find_actor("bob"))) == strings{"e", "b", "g"});
  CHECK(ids(s, g.events_of(*s.find_actor("cat"))) == strings{"c", "h", "f"});
}

TEST_CASE("graph: response latency runs midpoint to midpoint, with bounds") {
  auto t = [](const char* date, const char* zone) { return *parse_date(date, zone).time; };
  // b (Feb 3) answers a (Feb 1), whole days in UTC.
  auto l = response_latency(t("2026-02-01", "UTC"), t("2026-02-03", "UTC"));
  REQUIRE(l);
  CHECK(l->typical == 2 * 86400);
  CHECK(l->shortest == 86400 + 1);
  CHECK(l->longest == 3 * 86400 - 1);
  // The seed: a reply somewhere in Feb 6..12 to a post of Feb 6 (Los Angeles days).
  l = response_latency(t("2026-02-06", "America/Los_Angeles"),
                       t("[2026-02-06..2026-02-12]", "America/Los_Angeles"));
  REQUIRE(l);
  CHECK(l->typical == 3 * 86400);
  CHECK(l->shortest == 0);
  CHECK(l->longest == 7 * 86400 - 1);
  // A month-dated reply whose midpoint precedes the answered day: never negative.
  l = response_latency(t("2026-02", "UTC"), t("2026-02-02", "UTC"));
  REQUIRE(l);
  CHECK(l->typical == 0);
  CHECK(l->longest == 2 * 86400 - 1);
  // Open-ended dates have no latency.
  CHECK_FALSE(response_latency(t("2026-02-05", "UTC"), t("2026-02-20/..", "UTC")));
  CHECK_FALSE(response_latency(t("../2026-02-12", "UTC"), t("2026-02-20", "UTC")));
}

TEST_CASE("graph: the actor projection counts by type, with median and fastest latency") {
  const story s = test::load_or_fail(small_path);
  const event_graph g(s);
  strings rows;
  for (const actor_relation& r : g.actor_relations()) {
    std::string counts;
    for (std::size_t t = 0; t < relation_type_count; ++t)
      if (r.counts[t])
        counts +=
            " " + std::string(to_string(relation_type(t))) + "=" + std::to_string(r.counts[t]);
    rows.push_back(party(s, r.responders) + ">" + party(s, r.answered) + counts +
                   " total=" + std::to_string(r.total) + " timed=" + std::to_string(r.timed) +
                   " median=" + (r.median ? std::to_string(*r.median) : "-") +
                   " fastest=" + (r.fastest ? std::to_string(*r.fastest) : "-"));
  }
  CHECK(rows == strings{
                    // d (Feb 10) supports b (Feb 3): 7 days.
                    "ann>bob supports=1 total=1 timed=1 median=604800 fastest=604800",
                    // b: 2 days after a; g: 4 days. Median of two is their mean: 3 days.
                    "bob>ann responds-to=2 total=2 timed=2 median=259200 fastest=172800",
                    // e (Feb 2) follows up c (February, midpoint Feb 15): clamped to 0.
                    "bob>cat follows-up=1 total=1 timed=1 median=0 fastest=0",
                    // f (Mar 1) answers d (Feb 10): 19 days. d cites a: not a response.
                    "cat>ann responds-to=1 total=1 timed=1 median=1641600 fastest=1641600",
                    // c (Feb 15 midpoint) rebuts b (Feb 3 noon): 11.5 days; h has no end.
                    "cat>bob responds-to=1 rebuts=1 total=2 timed=1 median=993600 fastest=993600",
                });
}

TEST_CASE("graph: the seed story's projection") {
  const story s = test::load_or_fail(seed_path);
  const event_graph g(s);
  const auto rows = g.actor_relations();
  REQUIRE(rows.size() == 2);
  const actor_relation first = rows[0];
  CHECK(party(s, first.responders) == "governors-office");
  CHECK(party(s, first.answered) == "noem");
  CHECK(first.counts[static_cast<std::size_t>(relation_type::rebuts)] == 1);
  CHECK(first.median == 3 * 86400);
  // A reply dated somewhere in Feb 6-12 to a post of Feb 6: the dates allow 0 to 7 days.
  const std::pair<std::int64_t, std::int64_t> same_week{0, 7 * 86400 - 1};
  const std::vector<latency_ranges> ranges = actor_latency_ranges(g);
  REQUIRE(ranges.size() == 2);
  CHECK(ranges[0].median == same_week);
  CHECK(ranges[0].fastest == same_week);
  const actor_relation second = rows[1];
  CHECK(party(s, second.responders) == "noem");
  CHECK(party(s, second.answered) == "noem");
  CHECK(second.fastest == 6 * 86400);
  // Feb 6 to Feb 12, each a whole day: from its last second to the other's first, and back.
  const std::pair<std::int64_t, std::int64_t> six_days{5 * 86400 + 1, 7 * 86400 - 1};
  CHECK(ranges[1].median == six_days);
}

TEST_CASE("graph: topological order puts every event after what it relates to") {
  const story s = test::load_or_fail(seed_path);
  const event_graph g(s);
  const auto order = g.topological_order();
  REQUIRE(order.size() == s.events.size());
  std::vector<std::size_t> position(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) position[order[i]] = i;
  for (event_index e = 0; e < s.events.size(); ++e)
    for (const auto& r : s.events[e].relations()) CHECK(position[r.target] < position[e]);
  CHECK(g.memory_bytes() > 0);
}

namespace {

event_record ranged_event(std::string id, std::int64_t earliest, std::int64_t latest) {
  event_record r;
  r.id = std::move(id);
  r.date = "2026";
  r.title = r.id;
  r.time.earliest = instant{std::chrono::seconds{earliest}};
  r.time.latest = instant{std::chrono::seconds{latest}};
  r.actors = {0};
  return r;
}

}  // namespace

TEST_CASE("graph: window queries agree with a scan, for ranges of every width") {
  story s;
  s.actors.push_back({"a", "A", actor_kind::person, {}, {}, {}, {}});
  std::mt19937_64 random(7);
  std::uniform_int_distribution<std::int64_t> start(0, 10'000'000);
  std::uniform_int_distribution<int> width_bits(0, 30);
  for (int i = 0; i < 5000; ++i) {
    const std::int64_t first = start(random);
    const std::int64_t width = i % 97 == 0 ? unbounded_future.time_since_epoch().count() - first
                                           : (std::int64_t{1} << width_bits(random)) / 3;
    s.add_event(ranged_event("e" + std::to_string(i), first, first + width));
  }
  s.finish();
  const event_graph g(s);
  for (int q = 0; q < 200; ++q) {
    const std::int64_t from = start(random), to = from + (std::int64_t{1} << width_bits(random));
    std::vector<event_index> overlap, inside;
    for (event_index e = 0; e < s.events.size(); ++e) {
      const event_time t = s.events[e].time();
      const auto f = t.earliest.time_since_epoch().count();
      const auto l = t.latest.time_since_epoch().count();
      if (f <= to && l >= from) overlap.push_back(e);
      if (f >= from && l <= to) inside.push_back(e);
    }
    const instant a{std::chrono::seconds{from}}, b{std::chrono::seconds{to}};
    CHECK(g.overlapping(a, b) == overlap);
    CHECK(g.within(a, b) == inside);
  }
}

TEST_CASE("graph: the projection equals a plain computation, with few actors and with many") {
  // Few actors: one counting sort on the pair. Many (more pairs than items): by answered
  // actor, then by responder. Both against maps of sorted latencies, read by iterating and by
  // position.
  for (std::size_t actors : {5u, 400u}) {
    generate_options options;
    options.events = 3000;
    options.actors = actors;
    const auto text = generate_story(options);
    REQUIRE(text.ok());
    const story s = test::load_text_or_fail(text.value(), "generated.ndjson");

    using key = std::pair<strings, strings>;  // the parties' sorted ids
    std::map<key, std::vector<std::int64_t>> latencies, shortest, longest;
    std::map<key, std::array<std::uint32_t, relation_type_count>> counts;
    for (const event e : s.events)
      for (const relation r : e.relations()) {
        if (!is_response(r.type) || e.actors().empty() || s.events[r.target].actors().empty())
          continue;
        const key k{party_ids(s, e.actors()), party_ids(s, s.events[r.target].actors())};
        ++counts[k][static_cast<std::size_t>(r.type)];
        if (auto lat = response_latency(s.events[r.target].time(), e.time())) {
          latencies[k].push_back(lat->typical);
          shortest[k].push_back(lat->shortest);
          longest[k].push_back(lat->longest);
        }
      }
    auto median = [](std::vector<std::int64_t> v) {
      std::sort(v.begin(), v.end());
      const std::size_t m = v.size() / 2;
      return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
    };
    auto least = [](const std::vector<std::int64_t>& v) { return *std::ranges::min_element(v); };
    const event_graph g(s);
    const auto rows = g.actor_relations();
    REQUIRE(rows.size() == counts.size());
    const std::vector<latency_ranges> ranges = actor_latency_ranges(g);
    REQUIRE(ranges.size() == rows.size());
    auto expected = counts.begin();
    std::size_t position = 0;
    for (const actor_relation row : rows) {
      const actor_relation at = rows[position++];
      CHECK(std::ranges::equal(at.responders, row.responders));
      CHECK(std::ranges::equal(at.answered, row.answered));
      CHECK(at.total == row.total);
      CHECK(at.median == row.median);
      CHECK(key{party_ids(s, row.responders), party_ids(s, row.answered)} == expected->first);
      CHECK(row.counts == expected->second);
      auto lats = latencies[expected->first];
      std::sort(lats.begin(), lats.end());
      CHECK(row.timed == lats.size());
      if (!lats.empty()) {
        const std::size_t m = lats.size() / 2;
        CHECK(row.median == (lats.size() % 2 ? lats[m] : (lats[m - 1] + lats[m]) / 2));
        CHECK(row.fastest == lats.front());
        const auto& lo = shortest[expected->first];
        const auto& hi = longest[expected->first];
        const latency_ranges& as_dated = ranges[position - 1];
        REQUIRE(as_dated.median);
        REQUIRE(as_dated.fastest);
        CHECK(*as_dated.median == std::pair{median(lo), median(hi)});
        CHECK(*as_dated.fastest == std::pair{least(lo), least(hi)});
      } else {
        CHECK_FALSE(ranges[position - 1].median);
      }
      ++expected;
    }
  }
}

TEST_CASE("graph: projection rows that do not fit 16 bytes read back whole") {
  // A century between answer and answer (beyond 32-bit seconds), two types in one pair, and a
  // relation without a latency (an open end).
  const story s = test::load_text_or_fail(R"(eventgraph: 1
actors:
  - {id: a, name: A, kind: person}
  - {id: b, name: B, kind: person}
  - {id: c, name: C, kind: person}
events:
  - {id: x, date: "1900-01-01", actor: a, title: X, sources: [{title: s}]}
  - {id: y, date: "2000-01-01", actor: b, title: Y, responds_to: x, sources: [{title: s}]}
  - {id: z, date: "2000-01-03", actor: c, title: Z, responds_to: y, sources: [{title: s}]}
  - {id: w, date: "2000-01-05", actor: c, title: W, sources: [{title: s}],
     relations: [{type: rebuts, to: y}]}
  - {id: v, date: "2000-01-06/..", actor: c, title: V, responds_to: y, sources: [{title: s}]}
)",
                                          "old.yaml");
  const event_graph g(s);
  const auto rows = g.actor_relations();
  REQUIRE(rows.size() == 2);
  const actor_relation century = rows[0];
  CHECK(party(s, century.responders) == "b");
  CHECK(party(s, century.answered) == "a");
  CHECK(century.total == 1);
  CHECK(century.median == std::int64_t{36524} * 86400);  // 1900-01-01 to 2000-01-01
  CHECK(century.fastest == century.median);
  const actor_relation mixed = rows[1];
  CHECK(party(s, mixed.responders) == "c");
  CHECK(party(s, mixed.answered) == "b");
  CHECK(mixed.total == 3);
  CHECK(mixed.timed == 2);  // v has an open end
  CHECK(mixed.counts[static_cast<std::size_t>(relation_type::responds_to)] == 2);
  CHECK(mixed.counts[static_cast<std::size_t>(relation_type::rebuts)] == 1);
  CHECK(mixed.median == 3 * 86400);  // 2 and 4 days
  CHECK(mixed.fastest == 2 * 86400);
  const std::pair<std::int64_t, std::int64_t> mixed_median{2 * 86400 + 1, 4 * 86400 - 1};
  const std::vector<latency_ranges> ranges = actor_latency_ranges(g);
  CHECK(ranges[1].median == mixed_median);  // (1 and 3 days) to (3 and 5 days), each +-1 s
  CHECK(ranges[0].median->second - ranges[0].median->first == 2 * 86400 - 2);
}

TEST_CASE("graph: an event's actors are one party in the projection, not a pair each") {
  const story s = test::load_or_fail(test::data + "graph/coauthored.yaml");
  const event_graph g(s);
  strings rows;
  for (const actor_relation& r : g.actor_relations())
    rows.push_back(fmt::format("{}>{} responds-to={} rebuts={} total={} median={} fastest={}",
                               party(s, r.responders), party(s, r.answered),
                               r.counts[static_cast<std::size_t>(relation_type::responds_to)],
                               r.counts[static_cast<std::size_t>(relation_type::rebuts)], r.total,
                               r.median.value_or(-1), r.fastest.value_or(-1)));
  // Parties sort as their lists of ids: a < a+b < c+d.
  CHECK(rows == strings{
                    "a>a+b responds-to=1 rebuts=0 total=1 median=86400 fastest=86400",
                    // y (2 days after x) and z (4 days): one row of two relations.
                    "a+b>c responds-to=1 rebuts=1 total=2 median=259200 fastest=172800",
                    "c+d>a responds-to=1 rebuts=0 total=1 median=172800 fastest=172800",
                });
  const auto list = g.actor_relations();
  REQUIRE(list.size() == 3);
  CHECK(party(s, list[1].responders) == "a+b");
  CHECK(party(s, list[2].answered) == "a");
}

TEST_CASE("graph: two events of 10,000 actors each give one projection row, not 10^8") {
  // 20,000 actors; the second event's 10,000 answer the first's. Pair by pair this was 10^8
  // rows (and gigabytes); as parties it is one.
  constexpr int half = 10000;
  std::string text = R"({"eventgraph": 1, "actors": [)";
  for (int i = 0; i < 2 * half; ++i)
    text +=
        fmt::format(R"({}{{"id": "p{}", "name": "P{}", "kind": "person"}})", i ? ", " : "", i, i);
  auto actor_list = [](int from) {
    std::string list;
    for (int i = from; i < from + half; ++i)
      list += fmt::format(R"({}"p{}")", i > from ? ", " : "", i);
    return list;
  };
  text += fmt::format(R"(], "events": [
    {{"id": "x", "date": "2026-02-01", "actors": [{}], "title": "X", "sources": [{{"title": "s"}}]}},
    {{"id": "y", "date": "2026-02-02", "actors": [{}], "title": "Y", "responds_to": "x",
      "sources": [{{"title": "s"}}]}}]}})",
                      actor_list(0), actor_list(half));
  const story s = test::load_text_or_fail(text, "many.json");
  const event_graph g(s);
  const auto rows = g.actor_relations();
  REQUIRE(rows.size() == 1);
  const actor_relation row = rows[0];
  CHECK(row.responders.size() == half);
  CHECK(row.answered.size() == half);
  CHECK(row.total == 1);
  CHECK(row.median == 86400);
  // In id order: "p10000" < "p10001" < ... as strings.
  CHECK(s.actors[row.responders.front()].id == "p10000");
  CHECK(s.actors[row.answered.front()].id == "p0");
  CHECK(s.actors[row.answered[1]].id == "p1");
}
