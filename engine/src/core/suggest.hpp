#pragma once
// "Did you mean" support: the closest of a set of names to a misspelt one.

#include <algorithm>
#include <string_view>
#include <vector>

namespace eventgraph::detail {

/// Levenshtein distance with one row of memory; names are short.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

/// How far a name may be from a suggestion: a third of its length, at least 2.
inline std::size_t suggestion_threshold(std::string_view name) {
  return std::max<std::size_t>(2, name.size() / 3);
}

/// True when `candidate` is close enough to `name` to suggest; cheap length check first.
inline bool close_enough(std::string_view name, std::string_view candidate, std::size_t& distance) {
  const std::size_t threshold = suggestion_threshold(name);
  const std::size_t length_gap = name.size() > candidate.size() ? name.size() - candidate.size()
                                                                : candidate.size() - name.size();
  if (length_gap > threshold) return false;
  distance = edit_distance(name, candidate);
  return distance <= threshold;
}

}  // namespace eventgraph::detail
