#pragma once
// The collected events, packed: each imported_event a reader hands over is written as one
// run of bytes (lengths and text) into large chunks, and read back as views. A million
// records held as imported_event (eleven strings, eight vectors, a heap block for each text
// past fifteen bytes) took about 1.1 KB each and a dozen allocations; packed, a record costs
// its text and a few bytes, and the import's peak memory comes near the story's.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "import/records.hpp"

namespace eventgraph::detail {

/// A packed record read back: views into the store, valid while it holds the record.
struct event_view {
  struct quote {
    std::string_view text, by, note;
  };
  struct figure {
    std::string_view label;
    double value = 0;
    std::string_view value_text, unit, note;
  };
  struct source {
    std::string_view title, publisher, url, date, note;
  };
  struct link {
    relation_type type = relation_type::responds_to;
    std::string_view key, known_as, actor_key, note, id_hint;
  };
  // As imported_event's fields (records.hpp).
  std::string_view key, id_hint, date, timezone, kind, channel, place, title, summary, notes;
  std::vector<std::string_view> actors, addressees, tags;
  std::vector<quote> quotes;
  std::vector<figure> figures;
  std::vector<source> sources;
  std::vector<link> links;
  import_location at;
};

class record_store {
 public:
  using handle = std::uint64_t;  ///< chunk << 32 | offset

  /// Packs a record; its handle.
  handle add(const imported_event& e);
  /// The record's fields, into `out` (whose lists keep their capacity from one call to the
  /// next: reading a million records allocates nothing).
  void read(handle h, event_view& out) const;
  /// The record's key alone (it is packed first).
  [[nodiscard]] std::string_view key(handle h) const;
  /// The record as an imported_event again (to merge a later copy into it).
  [[nodiscard]] imported_event owned(handle h) const;

  /// Gives back every chunk before `chunk` (records there are read no more).
  void release_before(std::uint32_t chunk);
  [[nodiscard]] static std::uint32_t chunk_of(handle h) {
    return static_cast<std::uint32_t>(h >> 32);
  }
  void clear();

 private:
  [[nodiscard]] const char* at(handle h) const {
    return chunks_[chunk_of(h)].get() + static_cast<std::uint32_t>(h);
  }

  std::vector<std::unique_ptr<char[]>> chunks_;
  std::size_t used_ = 0, capacity_ = 0;  ///< of the last chunk
  std::uint32_t released_ = 0;           ///< chunks before this one are given back
  std::string scratch_;                  ///< a record being packed
};

}  // namespace eventgraph::detail
