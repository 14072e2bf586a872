// Queries over the event graph's compact arrays. No recursion: explicit stacks and queues.

#include "eventgraph/query.hpp"

#include <algorithm>
#include <map>
#include <string_view>

namespace eventgraph {
namespace {

/// The set of events a traversal has met. Small traversals (an upstream chain of a few events)
/// use an open-addressing hash table; once the set holds a sizeable share of the graph it
/// switches to a bitmap, so neither a short nor a million-event walk pays for the other.
class visited_set {
 public:
  explicit visited_set(std::size_t universe) : universe_(universe) { slots_.assign(16, 0); }

  /// Adds `e`; false when it was already there.
  bool insert(event_index e) {
    if (!bits_.empty()) {
      auto& word = bits_[e >> 6];
      const std::uint64_t bit = std::uint64_t{1} << (e & 63);
      if (word & bit) return false;
      word |= bit;
      ++size_;
      return true;
    }
    if (!insert_hashed(e)) return false;
    ++size_;
    if (size_ * 2 > slots_.size()) grow();
    return true;
  }

  [[nodiscard]] bool contains(event_index e) const {
    if (!bits_.empty()) return (bits_[e >> 6] >> (e & 63)) & 1;
    const std::uint32_t key = e + 1;
    for (std::size_t i = hash(e) & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i] == key) return true;
      if (slots_[i] == 0) return false;
    }
  }

 private:
  static std::size_t hash(event_index e) {
    return static_cast<std::size_t>((std::uint64_t{e} * 0x9E3779B97F4A7C15ULL) >> 32);
  }

  bool insert_hashed(event_index e) {
    const std::uint32_t key = e + 1;  // 0 marks an empty slot
    for (std::size_t i = hash(e) & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i] == key) return false;
      if (slots_[i] == 0) {
        slots_[i] = key;
        return true;
      }
    }
  }

  void grow() {
    std::vector<std::uint32_t> old;
    old.swap(slots_);
    if (old.size() * 4 >= universe_ / 8) {  // a bitmap would now be smaller
      bits_.assign((universe_ + 63) / 64, 0);
      for (auto key : old)
        if (key != 0) bits_[(key - 1) >> 6] |= std::uint64_t{1} << ((key - 1) & 63);
      return;
    }
    slots_.assign(old.size() * 2, 0);
    for (auto key : old)
      if (key != 0) insert_hashed(key - 1);
  }

  std::size_t universe_;
  std::size_t size_ = 0;
  std::vector<std::uint32_t> slots_;
  std::vector<std::uint64_t> bits_;
};

std::uint8_t relation_mask(const std::vector<relation_type>& relations) {
  if (relations.empty()) return 0xFF;
  std::uint8_t mask = 0;
  for (auto r : relations) mask |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(r));
  return mask;
}

bool allowed(std::uint8_t mask, relation_type type) {
  return (mask >> static_cast<unsigned>(type)) & 1;
}

link_list neighbours(const event_graph& g, event_index e, bool down) {
  return down ? g.responses(e) : g.targets(e);
}

/// Depth-first, children oldest first; an event met again is listed once more as a repeat.
std::vector<chain_entry> chain_tree(const event_graph& g, event_index root, bool down,
                                    const chain_options& options, std::size_t& distinct) {
  const std::uint8_t mask = relation_mask(options.relations);
  const std::uint32_t max_depth = options.max_depth.value_or(UINT32_MAX);
  std::vector<chain_entry> out;
  visited_set seen(g.event_count());
  seen.insert(root);
  std::vector<chain_entry> stack;
  auto push_children = [&](event_index e, std::uint32_t depth) {
    if (depth >= max_depth) return;
    auto links = neighbours(g, e, down);
    for (std::size_t i = links.size(); i-- > 0;)
      if (const graph_link link = links[i]; allowed(mask, link.type))
        stack.push_back({link.event, depth + 1, link.type, false});
  };
  push_children(root, 0);
  distinct = 0;
  while (!stack.empty()) {
    chain_entry entry = stack.back();
    stack.pop_back();
    if (!seen.insert(entry.event)) {
      entry.repeat = true;
      out.push_back(entry);
      continue;
    }
    ++distinct;
    out.push_back(entry);
    push_children(entry.event, entry.depth);
  }
  return out;
}

}  // namespace

chain_result chain(const event_graph& g, event_index root, const chain_options& options) {
  chain_result out;
  out.root = root;
  if (options.direction != chain_direction::up)
    out.down = chain_tree(g, root, true, options, out.distinct_down);
  if (options.direction != chain_direction::down)
    out.up = chain_tree(g, root, false, options, out.distinct_up);
  return out;
}

std::vector<event_index> reachable(const event_graph& g, event_index root,
                                   chain_direction direction, const chain_options& options) {
  const bool down = direction != chain_direction::up;
  const std::uint8_t mask = relation_mask(options.relations);
  const std::uint32_t max_depth = options.max_depth.value_or(UINT32_MAX);
  std::vector<event_index> out;  // doubles as the breadth-first queue
  visited_set seen(g.event_count());
  seen.insert(root);
  auto expand = [&](event_index e) {
    for (const auto& link : neighbours(g, e, down))
      if (allowed(mask, link.type) && seen.insert(link.event)) out.push_back(link.event);
  };
  if (max_depth == 0) return out;
  expand(root);
  // One level at a time: [begin, end) holds the events `depth` steps away.
  std::size_t begin = 0;
  for (std::uint32_t depth = 1; depth < max_depth && begin < out.size(); ++depth) {
    const std::size_t end = out.size();
    for (std::size_t i = begin; i < end; ++i) expand(out[i]);
    begin = end;
  }
  return out;
}

std::vector<path_step> find_path(const event_graph& g, std::span<const event_index> from,
                                 std::span<const event_index> to, const path_options& options) {
  const story& s = g.source();
  if (from.empty() || to.empty()) return {};
  if (from.size() == 1 && to.size() == 1 && from[0] == to[0]) return {{from[0]}};
  const std::uint8_t mask = relation_mask(options.relations);

  // 1. Every event that can lead to a destination, found upward from the destinations (an
  //    upstream set is small), so the forward search below never wanders off.
  std::vector<event_index> ancestors(to.begin(), to.end());
  {
    visited_set seen(g.event_count());
    for (auto e : to) seen.insert(e);
    for (std::size_t head = 0; head < ancestors.size(); ++head)
      for (const auto& link : g.targets(ancestors[head]))
        if (allowed(mask, link.type) && seen.insert(link.event)) ancestors.push_back(link.event);
  }
  std::sort(ancestors.begin(), ancestors.end());
  ancestors.erase(std::unique(ancestors.begin(), ancestors.end()), ancestors.end());
  std::vector<event_index> targets(to.begin(), to.end());
  std::sort(targets.begin(), targets.end());
  auto position = [&](event_index e) -> std::optional<std::size_t> {
    auto it = std::lower_bound(ancestors.begin(), ancestors.end(), e);
    if (it == ancestors.end() || *it != e) return std::nullopt;
    return static_cast<std::size_t>(it - ancestors.begin());
  };

  // 2. Breadth-first from the sources, forward in time. A state carries the earliest moment
  //    the path so far can have reached (`floor`); a step must be able to happen at or after
  //    it. A state is pruned when its event was already reached, in as few steps, with a floor
  //    no later: that one can do everything it can.
  struct state {
    event_index event;
    std::uint32_t parent;  // index in `states`, or UINT32_MAX
    relation_type via;
    instant floor;
  };
  std::vector<state> states;
  std::vector<instant> best(ancestors.size(), instant::max());
  for (auto e : from) {
    auto p = position(e);
    if (!p) continue;
    const instant floor = s.events[e].time().earliest;
    if (floor >= best[*p]) continue;
    best[*p] = floor;
    states.push_back({e, UINT32_MAX, relation_type::responds_to, floor});
  }
  for (std::size_t head = 0; head < states.size(); ++head) {
    const state current = states[head];
    for (const auto& link : g.responses(current.event)) {
      if (!allowed(mask, link.type)) continue;
      const event_time t = s.events[link.event].time();
      if (t.latest < current.floor) continue;  // would go back in time
      auto p = position(link.event);
      if (!p) continue;
      const instant floor = std::max(current.floor, t.earliest);
      if (floor >= best[*p]) continue;
      best[*p] = floor;
      states.push_back({link.event, static_cast<std::uint32_t>(head), link.type, floor});
      if (std::binary_search(targets.begin(), targets.end(), link.event)) {
        std::vector<path_step> steps;
        for (std::uint32_t i = static_cast<std::uint32_t>(states.size() - 1); i != UINT32_MAX;
             i = states[i].parent)
          steps.push_back({states[i].event, states[i].via});
        std::reverse(steps.begin(), steps.end());
        return steps;
      }
    }
  }
  return {};
}

namespace {

char fold(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool contains_folded(std::string_view haystack, std::string_view lower_needle) {
  if (lower_needle.empty()) return true;
  if (haystack.size() < lower_needle.size()) return false;
  for (std::size_t i = 0; i + lower_needle.size() <= haystack.size(); ++i) {
    std::size_t j = 0;
    while (j < lower_needle.size() && fold(haystack[i + j]) == lower_needle[j]) ++j;
    if (j == lower_needle.size()) return true;
  }
  return false;
}

std::vector<std::string> lower_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(fold(c));
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

bool mentions(const event& e, std::string_view word) {
  if (contains_folded(e.id(), word) || contains_folded(e.title(), word) ||
      contains_folded(e.summary(), word) || contains_folded(e.notes(), word))
    return true;
  const auto quotes = e.quotes();
  return std::any_of(quotes.begin(), quotes.end(),
                     [&](const quote& q) { return contains_folded(q.text, word); });
}

}  // namespace

std::vector<event_index> find_events(const event_graph& g, const event_filter& filter) {
  const story& s = g.source();
  std::vector<event_index> candidates;
  const bool windowed = filter.from || filter.to;
  if (windowed) {
    const instant from = filter.from.value_or(unbounded_past);
    const instant to = filter.to.value_or(unbounded_future);
    candidates = filter.mode == window_mode::overlap ? g.overlapping(from, to) : g.within(from, to);
  }
  const auto words = lower_words(filter.text);
  auto keep = [&](event_index i) {
    const event e = s.events[i];
    if (!filter.actors.empty()) {
      const auto actors = e.actors();
      const auto addressees = e.addressees();
      auto involved = [&](actor_index a) {
        return std::find(actors.begin(), actors.end(), a) != actors.end() ||
               std::find(addressees.begin(), addressees.end(), a) != addressees.end();
      };
      if (std::none_of(filter.actors.begin(), filter.actors.end(), involved)) return false;
    }
    if (!filter.kinds.empty() &&
        std::find(filter.kinds.begin(), filter.kinds.end(), e.kind()) == filter.kinds.end())
      return false;
    if (!filter.tags.empty()) {
      const auto tags = e.tags();
      if (std::none_of(tags.begin(), tags.end(), [&](std::string_view t) {
            return std::find(filter.tags.begin(), filter.tags.end(), t) != filter.tags.end();
          }))
        return false;
    }
    return std::all_of(words.begin(), words.end(), [&](const auto& w) { return mentions(e, w); });
  };
  std::vector<event_index> out;
  if (windowed) {
    for (auto e : candidates)
      if (keep(e)) out.push_back(e);
  } else {
    for (auto e : g.by_time())
      if (keep(e)) out.push_back(e);
  }
  return out;
}

story_stats compute_stats(const event_graph& g, std::size_t top) {
  const story& s = g.source();
  story_stats out;
  out.events = s.events.size();
  out.actors = s.actors.size();
  out.relations = g.relation_count();
  std::map<std::string, std::size_t> kinds;
  std::vector<std::int64_t> latencies;
  for (event_index i = 0; i < s.events.size(); ++i) {
    const event e = s.events[i];
    const event_time time = e.time();
    ++kinds[std::string(e.kind())];
    for (const auto& r : e.relations()) {
      ++out.relations_by_type[static_cast<std::size_t>(r.type)];
      if (!is_response(r.type)) continue;
      if (auto lat = response_latency(s.events[r.target].time(), time))
        latencies.push_back(lat->typical);
    }
    auto earlier = [&](event_index a, event_index b) {  // ties: the time index decides
      return s.events[a].time().earliest < s.events[b].time().earliest ||
             (s.events[a].time().earliest == s.events[b].time().earliest &&
              g.time_rank(a) < g.time_rank(b));
    };
    auto later_end = [&](event_index a, event_index b) {
      return s.events[a].time().latest > s.events[b].time().latest ||
             (s.events[a].time().latest == s.events[b].time().latest &&
              g.time_rank(a) < g.time_rank(b));
    };
    if (!time.open_start && (!out.first || earlier(i, *out.first))) out.first = i;
    if (!time.open_end && (!out.last || later_end(i, *out.last))) out.last = i;
  }
  out.events_by_kind.assign(kinds.begin(), kinds.end());
  std::stable_sort(out.events_by_kind.begin(), out.events_by_kind.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });

  // Responses per event; the most answered, ties oldest first.
  std::vector<std::pair<event_index, std::size_t>> answered;
  for (auto e : g.by_time()) {
    std::size_t n = 0;
    for (const auto& link : g.responses(e)) n += is_response(link.type) ? 1 : 0;
    if (n == 0)
      out.unanswered_events.push_back(e);
    else
      answered.emplace_back(e, n);
  }
  out.unanswered = out.unanswered_events.size();
  const std::size_t keep = std::min(top, answered.size());
  std::partial_sort(answered.begin(), answered.begin() + static_cast<std::ptrdiff_t>(keep),
                    answered.end(), [&](const auto& a, const auto& b) {
                      if (a.second != b.second) return a.second > b.second;
                      return g.time_rank(a.first) < g.time_rank(b.first);
                    });
  answered.resize(keep);
  out.most_answered = std::move(answered);

  // Longest response chain: dynamic programming in topological order (answered events first).
  const auto order = g.topological_order();
  std::vector<std::uint32_t> length(s.events.size(), 1);
  std::vector<event_index> previous(s.events.size(), UINT32_MAX);
  std::optional<event_index> best;
  for (auto e : order) {
    for (const auto& link : g.targets(e)) {
      if (!is_response(link.type)) continue;
      const std::uint32_t candidate = length[link.event] + 1;
      if (candidate > length[e] || (candidate == length[e] && previous[e] != UINT32_MAX &&
                                    g.time_rank(link.event) < g.time_rank(previous[e]))) {
        length[e] = candidate;
        previous[e] = link.event;
      }
    }
  }
  for (event_index e = 0; e < s.events.size(); ++e)
    if (!best || length[e] > length[*best] ||
        (length[e] == length[*best] && g.time_rank(e) < g.time_rank(*best)))
      best = e;
  if (best && length[*best] > 1) {
    for (event_index e = *best; e != UINT32_MAX; e = previous[e]) out.longest_chain.push_back(e);
    std::reverse(out.longest_chain.begin(), out.longest_chain.end());
  }

  // Latency distribution.
  auto& lat = out.latencies;
  lat.count = latencies.size();
  if (!latencies.empty()) {
    std::sort(latencies.begin(), latencies.end());
    auto at = [&](std::size_t percent) {  // nearest rank: the smallest value with >= q below
      return latencies[(percent * latencies.size() + 99) / 100 - 1];
    };
    lat.min = latencies.front();
    lat.p25 = at(25);
    const std::size_t m = latencies.size() / 2;  // as for actor rows: mean of the middle two
    lat.median = latencies.size() % 2 == 1 ? latencies[m] : (latencies[m - 1] + latencies[m]) / 2;
    lat.p75 = at(75);
    lat.p90 = at(90);
    lat.max = latencies.back();
    constexpr std::array<std::int64_t, 5> limits = {3600, 86400, 7 * 86400, 30 * 86400,
                                                    365 * 86400};
    for (auto v : latencies) {
      std::size_t b = 0;
      while (b < limits.size() && v >= limits[b]) ++b;
      ++lat.buckets[b];
    }
  }
  return out;
}

}  // namespace eventgraph
