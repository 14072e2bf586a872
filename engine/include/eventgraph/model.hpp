#pragma once
// The story model: actors, events and the relations between events, as loaded and validated.

#include <cstdint>
#include <optional>
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
inline constexpr std::size_t relation_type_count = 7;

/// "responds-to", "part-of"... as written in files.
[[nodiscard]] std::string_view to_string(relation_type type);
[[nodiscard]] std::optional<relation_type> parse_relation_type(std::string_view text);
[[nodiscard]] bool is_response(relation_type type);
[[nodiscard]] std::string_view to_string(actor_kind kind);
[[nodiscard]] std::optional<actor_kind> parse_actor_kind(std::string_view text);

struct actor {
  std::string id;
  std::string name;
  actor_kind kind = actor_kind::person;
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

/// A link from the event that owns it (the later one) to an earlier or enclosing event.
struct relation {
  relation_type type = relation_type::responds_to;
  event_index target = 0;
  std::string note;
};

struct event {
  std::string id;
  std::string date;  ///< EDTF text, as written
  event_time time;   ///< resolved from `date` in `timezone`
  std::string
      timezone;  ///< the zone `date` was read in (the event's, else the document's, else UTC)
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
  std::vector<relation> relations;
  position where;
};

/// One or more documents merged: ids are unique across all of them.
///
///     auto s = load_files({"samples/dhs-california-detainers-2026.yaml"});
///     s.value().find_event("noem-x-post");
class story {
 public:
  story() = default;
  story(story&&) noexcept = default;
  story& operator=(story&&) noexcept = default;
  // Not copyable: the id indexes view into the element strings.
  story(const story&) = delete;
  story& operator=(const story&) = delete;

  std::string title;
  std::string description;
  std::string timezone;  ///< of the first document, "" when none was given (UTC)
  std::string notes;
  std::vector<source> sources;  ///< document-level sources
  std::vector<std::string> files;
  std::vector<actor> actors;
  std::vector<event> events;

  /// The file, line and column of a position, for diagnostics.
  [[nodiscard]] source_location locate(const position& p) const {
    return {p.file < files.size() ? files[p.file] : std::string{}, p.line, p.column};
  }

  /// Rebuilds the id indexes; call after changing `actors` or `events`.
  void reindex();
  [[nodiscard]] std::optional<event_index> find_event(std::string_view id) const;
  [[nodiscard]] std::optional<actor_index> find_actor(std::string_view id) const;
  enum class id_kind : std::uint8_t { event, actor, any };
  /// Up to `limit` distinct ids of a kind closest to `id` by edit distance, for "did you mean".
  [[nodiscard]] std::vector<std::string> closest_ids(std::string_view id,
                                                     id_kind kind = id_kind::any,
                                                     std::size_t limit = 3) const;

 private:
  std::unordered_map<std::string_view, event_index> event_ids_;
  std::unordered_map<std::string_view, actor_index> actor_ids_;
};

/// Event indexes in time order: by earliest instant, then latest, then id. Every listing and
/// export uses this order, so output does not depend on the order of the input files.
[[nodiscard]] std::vector<event_index> chronological_order(const story& s);

}  // namespace eventgraph
