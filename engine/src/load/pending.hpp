#pragma once
// What the readers keep for resolution once every document is read: references by id, the
// actors' id index, and the field names and character classes the readers check against.

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/event_table.hpp"
#include "eventgraph/model.hpp"
#include "load/document_tree.hpp"

namespace eventgraph::detail {

using node_type = tree_node::type;

constexpr std::array<std::string_view, 7> document_fields = {
    "eventgraph", "title", "description", "notes", "timezone", "sources", "actors"};
constexpr std::string_view events_field = "events";
constexpr std::array<std::string_view, 6> actor_fields = {"id",   "name",  "kind",
                                                          "role", "notes", "member_of"};
constexpr std::array<std::string_view, 19> event_fields = {
    "id",      "date",  "timezone",    "actors",    "actor", "to",     "kind",
    "channel", "place", "title",       "summary",   "notes", "quotes", "figures",
    "sources", "tags",  "responds_to", "relations", "type"};
constexpr std::array<std::string_view, 5> source_fields = {"title", "publisher", "url", "date",
                                                           "note"};
constexpr std::array<std::string_view, 3> quote_fields = {"text", "by", "note"};
constexpr std::array<std::string_view, 4> figure_fields = {"label", "value", "unit", "note"};
constexpr std::array<std::string_view, 3> relation_fields = {"type", "to", "note"};

/// Which bytes may start and continue an id, and a kind word: tables, as every event's id and
/// kind are checked (a million of each in a big file).
struct char_classes {
  std::array<bool, 256> id_start{}, id_rest{}, word_start{}, word_rest{};
  constexpr char_classes() {
    for (int c = 0; c < 256; ++c) {
      const bool lower = c >= 'a' && c <= 'z', digit = c >= '0' && c <= '9';
      const bool alnum = lower || digit || (c >= 'A' && c <= 'Z');
      id_start[c] = alnum;
      id_rest[c] = alnum || c == '.' || c == '_' || c == ':' || c == '-';
      word_start[c] = lower;
      word_rest[c] = lower || digit || c == '-';
    }
  }
};
constexpr char_classes classes;

inline bool all_in(std::string_view text, const std::array<bool, 256>& allowed) {
  for (const char c : text)
    if (!allowed[static_cast<unsigned char>(c)]) return false;
  return true;
}

inline bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 200 || !classes.id_start[static_cast<unsigned char>(id[0])])
    return false;
  return all_in(id, classes.id_rest);
}

inline bool valid_kind_word(std::string_view word) {
  if (word.empty() || word.size() > 64 || !classes.word_start[static_cast<unsigned char>(word[0])])
    return false;
  return all_in(word, classes.word_rest);
}

/// A reference by id, resolved once every document is read. 24 bytes: a million-event load
/// holds a few million of these.
struct pending_ref {
  pending_ref() = default;
  pending_ref(std::string_view id, position at)
      : text(id.data()), size(static_cast<std::uint32_t>(id.size())), where(at) {}
  [[nodiscard]] std::string_view id() const { return {text, size}; }

  const char* text = nullptr;  ///< into the input text, or into pending_events::owned
  std::uint32_t size = 0;
  position where;
};

struct pending_relation {
  relation_type type;
  pending_ref target;
  std::string_view note;  ///< into pending_events::owned
};

struct pending_event {
  position where;
  std::vector<pending_ref> actors, addressees;
  std::vector<std::optional<pending_ref>> quote_by;  // parallel to event.quotes
  std::vector<pending_relation> relations;
  bool dated = false;  ///< the date parsed, so time-order checks can use it
  bool document_has_sources = false;
};

struct pending_actor {
  std::vector<pending_ref> member_of;
};

/// What resolution needs of every event, with the references of all events in two flat arrays
/// (no allocation per event: a million-event load would spend its time in malloc) and the rare
/// parts (quotes' speakers, relation notes) apart, by event and by relation.
struct pending_events {
  /// 28 bytes. An event's references follow the previous event's in `refs` (its actors, then
  /// its addressees) and in `relations`: their starts are running sums, not stored.
  struct entry {
    position where;
    std::uint32_t actor_count = 0, addressee_count = 0;
    std::uint32_t relation_count = 0;
    bool dated = false;
    bool document_has_sources = false;
    bool actors_resolved = false;  ///< by the NDJSON fast path: no references in `refs`
  };
  struct relation {
    pending_ref target;
    relation_type type;
  };
  std::vector<entry> events;
  std::vector<pending_ref> refs;
  std::vector<relation> relations;
  std::vector<bool> actor_used;  ///< by actor: named by an event the fast path resolved
  /// By event, in order: who said each quote (parallel to the event's quotes).
  std::vector<std::pair<event_index, std::vector<std::optional<pending_ref>>>> quote_by;
  std::vector<std::pair<std::uint32_t, std::string_view>> notes;  ///< by relation, in order
  std::deque<std::string> owned;  ///< text read through a document tree (its nodes go away)

  std::string_view keep(std::string text) { return owned.emplace_back(std::move(text)); }

  void add(pending_event&& p) {
    entry e{p.where,
            static_cast<std::uint32_t>(p.actors.size()),
            static_cast<std::uint32_t>(p.addressees.size()),
            static_cast<std::uint32_t>(p.relations.size()),
            p.dated,
            p.document_has_sources};
    refs.insert(refs.end(), p.actors.begin(), p.actors.end());
    refs.insert(refs.end(), p.addressees.begin(), p.addressees.end());
    for (const auto& r : p.relations) {
      if (!r.note.empty()) notes.emplace_back(static_cast<std::uint32_t>(relations.size()), r.note);
      relations.push_back({r.target, r.type});
    }
    if (!p.quote_by.empty())
      quote_by.emplace_back(static_cast<event_index>(events.size()), std::move(p.quote_by));
    events.push_back(e);
  }
  /// An event's actors and addressees, given where its references start in `refs`.
  [[nodiscard]] std::span<const pending_ref> actors(const entry& e, std::size_t first) const {
    return std::span(refs).subspan(first, e.actor_count);
  }
  [[nodiscard]] std::span<const pending_ref> addressees(const entry& e, std::size_t first) const {
    return std::span(refs).subspan(first + e.actor_count, e.addressee_count);
  }
};

/// Actor ids, looked up once per reference (a million times for a million events): open
/// addressing, each slot with a hash tag, the id's length and its first bytes, so a lookup of
/// an id of up to 8 bytes never reads the actors themselves (176 bytes each, rarely in cache
/// while a big file streams through). Grows as actors are added; the first actor with an id
/// keeps it.
class actor_id_index {
 public:
  explicit actor_id_index(const std::vector<actor>& actors) : actors_(actors), slots_(16) {}

  /// Adds actor `a` under its id, or returns the actor that already has it.
  std::optional<actor_index> insert(actor_index a) {
    if (2 * (count_ + 1) > slots_.size()) grow();
    const std::string_view id = actors_[a].id;
    const slot key = key_of(id);
    for (std::size_t s = key.hash & (slots_.size() - 1);; s = (s + 1) & (slots_.size() - 1)) {
      if (slots_[s].index == 0) {
        slots_[s] = key;
        slots_[s].index = a + 1;
        ++count_;
        return std::nullopt;
      }
      if (matches(slots_[s], key, id)) return slots_[s].index - 1;
    }
  }

  [[nodiscard]] std::optional<actor_index> find(std::string_view id) const {
    const slot key = key_of(id);
    for (std::size_t s = key.hash & (slots_.size() - 1);; s = (s + 1) & (slots_.size() - 1)) {
      if (slots_[s].index == 0) return std::nullopt;
      if (matches(slots_[s], key, id)) return slots_[s].index - 1;
    }
  }

 private:
  struct slot {
    std::uint32_t hash = 0;   ///< low half of the id's hash
    std::uint32_t index = 0;  ///< actor + 1; 0 = empty
    std::uint64_t head = 0;   ///< detail::short_word of the id's first 8 bytes
    std::size_t size = 0;
  };

  static slot key_of(std::string_view id) {
    return {static_cast<std::uint32_t>(detail::hash_id(id)), 0,
            detail::short_word(id.data(), std::min<std::size_t>(id.size(), 8)), id.size()};
  }
  [[nodiscard]] bool matches(const slot& s, const slot& key, std::string_view id) const {
    if (s.hash != key.hash || s.size != key.size || s.head != key.head) return false;
    return id.size() <= 8 || actors_[s.index - 1].id == id;
  }

  void grow() {
    std::vector<slot> old(2 * slots_.size());
    std::swap(old, slots_);
    for (const slot& entry : old) {
      if (entry.index == 0) continue;
      std::size_t s = entry.hash & (slots_.size() - 1);
      while (slots_[s].index != 0) s = (s + 1) & (slots_.size() - 1);
      slots_[s] = entry;
    }
  }

  const std::vector<actor>& actors_;
  std::vector<slot> slots_;
  std::size_t count_ = 0;
};
/// An input as the loader reads it: a file mapped into memory or a caller's string.
struct input_view {
  std::string name;
  std::string_view text;
};

}  // namespace eventgraph::detail
