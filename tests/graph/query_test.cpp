#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "../support/helpers.hpp"
#include "eventgraph/load.hpp"
#include "eventgraph/query.hpp"

using namespace eventgraph;

namespace {

using strings = std::vector<std::string>;

/// A loaded story and its graph, for one test.
struct fixture {
  story data;
  std::unique_ptr<event_graph> graph;
  explicit fixture(const std::string& path)
      : data(test::load_or_fail(path)), graph(std::make_unique<event_graph>(data)) {}
  event_index id(const char* name) const { return *graph->find(name); }
  template <typename Events>
  strings names(const Events& events) const {
    strings out;
    for (auto e : events) out.emplace_back(data.events[e].id());
    return out;
  }
  /// "  rebuts c" per line, indented by depth, "(see above)" for repeats.
  strings tree(const std::vector<chain_entry>& entries) const {
    strings out;
    for (const auto& e : entries)
      out.push_back(std::string(2 * e.depth, ' ') + std::string(to_string(e.via)) + " " +
                    std::string(data.events[e.event].id()) + (e.repeat ? " (see above)" : ""));
    return out;
  }
  strings path(const std::vector<path_step>& steps) const {
    strings out;
    for (std::size_t i = 0; i < steps.size(); ++i)
      out.push_back((i == 0 ? std::string() : std::string(to_string(steps[i].via)) + " ") +
                    std::string(data.events[steps[i].event].id()));
    return out;
  }
};

const std::string small_path = EVENTGRAPH_TEST_DATA "/graph/small.yaml";
const std::string seed_path = EVENTGRAPH_SOURCE_DIR "/samples/dhs-california-detainers-2026.yaml";

instant start_of(const char* date) {
  return parse_date(date, "UTC").time->earliest;
}
instant end_of(const char* date) {
  return parse_date(date, "UTC").time->latest;
}

}  // namespace

TEST_CASE("query: chain down is a tree, oldest first, each event expanded once") {
  fixture f(small_path);
  const auto c = chain(*f.graph, f.id("a"));
  CHECK(f.tree(c.down) == strings{
                              "  responds-to b",
                              "    rebuts c",
                              "      follows-up e",
                              "    supports d",
                              "      responds-to f",
                              "  responds-to g",
                              "    responds-to h",
                              "  cites d (see above)",
                          });
  CHECK(c.distinct_down == 7);
  CHECK(c.up.empty());
}

TEST_CASE("query: chain up, depth limits and relation filters") {
  fixture f(small_path);
  chain_options up;
  up.direction = chain_direction::up;
  auto c = chain(*f.graph, f.id("e"), up);
  CHECK(f.tree(c.up) == strings{"  follows-up c", "    rebuts b", "      responds-to a"});
  CHECK(c.down.empty());
  c = chain(*f.graph, f.id("d"), up);
  CHECK(f.tree(c.up) == strings{"  cites a", "  supports b", "    responds-to a (see above)"});
  CHECK(c.distinct_up == 2);

  chain_options shallow;
  shallow.max_depth = 1;
  CHECK(f.tree(chain(*f.graph, f.id("a"), shallow).down) ==
        strings{"  responds-to b", "  responds-to g", "  cites d"});
  shallow.max_depth = 0;
  CHECK(chain(*f.graph, f.id("a"), shallow).down.empty());

  chain_options only;
  only.relations = {relation_type::responds_to, relation_type::rebuts};
  CHECK(f.tree(chain(*f.graph, f.id("a"), only).down) ==
        strings{"  responds-to b", "    rebuts c", "  responds-to g", "    responds-to h"});

  chain_options both;
  both.direction = chain_direction::both;
  c = chain(*f.graph, f.id("c"), both);
  CHECK(f.tree(c.down) == strings{"  follows-up e"});
  CHECK(f.tree(c.up) == strings{"  rebuts b", "    responds-to a"});
}

TEST_CASE("query: reachable gives the distinct events, breadth first") {
  fixture f(small_path);
  CHECK(f.names(reachable(*f.graph, f.id("a"), chain_direction::down)) ==
        strings{"b", "g", "d", "c", "h", "f", "e"});
  CHECK(f.names(reachable(*f.graph, f.id("e"), chain_direction::up)) == strings{"c", "b", "a"});
  chain_options two;
  two.max_depth = 2;
  CHECK(f.names(reachable(*f.graph, f.id("e"), chain_direction::up, two)) == strings{"c", "b"});
}

TEST_CASE("query: the seed story, what noem-x-post set off and what the remarks answer") {
  fixture f(seed_path);
  const auto c = chain(*f.graph, f.id("noem-x-post"));
  CHECK(f.tree(c.down) ==
        strings{"  rebuts governors-office-response", "  follows-up noem-otay-mesa-remarks"});
  chain_options up;
  up.direction = chain_direction::up;
  CHECK(f.tree(chain(*f.graph, f.id("noem-otay-mesa-remarks"), up).up) ==
        strings{"  cites fto-designation", "  follows-up noem-x-post",
                "  part-of otay-mesa-press-conference"});
}

TEST_CASE("query: a path never goes back in time, even when every step is allowed") {
  fixture f(small_path);
  const event_graph& g = *f.graph;
  auto one = [&](const char* id) { return std::vector<event_index>{f.id(id)}; };
  // a -> b (Feb 3) -> c (February) -> e (Feb 2): c may be dated after Feb 3 and e may follow
  // c, but e cannot come after b. Refused.
  CHECK(find_path(g, one("a"), one("e")).empty());
  CHECK(find_path(g, one("b"), one("e")).empty());
  // From c itself, e (Feb 2) can follow c (any day of February).
  CHECK(f.path(find_path(g, one("c"), one("e"))) == strings{"c", "follows-up e"});
  // The fewest steps: through the citation.
  CHECK(f.path(find_path(g, one("a"), one("f"))) == strings{"a", "cites d", "responds-to f"});
  path_options responses;
  responses.relations = {relation_type::responds_to, relation_type::supports};
  CHECK(f.path(find_path(g, one("a"), one("f"), responses)) ==
        strings{"a", "responds-to b", "supports d", "responds-to f"});
  // Against the direction of responses there is no path.
  CHECK(find_path(g, one("f"), one("a")).empty());
  CHECK(f.path(find_path(g, one("a"), one("a"))) == strings{"a"});
}

TEST_CASE("query: a path between actors starts at any of one's events and ends at the other's") {
  fixture f(small_path);
  const event_graph& g = *f.graph;
  auto of = [&](const char* actor) {
    auto events = g.events_of(*f.data.find_actor(actor));
    return std::vector<event_index>(events.begin(), events.end());
  };
  CHECK(f.path(find_path(g, of("bob"), of("cat"))) == strings{"b", "rebuts c"});
  CHECK(f.path(find_path(g, of("ann"), of("cat"))) == strings{"d", "responds-to f"});
  CHECK(find_path(g, of("cat"), of("ann")).empty());
}

TEST_CASE("query: the seed story's paths") {
  fixture f(seed_path);
  const event_graph& g = *f.graph;
  auto one = [&](const char* id) { return std::vector<event_index>{f.id(id)}; };
  CHECK(f.path(find_path(g, one("noem-x-post"), one("noem-otay-mesa-remarks"))) ==
        strings{"noem-x-post", "follows-up noem-otay-mesa-remarks"});
  CHECK(find_path(g, one("governors-office-response"), one("noem-otay-mesa-remarks")).empty());
}

TEST_CASE("query: events filtered by window, actor, kind, tag and words") {
  fixture f(small_path);
  const event_graph& g = *f.graph;
  event_filter w;
  w.from = start_of("2026-02-02");
  w.to = end_of("2026-02-04");
  CHECK(f.names(find_events(g, w)) == strings{"c", "e", "b"});
  w.mode = window_mode::within;
  CHECK(f.names(find_events(g, w)) == strings{"e", "b"});
  event_filter march;
  march.from = start_of("2026-03");
  CHECK(f.names(find_events(g, march)) == strings{"h", "f"});
  event_filter until;
  until.to = end_of("2026-02-01");
  CHECK(f.names(find_events(g, until)) == strings{"a", "c"});

  event_filter by_actor;
  by_actor.actors = {*f.data.find_actor("cat")};
  CHECK(f.names(find_events(g, by_actor)) == strings{"c", "h", "f"});
  event_filter kinds;
  kinds.kinds = {"post", "letter"};
  CHECK(f.names(find_events(g, kinds)) == strings{"c", "b"});
  event_filter tags;
  tags.tags = {"budget"};
  CHECK(f.names(find_events(g, tags)) == strings{"a"});
  event_filter text;
  text.text = "bravo  REPLY";
  CHECK(f.names(find_events(g, text)) == strings{"b"});
  text.text = "bravo budget";
  CHECK(find_events(g, text).empty());
  CHECK(find_events(g, {}).size() == 8);
}

TEST_CASE("query: events on the seed: a month-dated event is not before a day in it") {
  fixture f(seed_path);
  event_filter w;
  w.from = parse_date("2026-02-12", "America/Los_Angeles").time->earliest;
  w.to = parse_date("2026-02-12", "America/Los_Angeles").time->latest;
  w.mode = window_mode::within;
  // All dated Feb 12: in the order the sample lists them, which is the article's.
  CHECK(f.names(find_events(*f.graph, w)) ==
        strings{"otay-mesa-press-conference", "noem-otay-mesa-remarks", "noem-vault-visit",
                "banks-remarks", "senate-democrats-block-dhs-funding", "sabatino-remarks"});
  w.mode = window_mode::overlap;
  const auto overlapping = f.names(find_events(*f.graph, w));
  CHECK(overlapping.size() == 12);  // all but the Feb 5 statement and the Feb 6 post
  CHECK(std::find(overlapping.begin(), overlapping.end(), "california-transfers-since-2019") !=
        overlapping.end());
}

TEST_CASE("query: stats, worked out by hand") {
  fixture f(small_path);
  const story_stats st = compute_stats(*f.graph);
  CHECK(st.events == 8);
  CHECK(st.actors == 3);
  CHECK(st.relations == 8);
  CHECK(st.relations_by_type == std::array<std::size_t, relation_type_count>{4, 1, 1, 1, 0, 1, 0});
  CHECK(st.events_by_kind == std::vector<std::pair<std::string, std::size_t>>{
                                 {"", 5}, {"letter", 1}, {"post", 1}, {"statement", 1}});
  CHECK(f.data.events[*st.first].id() == "a");  // ties with c on the start; a ends first
  CHECK(f.data.events[*st.last].id() == "f");   // h has no end
  CHECK(st.unanswered == 3);                    // e, f, h
  REQUIRE(st.unanswered_events.size() == 3);
  CHECK(f.data.events[st.unanswered_events[0]].id() == "e");  // oldest first
  CHECK(f.data.events[st.unanswered_events[1]].id() == "h");
  CHECK(f.data.events[st.unanswered_events[2]].id() == "f");
  strings most;
  for (auto [e, n] : st.most_answered)
    most.push_back(std::string(f.data.events[e].id()) + "=" + std::to_string(n));
  CHECK(most == strings{"a=2", "b=2", "c=1", "g=1", "d=1"});
  // a -> b -> c -> e and a -> b -> d -> f are both 4 long; the one ending first wins.
  CHECK(f.names(st.longest_chain) == strings{"a", "b", "c", "e"});
  // Typical latencies: 0, 2, 4, 7, 11.5 and 19 days (h has no end).
  const auto& l = st.latencies;
  CHECK(l.count == 6);
  CHECK(l.min == 0);
  CHECK(l.p25 == 2 * 86400);
  CHECK(l.median == (4 * 86400 + 7 * 86400) / 2);
  CHECK(l.p75 == 993600);
  CHECK(l.p90 == 19 * 86400);
  CHECK(l.max == 19 * 86400);
  CHECK(l.buckets == std::array<std::size_t, 6>{1, 0, 2, 3, 0, 0});
}

TEST_CASE("query: stats of the seed") {
  fixture f(seed_path);
  const story_stats st = compute_stats(*f.graph);
  CHECK(st.events == 14);
  CHECK(st.relations == 10);
  CHECK(f.names(st.longest_chain) == strings{"noem-x-post", "governors-office-response"});
  REQUIRE(st.most_answered.size() == 1);
  CHECK(f.data.events[st.most_answered[0].first].id() == "noem-x-post");
  CHECK(st.latencies.count == 2);
  CHECK(st.latencies.median == (3 * 86400 + 6 * 86400) / 2);
}

TEST_CASE(
    "sub_story: the kept events, the actors they name with their groups, the relations among "
    "them") {
  const story s = test::load_text_or_fail(R"(eventgraph: 1
title: Part
timezone: UTC
sources: [{title: S}]
actors:
  - {id: gov, name: Government, kind: organization}
  - {id: agency, name: Agency, kind: organization, member_of: [gov]}
  - {id: head, name: Head, kind: person, member_of: [agency]}
  - {id: critic, name: Critic, kind: person}
  - {id: quoted, name: Quoted, kind: person}
  - {id: bystander, name: Bystander, kind: person}
events:
  - {id: e1, date: "2026-01-01", actor: head, title: One}
  - {id: e2, date: "2026-01-02", actor: critic, to: [head], title: Two, responds_to: [e1],
     quotes: [{text: said, by: quoted}]}
  - {id: e3, date: "2026-01-03", actor: bystander, title: Three, responds_to: [e2]}
  - {id: e4, date: "2026-01-04", actor: head, title: Four, relations: [{type: rebuts, to: e2, note: why}, {type: cites, to: e3}]}
)");
  const event_index e2 = *s.find_event("e2"), e4 = *s.find_event("e4");
  const std::vector<event_index> keep = {e2, e4};
  const story_part part = sub_story(s, keep);
  const story& k = part.kept;
  CHECK(k.title == "Part");
  REQUIRE(k.events.size() == 2);
  CHECK(part.events_left_out == 2);
  CHECK(part.relations_left_out == 3);  // e2 -> e1, e3 -> e2 and e4 -> e3
  CHECK(part.actors_left_out == 1);     // bystander
  std::vector<std::string> actors;
  for (const actor& a : k.actors) actors.push_back(a.id);
  // Named (head, critic, quoted) and the groups head belongs to, in the story's order.
  CHECK(actors == std::vector<std::string>{"gov", "agency", "head", "critic", "quoted"});
  CHECK(k.actors[*k.find_actor("head")].member_of ==
        std::vector<actor_index>{*k.find_actor("agency")});
  const event two = k.events[*k.find_event("e2")];
  CHECK(two.relations().empty());
  CHECK(k.actors[two.addressees()[0]].id == "head");
  CHECK(k.actors[*two.quotes()[0].by].id == "quoted");
  const event four = k.events[*k.find_event("e4")];
  REQUIRE(four.relations().size() == 1);
  CHECK(four.relations()[0].type == relation_type::rebuts);
  CHECK(four.relations()[0].note == "why");
  CHECK(k.events[four.relations()[0].target].id() == "e2");
  // Nothing kept: the header alone.
  const story_part none = sub_story(s, {});
  CHECK(none.kept.events.size() == 0);
  CHECK(none.kept.actors.empty());
  CHECK(none.actors_left_out == 6);
}

TEST_CASE("select_events: the filter, narrowed to the focus") {
  const story s = test::load_or_fail(test::graph_small);
  const event_graph g(s);
  auto ids = [&](const std::vector<event_index>& events) {
    strings out;
    for (auto e : events) out.emplace_back(s.events[e].id());
    std::sort(out.begin(), out.end());
    return out;
  };
  view_selection v;
  CHECK(select_events(g, v).size() == s.events.size());
  v.around = *g.find("c");
  v.around_options.direction = chain_direction::up;
  CHECK(ids(select_events(g, v)) == strings{"a", "b", "c"});
  v.filter.actors = {*s.find_actor("bob")};
  CHECK(ids(select_events(g, v)) == strings{"b"});
  v = {};
  v.path_from = *g.find("a");
  v.path_to = *g.find("f");
  CHECK(ids(select_events(g, v)) == strings{"a", "d", "f"});
}
