#include "words.hpp"

#include <fmt/format.h>

namespace eventgraph::cli {

std::string counted(std::size_t n, std::string_view singular, std::string_view plural) {
  if (n == 1) return fmt::format("1 {}", singular);
  if (plural.empty()) return fmt::format("{} {}s", n, singular);
  return fmt::format("{} {}", n, plural);
}

}  // namespace eventgraph::cli
