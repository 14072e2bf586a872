#include "eventgraph/model.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <utility>

#include "suggest.hpp"

namespace eventgraph {
namespace {

constexpr std::array<std::string_view, relation_type_count> relation_names = {
    "responds-to", "rebuts", "supports", "follows-up", "repeats", "cites", "part-of"};
constexpr std::array<std::string_view, 4> actor_kind_names = {"person", "organization", "office",
                                                              "group"};

}  // namespace

std::string_view to_string(relation_type type) {
  return relation_names[static_cast<std::size_t>(type)];
}

std::optional<relation_type> parse_relation_type(std::string_view text) {
  for (std::size_t i = 0; i < relation_names.size(); ++i)
    if (relation_names[i] == text) return static_cast<relation_type>(i);
  return std::nullopt;
}

bool is_response(relation_type type) {
  return type != relation_type::cites && type != relation_type::part_of;
}

std::string_view to_string(actor_kind kind) {
  return actor_kind_names[static_cast<std::size_t>(kind)];
}

std::optional<actor_kind> parse_actor_kind(std::string_view text) {
  for (std::size_t i = 0; i < actor_kind_names.size(); ++i)
    if (actor_kind_names[i] == text) return static_cast<actor_kind>(i);
  return std::nullopt;
}

void story::reindex() {
  event_ids_.clear();
  actor_ids_.clear();
  event_ids_.reserve(events.size());
  actor_ids_.reserve(actors.size());
  for (std::size_t i = 0; i < events.size(); ++i)
    event_ids_.emplace(events[i].id, static_cast<event_index>(i));
  for (std::size_t i = 0; i < actors.size(); ++i)
    actor_ids_.emplace(actors[i].id, static_cast<actor_index>(i));
}

std::optional<event_index> story::find_event(std::string_view id) const {
  if (auto it = event_ids_.find(id); it != event_ids_.end()) return it->second;
  return std::nullopt;
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
    if (std::size_t d = 0; detail::close_enough(id, candidate, d))
      scored.emplace_back(d, candidate);
  };
  if (kind != id_kind::event)
    for (const auto& a : actors) consider(a.id);
  if (kind != id_kind::actor)
    for (const auto& e : events) consider(e.id);
  std::sort(scored.begin(), scored.end());
  scored.erase(std::unique(scored.begin(), scored.end()), scored.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && out.size() < limit; ++i)
    out.emplace_back(scored[i].second);
  return out;
}

std::vector<event_index> chronological_order(const story& s) {
  std::vector<event_index> order(s.events.size());
  std::iota(order.begin(), order.end(), event_index{0});
  std::sort(order.begin(), order.end(), [&](event_index a, event_index b) {
    const event& x = s.events[a];
    const event& y = s.events[b];
    if (x.time.earliest != y.time.earliest) return x.time.earliest < y.time.earliest;
    if (x.time.latest != y.time.latest) return x.time.latest < y.time.latest;
    return x.id < y.id;
  });
  return order;
}

}  // namespace eventgraph
