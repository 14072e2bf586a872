#pragma once
// The event graph: built once from a validated story, then read by the queries (query.hpp).

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "eventgraph/model.hpp"
#include "eventgraph/time.hpp"

namespace eventgraph {

/// One end of a relation as seen from an event: the event at the other end and the type.
struct graph_link {
  event_index event = 0;
  relation_type type = relation_type::responds_to;
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

/// One row of the actor projection: `responder` answered `answered` (by events of each).
struct actor_relation {
  actor_index responder = 0;
  actor_index answered = 0;
  /// Relations per type, indexed by relation_type; only the response types are counted.
  std::array<std::uint32_t, relation_type_count> counts{};
  std::uint32_t total = 0;
  std::uint32_t timed = 0;              ///< relations with a latency (both dates bounded)
  std::optional<std::int64_t> median;   ///< of typical latencies, seconds
  std::optional<std::int64_t> fastest;  ///< smallest typical latency, seconds
};

/// The actor projection of a story (what event_graph::actor_relations() holds), computed in
/// one pass over the relations: responder id, then answered id.
[[nodiscard]] std::vector<actor_relation> project_actors(const story& s);

/// The story as a graph of events. Built once (Boost.Graph inside, plus compact arrays for
/// the hot queries); then read-only and safe to share between threads. Keeps a reference to
/// the story, which must outlive it.
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
  [[nodiscard]] std::span<const graph_link> responses(event_index e) const;
  /// Events `e` relates to (what it answers, cites or is part of), oldest first.
  [[nodiscard]] std::span<const graph_link> targets(event_index e) const;

  /// Every event, by earliest instant, then latest instant, then id: the time index.
  [[nodiscard]] std::span<const event_index> by_time() const;
  /// Position of `e` in by_time(): comparing ranks compares events in time.
  [[nodiscard]] std::uint32_t time_rank(event_index e) const;
  /// Events whose time range overlaps [from, to] (both inclusive), in time order.
  /// Output-sensitive: the time index is tiered by the width of each event's range.
  [[nodiscard]] std::vector<event_index> overlapping(instant from, instant to) const;
  /// Events whose whole time range lies within [from, to], in time order.
  [[nodiscard]] std::vector<event_index> within(instant from, instant to) const;

  /// Events of an actor (as one of its `actors`), oldest first.
  [[nodiscard]] std::span<const event_index> events_of(actor_index a) const;

  /// The actor projection: who answered whom, one row per pair, responder id then answered id.
  [[nodiscard]] std::span<const actor_relation> actor_relations() const;

  /// Events in an order where every event comes after all events it relates to (computed
  /// with Boost.Graph's non-recursive topological sort).
  [[nodiscard]] std::vector<event_index> topological_order() const;

  /// Bytes this graph holds beyond the story (Boost graph, arrays, indexes), for benchmarks.
  [[nodiscard]] std::size_t memory_bytes() const;

 private:
  struct impl;
  const story* story_;
  std::unique_ptr<impl> impl_;
};

}  // namespace eventgraph
