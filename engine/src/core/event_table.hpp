#pragma once
// The columns behind event_table (model.hpp): engine-internal, for the loader's fast path and
// the graph. A plain event (one actor, id, date, title, kind, tags, relations) costs its text
// plus about 40 bytes; the rare fields live in `details`, found by binary search.

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <sys/mman.h>

#include "eventgraph/model.hpp"

namespace eventgraph {

/// Fields most bulk events lack, kept apart from the columns.
struct event_details {
  std::string channel, place, summary, notes;
  std::vector<quote> quotes;
  std::vector<figure> figures;
  std::vector<source> sources;
  std::vector<std::string> relation_notes;  ///< parallel to the relations, when any has a note
};

/// The hot fields of one event, as views: what the loader's fast path hands over.
struct event_fields {
  std::string_view id, date, title, kind, timezone;
  event_time time;
  std::span<const actor_index> actors;
  std::span<const actor_index> addressees;
  std::span<const std::string_view> tags;
};

namespace detail {

/// Lists of actors for the few events that have any: (event, actor) pairs sorted by event,
/// 8 bytes per entry and nothing for events without.
struct sparse_actor_lists {
  std::vector<event_index> owner;
  std::vector<actor_index> value;

  [[nodiscard]] std::span<const actor_index> of(event_index e) const {
    auto [first, last] = std::equal_range(owner.begin(), owner.end(), e);
    return {value.data() + (first - owner.begin()), static_cast<std::size_t>(last - first)};
  }
  /// Events are added in order, so this appends.
  void add(event_index e, std::span<const actor_index> actors) {
    auto at = std::upper_bound(owner.begin(), owner.end(), e) - owner.begin();
    owner.insert(owner.begin() + at, actors.size(), e);
    value.insert(value.begin() + at, actors.begin(), actors.end());
  }
  /// Overwrites an event's list in place; `actors` has at most as many entries as it.
  void overwrite(event_index e, std::span<const actor_index> actors) {
    auto first = std::lower_bound(owner.begin(), owner.end(), e) - owner.begin();
    std::copy(actors.begin(), actors.end(), value.begin() + first);
  }
};

/// Maps the pages of [first, first + bytes) now, in one call, rather than one fault per 4 KB
/// page as they are first written: for buffers a big load is about to fill (Linux 5.14 and
/// later; elsewhere the advice is ignored and pages fault in as usual).
inline void prefault(const void* first, std::size_t bytes) {
#ifdef MADV_POPULATE_WRITE
  constexpr std::uintptr_t page = 4096;
  const auto begin = (reinterpret_cast<std::uintptr_t>(first) + page - 1) & ~(page - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(first) + bytes) & ~(page - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);
#else
  (void)first;
  (void)bytes;
#endif
}

/// A growable byte array that gives back unused capacity without copying: realloc shrinks a
/// large block in place, where std::string::shrink_to_fit copies it. The loader reserves the
/// arena for the whole input and keeps well under half of it.
class byte_buffer {
 public:
  byte_buffer() = default;
  byte_buffer(byte_buffer&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        capacity_(std::exchange(other.capacity_, 0)),
        mapped_(std::exchange(other.mapped_, 0)) {}
  byte_buffer& operator=(byte_buffer&& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    std::swap(capacity_, other.capacity_);
    std::swap(mapped_, other.mapped_);
    return *this;
  }
  byte_buffer(const byte_buffer&) = delete;
  byte_buffer& operator=(const byte_buffer&) = delete;
  ~byte_buffer() { std::free(data_); }

  [[nodiscard]] const char* data() const { return data_; }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] std::size_t capacity() const { return capacity_; }
  void reserve(std::size_t bytes) {
    if (bytes > capacity_) reallocate(bytes);
  }
  void append(const char* bytes, std::size_t count) {
    if (count == 0) return;
    if (size_ + count > capacity_) reallocate(std::max(size_ + count, 2 * capacity_));
    if (size_ + count > mapped_) map_ahead();
    std::memcpy(data_ + size_, bytes, count);
    size_ += count;
  }
  void append(std::string_view bytes) { append(bytes.data(), bytes.size()); }
  void push_back(char c) { append(&c, 1); }
  /// Room for `count` more bytes at the returned pointer; commit() says where writing ended.
  [[nodiscard]] char* make_room(std::size_t count) {
    if (size_ + count > capacity_) reallocate(std::max(size_ + count, 2 * capacity_));
    if (size_ + count > mapped_) map_ahead();
    return data_ + size_;
  }
  void commit(const char* end) { size_ = static_cast<std::size_t>(end - data_); }
  void shrink_to_fit() {
    if (capacity_ > size_) reallocate(size_);
  }

 private:
  /// A big reservation is mapped a few megabytes at a time, ahead of the writing.
  void map_ahead() {
    constexpr std::size_t step = std::size_t{4} << 20;
    const std::size_t until = std::min(capacity_, size_ + step);
    if (capacity_ >= 2 * step && until > mapped_) prefault(data_ + mapped_, until - mapped_);
    mapped_ = until;
  }

  void reallocate(std::size_t bytes) {
    void* grown = std::realloc(data_, std::max<std::size_t>(bytes, 1));
    if (!grown) throw std::bad_alloc();
    data_ = static_cast<char*>(grown);
    capacity_ = bytes;
    mapped_ = std::min(mapped_, size_);  // the block may have moved
  }

  char* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
  std::size_t mapped_ = 0;  ///< bytes known to be mapped (or too few to bother)
};

/// A fixed-size zeroed array for a hash table probed at random. A big one is aligned to 2 MB
/// and offered to the kernel for 2 MB pages: with 4 KB pages nearly every probe of a
/// million-entry table also misses the TLB, and a page walk costs more in a virtual machine.
/// From malloc, so heap statistics count it.
template <typename T>
class slot_table {
 public:
  slot_table() = default;
  explicit slot_table(std::size_t size) : size_(size) {
    const std::size_t bytes = std::max<std::size_t>(size, 1) * sizeof(T);
    if (bytes < huge_page) {
      data_ = static_cast<T*>(std::calloc(std::max<std::size_t>(size, 1), sizeof(T)));
    } else {
      const std::size_t rounded = (bytes + huge_page - 1) / huge_page * huge_page;
      data_ = static_cast<T*>(std::aligned_alloc(huge_page, rounded));
      if (data_) {
        ::madvise(data_, rounded, MADV_HUGEPAGE);  // advice only: 4 KB pages if refused
        std::memset(data_, 0, bytes);
      }
    }
    if (!data_) throw std::bad_alloc();
  }
  slot_table(slot_table&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}
  slot_table& operator=(slot_table&& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    return *this;
  }
  slot_table(const slot_table&) = delete;
  slot_table& operator=(const slot_table&) = delete;
  ~slot_table() { std::free(data_); }

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] T& operator[](std::size_t i) { return data_[i]; }
  [[nodiscard]] const T& operator[](std::size_t i) const { return data_[i]; }
  [[nodiscard]] const T* begin() const { return data_; }
  [[nodiscard]] const T* end() const { return data_ + size_; }
  [[nodiscard]] std::size_t memory_bytes() const { return size_ * sizeof(T); }

 private:
  static constexpr std::size_t huge_page = std::size_t{2} << 20;
  T* data_ = nullptr;
  std::size_t size_ = 0;
};

/// Interns short strings (kinds, zones, tags) as dense ids.
class string_pool {
 public:
  std::uint32_t intern(std::string_view text);
  [[nodiscard]] std::string_view operator[](std::uint32_t id) const { return names_[id]; }
  [[nodiscard]] std::size_t size() const { return names_.size(); }
  [[nodiscard]] std::size_t memory_bytes() const;
  [[nodiscard]] std::size_t text_bytes() const;

 private:
  struct hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::uint32_t, hash, std::equal_to<>> ids_;
  std::array<std::uint32_t, 64> recent_{};  ///< id + 1 by a cheap hash of the text; 0 = none
};

/// Up to 8 bytes in one word, read with fixed-size loads only: the same for equal byte
/// strings, different for different ones of the same length up to 8. Two overlapping 4-byte
/// loads for 4 to 7 bytes; the first, middle and last byte for 1 to 3.
inline std::uint64_t short_word(const char* p, std::size_t n) {
  std::uint64_t v = 0;
  if (n >= 8) {
    std::memcpy(&v, p, 8);
  } else if (n >= 4) {
    std::uint32_t first, last;
    std::memcpy(&first, p, 4);
    std::memcpy(&last, p + n - 4, 4);
    v = first | (std::uint64_t{last} << 32);
  } else if (n > 0) {
    v = static_cast<unsigned char>(p[0]) |
        (std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
        (std::uint64_t{static_cast<unsigned char>(p[n - 1])} << 16);
  }
  return v;
}

/// Whether two ids are equal, with fixed-size loads for short ones (no memcmp call): the id
/// indexes compare one candidate per lookup, a million lookups a load.
inline bool same_id(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  if (n <= 8) return short_word(a.data(), n) == short_word(b.data(), n);
  if (n <= 16)  // two overlapping words cover every byte
    return short_word(a.data(), 8) == short_word(b.data(), 8) &&
           short_word(a.data() + n - 8, 8) == short_word(b.data() + n - 8, 8);
  return std::memcmp(a.data(), b.data(), n) == 0;
}

/// The hash of the id indexes: FNV-1a on 8-byte words, then a 64-bit finalizer. Inline, with
/// fixed-size loads only (ids are short, and a million are hashed twice or more in a load).
inline std::uint64_t hash_id(std::string_view id) {
  std::uint64_t h = 0xcbf29ce484222325ull ^ id.size();
  const auto* p = reinterpret_cast<const unsigned char*>(id.data());
  std::size_t i = 0;
  for (; i + 8 <= id.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    h = (h ^ w) * 0x100000001b3ull;
    h ^= h >> 29;
  }
  // The last 0 to 7 bytes, every one of them read (the length is in h already).
  const std::uint64_t tail = short_word(id.data() + i, id.size() - i);
  h = (h ^ tail) * 0x9E3779B97F4A7C15ull;
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93ull;
  h ^= h >> 32;
  return h;
}

}  // namespace detail

struct event_table::impl {
  // Flags, one uint16 per event.
  static constexpr std::uint16_t precision_mask = 0xF;
  static constexpr int shape_shift = 4;  // 2 bits
  static constexpr std::uint16_t uncertain = 1u << 6, approximate = 1u << 7, open_start = 1u << 8,
                                 open_end = 1u << 9, has_details = 1u << 10, long_span = 1u << 11,
                                 many_actors = 1u << 12, no_actor = 1u << 13,
                                 has_addressees = 1u << 14, coarse_qualifier = 1u << 15;
  static constexpr std::size_t text_block = 256;  // events per text-offset base

  // One entry per event.
  std::vector<std::int64_t> earliest;
  std::vector<std::uint32_t> span;  ///< latest - earliest, unless long_span
  std::vector<std::uint16_t> flags;
  std::vector<std::uint32_t> text_offset;     ///< from text_base[i / text_block]
  std::vector<actor_index> actor;             ///< the first actor
  std::vector<std::uint32_t> relation_begin;  ///< size + 1 entries
  // One entry per relation, grouped by owner.
  std::vector<event_index> relation_target;
  std::vector<relation_type> relation_kind;
  // Per event, in `text`: varint length + id, varint length + date, varint length + title,
  // varint kind, varint zone, varint tag count, then 4-byte tag ids.
  detail::byte_buffer text;
  std::vector<std::uint64_t> text_base;
  std::vector<std::pair<event_index, std::int64_t>> long_latest;  ///< by event
  detail::sparse_actor_lists many_actors_of;  ///< every actor of events with more than one
  detail::sparse_actor_lists addressees_of;
  std::vector<event_index> details_owner;  ///< sorted
  /// Parallel to details_owner. Each on the heap: the column then grows and is reordered by
  /// moving pointers, not 200-byte records (every event of an imported story has details).
  std::vector<std::unique_ptr<event_details>> details;
  detail::string_pool kinds, zones, tags;
  std::size_t text_payload = 0;  ///< bytes of `text` that are the events' own text
  // The id index, open addressing: while events are added, (tag << 32) | (index + 1) per slot;
  // once finished, index + 1 per slot. 0 = empty.
  detail::slot_table<std::uint64_t> load_slots;
  detail::slot_table<std::uint32_t> id_slots;
  bool duplicate_ids = false;  ///< some id was added twice (the first keeps it)
  /// Set by a loader adding many events: ids are indexed in one batch by index_ids(), which
  /// must run before find().
  bool defer_ids = false;
  event_index ids_indexed = 0;
  static constexpr event_index not_found = UINT32_MAX;

  [[nodiscard]] std::size_t size() const { return earliest.size(); }
  /// Room for `n` events and their text, so a big load does not regrow every column (memory
  /// reserved and never written costs no page).
  void reserve(std::size_t n, std::size_t text_bytes);

  /// Appends an event without relations (relation_begin grows by an empty range).
  event_index add(const event_fields& f);
  /// Appends relations to the last event added.
  void add_relation(relation_type type, event_index target) {
    relation_target.push_back(target);
    relation_kind.push_back(type);
    relation_begin.back() = static_cast<std::uint32_t>(relation_target.size());
  }
  /// Replaces every relation: `relations_of(i, out)` appends event i's, for i in order.
  template <typename RelationsOf>
  void set_relations(RelationsOf&& relations_of) {
    relation_target.clear();
    relation_kind.clear();
    relation_begin.assign(1, 0);
    for (event_index i = 0; i < size(); ++i) {
      relations_of(i);
      relation_begin.push_back(static_cast<std::uint32_t>(relation_target.size()));
    }
  }
  event_details& details_for(event_index e);  ///< creates them if needed
  [[nodiscard]] const event_details* find_details(event_index e) const;
  /// Sets an event's actors (or addressees) once they are resolved: as many as it was added
  /// with, or fewer after an error (the story is then dropped).
  void set_actors(event_index e, std::span<const actor_index> actors);
  void set_addressees(event_index e, std::span<const actor_index> actors) {
    addressees_of.overwrite(e, actors);
  }

  [[nodiscard]] const char* text_of(event_index e) const {
    return text.data() + text_base[e / text_block] + text_offset[e];
  }
  [[nodiscard]] std::int64_t latest(event_index e) const;
  [[nodiscard]] event_time time(event_index e) const;

  [[nodiscard]] std::optional<event_index> find(std::string_view id) const;
  /// Indexes the ids of events added while defer_ids was set.
  void index_ids();
  /// find() for many ids at once (faster: memory waits overlap); not_found where none.
  void find_batch(std::span<const std::string_view> ids, std::span<event_index> out) const;
  /// The compact index of a finished table, from the loading one; `new_index[k]` is where
  /// the k-th event added went.
  void rebuild_id_index(std::span<const event_index> new_index);

 private:
  void insert_id(event_index e, std::string_view id);
  void insert_tagged(event_index e, std::string_view id, std::uint32_t tag);
  [[nodiscard]] event_index find_tagged(std::string_view id, std::uint32_t tag,
                                        std::size_t slot) const;
  void grow_load_slots(std::size_t capacity);
};

namespace detail {

inline std::uint64_t read_varint(const char*& p) {
  std::uint64_t v = 0;
  for (int shift = 0;; shift += 7) {
    const auto byte = static_cast<unsigned char>(*p++);
    v |= std::uint64_t{byte & 0x7Fu} << shift;
    if (!(byte & 0x80u)) return v;
  }
}

inline std::string_view read_text(const char*& p) {
  const auto n = static_cast<std::size_t>(read_varint(p));
  std::string_view out(p, n);
  p += n;
  return out;
}

/// The length-prefixed text at `p` (read_text without moving `p`).
inline std::string_view read_text_at(const char* p) {
  return read_text(p);
}

inline std::uint32_t read_u32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

}  // namespace detail

}  // namespace eventgraph
