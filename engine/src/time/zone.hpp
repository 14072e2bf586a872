#pragma once
// The one zone lookup: every reader, renderer and export resolves zone names here.

#include <string_view>

namespace date {
class time_zone;
}

namespace eventgraph::detail {

/// A zone name resolved: `tz == nullptr` with `known` is UTC (the fast path).
struct zone_ref {
  bool known = false;
  const date::time_zone* tz = nullptr;
};

/// Looks `name` up in the system tz database, cached per thread (the loader resolves a million
/// dates against a few zones). "" and "UTC" are UTC. Names the host decides (`localtime`,
/// `posixrules`, `posix/...`, paths) are unknown: a story must mean the same on every machine.
///
///     find_zone("America/Los_Angeles").tz->get_info(t)
[[nodiscard]] zone_ref find_zone(std::string_view name);

/// True for names whose meaning depends on the host: `localtime` follows /etc/localtime.
[[nodiscard]] bool is_host_dependent_zone(std::string_view name);

}  // namespace eventgraph::detail
