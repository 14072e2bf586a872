#pragma once
// The event graph: built once from a validated story, then read by the queries (query.hpp).

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "eventgraph/model.hpp"
#include "eventgraph/time.hpp"

namespace eventgraph {

/// One end of a relation as seen from an event: the event at the other end and the type.
struct graph_link {
  event_index event = 0;
  relation_type type = relation_type::responds_to;
};

/// Links of one event: two parallel arrays read as graph_link values.
class link_list {
 public:
  using iterator = detail::indexed_iterator<link_list, graph_link>;
  link_list() = default;
  link_list(const event_index* events, const relation_type* types, std::size_t size)
      : events_(events), types_(types), size_(size) {}
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] graph_link operator[](std::size_t i) const { return {events_[i], types_[i]}; }
  [[nodiscard]] iterator begin() const { return {this, 0}; }
  [[nodiscard]] iterator end() const { return {this, size_}; }

 private:
  const event_index* events_ = nullptr;
  const relation_type* types_ = nullptr;
  std::size_t size_ = 0;
};

/// The indexes 0, 1, ..., n - 1 (std::ranges::iota_view, which clang 14 cannot compile with
/// libstdc++ 12's ranges).
class index_range {
 public:
  using iterator = detail::indexed_iterator<index_range, event_index>;

  explicit index_range(event_index size) : size_(size) {}
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] event_index operator[](std::size_t i) const { return static_cast<event_index>(i); }
  [[nodiscard]] event_index front() const { return 0; }
  [[nodiscard]] event_index back() const { return size_ - 1; }
  [[nodiscard]] iterator begin() const { return {this, 0}; }
  [[nodiscard]] iterator end() const { return {this, size_}; }

 private:
  event_index size_;
};

/// How long a response took, in seconds. Dates are ranges, so a latency is too:
/// `typical` runs from the midpoint of the answered event's range to the midpoint of the
/// response's (never below zero), `shortest` from the answered event's latest second to the
/// response's earliest (never below zero), `longest` from the answered event's earliest to the
/// response's latest. Events with an open end (`2019/..`, `../2026`) have no latency.
///
///     // noem-x-post (Feb 6) answered by a reply dated [Feb 6..Feb 12]:
///     // typical 3 days, shortest 0, longest 7 days minus one second
struct latency {
  std::int64_t typical = 0;
  std::int64_t shortest = 0;
  std::int64_t longest = 0;
};

/// The latency of `response` answering `answered`, or nothing when either date is open-ended.
[[nodiscard]] std::optional<latency> response_latency(const event_time& answered,
                                                      const event_time& response);

/// One row of the actor projection: the party `responders` answered the party `answered`. A
/// party is the set of one event's actors, in id order: an event by {A, B} answering one by C
/// is one row "A, B -> C" (not A -> C and B -> C), so co-authored events cost one row per
/// relation, never the product of two actor sets. Single-actor events give single-actor
/// parties. Both spans point into the graph and live as long as it.
struct actor_relation {
  std::span<const actor_index> responders;
  std::span<const actor_index> answered;
  /// Relations per type, indexed by relation_type; only the response types are counted.
  std::array<std::uint32_t, relation_type_count> counts{};
  std::uint32_t total = 0;
  std::uint32_t timed = 0;              ///< relations with a latency (both dates bounded)
  std::optional<std::int64_t> median;   ///< of typical latencies, seconds
  std::optional<std::int64_t> fastest;  ///< smallest typical latency, seconds
};

namespace detail {
struct actor_projection;
}

/// What the dates allow of one projection row's latencies, seconds (both, or neither when no
/// relation has a latency): the median latency is no less than the median of the shortest
/// latencies and no more than the median of the longest; the fastest lies between the smallest
/// shortest and the smallest longest. Feb 6 answered within Feb 6-12: median 3 days, as dated
/// 0 to 7 days less a second.
struct latency_ranges {
  std::optional<std::pair<std::int64_t, std::int64_t>> median;
  std::optional<std::pair<std::int64_t, std::int64_t>> fastest;
};

/// The rows of the actor projection (event_graph::actor_relations()): one per (responders,
/// answered) pair of parties, ordered by the responders' ids, then the answered ids (a party
/// sorts as its list of ids: {a} < {a, b} < {b}). Built with the graph and kept compact (16
/// bytes a row when the pair's relations share one type and all have a latency under 68
/// years; other rows keep the rest apart); each row is read as an actor_relation value.
class actor_relation_list {
 public:
  /// Walks the rows in order, keeping track of the responder (no search per row).
  class iterator {
   public:
    using value_type = actor_relation;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    actor_relation operator*() const;
    iterator& operator++() {
      // Past the last row of a responder's group: on to the next group (one with rows).
      if (++row_ == *next_group_) {
        ++group_;
        ++next_group_;
      }
      return *this;
    }
    iterator operator++(int) {
      auto old = *this;
      ++*this;
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) { return a.row_ == b.row_; }

   private:
    friend class actor_relation_list;
    iterator(const detail::actor_projection* rows, std::size_t row);
    const detail::actor_projection* rows_ = nullptr;
    std::size_t row_ = 0;
    std::uint32_t group_ = 0;
    const std::uint32_t* next_group_ = nullptr;  ///< first row of the next group
  };

  [[nodiscard]] std::size_t size() const;
  [[nodiscard]] bool empty() const { return size() == 0; }
  /// Row i (a binary search for its responder: iterate to read them all).
  [[nodiscard]] actor_relation operator[](std::size_t i) const;
  [[nodiscard]] iterator begin() const { return {rows_, 0}; }
  [[nodiscard]] iterator end() const { return {rows_, size()}; }

 private:
  friend class event_graph;
  explicit actor_relation_list(const detail::actor_projection* rows) : rows_(rows) {}
  const detail::actor_projection* rows_;
};

/// The story as a graph of events. Built once; then read-only and safe to share between threads.
/// The story holds each event's relations (what it answers); the graph adds the other direction
/// (what answers it) as a Boost.Graph compressed sparse row graph, and a block index of time
/// ranges. Keeps a reference to the story, which must outlive it.
///
///     auto s = load_files(files);
///     event_graph g(s.value());
///     for (auto link : g.responses(*g.find("noem-x-post"))) ...
class event_graph {
 public:
  explicit event_graph(const story& s);
  ~event_graph();
  event_graph(event_graph&&) noexcept;
  event_graph& operator=(event_graph&&) noexcept;
  event_graph(const event_graph&) = delete;
  event_graph& operator=(const event_graph&) = delete;

  [[nodiscard]] const story& source() const { return *story_; }
  [[nodiscard]] std::size_t event_count() const;
  [[nodiscard]] std::size_t relation_count() const;
  [[nodiscard]] std::optional<event_index> find(std::string_view id) const {
    return story_->find_event(id);
  }

  /// Events with a relation to `e` (later events that answer, cite or are part of it),
  /// oldest first.
  [[nodiscard]] link_list responses(event_index e) const;
  /// Events `e` relates to (what it answers, cites or is part of), oldest first.
  [[nodiscard]] link_list targets(event_index e) const;

  /// Every event, by earliest instant, then latest instant, then as written: the story's own
  /// order.
  [[nodiscard]] index_range by_time() const {
    return index_range(static_cast<event_index>(event_count()));
  }
  /// Position of `e` in by_time(): comparing ranks compares events in time.
  [[nodiscard]] std::uint32_t time_rank(event_index e) const { return e; }
  /// Events whose time range overlaps [from, to] (both inclusive), in time order.
  /// Output-sensitive: a block index of latest instants skips blocks that end before `from`.
  [[nodiscard]] std::vector<event_index> overlapping(instant from, instant to) const;
  /// Events whose whole time range lies within [from, to], in time order.
  [[nodiscard]] std::vector<event_index> within(instant from, instant to) const;

  /// Who responded to whom: the actor projection, built with the graph in time and memory
  /// linear in actors plus relations. For every event of A with a response-type relation
  /// (responds-to, rebuts, supports, follows-up, repeats) to an event of B, a relation A -> B,
  /// counted by type, with the median and fastest typical latency (see latency). An event with
  /// several actors is one party (see actor_relation).
  [[nodiscard]] actor_relation_list actor_relations() const;

  /// Events of an actor (as one of its `actors`), oldest first: one scan of the actor column.
  [[nodiscard]] std::vector<event_index> events_of(actor_index a) const;

  /// Events in an order where every event comes after all events it relates to (computed
  /// with Boost.Graph's non-recursive topological sort).
  [[nodiscard]] std::vector<event_index> topological_order() const;

  /// Bytes this graph holds beyond the story (Boost graph, arrays, indexes, the actor
  /// projection), for benchmarks.
  [[nodiscard]] std::size_t memory_bytes() const;

 private:
  struct impl;
  const story* story_;
  std::unique_ptr<impl> impl_;
};

/// What the dates allow of each actor_relations() row, in the same order: computed on demand
/// from the relations (0.22-0.25 s for the 1M story of tests/bench/run.sh, 882,885 rows), not
/// stored, so that the rows keep to 16 bytes.
[[nodiscard]] std::vector<latency_ranges> actor_latency_ranges(const event_graph& g);

}  // namespace eventgraph
