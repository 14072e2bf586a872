#pragma once
// Questions asked of an event graph: chains, paths, timelines, who answers whom, statistics.
// Every traversal is iterative (a reply chain can be a million events long).

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "eventgraph/graph.hpp"

namespace eventgraph {

enum class chain_direction : std::uint8_t {
  down,  ///< what the event set off: events that answer it, transitively
  up,    ///< what the event answers, transitively
  both
};

struct chain_options {
  chain_direction direction = chain_direction::down;
  std::optional<std::uint32_t> max_depth;  ///< levels below (or above) the root; none = all
  std::vector<relation_type> relations;    ///< follow only these; empty = every type
};

/// One line of a chain tree, in print order (depth-first, children oldest first).
struct chain_entry {
  event_index event = 0;
  std::uint32_t depth = 1;                         ///< 1 for the root's direct neighbours
  relation_type via = relation_type::responds_to;  ///< links it to the entry above it
  bool repeat = false;  ///< already shown earlier in the tree; its branch is not repeated
};

struct chain_result {
  event_index root = 0;
  std::vector<chain_entry> down;  ///< what the root set off (direction down or both)
  std::vector<chain_entry> up;    ///< what the root answers (direction up or both)
  std::size_t distinct_down = 0;  ///< distinct events in `down`
  std::size_t distinct_up = 0;
};

/// The tree of everything an event set off (or answers), each event expanded once.
///
///     auto c = chain(g, *g.find("noem-x-post"));
///     // c.down: governors-office-response (rebuts), noem-otay-mesa-remarks (follows-up)
[[nodiscard]] chain_result chain(const event_graph& g, event_index root,
                                 const chain_options& options = {});

/// The distinct events reachable from `root` in one direction (down or up), in the order a
/// breadth-first search meets them; the root is not included. The fast form of chain().
///
///     reachable(g, root, chain_direction::down).size()  // how much it set off
[[nodiscard]] std::vector<event_index> reachable(const event_graph& g, event_index root,
                                                 chain_direction direction,
                                                 const chain_options& options = {});

/// One step of a path: an event and the relation by which it answers the step before.
struct path_step {
  event_index event = 0;
  relation_type via = relation_type::responds_to;  ///< meaningless for the first step
};

struct path_options {
  std::vector<relation_type> relations;  ///< follow only these; empty = every type
};

/// The shortest chain of responses from any event of `from` to any event of `to`, each step
/// answering the one before and none certainly earlier than any step before it (with
/// imprecise dates: there is a way to place every step in time, in order). Empty when there
/// is none. `from` and `to` hold one event, or every event of an actor.
///
///     find_path(g, {{x_post}}, {{remarks}})  // noem-x-post -> noem-otay-mesa-remarks
[[nodiscard]] std::vector<path_step> find_path(const event_graph& g,
                                               std::span<const event_index> from,
                                               std::span<const event_index> to,
                                               const path_options& options = {});

enum class window_mode : std::uint8_t {
  overlap,  ///< any part of the event's time range falls in the window
  within    ///< the whole range falls in the window
};

/// A timeline filter. Every given criterion must hold; within one list, any entry may match.
struct event_filter {
  std::optional<instant> from;  ///< window start (inclusive); none = unbounded
  std::optional<instant> to;    ///< window end (inclusive); none = unbounded
  window_mode mode = window_mode::overlap;
  std::vector<actor_index> actors;  ///< among the event's actors or addressees (`to`)
  std::vector<std::string> kinds;
  std::vector<std::string> tags;
  /// Words that must all appear (ASCII case-insensitive) in the id, title, summary, notes or a
  /// quote.
  std::string text;
};

/// Events matching a filter, oldest first (time index order).
///
///     event_filter f;
///     f.from = parse_date("2026-02-06", "UTC").time->earliest;
///     find_events(g, f);
[[nodiscard]] std::vector<event_index> find_events(const event_graph& g,
                                                   const event_filter& filter);

/// What a view (render, export) keeps: the events the filter matches and, when a focus is
/// given, only those of the focus among them: the events of chain() around an event (the
/// root included), or of the shortest path between two events.
struct view_selection {
  event_filter filter;
  std::optional<event_index> around;
  chain_options around_options{chain_direction::both, std::nullopt, {}};
  std::optional<event_index> path_from, path_to;
  path_options path;
};

/// The selected events, oldest first (time index order).
///
///     view_selection v;
///     v.around = *g.find("noem-x-post");
///     select_events(g, v);  // the chain around it, both ways
[[nodiscard]] std::vector<event_index> select_events(const event_graph& g,
                                                     const view_selection& selection);

/// A story of some events of another, and what it left out.
struct story_part {
  story kept;
  std::size_t events_left_out = 0;
  std::size_t relations_left_out = 0;  ///< relations with an end among the events left out
  std::size_t actors_left_out = 0;     ///< actors none of the kept events names
};

/// The story of just `events` (time indices, ascending): its header, the actors they name
/// (with the groups those belong to), and the relations among them.
[[nodiscard]] story_part sub_story(const story& s, std::span<const event_index> events);

/// Typical latencies (see `latency`) of every response relation with bounded dates.
/// Percentiles are nearest-rank (the smallest value with at least that share at or below it);
/// the median is the middle value, or the mean of the middle two, as for actor rows.
struct latency_summary {
  std::size_t count = 0;
  std::int64_t min = 0, p25 = 0, median = 0, p75 = 0, p90 = 0, max = 0;  ///< seconds
  /// Under an hour, a day, a week, 30 days, 365 days, and longer.
  std::array<std::size_t, 6> buckets{};
};

struct story_stats {
  std::size_t events = 0, actors = 0, relations = 0;
  std::array<std::size_t, relation_type_count> relations_by_type{};
  std::vector<std::pair<std::string, std::size_t>> events_by_kind;  ///< most first; "" = none
  std::optional<event_index> first;            ///< earliest start among events with a bounded start
  std::optional<event_index> last;             ///< latest end among events with a bounded end
  std::size_t unanswered = 0;                  ///< events no event responded to
  std::vector<event_index> unanswered_events;  ///< those events, oldest first
  std::vector<std::pair<event_index, std::size_t>> most_answered;  ///< by responses, most first
  std::vector<event_index> longest_chain;  ///< longest chain of responses, oldest first
  latency_summary latencies;
};

/// Counts, date span, most-answered events, the longest response chain and the latency
/// distribution. "Responses" are the relation types for which is_response() holds.
///
///     compute_stats(g).longest_chain  // noem-x-post, governors-office-response in the seed
[[nodiscard]] story_stats compute_stats(const event_graph& g, std::size_t top = 5);

}  // namespace eventgraph
