#pragma once
// Source keys ("x:1050118621198921728", "mid:<id@host>") to the index of their record in the
// collector. Open addressing over one word per slot (a 32-bit tag of the key's hash and the
// index): a lookup among a million keys is one probe of a flat array and, when the tag
// matches, one comparison. std::unordered_map chased a node per key and was the largest
// single cost of a million-row CSV import (14%).

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/event_table.hpp"

namespace eventgraph::detail {

class key_index {
 public:
  /// The index whose key (`key_of(index)`) equals `key`.
  template <typename KeyOf>
  [[nodiscard]] std::optional<std::uint32_t> find(std::string_view key, KeyOf&& key_of) const {
    if (slots_.empty()) return std::nullopt;
    const std::uint64_t h = hash_id(key);
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t slot = h & mask(); slots_[slot] != 0; slot = (slot + 1) & mask()) {
      const std::uint64_t entry = slots_[slot];
      if (static_cast<std::uint32_t>(entry >> 32) != tag) continue;
      const auto index = static_cast<std::uint32_t>(entry) - 1;
      if (same_id(key_of(index), key)) return index;
    }
    return std::nullopt;
  }

  /// Adds `index` under its key, which find() does not hold yet.
  template <typename KeyOf>
  void insert(std::uint32_t index, KeyOf&& key_of) {
    if (2 * (size_ + 1) > slots_.size()) grow(key_of);
    place(hash_id(key_of(index)), index);
    ++size_;
  }

  [[nodiscard]] std::size_t size() const { return size_; }

 private:
  [[nodiscard]] std::size_t mask() const { return slots_.size() - 1; }

  void place(std::uint64_t h, std::uint32_t index) {
    std::size_t slot = h & mask();
    while (slots_[slot] != 0) slot = (slot + 1) & mask();
    slots_[slot] = (h >> 32 << 32) | (std::uint64_t{index} + 1);
  }

  /// Twice the slots (a power of two, at most half full), every key placed again.
  template <typename KeyOf>
  void grow(KeyOf& key_of) {
    std::vector<std::uint64_t> old = std::exchange(slots_, {});
    slots_.assign(old.empty() ? 1024 : 2 * old.size(), 0);
    for (const std::uint64_t entry : old)
      if (entry != 0) {
        const auto index = static_cast<std::uint32_t>(entry) - 1;
        place(hash_id(key_of(index)), index);
      }
  }

  std::vector<std::uint64_t> slots_;  ///< (tag << 32) | (index + 1); 0 = empty
  std::size_t size_ = 0;
};

}  // namespace eventgraph::detail
