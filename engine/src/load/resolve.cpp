// Resolution once every document is read: ids made unique, references looked up, relations
// checked against time, cycles found, and the warnings that need the whole story.

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "load/load_internal.hpp"

namespace eventgraph::detail {
namespace {

enum class verb_form : std::uint8_t { base, third_person };

/// A relation type as a verb: "'a' cannot respond to 'b'", "'a' already responds to 'b'".
std::string_view verb(relation_type type, verb_form form = verb_form::base) {
  static constexpr std::array<std::string_view, relation_type_count> base = {
      "respond to", "rebut", "support", "follow up", "repeat", "cite", "be part of"};
  static constexpr std::array<std::string_view, relation_type_count> third = {
      "responds to", "rebuts", "supports", "follows up", "repeats", "cites", "is part of"};
  const auto i = static_cast<std::size_t>(type);
  return form == verb_form::base ? base[i] : third[i];
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

class resolver {
 public:
  resolver(story& s, pending_events& pending, std::vector<pending_actor>& pending_actors,
           diagnostic_list& diags)
      : s_(s),
        columns_(s.events.columns()),
        pending_(pending),
        pending_actors_(pending_actors),
        diags_(diags),
        actor_ids_(s.actors) {}

  /// Duplicate ids across actors and events of every file; the first keeps the id.
  void check_duplicate_ids();
  /// Members, actors, addressees and speakers.
  void resolve_actor_refs();
  void resolve_relations();
  void check_cycles();
  void warn_unsourced_and_unused();

 private:
  void duplicate(std::string_view id, const position& at, const position& first) {
    const source_location where = s_.locate(first);
    diags_.error(s_.locate(at), "duplicate-id",
                 fmt::format("id '{}' is already used at {}:{}:{}", id, where.file, where.line,
                             where.column));
  }
  std::string hint(std::string_view id, story::id_kind kind) {
    if (suggestions_left_ == 0) return {};
    --suggestions_left_;
    return join_suggestions(s_.closest_ids(id, kind));
  }
  std::optional<actor_index> resolve_actor(const pending_ref& ref);
  std::optional<event_index> resolve_event(const pending_ref& ref);
  /// Relation targets, all looked up in one batch; a miss is looked up again, to report.
  [[nodiscard]] std::vector<event_index> find_targets() const;
  /// One relation of event `i` to `target`, against time; false when it is not to be kept.
  bool check_relation(event_index i, const pending_events::relation& r, event_index target,
                      const std::vector<bool>& dated);

  story& s_;
  event_table::impl& columns_;
  pending_events& pending_;
  std::vector<pending_actor>& pending_actors_;
  diagnostic_list& diags_;
  actor_id_index actor_ids_;
  std::vector<bool> actor_used_;
  std::size_t suggestions_left_ = 20;  // "did you mean" scans every id; keep it to a few
};

void resolver::check_duplicate_ids() {
  for (std::size_t i = 0; i < s_.actors.size(); ++i) {
    const actor& a = s_.actors[i];
    if (a.id.empty()) continue;
    if (const auto first = actor_ids_.insert(static_cast<actor_index>(i)))
      duplicate(a.id, a.where, s_.actors[*first].where);
  }
  if (!columns_.duplicate_ids) {
    // Every event id is distinct: an event can only clash with an actor, and looking up each
    // actor's id among the events is far shorter than the other way round.
    for (std::size_t i = 0; i < s_.actors.size(); ++i) {
      const std::string_view id = s_.actors[i].id;
      if (id.empty() || actor_ids_.find(id) != i) continue;  // a repeated actor id: reported
      if (const auto e = s_.events.find(id))
        duplicate(id, pending_.events[*e].where, s_.actors[i].where);
    }
    return;
  }
  for (event_index i = 0; i < s_.events.size(); ++i) {
    const std::string_view id = s_.events[i].id();
    if (id.empty()) continue;
    if (const auto a = actor_ids_.find(id))
      duplicate(id, pending_.events[i].where, s_.actors[*a].where);
    else if (auto first = s_.events.find(id); first && *first != i)
      duplicate(id, pending_.events[i].where, pending_.events[*first].where);
  }
}

std::optional<actor_index> resolver::resolve_actor(const pending_ref& ref) {
  if (auto a = actor_ids_.find(ref.id())) return a;
  if (s_.find_event(ref.id()))
    diags_.error(s_.locate(ref.where), "reference",
                 fmt::format("'{}' is an event, but an actor is expected here", ref.id()));
  else
    diags_.error(
        s_.locate(ref.where), "reference",
        fmt::format("no actor has the id '{}'{}", ref.id(), hint(ref.id(), story::id_kind::actor)));
  return std::nullopt;
}

std::optional<event_index> resolver::resolve_event(const pending_ref& ref) {
  if (auto e = s_.find_event(ref.id())) return e;
  if (actor_ids_.find(ref.id()))
    diags_.error(s_.locate(ref.where), "reference",
                 fmt::format("'{}' is an actor, but an event is expected here", ref.id()));
  else
    diags_.error(
        s_.locate(ref.where), "reference",
        fmt::format("no event has the id '{}'{}", ref.id(), hint(ref.id(), story::id_kind::event)));
  return std::nullopt;
}

void resolver::resolve_actor_refs() {
  // Actors the fast path resolved while reading are marked already.
  actor_used_ = std::move(pending_.actor_used);
  actor_used_.resize(s_.actors.size(), false);
  for (std::size_t i = 0; i < s_.actors.size(); ++i) {
    for (const auto& ref : pending_actors_[i].member_of) {
      if (auto a = resolve_actor(ref)) {
        if (*a == i)
          diags_.error(s_.locate(ref.where), "self-reference",
                       fmt::format("actor '{}' cannot be a member of itself", ref.id()));
        else
          s_.actors[i].member_of.push_back(*a);
      }
    }
  }
  std::vector<actor_index> resolved;
  std::size_t refs_at = 0;  // where event i's references start
  for (event_index i = 0; i < s_.events.size(); ++i) {
    const auto& p = pending_.events[i];
    if (p.actors_resolved) continue;  // and has no references kept
    resolved.clear();
    for (const auto& ref : pending_.actors(p, refs_at))
      if (auto a = resolve_actor(ref)) resolved.push_back(*a), actor_used_[*a] = true;
    columns_.set_actors(i, resolved);
    resolved.clear();
    for (const auto& ref : pending_.addressees(p, refs_at))
      if (auto a = resolve_actor(ref)) resolved.push_back(*a), actor_used_[*a] = true;
    columns_.set_addressees(i, resolved);
    refs_at += p.actor_count + p.addressee_count;
  }
  for (const auto& [i, speakers] : pending_.quote_by) {
    event_details& details = columns_.details_for(i);  // made when the event was added
    for (std::size_t q = 0; q < speakers.size(); ++q)
      if (speakers[q])
        if (auto a = resolve_actor(*speakers[q])) details.quotes[q].by = *a, actor_used_[*a] = true;
  }
}

std::vector<event_index> resolver::find_targets() const {
  std::vector<event_index> targets(pending_.relations.size());
  std::vector<std::string_view> ids(std::min<std::size_t>(4096, targets.size()));
  for (std::size_t first = 0; first < targets.size(); first += ids.size()) {
    const std::size_t count = std::min(ids.size(), targets.size() - first);
    for (std::size_t k = 0; k < count; ++k) ids[k] = pending_.relations[first + k].target.id();
    columns_.find_batch(std::span(ids).first(count), std::span(targets).subspan(first, count));
  }
  return targets;
}

bool resolver::check_relation(event_index i, const pending_events::relation& r, event_index target,
                              const std::vector<bool>& dated) {
  const event e = s_.events[i];
  if (target == i) {
    diags_.error(s_.locate(r.target.where), "self-reference",
                 fmt::format("event '{}' cannot {} itself", e.id(), verb(r.type)));
    return false;
  }
  const event t = s_.events[target];
  const bool both_dated = pending_.events[i].dated && dated[target];
  const std::int64_t response_earliest = columns_.earliest[i], response_latest = columns_.latest(i);
  const std::int64_t target_earliest = columns_.earliest[target];
  if (both_dated && r.type != relation_type::part_of && target_earliest > response_latest) {
    diags_.error(s_.locate(r.target.where), "time-order",
                 fmt::format("'{}' ({}) cannot {} '{}' ({}): it happened before it", e.id(),
                             describe_date(e.date(), e.timezone()), verb(r.type), t.id(),
                             describe_date(t.date(), t.timezone())));
  }
  if (both_dated && r.type == relation_type::part_of &&
      (response_latest < target_earliest || response_earliest > columns_.latest(target))) {
    diags_.error(s_.locate(r.target.where), "part-of",
                 fmt::format("'{}' ({}) lies outside '{}' ({}) that it is part of", e.id(),
                             describe_date(e.date(), e.timezone()), t.id(),
                             describe_date(t.date(), t.timezone())));
  }
  return true;
}

void resolver::resolve_relations() {
  const std::vector<event_index> targets = find_targets();
  // Relations, event by event in order (the order the relation arrays are laid out in).
  std::vector<std::string> notes;
  auto next_note = pending_.notes.begin();  // notes are by relation, in order
  columns_.relation_target.reserve(pending_.relations.size());
  columns_.relation_kind.reserve(pending_.relations.size());
  // Whether each event has a date, one bit each: read at random for every relation's target.
  std::vector<bool> dated(s_.events.size());
  for (event_index i = 0; i < s_.events.size(); ++i) dated[i] = pending_.events[i].dated;
  std::uint32_t relations_at = 0;  // where event i's relations start in pending.relations
  columns_.set_relations([&](event_index i) {
    const auto& p = pending_.events[i];
    const std::uint32_t first = static_cast<std::uint32_t>(columns_.relation_target.size());
    // Notes are kept with the rare fields: only an event that has those can have any.
    const bool has_details = columns_.flags[i] & event_table::impl::has_details;
    notes.clear();
    const std::uint32_t relations_begin = relations_at;
    relations_at += p.relation_count;
    for (std::uint32_t k = relations_begin; k < relations_begin + p.relation_count; ++k) {
      auto& r = pending_.relations[k];
      auto target = targets[k] != event_table::impl::not_found ? std::optional(targets[k])
                                                               : resolve_event(r.target);
      if (!target || !check_relation(i, r, *target, dated)) continue;
      bool repeated = false;
      for (std::uint32_t kept = first; kept < columns_.relation_target.size() && !repeated; ++kept)
        repeated =
            columns_.relation_kind[kept] == r.type && columns_.relation_target[kept] == *target;
      if (repeated) {
        diags_.warning(s_.locate(r.target.where), "duplicate-relation",
                       fmt::format("'{}' already {} '{}'", s_.events[i].id(),
                                   verb(r.type, verb_form::third_person), s_.events[*target].id()));
        continue;
      }
      columns_.relation_target.push_back(*target);
      columns_.relation_kind.push_back(r.type);
      if (!has_details) continue;
      while (next_note != pending_.notes.end() && next_note->first < k) ++next_note;
      notes.emplace_back(next_note != pending_.notes.end() && next_note->first == k
                             ? next_note->second
                             : std::string_view{});
    }
    if (has_details) {
      auto& kept = columns_.details_for(i).relation_notes;
      const bool any =
          std::any_of(notes.begin(), notes.end(), [](const std::string& n) { return !n.empty(); });
      kept.assign(any ? notes.size() : 0, std::string{});
      if (any) std::move(notes.begin(), notes.end(), kept.begin());
    }
  });
}

/// Cycles: among events (every relation type points back in time or outward) and memberships.
void resolver::check_cycles() {
  std::size_t cycles_reported = 0;
  find_cycles(
      s_.events.size(),
      [&](std::uint32_t v) {
        return std::span<const event_index>(
            columns_.relation_target.data() + columns_.relation_begin[v],
            columns_.relation_begin[v + 1] - columns_.relation_begin[v]);
      },
      [&](const std::vector<std::uint32_t>& cycle) {
        if (++cycles_reported > 20) return;
        std::string names;
        for (auto v : cycle) names += fmt::format("{} -> ", s_.events[v].id());
        names += s_.events[cycle.front()].id();
        diags_.error(s_.locate(pending_.events[cycle.front()].where), "cycle",
                     fmt::format("relations form a cycle: {}", names));
      });
  find_cycles(
      s_.actors.size(), [&](std::uint32_t v) { return std::span(s_.actors[v].member_of); },
      [&](const std::vector<std::uint32_t>& cycle) {
        std::string names;
        for (auto v : cycle) names += s_.actors[v].id + " -> ";
        names += s_.actors[cycle.front()].id;
        diags_.error(s_.locate(s_.actors[cycle.front()].where), "cycle",
                     fmt::format("memberships form a cycle: {}", names));
      });
}

void resolver::warn_unsourced_and_unused() {
  for (event_index i = 0; i < s_.events.size(); ++i) {
    const event e = s_.events[i];
    // A placeholder has neither by definition: it stands for what the data lacks.
    if (is_missing(e)) continue;
    if (!pending_.events[i].document_has_sources && e.sources().empty())
      diags_.warning(s_.locate(pending_.events[i].where), "no-source",
                     fmt::format("event '{}' has no source", e.id()));
    if (e.actors().empty())
      diags_.warning(s_.locate(pending_.events[i].where), "no-actor",
                     fmt::format("event '{}' names no actor; it is drawn as unattributed", e.id()));
  }
  for (const auto& a : s_.actors)
    for (auto m : a.member_of) actor_used_[m] = true;
  for (std::size_t i = 0; i < s_.actors.size(); ++i)
    if (!actor_used_[i] && actor_ids_.find(s_.actors[i].id) == i)  // a duplicate is error enough
      diags_.warning(s_.locate(s_.actors[i].where), "unused-actor",
                     fmt::format("actor '{}' takes part in no event", s_.actors[i].id));
}

}  // namespace

void resolve_and_check(story& s, pending_events& pending,
                       std::vector<pending_actor>& pending_actors, const load_options& options,
                       diagnostic_list& diags) {
  s.events.columns().index_ids();
  resolver r(s, pending, pending_actors, diags);
  r.check_duplicate_ids();
  r.resolve_actor_refs();
  r.resolve_relations();
  r.check_cycles();
  if (options.warnings) r.warn_unsourced_and_unused();
}

}  // namespace eventgraph::detail
