// From document trees to a validated story: field checks, references, time order, cycles.

#include "eventgraph/load.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <deque>
#include <iterator>
#include <span>
#include <unordered_set>
#include <utility>
#include <variant>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <fmt/format.h>

#include "core/event_table.hpp"
#include "core/suggest.hpp"
#include "core/text.hpp"
#include "load/document_tree.hpp"
#include "load/plain_event.hpp"

namespace eventgraph {
namespace {

using detail::tree_node;
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

bool all_in(std::string_view text, const std::array<bool, 256>& allowed) {
  for (const char c : text)
    if (!allowed[static_cast<unsigned char>(c)]) return false;
  return true;
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 200 || !classes.id_start[static_cast<unsigned char>(id[0])])
    return false;
  return all_in(id, classes.id_rest);
}

bool valid_kind_word(std::string_view word) {
  if (word.empty() || word.size() > 64 || !classes.word_start[static_cast<unsigned char>(word[0])])
    return false;
  return all_in(word, classes.word_rest);
}

std::string join_suggestions(const std::vector<std::string>& names) {
  if (names.empty()) return {};
  std::string out = "; did you mean ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += fmt::format("'{}'", names[i]);
  }
  out += "?";
  return out;
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

/// Reads one document tree into the story, collecting every problem it finds.
class tree_reader {
 public:
  tree_reader(std::string file, story& out, pending_events& pending_events,
              std::vector<pending_actor>& pending_actors, actor_id_index& known_actors,
              bool warnings, diagnostic_list& diags)
      : file_(std::move(file)),
        file_index_(static_cast<std::uint32_t>(out.files.size() - 1)),
        story_(out),
        pending_events_(pending_events),
        pending_actors_(pending_actors),
        known_actors_(known_actors),
        warnings_(warnings),
        diags_(diags) {}

  void read_document(const tree_node& root) {
    static constexpr auto allowed = [] {
      std::array<std::string_view, document_fields.size() + 1> all{};
      std::copy(document_fields.begin(), document_fields.end(), all.begin());
      all.back() = events_field;
      return all;
    }();
    if (!expect_mapping(root, "the document")) return;
    check_keys(root, allowed);
    const tree_node* version = field(root, "eventgraph");
    if (!version) {
      error(root, "missing-field",
            "missing 'eventgraph: 1' (the format version) at the top of the document");
    } else if (version->kind != node_type::integer || version->text != "1") {
      error(*version, "version",
            fmt::format("unsupported format version '{}'; this eventgraph reads version 1",
                        version->text));
    }
    read_header(root);
    if (const tree_node* actors = field(root, "actors"); actors && expect_list(*actors, "actors"))
      for (const auto& a : actors->items) read_actor(a, {});
    if (const tree_node* events = field(root, "events"); events && expect_list(*events, "events"))
      for (const auto& e : events->items) read_event(e, {});
  }

  /// Title, description, zone and sources: the parts of a document that are not lists of ids.
  void read_header(const tree_node& root) {
    if (const tree_node* zone = field(root, "timezone"); zone && read_text(*zone, zone_)) {
      if (!is_known_zone(zone_)) {
        error(*zone, "timezone", unknown_zone_message(zone_));
        zone_.clear();
      }
    }
    std::string text;
    if (const tree_node* n = field(root, "title"); n && read_text(*n, text) && story_.title.empty())
      story_.title = text;
    if (const tree_node* n = field(root, "description");
        n && read_text(*n, text) && story_.description.empty())
      story_.description = text;
    if (const tree_node* n = field(root, "notes"); n && read_text(*n, text) && story_.notes.empty())
      story_.notes = text;
    if (const tree_node* n = field(root, "sources"); n && expect_list(*n, "sources")) {
      document_has_sources_ = !n->items.empty();
      for (const auto& s : n->items) {
        source src;
        if (read_source(s, src)) story_.sources.push_back(std::move(src));
      }
    }
    if (story_.timezone.empty() && !zone_.empty() && story_.files.size() <= 1)
      story_.timezone = zone_;
  }

  void set_zone(std::string zone) { zone_ = std::move(zone); }

  /// `extra` names a key a bulk (NDJSON) line may carry besides the actor's own fields.
  void read_actor(const tree_node& n, std::span<const std::string_view> extra) {
    if (!expect_mapping(n, "an actor")) return;
    check_keys(n, actor_fields, extra);
    actor a;
    pending_actor pending;
    a.where = at(n);
    read_id(n, a.id, "actor");
    if (const tree_node* name = required(n, "name", "actor")) read_text(*name, a.name);
    if (const tree_node* kind = required(n, "kind", "actor")) {
      std::string text;
      if (read_text(*kind, text)) {
        if (auto k = parse_actor_kind(text)) {
          a.kind = *k;
        } else {
          error(*kind, "actor-kind",
                fmt::format("unknown actor kind '{}'; use person, organization, office or group{}",
                            text, suggest(text, {"person", "organization", "office", "group"})));
        }
      }
    }
    if (const tree_node* role = field(n, "role")) read_text(*role, a.role);
    if (const tree_node* notes = field(n, "notes")) read_text(*notes, a.notes);
    if (const tree_node* member_of = field(n, "member_of"))
      read_refs(*member_of, pending.member_of);
    story_.actors.push_back(std::move(a));
    pending_actors_.push_back(std::move(pending));
    if (!story_.actors.back().id.empty())
      known_actors_.insert(static_cast<actor_index>(story_.actors.size() - 1));
  }

  void read_event(const tree_node& n, std::span<const std::string_view> extra) {
    if (!expect_mapping(n, "an event")) return;
    check_keys(n, std::span<const std::string_view>(event_fields).first(event_fields.size() - 1),
               extra);
    event_record e;
    pending_event pending;
    pending.document_has_sources = document_has_sources_;
    pending.where = at(n);
    read_id(n, e.id, "event");
    e.timezone = zone_;
    if (const tree_node* zone = field(n, "timezone"); zone && read_text(*zone, e.timezone)) {
      if (!is_known_zone(e.timezone)) {
        error(*zone, "timezone", unknown_zone_message(e.timezone));
        e.timezone = zone_;
      }
    }
    if (const tree_node* date = required(n, "date", "event")) read_date(*date, e, pending);
    const tree_node* actors = field(n, "actors");
    const tree_node* single_actor = field(n, "actor");
    if (actors && single_actor) {
      error(*single_actor, "actors",
            "give either 'actor' (one id) or 'actors' (a list of ids), not both");
    } else if (single_actor) {
      pending_ref ref;
      if (read_ref(*single_actor, ref)) pending.actors.push_back(std::move(ref));
    } else if (actors) {
      read_refs(*actors, pending.actors);
      if (actors->kind == node_type::sequence && actors->items.empty())
        error(*actors, "actors", "an event needs at least one actor");
    } else {
      error(n, "missing-field",
            fmt::format("event '{}' has no 'actors' (or 'actor'): who did this?", e.id));
    }
    if (const tree_node* to = field(n, "to")) read_refs(*to, pending.addressees);
    if (const tree_node* kind = field(n, "kind"); kind && read_text(*kind, e.kind)) {
      if (!valid_kind_word(e.kind))
        error(*kind, "event-kind",
              fmt::format("event kind '{}' must be one lowercase word (letters, digits, '-'), "
                          "such as statement, post, letter or press-conference",
                          e.kind));
    }
    if (const tree_node* title = required(n, "title", "event"); title && read_text(*title, e.title))
      if (e.title.empty()) error(*title, "empty", "an event's title must not be empty");
    for (auto [key, target] : {std::pair{"channel", &e.channel}, std::pair{"place", &e.place},
                               std::pair{"summary", &e.summary}, std::pair{"notes", &e.notes}})
      if (const tree_node* f = field(n, key)) read_text(*f, *target);
    if (const tree_node* quotes = field(n, "quotes"); quotes && expect_list(*quotes, "quotes")) {
      for (const auto& q : quotes->items) read_quote(q, e, pending);
    }
    if (const tree_node* figures = field(n, "figures"); figures && expect_list(*figures, "figures"))
      for (const auto& f : figures->items) read_figure(f, e);
    if (const tree_node* sources = field(n, "sources"); sources && expect_list(*sources, "sources"))
      for (const auto& s : sources->items) {
        source src;
        if (read_source(s, src)) e.sources.push_back(std::move(src));
      }
    if (const tree_node* tags = field(n, "tags"); tags && expect_list(*tags, "tags"))
      for (const auto& t : tags->items) {
        std::string tag;
        if (read_text(t, tag)) e.tags.push_back(std::move(tag));
      }
    if (const tree_node* responds_to = field(n, "responds_to")) {
      std::vector<pending_ref> targets;
      read_refs(*responds_to, targets);
      for (auto& t : targets)
        pending.relations.push_back({relation_type::responds_to, std::move(t), {}});
    }
    if (const tree_node* relations = field(n, "relations");
        relations && expect_list(*relations, "relations"))
      for (const auto& r : relations->items) read_relation(r, pending);
    // Actors and relations are resolved once every document is read; until then the event
    // holds placeholders of the right count, so its rare fields are laid out now, in order.
    e.actors.assign(pending.actors.size(), 0);
    e.addressees.assign(pending.addressees.size(), 0);
    for (const auto& r : pending.relations) e.relations.push_back({r.type, 0, std::string(r.note)});
    story_.add_event(e);
    pending_events_.add(std::move(pending));
  }

  /// Takes an event from the NDJSON fast path when it needs no diagnostic at all; false, with
  /// nothing changed, when the general reader must read the line instead.
  bool read_plain_event(const detail::plain_event& p, std::uint32_t line) {
    // A kind that is present must be a valid word; an absent one is a null view.
    if (!valid_id(p.id) || (p.kind.data() && !valid_kind_word(p.kind))) return false;
    const date_parse_result parsed = parse_date(p.date, zone_);
    if (!parsed.time || !parsed.warning.empty()) return false;
    auto& store = pending_events_;
    pending_events::entry entry;
    entry.where = {file_index_, line, p.column};
    entry.dated = true;
    entry.document_has_sources = document_has_sources_;
    entry.relation_count = static_cast<std::uint32_t>(p.relations.size());
    for (const auto& r : p.relations)
      store.relations.push_back({{r.to.id, {file_index_, line, r.to.column}}, r.type});
    // Actors read before the event (the usual order: actor lines first) are resolved now, as
    // the end would resolve them (the first actor with an id keeps it); an event naming an
    // actor not yet read keeps its references for the end.
    auto resolve_now = [&](const std::vector<detail::plain_event::ref>& refs,
                           std::vector<actor_index>& out) {
      out.clear();
      for (const auto& r : refs) {
        const auto a = known_actors_.find(r.id);
        if (!a) return false;
        out.push_back(*a);
      }
      return true;
    };
    if (resolve_now(p.actors, known_actor_list_) &&
        resolve_now(p.addressees, known_addressee_list_)) {
      entry.actors_resolved = true;
      auto& used = store.actor_used;
      if (used.size() < story_.actors.size()) used.resize(story_.actors.size(), false);
      for (actor_index a : known_actor_list_) used[a] = true;
      for (actor_index a : known_addressee_list_) used[a] = true;
      story_.events.columns().add({p.id, p.date, p.title, p.kind, zone_, *parsed.time,
                                   known_actor_list_, known_addressee_list_, p.tags});
      store.events.push_back(entry);
      return true;
    }
    entry.actor_count = static_cast<std::uint32_t>(p.actors.size());
    entry.addressee_count = static_cast<std::uint32_t>(p.addressees.size());
    for (const auto& a : p.actors) store.refs.push_back({a.id, {file_index_, line, a.column}});
    for (const auto& a : p.addressees) store.refs.push_back({a.id, {file_index_, line, a.column}});
    placeholder_actors_.assign(std::max(p.actors.size(), p.addressees.size()), 0);
    const std::span<const actor_index> placeholders(placeholder_actors_);
    story_.events.columns().add({p.id, p.date, p.title, p.kind, zone_, *parsed.time,
                                 placeholders.first(p.actors.size()),
                                 placeholders.first(p.addressees.size()), p.tags});
    store.events.push_back(std::move(entry));
    return true;
  }

 private:
  source_location where(const tree_node& n) const { return {file_, n.line, n.column}; }
  position at(const tree_node& n) const { return {file_index_, n.line, n.column}; }

  /// A warning, once per place: a YAML alias repeats the values it copies, positions included.
  void warn(source_location at, const char* code, std::string message) {
    if (!warnings_) return;
    if (!warned_at_.insert((std::uint64_t{at.line} << 32) | at.column).second) return;
    diags_.warning(std::move(at), code, std::move(message));
  }

  void error(const tree_node& n, const char* code, std::string message) {
    diags_.error(where(n), code, std::move(message));
  }

  std::string suggest(std::string_view name, std::initializer_list<std::string_view> names) {
    return suggest(name, std::span<const std::string_view>(names.begin(), names.size()));
  }
  std::string suggest(std::string_view name, std::span<const std::string_view> names) {
    std::size_t best = SIZE_MAX;
    std::string_view best_name;
    for (auto candidate : names)
      if (std::size_t d = 0; detail::close_enough(name, candidate, d) && d < best)
        best = d, best_name = candidate;
    return best_name.empty() ? std::string{} : fmt::format("; did you mean '{}'?", best_name);
  }

  static std::string unknown_zone_message(std::string_view zone) {
    return fmt::format(
        "unknown time zone '{}'; use an IANA name such as America/Los_Angeles or UTC", zone);
  }

  bool expect_mapping(const tree_node& n, std::string_view what) {
    if (n.kind == node_type::mapping) return true;
    error(n, "type",
          fmt::format("expected {} (a mapping of fields), found {}", what,
                      detail::type_name(n.kind)));
    return false;
  }

  bool expect_list(const tree_node& n, std::string_view what) {
    if (n.kind == node_type::sequence) return true;
    error(n, "type", fmt::format("'{}' must be a list, found {}", what, detail::type_name(n.kind)));
    return false;
  }

  void check_keys(const tree_node& n, std::span<const std::string_view> allowed,
                  std::span<const std::string_view> extra = {}) {
    for (std::size_t i = 0; i < n.keys.size(); ++i) {
      const tree_node& key = n.keys[i];
      if (key.kind != node_type::string) {
        error(key, "type",
              fmt::format("a field name must be text, found {}", detail::type_name(key.kind)));
        continue;
      }
      for (std::size_t j = 0; j < i; ++j) {
        if (n.keys[j].text == key.text) {
          error(key, "duplicate-field",
                fmt::format("field '{}' appears twice in this mapping (first at line {})", key.text,
                            n.keys[j].line));
          break;
        }
      }
      const bool known = std::find(allowed.begin(), allowed.end(), key.text) != allowed.end() ||
                         std::find(extra.begin(), extra.end(), key.text) != extra.end();
      if (!known)
        error(key, "unknown-field",
              fmt::format("unknown field '{}'{}", key.text, suggest(key.text, allowed)));
    }
  }

  static const tree_node* field(const tree_node& n, std::string_view key) {
    for (std::size_t i = 0; i < n.keys.size(); ++i)
      if (n.keys[i].kind == node_type::string && n.keys[i].text == key) return &n.items[i];
    return nullptr;
  }

  const tree_node* required(const tree_node& n, std::string_view key, std::string_view what) {
    const tree_node* f = field(n, key);
    if (!f) error(n, "missing-field", fmt::format("{} is missing required field '{}'", what, key));
    return f;
  }

  bool read_text(const tree_node& n, std::string& out) {
    if (n.kind != node_type::string) {
      std::string hint = n.kind == node_type::integer || n.kind == node_type::number ||
                                 n.kind == node_type::boolean
                             ? fmt::format(" (write \"{}\" in quotes to mean the text)", n.text)
                             : std::string{};
      error(n, "type", fmt::format("expected text, found {}{}", detail::type_name(n.kind), hint));
      return false;
    }
    out = n.text;
    return true;
  }

  void read_id(const tree_node& n, std::string& out, std::string_view what) {
    const tree_node* id = required(n, "id", what);
    if (!id || !read_text(*id, out)) return;
    if (!valid_id(out))
      error(*id, "id",
            fmt::format("'{}' is not a valid id: start with a letter or digit, then letters, "
                        "digits, '.', '_', ':' or '-' (at most 200)",
                        out));
  }

  bool read_ref(const tree_node& n, pending_ref& out) {
    std::string id;
    if (!read_text(n, id)) return false;
    out = pending_ref(pending_events_.keep(std::move(id)), at(n));
    return true;
  }

  /// A list of ids; a single id is accepted where a list is expected.
  void read_refs(const tree_node& n, std::vector<pending_ref>& out) {
    if (n.kind == node_type::string) {
      pending_ref ref;
      if (read_ref(n, ref)) out.push_back(std::move(ref));
      return;
    }
    if (!expect_list(n, "a list of ids")) return;
    for (const auto& item : n.items) {
      pending_ref ref;
      if (read_ref(item, ref)) out.push_back(std::move(ref));
    }
  }

  void read_date(const tree_node& n, event_record& e, pending_event& pending) {
    // Unquoted YAML years (`date: 2026`) read as numbers; the text is what matters.
    if (n.kind != node_type::string && n.kind != node_type::integer) {
      error(n, "type",
            fmt::format("expected a date such as \"2026-02-12\", found {}",
                        detail::type_name(n.kind)));
      return;
    }
    e.date = n.text;
    date_parse_result parsed = parse_date(e.date, e.timezone);
    const std::uint32_t column = n.column + (n.quoted ? 1 : 0);
    if (!parsed.time) {
      diags_.error({file_, n.line, column + static_cast<std::uint32_t>(parsed.error_offset)},
                   "date", fmt::format("invalid date '{}': {}", e.date, parsed.error));
      return;
    }
    e.time = *parsed.time;
    pending.dated = true;
    if (!parsed.warning.empty()) warn({file_, n.line, column}, "date", parsed.warning);
  }

  bool read_source(const tree_node& n, source& out) {
    if (!expect_mapping(n, "a source")) return false;
    check_keys(n, source_fields);
    if (const tree_node* title = required(n, "title", "source")) read_text(*title, out.title);
    for (auto [key, target] : {std::pair{"publisher", &out.publisher}, std::pair{"url", &out.url},
                               std::pair{"note", &out.note}})
      if (const tree_node* f = field(n, key)) read_text(*f, *target);
    if (const tree_node* date = field(n, "date")) {
      if (date->kind == node_type::integer || read_text(*date, out.date)) {
        if (date->kind == node_type::integer) out.date = date->text;
        date_parse_result parsed = parse_date(out.date, zone_);
        if (!parsed.time)
          diags_.error({file_, date->line,
                        date->column + (date->quoted ? 1u : 0u) +
                            static_cast<std::uint32_t>(parsed.error_offset)},
                       "date", fmt::format("invalid date '{}': {}", out.date, parsed.error));
      }
    }
    if (!out.url.empty() && !detail::text::is_link(out.url)) {
      const tree_node* url = field(n, "url");
      warn(where(*url), "url",
           fmt::format("'{}' is not an http(s) address; it will be shown as text, "
                       "never as a link",
                       out.url));
    }
    return true;
  }

  void read_quote(const tree_node& n, event_record& e, pending_event& pending) {
    if (!expect_mapping(n, "a quote")) return;
    check_keys(n, quote_fields);
    quote q;
    if (const tree_node* text = required(n, "text", "quote")) read_text(*text, q.text);
    if (const tree_node* note = field(n, "note")) read_text(*note, q.note);
    std::optional<pending_ref> by;
    if (const tree_node* b = field(n, "by")) {
      pending_ref ref;
      if (read_ref(*b, ref)) by = std::move(ref);
    }
    e.quotes.push_back(std::move(q));
    pending.quote_by.push_back(std::move(by));
  }

  void read_figure(const tree_node& n, event_record& e) {
    if (!expect_mapping(n, "a figure")) return;
    check_keys(n, figure_fields);
    figure f;
    if (const tree_node* label = required(n, "label", "figure")) read_text(*label, f.label);
    if (const tree_node* unit = field(n, "unit")) read_text(*unit, f.unit);
    if (const tree_node* note = field(n, "note")) read_text(*note, f.note);
    if (const tree_node* value = required(n, "value", "figure")) {
      if (value->kind != node_type::integer && value->kind != node_type::number) {
        error(*value, "type",
              fmt::format("a figure's value must be a number, found {}",
                          detail::type_name(value->kind)));
      } else {
        f.value_text = value->text;
        const char* first = value->text.data();
        const char* last = first + value->text.size();
        if (first != last && *first == '+') ++first;
        auto [end, ec] = std::from_chars(first, last, f.value);
        if (ec != std::errc{} || end != last || !std::isfinite(f.value))
          error(*value, "number",
                fmt::format("'{}' is not a finite number eventgraph can hold", value->text));
        else if (value->kind == node_type::integer && std::fabs(f.value) > 9.007199254740992e15)
          error(*value, "number",
                fmt::format("{} is beyond the whole numbers that stay exact (2^53)", value->text));
      }
    }
    e.figures.push_back(std::move(f));
  }

  void read_relation(const tree_node& n, pending_event& pending) {
    if (!expect_mapping(n, "a relation")) return;
    check_keys(n, relation_fields);
    pending_relation r{relation_type::responds_to, {}, {}};
    bool ok = true;
    if (const tree_node* type = required(n, "type", "relation")) {
      std::string text;
      if (read_text(*type, text)) {
        if (auto t = parse_relation_type(text)) {
          r.type = *t;
        } else {
          static constexpr std::array<std::string_view, relation_type_count> names = {
              "responds-to", "rebuts", "supports", "follows-up", "repeats", "cites", "part-of"};
          error(*type, "relation-type",
                fmt::format("unknown relation type '{}'{}; the types are responds-to, rebuts, "
                            "supports, follows-up, repeats, cites and part-of",
                            text, suggest(text, names)));
          ok = false;
        }
      } else {
        ok = false;
      }
    } else {
      ok = false;
    }
    if (const tree_node* to = required(n, "to", "relation"))
      ok = read_ref(*to, r.target) && ok;
    else
      ok = false;
    if (std::string note; field(n, "note") && read_text(*field(n, "note"), note))
      r.note = pending_events_.keep(std::move(note));
    if (ok) pending.relations.push_back(std::move(r));
  }

  std::string file_;
  std::uint32_t file_index_;  // of file_ in story::files
  story& story_;
  pending_events& pending_events_;
  std::vector<pending_actor>& pending_actors_;
  actor_id_index& known_actors_;  ///< actors read so far, for the NDJSON fast path
  bool warnings_;
  std::unordered_set<std::uint64_t> warned_at_;
  diagnostic_list& diags_;
  std::string zone_;
  bool document_has_sources_ = false;
  std::vector<actor_index> placeholder_actors_;
  std::vector<actor_index> known_actor_list_, known_addressee_list_;
};

/// An input as the loader reads it: a file mapped into memory or a caller's string.
struct input_view {
  std::string name;
  std::string_view text;
};

input_format detect_format(const input_view& input) {
  auto ends_with = [&](std::string_view suffix) { return input.name.ends_with(suffix); };
  if (ends_with(".yaml") || ends_with(".yml")) return input_format::yaml;
  if (ends_with(".ndjson") || ends_with(".jsonl")) return input_format::ndjson;
  if (ends_with(".json")) return input_format::json;
  auto first = input.text.find_first_not_of(" \t\r\n");
  return first != std::string::npos && input.text[first] == '{' ? input_format::json
                                                                : input_format::yaml;
}

/// Newlines in a text, and whether it has a NUL byte, in one pass: sixteen bytes at a time
/// where SSE2 is there (every x86-64). The columns are sized from the count before the first
/// line is read; the encoding check then need not look for NULs again.
struct line_count {
  std::size_t lines = 0;
  bool has_nul = false;
};

line_count count_lines(std::string_view text) {
  line_count out;
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i zero = _mm_setzero_si128();
  __m128i nuls = _mm_setzero_si128();
  while (i + 16 <= text.size()) {
    // Up to 255 blocks into byte counters (a match compares as -1), then their sum.
    __m128i counts = _mm_setzero_si128();
    const std::size_t blocks = std::min<std::size_t>(255, (text.size() - i) / 16);
    for (std::size_t b = 0; b < blocks; ++b, i += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(bytes, newline));
      nuls = _mm_or_si128(nuls, _mm_cmpeq_epi8(bytes, zero));
    }
    const __m128i sums = _mm_sad_epu8(counts, zero);
    out.lines += static_cast<std::size_t>(_mm_cvtsi128_si64(sums)) +
                 static_cast<std::size_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
  }
  out.has_nul = _mm_movemask_epi8(nuls) != 0;
#endif
  for (; i < text.size(); ++i) {
    out.lines += text[i] == '\n';
    out.has_nul = out.has_nul || text[i] == '\0';
  }
  return out;
}

/// The next newline at or after `from`, or npos. Inline, sixteen bytes at a time: lines are
/// short, and a call to memchr per line cost more than the search.
std::size_t find_newline(std::string_view text, std::size_t from) {
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  for (; from + 16 <= text.size(); from += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + from));
    if (const auto found = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, newline))))
      return from + static_cast<std::size_t>(std::countr_zero(found));
  }
#endif
  for (; from < text.size(); ++from)
    if (text[from] == '\n') return from;
  return std::string_view::npos;
}

/// A copy of the text with the zero bytes simdjson may read past its end.
std::string padded(std::string_view text) {
  std::string out;
  out.reserve(text.size() + detail::json_padding);
  out.append(text);
  out.append(detail::json_padding, '\0');
  return out;
}

void read_ndjson(const input_view& input, tree_reader& reader, const load_options& options,
                 diagnostic_list& diags) {
  static constexpr std::array<std::string_view, 1> type_key = {"type"};
  // simdjson reads up to json_padding bytes past a line's end: every line but the last few has
  // the rest of the text there, so only those are copied (into `tail`), not the whole file.
  const std::string_view text = input.text;
  std::string tail;
  std::uint32_t line = 0;
  bool first_document = true;
  detail::plain_event_reader plain;
  detail::plain_event event;
  for (std::size_t start = 0; start < text.size() && diags.error_count() < 1000000;) {
    std::size_t end = find_newline(text, start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view content = text.substr(start, end - start);
    const std::size_t line_start = start;
    start = end + 1;
    ++line;
    if (content.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const bool padded_in_place = end + detail::json_padding <= text.size();
    // The fast path keeps views into the text, so it takes only lines read in place.
    if (options.ndjson_fast_path && padded_in_place && !first_document &&
        plain.read(content, event) && reader.read_plain_event(event, line)) {
      if (options.progress && (line & 0xFFFF) == 0)
        options.progress(line_start, text.size(), options.progress_context);
      continue;
    }
    if (!padded_in_place) {
      tail = padded(content);
      content = std::string_view(tail.data(), content.size());
    }
    detail::tree_node root;
    if (!detail::read_json(content, input.name, line - 1, root, diags)) continue;
    if (root.kind != node_type::mapping) {
      diags.error({input.name, line, 1}, "type",
                  "each NDJSON line must be one JSON object (an event, an actor or the header)");
      continue;
    }
    const tree_node* kind = nullptr;
    for (std::size_t i = 0; i < root.keys.size(); ++i)
      if (root.keys[i].text == "type") kind = &root.items[i];
    bool is_header = false;
    for (const auto& k : root.keys) is_header = is_header || k.text == "eventgraph";
    if (is_header) {
      if (!first_document)
        diags.error({input.name, line, 1}, "ndjson",
                    "the header line (with \"eventgraph\") must be the first line");
      reader.read_document(root);
    } else if (kind && kind->kind == node_type::string && kind->text == "actor") {
      reader.read_actor(root, type_key);
    } else if (!kind || (kind->kind == node_type::string && kind->text == "event")) {
      reader.read_event(root, type_key);
    } else {
      diags.error({input.name, kind->line, kind->column}, "type",
                  "\"type\" must be \"event\" or \"actor\"");
    }
    first_document = false;
    if (options.progress && (line & 0xFFFF) == 0)
      options.progress(line_start, text.size(), options.progress_context);
  }
}

/// Finds cycles in a graph without recursion (chains can be a million long). `edges(v)` gives
/// a vertex's successors as a random-access range. Calls `report` with each cycle's vertices,
/// in order, once.
template <typename Edges, typename Report>
void find_cycles(std::size_t count, Edges&& edges, Report&& report) {
  enum : std::uint8_t { unseen, on_stack, done };
  std::vector<std::uint8_t> state(count, unseen);
  std::vector<std::pair<std::uint32_t, std::size_t>> stack;  // vertex, next edge to follow
  for (std::uint32_t root = 0; root < count; ++root) {
    if (state[root] != unseen) continue;
    stack.push_back({root, 0});
    state[root] = on_stack;
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      const auto successors = edges(v);
      if (next < successors.size()) {
        std::uint32_t w = successors[next++];
        if (state[w] == unseen) {
          state[w] = on_stack;
          stack.push_back({w, 0});
        } else if (state[w] == on_stack) {
          std::vector<std::uint32_t> cycle;
          auto it = std::find_if(stack.begin(), stack.end(),
                                 [w](const auto& entry) { return entry.first == w; });
          for (; it != stack.end(); ++it) cycle.push_back(it->first);
          report(cycle);
        }
      } else {
        state[v] = done;
        stack.pop_back();
      }
    }
  }
}

/// Resolves every reference and checks what needs the whole story: ids, time order, cycles.
void resolve_and_check(story& s, pending_events& pending,
                       std::vector<pending_actor>& pending_actors, const load_options& options,
                       diagnostic_list& diags) {
  auto& columns = s.events.columns();
  columns.index_ids();
  // Duplicate ids across actors and events of every file; the first keeps the id.
  actor_id_index actor_ids(s.actors);
  auto duplicate = [&](std::string_view id, const position& at, const position& first) {
    const source_location where = s.locate(first);
    diags.error(s.locate(at), "duplicate-id",
                fmt::format("id '{}' is already used at {}:{}:{}", id, where.file, where.line,
                            where.column));
  };
  for (std::size_t i = 0; i < s.actors.size(); ++i) {
    const actor& a = s.actors[i];
    if (a.id.empty()) continue;
    if (const auto first = actor_ids.insert(static_cast<actor_index>(i)))
      duplicate(a.id, a.where, s.actors[*first].where);
  }
  if (!columns.duplicate_ids) {
    // Every event id is distinct: an event can only clash with an actor, and looking up each
    // actor's id among the events is far shorter than the other way round.
    for (std::size_t i = 0; i < s.actors.size(); ++i) {
      const std::string_view id = s.actors[i].id;
      if (id.empty() || actor_ids.find(id) != i) continue;  // a repeated actor id: reported
      if (const auto e = s.events.find(id))
        duplicate(id, pending.events[*e].where, s.actors[i].where);
    }
  } else {
    for (event_index i = 0; i < s.events.size(); ++i) {
      const std::string_view id = s.events[i].id();
      if (id.empty()) continue;
      if (const auto a = actor_ids.find(id))
        duplicate(id, pending.events[i].where, s.actors[*a].where);
      else if (auto first = s.events.find(id); first && *first != i)
        duplicate(id, pending.events[i].where, pending.events[*first].where);
    }
  }
  auto find_actor = [&](std::string_view id) { return actor_ids.find(id); };

  std::size_t suggestions_left = 20;  // "did you mean" scans every id; keep it to a few
  auto hint = [&](std::string_view id, story::id_kind kind) {
    if (suggestions_left == 0) return std::string{};
    --suggestions_left;
    return join_suggestions(s.closest_ids(id, kind));
  };
  auto resolve_actor = [&](const pending_ref& ref) -> std::optional<actor_index> {
    if (auto a = find_actor(ref.id())) return a;
    if (s.find_event(ref.id()))
      diags.error(s.locate(ref.where), "reference",
                  fmt::format("'{}' is an event, but an actor is expected here", ref.id()));
    else
      diags.error(s.locate(ref.where), "reference",
                  fmt::format("no actor has the id '{}'{}", ref.id(),
                              hint(ref.id(), story::id_kind::actor)));
    return std::nullopt;
  };
  auto resolve_event = [&](const pending_ref& ref) -> std::optional<event_index> {
    if (auto e = s.find_event(ref.id())) return e;
    if (find_actor(ref.id()))
      diags.error(s.locate(ref.where), "reference",
                  fmt::format("'{}' is an actor, but an event is expected here", ref.id()));
    else
      diags.error(s.locate(ref.where), "reference",
                  fmt::format("no event has the id '{}'{}", ref.id(),
                              hint(ref.id(), story::id_kind::event)));
    return std::nullopt;
  };

  // Actors the fast path resolved while reading are marked already.
  std::vector<bool> actor_used = std::move(pending.actor_used);
  actor_used.resize(s.actors.size(), false);
  for (std::size_t i = 0; i < s.actors.size(); ++i) {
    for (const auto& ref : pending_actors[i].member_of) {
      if (auto a = resolve_actor(ref)) {
        if (*a == i)
          diags.error(s.locate(ref.where), "self-reference",
                      fmt::format("actor '{}' cannot be a member of itself", ref.id()));
        else
          s.actors[i].member_of.push_back(*a);
      }
    }
  }
  std::vector<actor_index> resolved;
  std::size_t refs_at = 0;  // where event i's references start
  for (event_index i = 0; i < s.events.size(); ++i) {
    const auto& p = pending.events[i];
    if (p.actors_resolved) continue;  // and has no references kept
    resolved.clear();
    for (const auto& ref : pending.actors(p, refs_at))
      if (auto a = resolve_actor(ref)) resolved.push_back(*a), actor_used[*a] = true;
    columns.set_actors(i, resolved);
    resolved.clear();
    for (const auto& ref : pending.addressees(p, refs_at))
      if (auto a = resolve_actor(ref)) resolved.push_back(*a), actor_used[*a] = true;
    columns.set_addressees(i, resolved);
    refs_at += p.actor_count + p.addressee_count;
  }
  for (const auto& [i, speakers] : pending.quote_by) {
    event_details& details = columns.details_for(i);  // made when the event was added
    for (std::size_t q = 0; q < speakers.size(); ++q)
      if (speakers[q])
        if (auto a = resolve_actor(*speakers[q])) details.quotes[q].by = *a, actor_used[*a] = true;
  }

  // Relation targets, all looked up in one batch; a miss is looked up again below, to report.
  std::vector<event_index> targets(pending.relations.size());
  {
    std::vector<std::string_view> ids(std::min<std::size_t>(4096, targets.size()));
    for (std::size_t first = 0; first < targets.size(); first += ids.size()) {
      const std::size_t count = std::min(ids.size(), targets.size() - first);
      for (std::size_t k = 0; k < count; ++k) ids[k] = pending.relations[first + k].target.id();
      columns.find_batch(std::span(ids).first(count), std::span(targets).subspan(first, count));
    }
  }
  // Relations, event by event in order (the order the relation arrays are laid out in).
  std::vector<std::string> notes;
  auto next_note = pending.notes.begin();  // notes are by relation, in order
  columns.relation_target.reserve(pending.relations.size());
  columns.relation_kind.reserve(pending.relations.size());
  // Whether each event has a date, one bit each: read at random for every relation's target.
  std::vector<bool> dated(s.events.size());
  for (event_index i = 0; i < s.events.size(); ++i) dated[i] = pending.events[i].dated;
  std::uint32_t relations_at = 0;  // where event i's relations start in pending.relations
  columns.set_relations([&](event_index i) {
    const auto& p = pending.events[i];
    const event e = s.events[i];
    const std::int64_t response_earliest = columns.earliest[i], response_latest = columns.latest(i);
    const std::uint32_t first = static_cast<std::uint32_t>(columns.relation_target.size());
    // Notes are kept with the rare fields: only an event that has those can have any.
    const bool has_details = columns.flags[i] & event_table::impl::has_details;
    notes.clear();
    const std::uint32_t relations_begin = relations_at;
    relations_at += p.relation_count;
    for (std::uint32_t k = relations_begin; k < relations_begin + p.relation_count; ++k) {
      auto& r = pending.relations[k];
      auto target = targets[k] != event_table::impl::not_found ? std::optional(targets[k])
                                                               : resolve_event(r.target);
      if (!target) continue;
      if (*target == i) {
        diags.error(s.locate(r.target.where), "self-reference",
                    fmt::format("event '{}' cannot {} itself", e.id(), to_string(r.type)));
        continue;
      }
      const event t = s.events[*target];
      const bool both_dated = p.dated && dated[*target];
      const std::int64_t target_earliest = columns.earliest[*target];
      if (both_dated && r.type != relation_type::part_of && target_earliest > response_latest) {
        diags.error(s.locate(r.target.where), "time-order",
                    fmt::format("'{}' ({}) cannot {} '{}' ({}): it happened before it", e.id(),
                                describe_date(e.date(), e.timezone()), to_string(r.type), t.id(),
                                describe_date(t.date(), t.timezone())));
      }
      if (both_dated && r.type == relation_type::part_of &&
          (response_latest < target_earliest || response_earliest > columns.latest(*target))) {
        diags.error(s.locate(r.target.where), "part-of",
                    fmt::format("'{}' ({}) lies outside '{}' ({}) that it is part of", e.id(),
                                describe_date(e.date(), e.timezone()), t.id(),
                                describe_date(t.date(), t.timezone())));
      }
      bool repeated = false;
      for (std::uint32_t kept = first; kept < columns.relation_target.size() && !repeated; ++kept)
        repeated =
            columns.relation_kind[kept] == r.type && columns.relation_target[kept] == *target;
      if (repeated) {
        diags.warning(s.locate(r.target.where), "duplicate-relation",
                      fmt::format("'{}' already {} '{}'", e.id(), to_string(r.type), t.id()));
        continue;
      }
      columns.relation_target.push_back(*target);
      columns.relation_kind.push_back(r.type);
      if (!has_details) continue;
      while (next_note != pending.notes.end() && next_note->first < k) ++next_note;
      notes.emplace_back(next_note != pending.notes.end() && next_note->first == k
                             ? next_note->second
                             : std::string_view{});
    }
    if (has_details) {
      auto& kept = columns.details_for(i).relation_notes;
      const bool any =
          std::any_of(notes.begin(), notes.end(), [](const std::string& n) { return !n.empty(); });
      kept.assign(any ? notes.size() : 0, std::string{});
      if (any) std::move(notes.begin(), notes.end(), kept.begin());
    }
  });

  // Cycles: among events (every relation type points back in time or outward) and memberships.
  std::size_t cycles_reported = 0;
  find_cycles(
      s.events.size(),
      [&](std::uint32_t v) {
        return std::span<const event_index>(
            columns.relation_target.data() + columns.relation_begin[v],
            columns.relation_begin[v + 1] - columns.relation_begin[v]);
      },
      [&](const std::vector<std::uint32_t>& cycle) {
        if (++cycles_reported > 20) return;
        std::string names;
        for (auto v : cycle) names += fmt::format("{} -> ", s.events[v].id());
        names += s.events[cycle.front()].id();
        diags.error(s.locate(pending.events[cycle.front()].where), "cycle",
                    fmt::format("relations form a cycle: {}", names));
      });
  find_cycles(
      s.actors.size(), [&](std::uint32_t v) { return std::span(s.actors[v].member_of); },
      [&](const std::vector<std::uint32_t>& cycle) {
        std::string names;
        for (auto v : cycle) names += s.actors[v].id + " -> ";
        names += s.actors[cycle.front()].id;
        diags.error(s.locate(s.actors[cycle.front()].where), "cycle",
                    fmt::format("memberships form a cycle: {}", names));
      });

  if (!options.warnings) return;
  for (event_index i = 0; i < s.events.size(); ++i)
    if (!pending.events[i].document_has_sources && s.events[i].sources().empty())
      diags.warning(s.locate(pending.events[i].where), "no-source",
                    fmt::format("event '{}' has no source", s.events[i].id()));
  for (const auto& a : s.actors)
    for (auto m : a.member_of) actor_used[m] = true;
  for (std::size_t i = 0; i < s.actors.size(); ++i)
    if (!actor_used[i] && find_actor(s.actors[i].id) == i)  // a duplicate id is error enough
      diags.warning(s.locate(s.actors[i].where), "unused-actor",
                    fmt::format("actor '{}' takes part in no event", s.actors[i].id));
}

result<story> load_views(std::span<const input_view> inputs, const load_options& options) {
  diagnostic_list diags(options.max_diagnostics);
  story s;
  pending_events pending;
  std::vector<pending_actor> pending_actors;
  actor_id_index known_actors(s.actors);
  std::size_t total_bytes = 0, done_bytes = 0;
  // NDJSON: about one event per line, and the events' text is part of the lines', so the columns
  // and the text arena are sized once.
  std::size_t lines = 0, ndjson_bytes = 0;
  std::vector<bool> nul_free(inputs.size(), false);  // known to have no NUL byte
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto& input = inputs[i];
    total_bytes += input.text.size();
    if (detect_format(input) == input_format::ndjson || options.format == input_format::ndjson) {
      const line_count counted = count_lines(input.text);
      lines += counted.lines, ndjson_bytes += input.text.size();
      nul_free[i] = !counted.has_nul;
    }
  }
  s.events.columns().reserve(lines, ndjson_bytes);
  s.events.columns().defer_ids = true;  // indexed in one batch before references are resolved
  pending.events.reserve(lines);
  pending.refs.reserve(lines);
  // Events often answer more than one event: room for half as many again (reserved memory
  // that is never written costs no page; growing past it would copy every relation).
  pending.relations.reserve(lines + lines / 2);
  {
    // About one entry a line in each: mapped now, in a few calls, not page by page.
    auto& c = s.events.columns();
    auto map = [&](const auto& v) { detail::prefault(v.data(), lines * sizeof(v[0])); };
    map(c.earliest), map(c.span), map(c.flags), map(c.text_offset), map(c.actor);
    map(c.relation_begin), map(pending.events), map(pending.relations);
  }
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto& input = inputs[i];
    s.files.push_back(input.name);
    tree_reader reader(input.name, s, pending, pending_actors, known_actors, options.warnings,
                       diags);
    if (!detail::check_encoding(input.text, input.name, diags, nul_free[i])) continue;
    const input_format format =
        options.format == input_format::detect ? detect_format(input) : options.format;
    if (format == input_format::ndjson) {
      read_ndjson(input, reader, options, diags);
    } else {
      detail::tree_node root;
      bool parsed = false;
      if (format == input_format::json) {
        const std::string buffer = padded(input.text);
        parsed = detail::read_json(std::string_view(buffer.data(), input.text.size()), input.name,
                                   0, root, diags);
      } else {
        parsed = detail::read_yaml(input.text, input.name, root, diags);
      }
      if (parsed) reader.read_document(root);
    }
    done_bytes += input.text.size();
    if (options.progress) options.progress(done_bytes, total_bytes, options.progress_context);
  }
  resolve_and_check(s, pending, pending_actors, options, diags);
  diags.sort();
  if (diags.has_errors()) return diags;
  pending = {};  // free the scratch before the sort's copy
  s.finish();
  return {std::move(s), std::move(diags)};
}

/// A file's bytes: mapped read-only when it is a regular file, so the page cache is read in
/// place (no copy into a zero-filled buffer: 90 ms of a million-event load); read whole
/// otherwise (pipes, /dev/stdin). A file truncated by another program while mapped would end
/// the process (SIGBUS), as it would for other tools that map their input.
class file_bytes {
 public:
  file_bytes() = default;
  file_bytes(file_bytes&& other) noexcept
      : map_(std::exchange(other.map_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        copy_(std::move(other.copy_)) {}
  file_bytes& operator=(file_bytes&&) = delete;
  file_bytes(const file_bytes&) = delete;
  file_bytes& operator=(const file_bytes&) = delete;
  ~file_bytes() {
    if (map_) ::munmap(map_, size_);
  }

  [[nodiscard]] std::string_view text() const {
    return map_ ? std::string_view(static_cast<const char*>(map_), size_) : std::string_view(copy_);
  }

  /// The bytes, or the reason they cannot be had, for an "io" diagnostic.
  static std::variant<file_bytes, const char*> read(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return "cannot open the file";
    file_bytes out;
    struct stat info {};
    if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
      const auto size = static_cast<std::size_t>(info.st_size);
      void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
      if (map != MAP_FAILED) {
        ::close(fd);
        out.map_ = map;
        out.size_ = size;
        return out;
      }
    }
    std::array<char, 1 << 16> buffer{};
    for (;;) {
      const ssize_t got = ::read(fd, buffer.data(), buffer.size());
      if (got == 0) break;
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) {
        ::close(fd);
        return "cannot read the file";
      }
      out.copy_.append(buffer.data(), static_cast<std::size_t>(got));
    }
    ::close(fd);
    return out;
  }

 private:
  void* map_ = nullptr;
  std::size_t size_ = 0;
  std::string copy_;
};

}  // namespace

result<story> load_texts(std::span<const input_text> inputs, const load_options& options) {
  std::vector<input_view> views;
  views.reserve(inputs.size());
  for (const auto& input : inputs) views.push_back({input.name, input.text});
  return load_views(views, options);
}

result<story> load_files(std::span<const std::string> paths, const load_options& options) {
  std::vector<file_bytes> files;
  std::vector<input_view> views;
  files.reserve(paths.size());
  views.reserve(paths.size());
  diagnostic_list io_errors(options.max_diagnostics);
  for (const auto& path : paths) {
    auto bytes = file_bytes::read(path);
    if (const char* const* reason = std::get_if<const char*>(&bytes)) {
      io_errors.error({path, 0, 0}, "io", *reason, category::io);
      continue;
    }
    files.push_back(std::move(std::get<file_bytes>(bytes)));
    views.push_back({path, files.back().text()});
  }
  if (io_errors.has_errors()) return io_errors;
  return load_views(views, options);
}

}  // namespace eventgraph
