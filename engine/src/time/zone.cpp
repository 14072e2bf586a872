#include "time/zone.hpp"

#include <date/tz.h>

#include <string>
#include <vector>

namespace eventgraph::detail {

bool is_host_dependent_zone(std::string_view name) {
  // Every IANA zone and link name is made of parts that begin with a capital letter
  // ("America/Argentina/Buenos_Aires", "Etc/GMT+5"); the tzdata directory also holds
  // `localtime` (a link to the host's /etc/localtime), `posixrules`, `posix/...` and `right/...`.
  std::size_t begin = 0;
  for (;;) {
    if (begin >= name.size() || name[begin] < 'A' || name[begin] > 'Z') return true;
    const std::size_t slash = name.find('/', begin);
    if (slash == std::string_view::npos) return false;
    begin = slash + 1;
  }
}

zone_ref find_zone(std::string_view name) {
  if (name.empty() || name == "UTC") return {true, nullptr};
  if (is_host_dependent_zone(name)) return {false, nullptr};
  struct entry {
    std::string name;
    zone_ref zone;
  };
  thread_local std::vector<entry> cache;
  for (const auto& e : cache)
    if (e.name == name) return e.zone;
  zone_ref found;
  try {
    found = {true, date::locate_zone(name)};
  } catch (...) {  // unknown name, or no tz database at all
    found = {false, nullptr};
  }
  if (cache.size() >= 64) cache.clear();  // a flood of distinct names must not grow without end
  cache.push_back({std::string(name), found});
  return found;
}

}  // namespace eventgraph::detail
