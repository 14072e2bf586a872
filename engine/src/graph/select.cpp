// What a view keeps (select_events) and the story of just that (sub_story): the one
// implementation behind render's and export's --from/--actor/--around/--path...

#include <algorithm>
#include <vector>

#include "eventgraph/query.hpp"

namespace eventgraph {

std::vector<event_index> select_events(const event_graph& g, const view_selection& v) {
  std::vector<event_index> kept = find_events(g, v.filter);
  std::vector<event_index> focus;
  if (v.around) {
    const chain_result c = chain(g, *v.around, v.around_options);
    focus.push_back(c.root);
    for (const auto* tree : {&c.down, &c.up})
      for (const chain_entry& entry : *tree) focus.push_back(entry.event);
  } else if (v.path_from && v.path_to) {
    const event_index from[] = {*v.path_from}, to[] = {*v.path_to};
    for (const path_step& step : find_path(g, from, to, v.path)) focus.push_back(step.event);
  } else {
    return kept;
  }
  std::sort(focus.begin(), focus.end());
  focus.erase(std::unique(focus.begin(), focus.end()), focus.end());
  std::vector<event_index> both;
  std::set_intersection(kept.begin(), kept.end(), focus.begin(), focus.end(),
                        std::back_inserter(both));
  return both;
}

story_part sub_story(const story& s, std::span<const event_index> events) {
  story_part part;
  story& out = part.kept;
  out.title = s.title;
  out.description = s.description;
  out.notes = s.notes;
  out.timezone = s.timezone;
  out.sources = s.sources;
  out.files = s.files;
  constexpr event_index none = UINT32_MAX;
  std::vector<event_index> new_event(s.events.size(), none);
  for (std::size_t i = 0; i < events.size(); ++i)
    new_event[events[i]] = static_cast<event_index>(i);
  // The actors the kept events name, then the groups they belong to (a worklist, no
  // recursion), each in the story's order.
  std::vector<bool> used(s.actors.size(), false);
  std::vector<actor_index> work;
  auto use = [&](actor_index a) {
    if (!used[a]) used[a] = true, work.push_back(a);
  };
  for (const event_index e : events) {
    const event ev = s.events[e];
    for (const actor_index a : ev.actors()) use(a);
    for (const actor_index a : ev.addressees()) use(a);
    for (const quote& q : ev.quotes())
      if (q.by) use(*q.by);
  }
  while (!work.empty()) {
    const actor_index a = work.back();
    work.pop_back();
    for (const actor_index group : s.actors[a].member_of) use(group);
  }
  std::vector<actor_index> new_actor(s.actors.size(), 0);
  for (std::size_t a = 0; a < s.actors.size(); ++a) {
    if (!used[a]) {
      ++part.actors_left_out;
      continue;
    }
    new_actor[a] = static_cast<actor_index>(out.actors.size());
    out.actors.push_back(s.actors[a]);
  }
  for (actor& a : out.actors)
    for (actor_index& group : a.member_of) group = new_actor[group];
  std::size_t relations = 0, kept_relations = 0;
  for (const event e : s.events) relations += e.relations().size();
  for (const event_index e : events) {
    event_record r = s.events[e].record();
    for (actor_index& a : r.actors) a = new_actor[a];
    for (actor_index& a : r.addressees) a = new_actor[a];
    for (quote& q : r.quotes)
      if (q.by) q.by = new_actor[*q.by];
    std::erase_if(r.relations,
                  [&](const relation_record& rel) { return new_event[rel.target] == none; });
    for (relation_record& rel : r.relations) rel.target = new_event[rel.target];
    kept_relations += r.relations.size();
    out.add_event(r);
  }
  out.finish();
  part.events_left_out = s.events.size() - events.size();
  part.relations_left_out = relations - kept_relations;
  return part;
}

}  // namespace eventgraph
