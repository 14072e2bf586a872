// The event table's id index: tagged slots while loading, compact slots once finished.

#include "eventgraph/model.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "core/event_table.hpp"
#include "core/suggest.hpp"

namespace eventgraph {

namespace {

/// Slot of a 32-bit tag in a table of `capacity` slots (Lemire's multiply-shift).
std::size_t tag_slot(std::uint32_t tag, std::size_t capacity) {
  return static_cast<std::size_t>((std::uint64_t{tag} * capacity) >> 32);
}

std::uint32_t tag_of(std::uint64_t hash) {
  return static_cast<std::uint32_t>(hash >> 32);
}

}  // namespace

void event_table::impl::reserve(std::size_t n, std::size_t text_bytes) {
  text.reserve(text_bytes);
  earliest.reserve(n);
  span.reserve(n);
  flags.reserve(n);
  text_offset.reserve(n);
  actor.reserve(n);
  relation_begin.reserve(n + 1);
  if (load_slots.size() < 2 * n) grow_load_slots(2 * n);
}

void event_table::impl::grow_load_slots(std::size_t capacity) {
  // Slots hold (tag << 32) | (index + 1): the tag settles most probes without reading the
  // arena, and rehashing needs only the tags.
  std::vector<std::uint64_t> entries;
  if (!load_slots.empty()) {
    entries.assign(load_slots.begin(), load_slots.end());
  } else {
    // From the compact index (a finished table taking more events): hash every id again.
    for (event_index e = 0; e < size(); ++e) {
      const char* p = text_of(e);
      const std::string_view id = detail::read_text(p);
      if (find(id) == e)
        entries.push_back((std::uint64_t{tag_of(detail::hash_id(id))} << 32) | (e + 1));
    }
    id_slots = {};
  }
  load_slots = detail::slot_table<std::uint64_t>(std::max<std::size_t>(64, capacity));
  for (std::uint64_t entry : entries) {
    if (entry == 0) continue;
    for (std::size_t s = tag_slot(static_cast<std::uint32_t>(entry >> 32), load_slots.size());;
         s = s + 1 == load_slots.size() ? 0 : s + 1)
      if (load_slots[s] == 0) {
        load_slots[s] = entry;
        break;
      }
  }
}

void event_table::impl::insert_id(event_index e, std::string_view id) {
  if ((size() + 1) * 2 > load_slots.size())
    grow_load_slots(std::max(load_slots.size() * 2, (size() + 1) * 2));
  insert_tagged(e, id, tag_of(detail::hash_id(id)));
}

void event_table::impl::insert_tagged(event_index e, std::string_view id, std::uint32_t tag) {
  for (std::size_t s = tag_slot(tag, load_slots.size());;
       s = s + 1 == load_slots.size() ? 0 : s + 1) {
    const std::uint64_t entry = load_slots[s];
    if (entry == 0) {
      load_slots[s] = (std::uint64_t{tag} << 32) | (e + 1);
      return;
    }
    if (static_cast<std::uint32_t>(entry >> 32) != tag) continue;
    const char* p = text_of(static_cast<event_index>(entry & 0xFFFFFFFFu) - 1);
    if (detail::same_id(detail::read_text(p), id)) {
      duplicate_ids = true;  // the first keeps the id
      return;
    }
  }
}

void event_table::impl::index_ids() {
  const auto n = static_cast<event_index>(size());
  if (std::size_t{n} * 2 > load_slots.size()) grow_load_slots(std::size_t{n} * 2);
  // In batches: hash a few ids and prefetch their slots, then insert them, so the cache misses
  // of one batch overlap instead of following each other.
  constexpr event_index batch = 16;
  std::array<std::uint32_t, batch> id_tags{};
  std::array<std::string_view, batch> ids;
  for (event_index first = ids_indexed; first < n; first += batch) {
    const event_index count = std::min(batch, n - first);
    for (event_index k = 0; k < count; ++k) {
      const char* p = text_of(first + k);
      ids[k] = detail::read_text(p);
      id_tags[k] = tag_of(detail::hash_id(ids[k]));
      __builtin_prefetch(&load_slots[tag_slot(id_tags[k], load_slots.size())], 1);
    }
    for (event_index k = 0; k < count; ++k) insert_tagged(first + k, ids[k], id_tags[k]);
  }
  ids_indexed = n;
  defer_ids = false;
}

void event_table::impl::find_batch(std::span<const std::string_view> ids,
                                   std::span<event_index> out) const {
  if (load_slots.empty()) {
    for (std::size_t i = 0; i < ids.size(); ++i) out[i] = find(ids[i]).value_or(not_found);
    return;
  }
  // A pipeline, so memory waits overlap instead of following each other. Each lookup waits
  // for three reads at random: its slot, the candidate's text offset, the candidate's text.
  // Lookup i is hashed and its slot prefetched; i - d reads its slot and prefetches the
  // offset; i - 2d prefetches the text; i - 3d compares.
  constexpr std::size_t d = 8, ring = 32;  // ring > 3 * d, a power of two
  std::array<std::uint32_t, ring> id_tags{};
  std::array<std::size_t, ring> slots{};
  std::array<event_index, ring> candidates{};
  const std::size_t n = ids.size();
  for (std::size_t i = 0; i < n + 3 * d; ++i) {
    if (i < n) {
      const std::size_t k = i % ring;
      id_tags[k] = tag_of(detail::hash_id(ids[i]));
      slots[k] = tag_slot(id_tags[k], load_slots.size());
      __builtin_prefetch(&load_slots[slots[k]]);
    }
    if (i >= d && i - d < n) {
      const std::size_t k = (i - d) % ring;
      const std::uint64_t entry = load_slots[slots[k]];
      candidates[k] = entry != 0 && static_cast<std::uint32_t>(entry >> 32) == id_tags[k]
                          ? static_cast<event_index>(entry & 0xFFFFFFFFu) - 1
                          : not_found;
      if (candidates[k] != not_found) __builtin_prefetch(&text_offset[candidates[k]]);
    }
    if (i >= 2 * d && i - 2 * d < n) {
      const std::size_t k = (i - 2 * d) % ring;
      if (candidates[k] != not_found) __builtin_prefetch(text_of(candidates[k]));
    }
    if (i >= 3 * d) {
      // Usually the first slot holds the id; a collision probes on.
      const std::size_t j = i - 3 * d, k = j % ring;
      const event_index e = candidates[k];
      out[j] = e != not_found && detail::same_id(detail::read_text_at(text_of(e)), ids[j])
                   ? e
                   : find_tagged(ids[j], id_tags[k], slots[k]);
    }
  }
}

event_index event_table::impl::find_tagged(std::string_view id, std::uint32_t tag,
                                           std::size_t slot) const {
  for (std::size_t s = slot;; s = s + 1 == load_slots.size() ? 0 : s + 1) {
    const std::uint64_t entry = load_slots[s];
    if (entry == 0) return not_found;
    if (static_cast<std::uint32_t>(entry >> 32) != tag) continue;
    const auto e = static_cast<event_index>(entry & 0xFFFFFFFFu) - 1;
    const char* p = text_of(e);
    if (detail::same_id(detail::read_text(p), id)) return e;
  }
}

std::optional<event_index> event_table::impl::find(std::string_view id) const {
  const std::uint64_t hash = detail::hash_id(id);
  if (!load_slots.empty()) {
    const std::uint32_t tag = tag_of(hash);
    for (std::size_t s = tag_slot(tag, load_slots.size());;
         s = s + 1 == load_slots.size() ? 0 : s + 1) {
      const std::uint64_t entry = load_slots[s];
      if (entry == 0) return std::nullopt;
      if (static_cast<std::uint32_t>(entry >> 32) != tag) continue;
      const auto e = static_cast<event_index>(entry & 0xFFFFFFFFu) - 1;
      const char* p = text_of(e);
      if (detail::same_id(detail::read_text(p), id)) return e;
    }
  }
  if (id_slots.empty()) return std::nullopt;
  for (std::size_t s = tag_slot(tag_of(hash), id_slots.size());;
       s = s + 1 == id_slots.size() ? 0 : s + 1) {
    if (id_slots[s] == 0) return std::nullopt;
    const char* p = text_of(id_slots[s] - 1);
    if (detail::same_id(detail::read_text(p), id)) return id_slots[s] - 1;
  }
}

void event_table::impl::rebuild_id_index(std::span<const event_index> new_index) {
  // The compact index a finished story keeps: about 1.4 slots of 4 bytes per event, each id at
  // the slot its tag picks (as in the loading index), so no id is read or hashed again.
  if (load_slots.empty()) {
    // Already compact (finished before, nothing added since): the slots stay, renumbered.
    for (std::size_t s = 0; s < id_slots.size(); ++s)
      if (id_slots[s] != 0) id_slots[s] = new_index[id_slots[s] - 1] + 1;
    if (id_slots.empty()) id_slots = detail::slot_table<std::uint32_t>(16);
    return;
  }
  id_slots = {};
  id_slots = detail::slot_table<std::uint32_t>(std::max<std::size_t>(16, size() + size() * 2 / 5));
  // Every id is in the loading index once (a repeat never entered it, the first keeps the id),
  // with its tag. In batches, so the misses on random slots overlap.
  constexpr std::size_t batch = 16;
  std::array<std::size_t, batch> slots{};
  std::array<event_index, batch> events{};
  for (std::size_t first = 0; first < load_slots.size(); first += batch) {
    std::size_t count = 0;
    for (std::size_t k = first; k < std::min(first + batch, load_slots.size()); ++k) {
      const std::uint64_t entry = load_slots[k];
      if (entry == 0) continue;
      events[count] = new_index[(entry & 0xFFFFFFFFu) - 1];
      slots[count] = tag_slot(static_cast<std::uint32_t>(entry >> 32), id_slots.size());
      __builtin_prefetch(&id_slots[slots[count]], 1);
      ++count;
    }
    for (std::size_t k = 0; k < count; ++k) {
      std::size_t s = slots[k];
      while (id_slots[s] != 0) s = s + 1 == id_slots.size() ? 0 : s + 1;
      id_slots[s] = events[k] + 1;
    }
  }
  load_slots = {};
}

event_table::event_table() : impl_(std::make_unique<impl>()) {}
event_table::~event_table() = default;
event_table::event_table(event_table&&) noexcept = default;
event_table& event_table::operator=(event_table&&) noexcept = default;

}  // namespace eventgraph
