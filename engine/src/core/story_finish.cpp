// A story's last step: events in time order, and the actor id index.

#include "eventgraph/model.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "core/event_table.hpp"
#include "core/suggest.hpp"

namespace eventgraph {

namespace {

/// Event indexes by earliest instant, then latest, ties in the order added. Bulk data comes
/// nearly in that order (sorted by date, but a day- or month-dated event starts before the
/// timed events of its day): the events already in order are kept as one run, only the rest
/// is sorted, then the two are merged.
std::vector<event_index> time_order(const event_table::impl& d) {
  const auto n = static_cast<event_index>(d.size());
  struct key {
    std::int64_t earliest, latest;
    event_index index;
    bool operator<(const key& other) const {
      if (earliest != other.earliest) return earliest < other.earliest;
      if (latest != other.latest) return latest < other.latest;
      return index < other.index;
    }
  };
  auto key_of = [&](event_index i) { return key{d.earliest[i], d.latest(i), i}; };
  // The run keeps indexes only (its keys are in the columns); the rest keeps its keys to sort.
  std::vector<event_index> order(n);
  std::vector<key> rest;
  event_index run_size = 0;
  key last{};
  for (event_index i = 0; i < n; ++i) {
    const key k = key_of(i);
    if (run_size == 0 || !(k < last)) {
      order[run_size++] = i;
      last = k;
    } else {
      rest.push_back(k);
    }
  }
  if (rest.empty()) return order;
  std::sort(rest.begin(), rest.end());  // keys are distinct (the index): no stability needed
  // Merge from the back, in place: the run occupies the front of `order`.
  std::size_t a = run_size, b = rest.size(), out = n;
  while (b > 0) {
    if (a > 0 && rest[b - 1] < key_of(order[a - 1]))
      order[--out] = order[--a];
    else
      order[--out] = rest[--b].index;
  }
  return order;
}

}  // namespace

std::vector<event_index> story::finish() {
  auto& d = *events.impl_;
  const auto n = static_cast<event_index>(d.size());
  if (d.ids_indexed < n) d.index_ids();  // the compact index is built from the loading one
  // By earliest instant, then latest; ties keep the order written (events of one day stay in
  // the order the author listed them).
  const std::vector<event_index> order = time_order(d);
  std::vector<event_index> new_index(n);
  bool moved = false;
  for (event_index i = 0; i < n; ++i) {
    new_index[order[i]] = i;
    moved = moved || order[i] != i;
  }
  if (!moved) {
    finish_in_place();
    events.impl_->rebuild_id_index(new_index);
    index_actor_ids();
    return new_index;
  }

  // Rebuild every column in the new order: exact sizes, no spare capacity.
  event_table::impl out;
  out.kinds = std::move(d.kinds);
  out.zones = std::move(d.zones);
  out.tags = std::move(d.tags);
  out.text_payload = d.text_payload;
  out.duplicate_ids = d.duplicate_ids;
  out.load_slots = std::move(d.load_slots);  // by tag and old index: rebuilt below
  out.id_slots = std::move(d.id_slots);
  auto gather = [&](auto& to, const auto& from) {
    to.resize(n);
    for (event_index i = 0; i < n; ++i) to[i] = from[order[i]];
  };
  gather(out.earliest, d.earliest);
  gather(out.span, d.span);
  gather(out.flags, d.flags);
  gather(out.actor, d.actor);
  // The text stays where it is when offsets from its start fit in 32 bits (under 4 GiB of
  // text): only the offsets move. Beyond that, it is copied in the new order.
  constexpr std::size_t block = event_table::impl::text_block;
  auto old_offset = [&](event_index e) { return d.text_base[e / block] + d.text_offset[e]; };
  out.text_offset.resize(n);
  if (d.text.size() <= UINT32_MAX) {
    out.text_base.assign((n + block - 1) / block, 0);  // add() may append after it
    for (event_index i = 0; i < n; ++i)
      out.text_offset[i] = static_cast<std::uint32_t>(old_offset(order[i]));
    d.text.shrink_to_fit();
    out.text = std::move(d.text);
  } else {
    out.text_base.reserve(n / block + 1);
    out.text.reserve(d.text.size());
    for (event_index i = 0; i < n; ++i) {
      const event_index old = order[i];
      if (i % block == 0) out.text_base.push_back(out.text.size());
      out.text_offset[i] = static_cast<std::uint32_t>(out.text.size() - out.text_base.back());
      // The encoded text of `old` runs to the next event's start (or the arena's end).
      const std::size_t from = old_offset(old);
      const std::size_t to = old + 1 < n ? old_offset(old + 1) : d.text.size();
      out.text.append(d.text.data() + from, to - from);
    }
  }
  for (event_index i = 0; i < n; ++i)
    if (out.flags[i] & event_table::impl::long_span)
      out.long_latest.emplace_back(i, d.latest(order[i]));

  out.relation_begin.resize(n + 1);
  out.relation_begin[0] = 0;
  for (event_index i = 0; i < n; ++i)
    out.relation_begin[i + 1] =
        out.relation_begin[i] + d.relation_begin[order[i] + 1] - d.relation_begin[order[i]];
  out.relation_target.resize(d.relation_target.size());
  out.relation_kind.resize(d.relation_kind.size());
  struct link {
    event_index target;
    relation_type type;
    std::uint32_t written;  // position as written, for the notes
  };
  std::vector<link> links;
  for (event_index i = 0; i < n; ++i) {
    const event_index old = order[i];
    // An event's relations, oldest target first (then by type), notes alongside.
    const std::uint32_t first = d.relation_begin[old], count = d.relation_begin[old + 1] - first;
    const std::uint32_t at = out.relation_begin[i];
    if (count == 1) {
      out.relation_target[at] = new_index[d.relation_target[first]];
      out.relation_kind[at] = d.relation_kind[first];
    } else if (count > 1) {
      links.clear();
      for (std::uint32_t r = 0; r < count; ++r)
        links.push_back({new_index[d.relation_target[first + r]], d.relation_kind[first + r], r});
      std::sort(links.begin(), links.end(), [](const link& a, const link& b) {
        return a.target != b.target ? a.target < b.target : a.type < b.type;
      });
      for (std::uint32_t r = 0; r < count; ++r) {
        out.relation_target[at + r] = links[r].target;
        out.relation_kind[at + r] = links[r].type;
      }
    }
    if (d.flags[old] & event_table::impl::many_actors)
      out.many_actors_of.add(i, d.many_actors_of.of(old));
    if (d.flags[old] & event_table::impl::has_addressees)
      out.addressees_of.add(i, d.addressees_of.of(old));
    if (d.flags[old] & event_table::impl::has_details) {
      out.details_owner.push_back(i);
      out.details.push_back(std::move(d.details[static_cast<std::size_t>(
          std::lower_bound(d.details_owner.begin(), d.details_owner.end(), old) -
          d.details_owner.begin())]));
      if (auto& written = out.details.back()->relation_notes; !written.empty()) {
        std::vector<std::string> by_target(written.size());
        for (std::size_t r = 0; r < written.size(); ++r)
          by_target[r] = std::move(written[count > 1 ? links[r].written : r]);
        written = std::move(by_target);
      }
    }
  }
  out.long_latest.shrink_to_fit();
  out.details_owner.shrink_to_fit();
  out.details.shrink_to_fit();
  *events.impl_ = std::move(out);
  events.impl_->rebuild_id_index(new_index);
  index_actor_ids();
  return new_index;
}

void story::finish_in_place() {
  auto& d = *events.impl_;
  // Each event's relations, oldest target first (then by type), notes alongside. Most events
  // have one or two, already in order.
  struct link {
    event_index target;
    relation_type type;
    std::uint32_t written;
  };
  auto link_before = [](const link& a, const link& b) {
    return a.target != b.target ? a.target < b.target : a.type < b.type;
  };
  std::vector<link> links;
  for (event_index e = 0; e < d.size(); ++e) {
    const std::uint32_t first = d.relation_begin[e], last = d.relation_begin[e + 1];
    bool sorted = true;
    for (std::uint32_t r = first + 1; r < last && sorted; ++r)
      sorted = !link_before({d.relation_target[r], d.relation_kind[r], 0},
                            {d.relation_target[r - 1], d.relation_kind[r - 1], 0});
    if (sorted) continue;
    links.clear();
    for (std::uint32_t r = first; r < last; ++r)
      links.push_back({d.relation_target[r], d.relation_kind[r], r - first});
    std::sort(links.begin(), links.end(), link_before);
    for (std::uint32_t r = first; r < last; ++r) {
      d.relation_target[r] = links[r - first].target;
      d.relation_kind[r] = links[r - first].type;
    }
    if (d.flags[e] & event_table::impl::has_details) {
      if (auto& written = d.details_for(e).relation_notes; !written.empty()) {
        std::vector<std::string> by_target(written.size());
        for (std::size_t r = 0; r < links.size(); ++r)
          by_target[r] = std::move(written[links[r].written]);
        written = std::move(by_target);
      }
    }
  }
  // Give back what a load reserved and did not use: the text arena is sized for the whole
  // input (realloc shrinks it in place); a column is copied only when much is spare.
  d.text.shrink_to_fit();
  auto trim = [](auto& column) {
    if (column.capacity() - column.size() > column.size() / 8 + 64) column.shrink_to_fit();
  };
  trim(d.earliest);
  trim(d.span);
  trim(d.flags);
  trim(d.text_offset);
  trim(d.actor);
  trim(d.relation_begin);
  trim(d.relation_target);
  trim(d.relation_kind);
  trim(d.text_base);
  trim(d.long_latest);
  trim(d.details_owner);
  trim(d.details);
}

void story::index_actor_ids() {
  actor_ids_.clear();
  actor_ids_.reserve(actors.size());
  for (std::size_t i = 0; i < actors.size(); ++i)
    actor_ids_.emplace(actors[i].id, static_cast<actor_index>(i));
}

std::optional<actor_index> story::find_actor(std::string_view id) const {
  if (auto it = actor_ids_.find(id); it != actor_ids_.end()) return it->second;
  return std::nullopt;
}

std::vector<std::string> story::closest_ids(std::string_view id, id_kind kind,
                                            std::size_t limit) const {
  // Linear in the number of ids: called once per unknown id, never per event.
  std::vector<std::pair<std::size_t, std::string_view>> scored;
  auto consider = [&](std::string_view candidate) {
    // An id typed short ("musk-offer" for "musk-offer-letter") is as close as a typo.
    if (id.size() >= 3 && candidate.size() > id.size() && candidate.starts_with(id))
      scored.emplace_back(1, candidate);
    else if (std::size_t d = 0; detail::close_enough(id, candidate, d))
      scored.emplace_back(d, candidate);
  };
  if (kind != id_kind::event)
    for (const auto& a : actors) consider(a.id);
  if (kind != id_kind::actor)
    for (const event e : events) consider(e.id());
  std::sort(scored.begin(), scored.end());
  scored.erase(std::unique(scored.begin(), scored.end()), scored.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && out.size() < limit; ++i)
    out.emplace_back(scored[i].second);
  return out;
}

}  // namespace eventgraph
