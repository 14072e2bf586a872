#pragma once
// Counts in messages, so they read as English: "1 event", "2 events".

#include <cstddef>
#include <string>
#include <string_view>

namespace eventgraph::cli {

/// `n` and its noun, singular for 1: the plural adds "s" unless given.
///
///     counted(1, "relation")  // "1 relation"
///     counted(2, "reply", "replies")  // "2 replies"
[[nodiscard]] std::string counted(std::size_t n, std::string_view singular,
                                  std::string_view plural = {});

}  // namespace eventgraph::cli
