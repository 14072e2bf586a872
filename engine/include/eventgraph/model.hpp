#pragma once
// The story model: actors, events and the relations between events, as loaded and validated.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "eventgraph/diagnostic.hpp"
#include "eventgraph/time.hpp"

namespace eventgraph {

using actor_index = std::uint32_t;
using event_index = std::uint32_t;

enum class actor_kind : std::uint8_t { person, organization, office, group };

/// Where an actor or event was defined: `file` indexes story::files (12 bytes, no allocation,
/// where a source_location would copy the file name into each of a million events).
struct position {
  std::uint32_t file = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

/// Relation types. The first five mean "responded to"; `cites` and `part_of` are structure.
enum class relation_type : std::uint8_t {
  responds_to,
  rebuts,
  supports,
  follows_up,
  repeats,
  cites,
  part_of
};
/// One past the last value, so arrays by type follow the enum (model.cpp's table is checked
/// against it at compile time).
inline constexpr std::size_t relation_type_count =
    static_cast<std::size_t>(relation_type::part_of) + 1;

/// "responds-to", "part-of"... as written in files.
[[nodiscard]] std::string_view to_string(relation_type type);
[[nodiscard]] std::optional<relation_type> parse_relation_type(std::string_view text);
/// Every relation type's name, in enum order: "responds-to", "rebuts", ..., "part-of".
[[nodiscard]] std::span<const std::string_view> relation_type_names();
[[nodiscard]] bool is_response(relation_type type);
[[nodiscard]] std::string_view to_string(actor_kind kind);
[[nodiscard]] std::optional<actor_kind> parse_actor_kind(std::string_view text);

struct actor {
  std::string id;
  std::string name;
  /// What the sources say the actor is; none when they do not (an imported account, a sender).
  std::optional<actor_kind> kind;
  std::string role;
  std::vector<actor_index> member_of;
  std::string notes;
  position where;
};

struct quote {
  std::string text;
  std::optional<actor_index> by;
  std::string note;
};

/// A number an event claims, e.g. {"detainers issued", 33000, "people"}.
struct figure {
  std::string label;
  double value = 0;
  std::string value_text;  ///< as written, so 33000 is never shown as 33000.0
  std::string unit;
  std::string note;
};

struct source {
  std::string title;
  std::string publisher;
  std::string url;
  std::string date;  ///< EDTF text, as written
  std::string note;
};

/// A relation as stored: from the event that owns it (the later one) to an earlier or
/// enclosing event.
struct relation {
  relation_type type = relation_type::responds_to;
  event_index target = 0;
  std::string_view note;
};

/// A relation to add with story::add_event.
struct relation_record {
  relation_type type = relation_type::responds_to;
  event_index target = 0;
  std::string note;
};

/// An event as written, every field owned: what story::add_event takes and event::record gives.
struct event_record {
  std::string id;
  std::string date;      ///< EDTF text, as written
  event_time time;       ///< resolved from `date` in `timezone`
  std::string timezone;  ///< the zone `date` was read in ("" = UTC)
  std::vector<actor_index> actors;
  std::vector<actor_index> addressees;  ///< `to:`
  std::string kind;                     ///< statement, post, letter... or a free word
  std::string channel;
  std::string place;
  std::string title;
  std::string summary;
  std::string notes;
  std::vector<quote> quotes;
  std::vector<figure> figures;
  std::vector<source> sources;
  std::vector<std::string> tags;
  std::vector<relation_record> relations;
};

/// The reserved event kind of a placeholder: an event the data refers to but does not hold
/// (the parent of an imported reply), titled with the reference it was known by, dated
/// open-ended up to the reply, without sources. Every output shows it as missing.
inline constexpr std::string_view missing_kind = "missing";

class event_table;

namespace detail {

/// Iterates a list read by position (`operator[]` returning a value): tags, relations, events,
/// links. Such lists build their elements on the fly, so there is nothing to point into.
template <typename List, typename Value, typename Index = std::size_t>
class indexed_iterator {
 public:
  using value_type = Value;
  using difference_type = std::ptrdiff_t;
  indexed_iterator() = default;
  indexed_iterator(const List* list, std::size_t i) : list_(list), i_(i) {}
  Value operator*() const { return (*list_)[static_cast<Index>(i_)]; }
  indexed_iterator& operator++() {
    ++i_;
    return *this;
  }
  indexed_iterator operator++(int) {
    auto old = *this;
    ++i_;
    return old;
  }
  friend bool operator==(const indexed_iterator& a, const indexed_iterator& b) {
    return a.i_ == b.i_;
  }

 private:
  const List* list_ = nullptr;
  std::size_t i_ = 0;
};

}  // namespace detail

/// The tags of an event, as text.
class tag_list {
 public:
  using iterator = detail::indexed_iterator<tag_list, std::string_view>;
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::string_view operator[](std::size_t i) const;
  [[nodiscard]] iterator begin() const { return {this, 0}; }
  [[nodiscard]] iterator end() const { return {this, size_}; }

 private:
  friend class event;
  tag_list(const event_table* table, const char* ids, std::size_t size)
      : table_(table), ids_(ids), size_(size) {}
  const event_table* table_;
  const char* ids_;  // 4-byte tag ids, unaligned
  std::size_t size_;
};

/// The relations an event owns, oldest target first (then by type).
class relation_list {
 public:
  using iterator = detail::indexed_iterator<relation_list, relation>;
  [[nodiscard]] std::size_t size() const { return end_ - begin_; }
  [[nodiscard]] bool empty() const { return begin_ == end_; }
  [[nodiscard]] relation operator[](std::size_t i) const;
  [[nodiscard]] iterator begin() const { return {this, 0}; }
  [[nodiscard]] iterator end() const { return {this, size()}; }

 private:
  friend class event;
  relation_list(const event_table* table, event_index owner, std::uint32_t begin, std::uint32_t end)
      : table_(table), owner_(owner), begin_(begin), end_(end) {}
  const event_table* table_;
  event_index owner_;
  std::uint32_t begin_, end_;
};

/// One event of a story: a small handle (table and index) that reads the stored columns.
/// Cheap to copy; valid while the story lives and is not changed.
class event {
 public:
  event(const event_table* table, event_index index) : table_(table), index_(index) {}
  [[nodiscard]] event_index index() const { return index_; }
  [[nodiscard]] std::string_view id() const;
  [[nodiscard]] std::string_view date() const;      ///< EDTF text, as written
  [[nodiscard]] event_time time() const;            ///< resolved from `date` in `timezone`
  [[nodiscard]] std::string_view timezone() const;  ///< "" = UTC
  [[nodiscard]] std::span<const actor_index> actors() const;
  [[nodiscard]] std::span<const actor_index> addressees() const;  ///< `to:`
  [[nodiscard]] std::string_view kind() const;
  [[nodiscard]] std::string_view channel() const;
  [[nodiscard]] std::string_view place() const;
  [[nodiscard]] std::string_view title() const;
  [[nodiscard]] std::string_view summary() const;
  [[nodiscard]] std::string_view notes() const;
  [[nodiscard]] std::span<const quote> quotes() const;
  [[nodiscard]] std::span<const figure> figures() const;
  [[nodiscard]] std::span<const source> sources() const;
  [[nodiscard]] tag_list tags() const;
  [[nodiscard]] relation_list relations() const;
  /// Every field as an owned copy, e.g. to change one and build a new story.
  [[nodiscard]] event_record record() const;

 private:
  const event_table* table_;
  event_index index_;
};

/// Whether the event is a placeholder (kind `missing`).
///
///     if (is_missing(s.events[i])) label += " (missing)";
[[nodiscard]] inline bool is_missing(const event& e) {
  return e.kind() == missing_kind;
}

/// The events of a story in columns: a million events cost tens of bytes each beyond their text
/// (times, first actor, relations in one array, id and title in one text arena; the rare fields
/// such as quotes and sources kept apart). Events are kept in time order (earliest instant,
/// then latest; events with the same range keep the order they were written in, files in the
/// order given), so an event's index is its rank in time; every listing and export follows it.
class event_table {
 public:
  using iterator = detail::indexed_iterator<event_table, event, event_index>;
  event_table();
  ~event_table();
  event_table(event_table&&) noexcept;
  event_table& operator=(event_table&&) noexcept;
  event_table(const event_table&) = delete;
  event_table& operator=(const event_table&) = delete;

  [[nodiscard]] std::size_t size() const;
  [[nodiscard]] bool empty() const { return size() == 0; }
  [[nodiscard]] event operator[](event_index i) const { return {this, i}; }
  [[nodiscard]] iterator begin() const { return {this, 0}; }
  [[nodiscard]] iterator end() const { return {this, size()}; }

  /// Appends an event; relation targets index events added before or after it. Call
  /// story::finish once every event is in.
  event_index add(const event_record& record);
  /// The first event with this id.
  [[nodiscard]] std::optional<event_index> find(std::string_view id) const;
  /// Heap bytes held (columns, arena, indexes), and the part of them that is the events' own
  /// text (ids, dates, titles and the rare fields), for benchmarks.
  [[nodiscard]] std::size_t memory_bytes() const;
  [[nodiscard]] std::size_t text_bytes() const;

  struct impl;  // engine-internal: the columns
  [[nodiscard]] const impl& columns() const { return *impl_; }
  [[nodiscard]] impl& columns() { return *impl_; }

 private:
  friend class event;
  friend class tag_list;
  friend class relation_list;
  friend class story;
  std::unique_ptr<impl> impl_;
};

/// One or more documents merged: ids are unique across all of them.
///
///     auto s = load_files({"samples/dhs-california-detainers-2026.yaml"});
///     s.value().events[*s.value().find_event("noem-x-post")].title();
class story {
 public:
  story() = default;
  story(story&&) noexcept = default;
  story& operator=(story&&) noexcept = default;
  story(const story&) = delete;
  story& operator=(const story&) = delete;

  std::string title;
  std::string description;
  std::string timezone;  ///< of the first document, "" when none was given (UTC)
  std::string notes;
  std::vector<source> sources;  ///< document-level sources
  std::vector<std::string> files;
  std::vector<actor> actors;
  event_table events;  ///< in time order once finished

  /// The file, line and column of a position, for diagnostics.
  [[nodiscard]] source_location locate(const position& p) const {
    return {p.file < files.size() ? files[p.file] : std::string{}, p.line, p.column};
  }

  /// Adds an event (see event_table::add); call finish() once all are in.
  event_index add_event(const event_record& record) { return events.add(record); }
  /// Puts the events in time order (renumbering them and their relations), indexes ids and
  /// drops spare capacity. Returns the new index of each event added since the last call, by
  /// old index.
  std::vector<event_index> finish();

  [[nodiscard]] std::optional<event_index> find_event(std::string_view id) const {
    return events.find(id);
  }
  [[nodiscard]] std::optional<actor_index> find_actor(std::string_view id) const;
  enum class id_kind : std::uint8_t { event, actor, any };
  /// Up to `limit` distinct ids of a kind closest to `id` by edit distance, for "did you mean".
  [[nodiscard]] std::vector<std::string> closest_ids(std::string_view id,
                                                     id_kind kind = id_kind::any,
                                                     std::size_t limit = 3) const;

 private:
  void finish_in_place();  ///< finish() when the events are in time order already
  void index_actor_ids();
  std::unordered_map<std::string_view, actor_index> actor_ids_;
};

}  // namespace eventgraph
