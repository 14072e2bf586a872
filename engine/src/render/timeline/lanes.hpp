#pragma once
// The lanes stage of the timeline's layout (lanes.cpp), for timeline_layout.cpp.

#include <cstdint>
#include <limits>
#include <vector>

#include "render/timeline/timeline_layout.hpp"

namespace eventgraph::detail::timeline {

inline constexpr std::uint32_t no_lane = std::numeric_limits<std::uint32_t>::max();

/// Lanes: actors (or their top organizations) that have events, in file order, and one for
/// events without actors.
struct lane_plan {
  std::vector<actor_index> owner;            ///< per actor: lane_owner
  std::vector<actor_index> lane_actor;       ///< per lane but the unattributed one
  std::vector<std::uint32_t> lane_of_actor;  ///< per actor, or no_lane
  std::uint32_t count = 0;
};

/// The lanes of a story: its actors (with lane_grouping::organization their top organizations)
/// that have events, in file order, and one for events without actors.
[[nodiscard]] lane_plan plan_lanes(const story& s, lane_grouping grouping);

/// Lane labels, roles (or members) wrapped to the gutter; returns the gutter's width, at most
/// max_gutter.
double label_lanes(const story& s, const lane_plan& p, lane_grouping grouping, const metrics& m,
                   std::vector<lane>& lanes);

}  // namespace eventgraph::detail::timeline
