// The event graph. The only file that includes Boost.Graph. The story already holds each
// event's relations (what it answers); the graph adds the other direction as a Boost
// compressed sparse row graph (answered event -> response, the relation type as the bundled
// edge property), which the queries read directly and Boost's algorithms run on.

#include "eventgraph/graph.hpp"

#include <algorithm>
#include <iterator>
#include <numeric>
#include <span>
#include <unordered_map>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/topological_sort.hpp>

#include "core/event_table.hpp"

namespace eventgraph {
namespace {

// 32-bit vertex and edge indexes: 4 bytes per event and per relation, not 8.
using boost_graph =
    boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, relation_type,
                                       boost::no_property, std::uint32_t, std::uint32_t>;

/// The time-range index: level 0 holds the latest instant of each block of `fanout` events
/// (events are in order of earliest instant), each level above the maximum of `fanout` below.
constexpr std::size_t fanout = 64;

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

namespace detail {

/// The actor projection's storage: the parties (each a set of actors, in id order; party p is
/// party_actors[party_begin[p], party_begin[p + 1])), numbered in the order rows sort by; rows
/// grouped by responding party, each group by answered party.
struct actor_projection {
  struct row {
    std::uint32_t answered;  ///< party
    /// type << 28 | count when every relation of the pair has that type and a latency that
    /// fits below; else extra | index into `extras`.
    std::uint32_t shape;
    std::int32_t median, fastest;  ///< seconds, for compact rows
  };
  // The memory target (docs/benchmarks.md) counts on it.
  static_assert(sizeof(row) == 16);
  static constexpr std::uint32_t extra = 1u << 31;
  static constexpr std::uint32_t count_mask = (1u << 28) - 1;

  std::vector<actor_index> party_actors;
  std::vector<std::uint32_t> party_begin{0};
  std::vector<row> rows;
  std::vector<std::uint32_t> group_responder;  ///< party of each group
  std::vector<std::uint32_t> group_begin;      ///< group g's rows: [begin[g], begin[g + 1])
  std::vector<actor_relation> extras;          ///< rows that do not fit 16 bytes (no parties)

  [[nodiscard]] std::span<const actor_index> party(std::uint32_t p) const {
    return std::span<const actor_index>(party_actors)
        .subspan(party_begin[p], party_begin[p + 1] - party_begin[p]);
  }
  [[nodiscard]] actor_relation read(std::size_t i, std::uint32_t group) const {
    const row& r = rows[i];
    actor_relation out;
    if (r.shape & extra) {
      out = extras[r.shape & ~extra];
    } else {
      const std::uint32_t count = r.shape & count_mask;
      out.counts[r.shape >> 28] = count;
      out.total = out.timed = count;
      out.median = r.median;
      out.fastest = r.fastest;
    }
    out.responders = party(group_responder[group]);
    out.answered = party(r.answered);
    return out;
  }
  [[nodiscard]] std::uint32_t group_of(std::size_t i) const {
    return static_cast<std::uint32_t>(std::upper_bound(group_begin.begin(), group_begin.end(), i) -
                                      group_begin.begin() - 1);
  }
  [[nodiscard]] std::size_t memory_bytes() const {
    return bytes_of(party_actors) + bytes_of(party_begin) + bytes_of(rows) +
           bytes_of(group_responder) + bytes_of(group_begin) + bytes_of(extras);
  }
};

}  // namespace detail

namespace {

constexpr std::uint32_t no_party = UINT32_MAX;     // an event without actors
constexpr std::uint32_t not_yet = UINT32_MAX - 1;  // an event not interned yet

/// Interns parties: each distinct set of actors once, as the sorted ranks of its actors' ids.
/// An event of one actor (the common case) is found by the actor; a larger set by a hash of
/// its ranks, so each event costs time linear in its actors.
class party_table {
 public:
  explicit party_table(const std::vector<std::uint32_t>& id_rank)
      : id_rank_(id_rank), single_(id_rank.size(), no_party) {}

  /// The party of these actors (none for no actor).
  std::uint32_t intern(std::span<const actor_index> actors) {
    if (actors.empty()) return no_party;
    if (actors.size() == 1) {
      std::uint32_t& p = single_[actors.front()];
      if (p == no_party) p = add(std::span<const std::uint32_t>(&id_rank_[actors.front()], 1));
      return p;
    }
    scratch_.clear();
    for (actor_index a : actors) scratch_.push_back(id_rank_[a]);
    std::sort(scratch_.begin(), scratch_.end());
    scratch_.erase(std::unique(scratch_.begin(), scratch_.end()), scratch_.end());
    std::uint64_t hash = 1469598103934665603ull;  // FNV-1a over the ranks
    for (std::uint32_t r : scratch_) hash = (hash ^ r) * 1099511628211ull;
    const auto [first, last] = by_hash_.equal_range(hash);
    for (auto it = first; it != last; ++it)
      if (std::ranges::equal(ranks(it->second), scratch_)) return it->second;
    const std::uint32_t p = add(scratch_);
    by_hash_.emplace(hash, p);
    return p;
  }

  [[nodiscard]] std::size_t size() const { return begin_.size() - 1; }
  [[nodiscard]] std::span<const std::uint32_t> ranks(std::uint32_t p) const {
    return std::span<const std::uint32_t>(ranks_).subspan(begin_[p], begin_[p + 1] - begin_[p]);
  }

 private:
  std::uint32_t add(std::span<const std::uint32_t> sorted_ranks) {
    ranks_.insert(ranks_.end(), sorted_ranks.begin(), sorted_ranks.end());
    begin_.push_back(static_cast<std::uint32_t>(ranks_.size()));
    return static_cast<std::uint32_t>(begin_.size() - 2);
  }

  const std::vector<std::uint32_t>& id_rank_;
  std::vector<std::uint32_t> single_;  ///< actor -> its single-actor party
  std::unordered_multimap<std::uint64_t, std::uint32_t> by_hash_;
  std::vector<std::uint32_t> ranks_;
  std::vector<std::uint32_t> begin_{0};
  std::vector<std::uint32_t> scratch_;
};

constexpr std::int64_t untimed = INT64_MAX;  // sorts after every latency

/// One response relation between two parties (numbered in row order).
struct projection_item {
  std::uint32_t responder, answered;
  std::int64_t latency;            ///< typical, or untimed
  std::int64_t shortest, longest;  ///< what the dates allow (when timed)
  relation_type type;
};

/// Every response relation as an item between the parties of its two events, and the
/// parties in row order (by their lists of id ranks), as the projection stores them.
std::vector<projection_item> collect_items(const story& s, detail::actor_projection& out) {
  const std::size_t actor_count = s.actors.size();
  std::vector<actor_index> by_id(actor_count);
  std::iota(by_id.begin(), by_id.end(), actor_index{0});
  std::sort(by_id.begin(), by_id.end(),
            [&](actor_index a, actor_index b) { return s.actors[a].id < s.actors[b].id; });
  std::vector<std::uint32_t> id_rank(actor_count);
  for (std::uint32_t r = 0; r < by_id.size(); ++r) id_rank[by_id[r]] = r;

  // One pass over the relations: each event's time is read once as a response; the answered
  // event's is read at random, the one unavoidable miss per relation.
  const auto& d = s.events.columns();
  party_table parties(id_rank);
  std::vector<std::uint32_t> party_of(d.size(), not_yet);
  auto party = [&](event_index e) {
    if (party_of[e] == not_yet) party_of[e] = parties.intern(s.events[e].actors());
    return party_of[e];
  };
  std::vector<projection_item> items;
  items.reserve(d.relation_target.size());
  for (event_index e = 0; e < d.size(); ++e) {
    const std::uint32_t first = d.relation_begin[e], last = d.relation_begin[e + 1];
    if (first == last) continue;
    const event_time response_time = d.time(e);
    for (std::uint32_t r = first; r < last; ++r) {
      const relation_type type = d.relation_kind[r];
      if (!is_response(type)) continue;
      const event_index t = d.relation_target[r];
      const std::uint32_t responder = party(e), answered = party(t);
      if (responder == no_party || answered == no_party) continue;
      const auto lat = response_latency(d.time(t), response_time);
      items.push_back({responder, answered, lat ? lat->typical : untimed, lat ? lat->shortest : 0,
                       lat ? lat->longest : 0, type});
    }
  }

  // Parties in row order. A comparison costs at most the shorter party, so the sort costs
  // O(actors * log parties) however the actors are shared out.
  std::vector<std::uint32_t> order(parties.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::ranges::lexicographical_compare(parties.ranks(a), parties.ranks(b));
  });
  std::vector<std::uint32_t> position(order.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    position[order[i]] = i;
    for (std::uint32_t r : parties.ranks(order[i])) out.party_actors.push_back(by_id[r]);
    out.party_begin.push_back(static_cast<std::uint32_t>(out.party_actors.size()));
  }
  for (projection_item& x : items) {
    x.responder = position[x.responder];
    x.answered = position[x.answered];
  }
  return items;
}

/// The items grouped by (responder, answered), in that order: with few parties, one counting
/// sort on the pair; with many (too many pairs for a counter each), a counting sort by
/// answered party, then a stable one by responder.
std::vector<projection_item> group_items(std::vector<projection_item> items,
                                         std::size_t party_count) {
  std::vector<projection_item> grouped(items.size());
  auto counting_sort = [](const std::vector<projection_item>& from,
                          std::vector<projection_item>& to, std::size_t keys, auto key_of) {
    std::vector<std::uint32_t> start(keys + 1, 0);
    for (const projection_item& x : from) ++start[key_of(x) + 1];
    for (std::size_t k = 0; k < keys; ++k) start[k + 1] += start[k];
    for (const projection_item& x : from) to[start[key_of(x)]++] = x;
  };
  const std::size_t pairs = party_count * party_count;
  if (pairs <= std::max<std::size_t>(std::size_t{1} << 16, items.size())) {
    counting_sort(items, grouped, pairs, [&](const projection_item& x) {
      return std::size_t{x.responder} * party_count + x.answered;
    });
  } else {
    counting_sort(items, grouped, party_count,
                  [](const projection_item& x) { return std::size_t{x.answered}; });
    std::swap(items, grouped);
    counting_sort(items, grouped, party_count,
                  [](const projection_item& x) { return std::size_t{x.responder}; });
  }
  return grouped;
}

struct pair_summary {
  actor_relation row;
  latency_ranges ranges;  ///< when asked for
};

/// One row from the items of one pair: counts, then the median by selection, not a sort
/// (timed latencies first, then the middle one and, for an even count, the largest below it).
pair_summary summarize(std::vector<projection_item>::iterator first,
                       std::vector<projection_item>::iterator last, bool ranges) {
  pair_summary out;
  actor_relation& row = out.row;
  for (auto it = first; it != last; ++it) {
    ++row.counts[static_cast<std::size_t>(it->type)];
    ++row.total;
  }
  const auto timed_end =
      std::partition(first, last, [](const projection_item& x) { return x.latency != untimed; });
  row.timed = static_cast<std::uint32_t>(timed_end - first);
  if (row.timed == 0) return out;
  // The median of one latency field: by selection, the middle one and, for an even count,
  // the largest below it; the fastest is the smallest. Each pass reorders the timed items.
  auto median_of = [&](std::int64_t projection_item::*field) {
    const auto m = first + row.timed / 2;
    auto less = [&](const projection_item& x, const projection_item& y) {
      return x.*field < y.*field;
    };
    std::nth_element(first, m, timed_end, less);
    return row.timed % 2 == 1 ? (*m).*field
                              : ((*std::max_element(first, m, less)).*field + (*m).*field) / 2;
  };
  auto smallest = [&](std::int64_t projection_item::*field) {
    std::int64_t v = (*first).*field;
    for (auto it = first; it != timed_end; ++it) v = std::min(v, (*it).*field);
    return v;
  };
  row.median = median_of(&projection_item::latency);
  row.fastest = smallest(&projection_item::latency);
  if (!ranges) return out;
  out.ranges.median = {
      {median_of(&projection_item::shortest), median_of(&projection_item::longest)}};
  out.ranges.fastest = {
      {smallest(&projection_item::shortest), smallest(&projection_item::longest)}};
  return out;
}

/// Calls row(responder, answered, summary) for each (responder, answered) pair of parties, in
/// row order; with `ranges`, each summary has what the dates allow as well.
template <class Row>
void for_each_pair(const story& s, detail::actor_projection& parties, bool ranges, Row&& row) {
  // No map, no comparison sort of the relations: counting sorts, and a selection per median.
  std::vector<projection_item> items = collect_items(s, parties);
  std::vector<projection_item> grouped =
      group_items(std::move(items), parties.party_begin.size() - 1);
  for (auto first = grouped.begin(); first != grouped.end();) {
    auto last = first;
    while (last != grouped.end() && last->responder == first->responder &&
           last->answered == first->answered)
      ++last;
    const std::uint32_t responder = first->responder, answered = first->answered;
    const auto type = static_cast<std::uint32_t>(first->type);
    row(responder, answered, type, summarize(first, last, ranges));
    first = last;
  }
}

detail::actor_projection project_actors(const story& s) {
  detail::actor_projection out;
  // At most one row per relation: no regrowth, no copies.
  out.rows.reserve(s.events.columns().relation_target.size());
  for_each_pair(s, out, false,
                [&](std::uint32_t responder, std::uint32_t answered, std::uint32_t type,
                    const pair_summary& summary) {
                  const actor_relation& row = summary.row;
                  if (out.group_responder.empty() || responder != out.group_responder.back()) {
                    out.group_responder.push_back(responder);
                    out.group_begin.push_back(static_cast<std::uint32_t>(out.rows.size()));
                  }
                  auto fits = [](const std::optional<std::int64_t>& v) {
                    return v && *v >= INT32_MIN && *v <= INT32_MAX;
                  };
                  if (row.counts[type] == row.total && row.timed == row.total &&
                      row.total <= detail::actor_projection::count_mask && fits(row.median) &&
                      fits(row.fastest)) {
                    out.rows.push_back({answered, type << 28 | row.total,
                                        static_cast<std::int32_t>(*row.median),
                                        static_cast<std::int32_t>(*row.fastest)});
                  } else {
                    out.rows.push_back({answered,
                                        detail::actor_projection::extra |
                                            static_cast<std::uint32_t>(out.extras.size()),
                                        0, 0});
                    out.extras.push_back(row);
                  }
                });
  out.group_begin.push_back(static_cast<std::uint32_t>(out.rows.size()));
  out.rows.shrink_to_fit();
  out.extras.shrink_to_fit();
  return out;
}

}  // namespace

std::vector<latency_ranges> actor_latency_ranges(const event_graph& g) {
  std::vector<latency_ranges> out;
  detail::actor_projection parties;
  for_each_pair(g.source(), parties, true,
                [&](std::uint32_t, std::uint32_t, std::uint32_t, const pair_summary& summary) {
                  out.push_back(summary.ranges);
                });
  return out;
}

actor_relation_list::iterator::iterator(const detail::actor_projection* rows, std::size_t row)
    : rows_(rows), row_(row) {
  // group_begin ends with the row count, so the last group's end stops the walk.
  group_ = row < rows->rows.size() ? rows->group_of(row) : 0;
  next_group_ = rows->group_begin.data() + group_ + 1;
}

actor_relation actor_relation_list::iterator::operator*() const {
  return rows_->read(row_, group_);
}

std::size_t actor_relation_list::size() const {
  return rows_->rows.size();
}

actor_relation actor_relation_list::operator[](std::size_t i) const {
  return rows_->read(i, rows_->group_of(i));
}

struct event_graph::impl {
  boost_graph graph;
  detail::actor_projection actors;
  std::vector<std::vector<std::int64_t>> latest_max;  // the time-range index, level 0 first
};

event_graph::event_graph(const story& s) : story_(&s), impl_(std::make_unique<impl>()) {
  impl& g = *impl_;
  const auto& d = s.events.columns();
  const auto n = static_cast<std::uint32_t>(d.size());

  // Edges answered -> response, grouped by answered event (a counting sort), each group by
  // response, then type: the order responses() promises, as Boost's sorted-edges constructor
  // wants.
  const std::size_t m = d.relation_target.size();
  std::vector<std::uint32_t> start(n + 1, 0);
  for (std::size_t r = 0; r < m; ++r) ++start[d.relation_target[r] + 1];
  for (std::uint32_t v = 0; v < n; ++v) start[v + 1] += start[v];
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges(m);
  std::vector<relation_type> types(m);
  {
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (event_index e = 0; e < n; ++e) {
      for (std::uint32_t r = d.relation_begin[e]; r < d.relation_begin[e + 1]; ++r) {
        const std::uint32_t at = fill[d.relation_target[r]]++;
        edges[at] = {d.relation_target[r], e};
        types[at] = d.relation_kind[r];
      }
    }
  }
  // Two relations of one event to the same target (different types) sit side by side.
  for (std::size_t i = 1; i < m; ++i)
    for (std::size_t j = i; j > 0 && edges[j - 1] == edges[j] && types[j - 1] > types[j]; --j)
      std::swap(types[j - 1], types[j]);
  g.graph = boost_graph(boost::edges_are_sorted, edges.begin(), edges.end(), types.begin(), n,
                        static_cast<std::uint32_t>(m));

  // The time-range index.
  std::vector<std::int64_t> level;
  level.reserve(n / fanout + 1);
  for (std::uint32_t first = 0; first < n; first += fanout) {
    std::int64_t high = INT64_MIN;
    for (std::uint32_t e = first; e < std::min<std::uint32_t>(n, first + fanout); ++e)
      high = std::max(high, d.latest(e));
    level.push_back(high);
  }
  g.latest_max.push_back(std::move(level));
  while (g.latest_max.back().size() > 1) {
    const auto& below = g.latest_max.back();
    std::vector<std::int64_t> above;
    for (std::size_t first = 0; first < below.size(); first += fanout)
      above.push_back(*std::max_element(
          below.begin() + static_cast<std::ptrdiff_t>(first),
          below.begin() + static_cast<std::ptrdiff_t>(std::min(below.size(), first + fanout))));
    g.latest_max.push_back(std::move(above));
  }
  g.actors = project_actors(s);
}

event_graph::~event_graph() = default;
event_graph::event_graph(event_graph&&) noexcept = default;
event_graph& event_graph::operator=(event_graph&&) noexcept = default;

std::size_t event_graph::event_count() const {
  return boost::num_vertices(impl_->graph);
}
std::size_t event_graph::relation_count() const {
  return boost::num_edges(impl_->graph);
}

link_list event_graph::responses(event_index e) const {
  const auto& forward = impl_->graph.m_forward;
  const std::uint32_t first = forward.m_rowstart[e], last = forward.m_rowstart[e + 1];
  return {forward.m_column.data() + first, forward.m_edge_properties.data() + first, last - first};
}

link_list event_graph::targets(event_index e) const {
  const auto& d = story_->events.columns();
  const std::uint32_t first = d.relation_begin[e], last = d.relation_begin[e + 1];
  return {d.relation_target.data() + first, d.relation_kind.data() + first, last - first};
}

std::vector<event_index> event_graph::events_of(actor_index a) const {
  const auto& d = story_->events.columns();
  std::vector<event_index> out;
  for (event_index e = 0; e < d.size(); ++e) {
    if (d.flags[e] & event_table::impl::many_actors) {
      const auto all = story_->events[e].actors();
      if (std::find(all.begin(), all.end(), a) != all.end()) out.push_back(e);
    } else if (d.actor[e] == a && !(d.flags[e] & event_table::impl::no_actor)) {
      out.push_back(e);
    }
  }
  return out;
}

std::vector<event_index> event_graph::overlapping(instant from, instant to) const {
  // Events with earliest <= to (a prefix: events are by earliest) and latest >= from: walk the
  // index from the top, entering only blocks whose latest reaches `from`.
  const auto& d = story_->events.columns();
  const std::int64_t low = from.time_since_epoch().count();
  const std::int64_t high = to.time_since_epoch().count();
  const auto end = static_cast<std::size_t>(
      std::upper_bound(d.earliest.begin(), d.earliest.end(), high) - d.earliest.begin());
  std::vector<event_index> out;
  if (end == 0) return out;
  const auto& levels = impl_->latest_max;
  std::vector<std::pair<std::size_t, std::size_t>> stack;  // level, entry
  // Entry i of level k covers events [i * fanout^(k+1), (i + 1) * fanout^(k+1)).
  auto reach = [&](std::size_t k) {
    std::size_t r = fanout;
    for (std::size_t i = 0; i < k; ++i) r *= fanout;
    return r;
  };
  const std::size_t top = levels.size() - 1;
  for (std::size_t i = (end - 1) / reach(top) + 1; i-- > 0;) stack.emplace_back(top, i);
  while (!stack.empty()) {
    auto [k, i] = stack.back();
    stack.pop_back();
    if (levels[k][i] < low) continue;
    const std::size_t first = i * reach(k);
    if (k == 0) {
      for (std::size_t e = first; e < std::min(end, first + fanout); ++e)
        if (d.latest(static_cast<event_index>(e)) >= low)
          out.push_back(static_cast<event_index>(e));
      continue;
    }
    const std::size_t child = reach(k - 1);
    const std::size_t last_child = std::min((end - 1 - first) / child + 1, fanout);
    for (std::size_t c = last_child; c-- > 0;) stack.emplace_back(k - 1, i * fanout + c);
  }
  return out;
}

std::vector<event_index> event_graph::within(instant from, instant to) const {
  const auto& d = story_->events.columns();
  const std::int64_t low = from.time_since_epoch().count();
  const std::int64_t high = to.time_since_epoch().count();
  auto first = std::lower_bound(d.earliest.begin(), d.earliest.end(), low);
  auto last = std::upper_bound(first, d.earliest.end(), high);
  std::vector<event_index> out;
  for (auto it = first; it != last; ++it) {
    const auto e = static_cast<event_index>(it - d.earliest.begin());
    if (d.latest(e) <= high) out.push_back(e);
  }
  return out;
}

std::vector<event_index> event_graph::topological_order() const {
  std::vector<event_index> out;
  out.reserve(event_count());
  try {
    // Boost emits each vertex after every vertex its out-edges reach; edges run from the
    // answered event to the response, so reversing puts every event after what it answers.
    boost::topological_sort(impl_->graph, std::back_inserter(out));
  } catch (const boost::not_a_dag&) {
    out.clear();  // a validated story has no cycles
  }
  std::reverse(out.begin(), out.end());
  return out;
}

actor_relation_list event_graph::actor_relations() const {
  return actor_relation_list(&impl_->actors);
}

std::size_t event_graph::memory_bytes() const {
  const auto& g = *impl_;
  std::size_t bytes = sizeof(impl) + g.actors.memory_bytes() +
                      bytes_of(g.graph.m_forward.m_rowstart) +
                      bytes_of(g.graph.m_forward.m_column) +
                      bytes_of(g.graph.m_forward.m_edge_properties) + bytes_of(g.latest_max);
  for (const auto& level : g.latest_max) bytes += bytes_of(level);
  return bytes;
}

}  // namespace eventgraph
