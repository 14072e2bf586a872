// The lanes of the native timeline: which actor's (or organization's) events each holds, and
// their labels in the gutter.

#include "render/timeline/lanes.hpp"

#include <algorithm>
#include <numeric>

namespace eventgraph::detail::timeline {

// ---------------------------------------------------------------------------------------------
// Lanes

std::vector<actor_index> lane_owner(const story& s, lane_grouping grouping) {
  const auto n = static_cast<actor_index>(s.actors.size());
  std::vector<actor_index> owner(n);
  std::iota(owner.begin(), owner.end(), actor_index{0});
  if (grouping != lane_grouping::organization) return owner;
  // Follow first parents upward; memoized, iterative, cycle-safe (a visit stamp per start).
  constexpr actor_index unknown = std::numeric_limits<actor_index>::max();
  std::vector<actor_index> memo(n, unknown);
  std::vector<actor_index> stamp(n, unknown);
  std::vector<actor_index> path;
  for (actor_index a = 0; a < n; ++a) {
    if (memo[a] != unknown) continue;
    path.clear();
    actor_index cur = a;
    actor_index root = unknown;
    while (true) {
      if (memo[cur] != unknown) {
        root = memo[cur];
        break;
      }
      if (stamp[cur] == a) {  // a cycle: stop at the actor that closes it
        root = cur;
        break;
      }
      stamp[cur] = a;
      path.push_back(cur);
      const auto& parents = s.actors[cur].member_of;
      if (parents.empty() || parents.front() >= n) {
        root = cur;
        break;
      }
      cur = parents.front();
    }
    for (actor_index p : path) memo[p] = root;
  }
  return memo;
}

lane_plan plan_lanes(const story& s, lane_grouping grouping) {
  lane_plan p;
  p.owner = lane_owner(s, grouping);
  std::vector<bool> used(s.actors.size(), false);
  bool unattributed = false;
  for (const event e : s.events) {
    if (e.actors().empty()) unattributed = true;
    for (actor_index a : e.actors())
      if (a < s.actors.size()) used[p.owner[a]] = true;
  }
  for (actor_index a = 0; a < s.actors.size(); ++a)
    if (used[a]) p.lane_actor.push_back(a);
  std::vector<std::uint32_t> lane_of_owner(s.actors.size(), no_lane);
  for (std::uint32_t l = 0; l < p.lane_actor.size(); ++l) lane_of_owner[p.lane_actor[l]] = l;
  p.lane_of_actor.resize(s.actors.size());
  for (actor_index a = 0; a < s.actors.size(); ++a) p.lane_of_actor[a] = lane_of_owner[p.owner[a]];
  p.count = static_cast<std::uint32_t>(p.lane_actor.size() + (unattributed ? 1 : 0));
  return p;
}

namespace {

/// Organization lanes: the members whose events are in the lane, in file order.
void describe_members(const story& s, const lane_plan& p, std::vector<lane>& lanes) {
  std::vector<std::vector<std::string_view>> members(p.count);
  std::vector<bool> seen(s.actors.size(), false);
  for (const event e : s.events)
    for (actor_index a : e.actors())
      if (a < s.actors.size() && !seen[a]) seen[a] = true;
  for (actor_index a = 0; a < s.actors.size(); ++a)
    if (seen[a] && p.owner[a] != a && p.lane_of_actor[a] != no_lane)
      members[p.lane_of_actor[a]].push_back(s.actors[a].name);
  for (std::uint32_t l = 0; l < p.lane_actor.size(); ++l) {
    if (members[l].empty()) continue;
    std::string d;
    for (auto name : members[l]) d += (d.empty() ? "" : ", ") + std::string(name);
    lanes[l].detail = d;
  }
}

}  // namespace

/// Lane labels, and the gutter they need (at most max_gutter).
double label_lanes(const story& s, const lane_plan& p, lane_grouping grouping, const metrics& m,
                   std::vector<lane>& lanes) {
  lanes.resize(p.count);
  double gutter_text = 60;
  for (std::uint32_t l = 0; l < p.count; ++l) {
    lane& ln = lanes[l];
    ln.colour = l;
    if (l < p.lane_actor.size()) {
      const actor& a = s.actors[p.lane_actor[l]];
      ln.label = a.name.empty() ? a.id : a.name;
      ln.detail = a.role;
    } else {
      ln.label = "Unattributed";
    }
    gutter_text = std::max(gutter_text, text_width(ln.label, lane_label_font, true));
  }
  // Roles get two lines: room for half of the longest (the wrap at spaces needs a little more).
  for (const lane& ln : lanes)
    gutter_text = std::max(gutter_text, 0.6 * text_width(ln.detail, lane_detail_font));
  if (grouping == lane_grouping::organization) describe_members(s, p, lanes);
  const double gutter = std::min(m.max_gutter, gutter_text + 24);
  for (lane& ln : lanes) {
    // A narrow drawing's narrow gutter gives names a third line ("Department of Homeland /
    // Security (DHS)" needs it at 600 px).
    ln.label_lines =
        wrap_text(ln.label, lane_label_font, gutter - 20, m.max_label_lines > 2 ? 3 : 2, true);
    // A role is wrapped, not cut at one line: "Office of California Governor Gavin Newsom".
    if (!ln.detail.empty())
      ln.detail_lines =
          wrap_text(ln.detail, lane_detail_font, gutter - 20, m.max_label_lines > 2 ? 3 : 2);
  }
  return gutter;
}

}  // namespace eventgraph::detail::timeline
