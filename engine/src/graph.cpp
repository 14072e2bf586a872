// The event graph. The only file that includes Boost.Graph: the adjacency list is built once
// from the story; compact arrays derived from it (CSR, both directions) serve the hot queries.

#include "eventgraph/graph.hpp"

#include <algorithm>
#include <iterator>
#include <numeric>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>

namespace eventgraph {
namespace {

struct event_node {
  event_index event = 0;
};

struct relation_edge {
  relation_type type = relation_type::responds_to;
  std::uint32_t position = 0;  ///< index in the source event's `relations`
};

// vecS edge list: edges in one vector instead of a std::list node each.
using boost_graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, event_node,
                          relation_edge, boost::no_property, boost::vecS>;

/// Time-index tier k holds events whose range is narrower than 2^k seconds, sorted by earliest.
constexpr int tier_count = 42;  // 2^41 s is about 70,000 years: wider than any bounded range

int tier_of(const event_time& t) {
  const auto width = static_cast<std::uint64_t>((t.latest - t.earliest).count());
  int k = 0;
  while (k + 1 < tier_count && (std::uint64_t{1} << k) <= width) ++k;
  return k;
}

std::int64_t midpoint(const event_time& t) {
  return t.earliest.time_since_epoch().count() + ((t.latest - t.earliest).count() + 1) / 2;
}

template <typename T>
std::size_t bytes_of(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

}  // namespace

std::optional<latency> response_latency(const event_time& answered, const event_time& response) {
  if (answered.open_start || answered.open_end || response.open_start || response.open_end)
    return std::nullopt;
  latency out;
  out.typical = std::max<std::int64_t>(0, midpoint(response) - midpoint(answered));
  out.shortest = std::max<std::int64_t>(0, (response.earliest - answered.latest).count());
  out.longest = std::max<std::int64_t>(0, (response.latest - answered.earliest).count());
  return out;
}

std::vector<actor_relation> project_actors(const story& s) {
  // One flat list of (responder, answered, latency, type) sorted once: no map, no vector per
  // row. Actors are keyed by the rank of their id, so sorted keys are rows in id order.
  std::vector<actor_index> by_id(s.actors.size());
  std::iota(by_id.begin(), by_id.end(), actor_index{0});
  std::sort(by_id.begin(), by_id.end(),
            [&](actor_index a, actor_index b) { return s.actors[a].id < s.actors[b].id; });
  std::vector<std::uint32_t> id_rank(s.actors.size());
  for (std::uint32_t r = 0; r < by_id.size(); ++r) id_rank[by_id[r]] = r;

  constexpr std::int64_t untimed = INT64_MAX;  // sorts after every latency
  struct item {
    std::uint64_t key;
    std::int64_t latency;
    relation_type type;
  };
  std::vector<item> items;
  for (const event& e : s.events) {
    for (const auto& r : e.relations) {
      if (!is_response(r.type)) continue;
      const event& t = s.events[r.target];
      const auto lat = response_latency(t.time, e.time);
      for (actor_index a : e.actors)
        for (actor_index b : t.actors)
          items.push_back({(std::uint64_t{id_rank[a]} << 32) | id_rank[b],
                           lat ? lat->typical : untimed, r.type});
    }
  }
  std::sort(items.begin(), items.end(), [](const item& x, const item& y) {
    return x.key != y.key ? x.key < y.key : x.latency < y.latency;
  });

  std::vector<actor_relation> rows;
  for (std::size_t first = 0; first < items.size();) {
    std::size_t last = first;
    actor_relation row;
    row.responder = by_id[items[first].key >> 32];
    row.answered = by_id[items[first].key & 0xFFFFFFFFu];
    for (; last < items.size() && items[last].key == items[first].key; ++last) {
      ++row.counts[static_cast<std::size_t>(items[last].type)];
      ++row.total;
      if (items[last].latency != untimed) ++row.timed;
    }
    if (row.timed > 0) {  // the timed latencies lead the group, in order
      const std::size_t m = first + row.timed / 2;
      row.median =
          row.timed % 2 == 1 ? items[m].latency : (items[m - 1].latency + items[m].latency) / 2;
      row.fastest = items[first].latency;
    }
    rows.push_back(row);
    first = last;
  }
  return rows;
}

struct event_graph::impl {
  boost_graph graph;
  // CSR, both directions: links of event e are [offsets[e], offsets[e + 1]).
  std::vector<std::uint32_t> response_offsets, target_offsets;
  std::vector<graph_link> response_links, target_links;
  std::vector<event_index> order;  // the time index
  std::vector<std::uint32_t> rank;
  struct tier {
    std::vector<std::int64_t> earliest;
    std::vector<event_index> events;
  };
  std::array<tier, tier_count> tiers;
  std::vector<std::uint32_t> actor_offsets;
  std::vector<event_index> actor_events;
  std::vector<actor_relation> actor_rows;
};

namespace {

void build_time_index(const story& s, std::vector<event_index>& order,
                      std::vector<std::uint32_t>& rank) {
  order = chronological_order(s);
  rank.resize(order.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
}

}  // namespace

event_graph::event_graph(const story& s) : story_(&s), impl_(std::make_unique<impl>()) {
  impl& d = *impl_;
  const std::size_t n = s.events.size();
  build_time_index(s, d.order, d.rank);

  // The Boost graph: one vertex per event (vertex index = event index), one edge per relation,
  // from the event that owns it to its target.
  d.graph = boost_graph(n);
  std::size_t edge_total = 0;
  for (const auto& e : s.events) edge_total += e.relations.size();
  d.graph.m_edges.reserve(edge_total);
  for (event_index i = 0; i < n; ++i) {
    d.graph[i].event = i;
    const auto& relations = s.events[i].relations;
    for (std::uint32_t p = 0; p < relations.size(); ++p)
      boost::add_edge(i, relations[p].target, relation_edge{relations[p].type, p}, d.graph);
  }

  // Compact arrays from the Boost graph: in-edges are responses, out-edges are targets.
  auto by_rank = [&](const graph_link& a, const graph_link& b) {
    if (d.rank[a.event] != d.rank[b.event]) return d.rank[a.event] < d.rank[b.event];
    return a.type < b.type;
  };
  d.response_offsets.assign(n + 1, 0);
  d.target_offsets.assign(n + 1, 0);
  d.response_links.reserve(edge_total);
  d.target_links.reserve(edge_total);
  for (event_index v = 0; v < n; ++v) {
    for (auto [it, end] = boost::in_edges(v, d.graph); it != end; ++it)
      d.response_links.push_back(
          {static_cast<event_index>(boost::source(*it, d.graph)), d.graph[*it].type});
    for (auto [it, end] = boost::out_edges(v, d.graph); it != end; ++it)
      d.target_links.push_back(
          {static_cast<event_index>(boost::target(*it, d.graph)), d.graph[*it].type});
    d.response_offsets[v + 1] = static_cast<std::uint32_t>(d.response_links.size());
    d.target_offsets[v + 1] = static_cast<std::uint32_t>(d.target_links.size());
    std::sort(d.response_links.begin() + d.response_offsets[v], d.response_links.end(), by_rank);
    std::sort(d.target_links.begin() + d.target_offsets[v], d.target_links.end(), by_rank);
  }

  // Time tiers, each in time order.
  for (event_index e : d.order) {
    auto& t = d.tiers[static_cast<std::size_t>(tier_of(s.events[e].time))];
    t.earliest.push_back(s.events[e].time.earliest.time_since_epoch().count());
    t.events.push_back(e);
  }
  for (auto& t : d.tiers) {
    t.earliest.shrink_to_fit();
    t.events.shrink_to_fit();
  }

  // Events by actor, oldest first.
  d.actor_offsets.assign(s.actors.size() + 1, 0);
  for (const auto& e : s.events)
    for (actor_index a : e.actors) ++d.actor_offsets[a + 1];
  for (std::size_t a = 0; a < s.actors.size(); ++a) d.actor_offsets[a + 1] += d.actor_offsets[a];
  d.actor_events.resize(d.actor_offsets.back());
  {
    std::vector<std::uint32_t> fill(d.actor_offsets.begin(), d.actor_offsets.end() - 1);
    for (event_index e : d.order)
      for (actor_index a : s.events[e].actors) d.actor_events[fill[a]++] = e;
  }

  d.actor_rows = project_actors(s);
}

event_graph::~event_graph() = default;
event_graph::event_graph(event_graph&&) noexcept = default;
event_graph& event_graph::operator=(event_graph&&) noexcept = default;

std::size_t event_graph::event_count() const {
  return impl_->order.size();
}
std::size_t event_graph::relation_count() const {
  return impl_->target_links.size();
}

std::span<const graph_link> event_graph::responses(event_index e) const {
  const auto& d = *impl_;
  return {d.response_links.data() + d.response_offsets[e],
          d.response_links.data() + d.response_offsets[e + 1]};
}

std::span<const graph_link> event_graph::targets(event_index e) const {
  const auto& d = *impl_;
  return {d.target_links.data() + d.target_offsets[e],
          d.target_links.data() + d.target_offsets[e + 1]};
}

std::span<const event_index> event_graph::by_time() const {
  return impl_->order;
}
std::uint32_t event_graph::time_rank(event_index e) const {
  return impl_->rank[e];
}

std::span<const event_index> event_graph::events_of(actor_index a) const {
  const auto& d = *impl_;
  return {d.actor_events.data() + d.actor_offsets[a],
          d.actor_events.data() + d.actor_offsets[a + 1]};
}

std::span<const actor_relation> event_graph::actor_relations() const {
  return impl_->actor_rows;
}

namespace {

/// Events of the tiers whose earliest lies in [low(k), high] and that pass `keep`, by time.
template <typename Low, typename Keep>
std::vector<event_index> scan_tiers(const auto& tiers, const std::vector<std::uint32_t>& rank,
                                    std::int64_t high, Low low, Keep keep) {
  std::vector<event_index> out;
  for (int k = 0; k < tier_count; ++k) {
    const auto& t = tiers[static_cast<std::size_t>(k)];
    if (t.events.empty()) continue;
    auto first = std::lower_bound(t.earliest.begin(), t.earliest.end(), low(k));
    auto last = std::upper_bound(first, t.earliest.end(), high);
    for (auto it = first; it != last; ++it) {
      const event_index e = t.events[static_cast<std::size_t>(it - t.earliest.begin())];
      if (keep(e)) out.push_back(e);
    }
  }
  std::sort(out.begin(), out.end(),
            [&](event_index a, event_index b) { return rank[a] < rank[b]; });
  return out;
}

}  // namespace

std::vector<event_index> event_graph::overlapping(instant from, instant to) const {
  const auto& d = *impl_;
  const std::int64_t low = from.time_since_epoch().count();
  return scan_tiers(
      d.tiers, d.rank, to.time_since_epoch().count(),
      [&](int k) { return low - (std::int64_t{1} << k) + 1; },
      [&](event_index e) { return story_->events[e].time.latest >= from; });
}

std::vector<event_index> event_graph::within(instant from, instant to) const {
  const auto& d = *impl_;
  return scan_tiers(
      d.tiers, d.rank, to.time_since_epoch().count(),
      [&](int) { return from.time_since_epoch().count(); },
      [&](event_index e) { return story_->events[e].time.latest <= to; });
}

std::vector<event_index> event_graph::topological_order() const {
  std::vector<event_index> out;
  out.reserve(event_count());
  try {
    // Boost emits each vertex after every vertex its out-edges reach: targets first.
    boost::topological_sort(impl_->graph, std::back_inserter(out));
  } catch (const boost::not_a_dag&) {
    out.clear();  // a validated story has no cycles
  }
  return out;
}

std::size_t event_graph::memory_bytes() const {
  const auto& d = *impl_;
  using vertex_storage = boost_graph::stored_vertex;
  std::size_t bytes = sizeof(impl);
  // Boost: the vertex array, each vertex's in- and out-edge vectors, the edge vector.
  bytes += d.graph.m_vertices.capacity() * sizeof(vertex_storage);
  for (const auto& v : d.graph.m_vertices)
    bytes += v.m_out_edges.capacity() * sizeof(v.m_out_edges[0]) +
             v.m_in_edges.capacity() * sizeof(v.m_in_edges[0]);
  bytes += d.graph.m_edges.capacity() * sizeof(d.graph.m_edges[0]);
  bytes += bytes_of(d.response_offsets) + bytes_of(d.target_offsets) + bytes_of(d.response_links) +
           bytes_of(d.target_links) + bytes_of(d.order) + bytes_of(d.rank) +
           bytes_of(d.actor_offsets) + bytes_of(d.actor_events) + bytes_of(d.actor_rows);
  for (const auto& t : d.tiers) bytes += bytes_of(t.earliest) + bytes_of(t.events);
  return bytes;
}

}  // namespace eventgraph
