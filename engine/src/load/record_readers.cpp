// The record readers: a document's header, its actors and events, and their parts.

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "core/text.hpp"
#include "load/tree_reader.hpp"
#include "time/zone.hpp"

namespace eventgraph::detail {
namespace {

/// `value: 43,000,000,000` reads as text: say that the commas are the reason.
std::string separators_hint(const tree_node& value) {
  if (value.kind != node_type::string || value.quoted) return {};
  std::string plain;
  std::size_t group = 0, groups = 0;
  for (std::size_t i = 0; i < value.text.size(); ++i) {
    const char c = value.text[i];
    if (c == ',' && i > 0 && (groups == 0 ? group <= 3 : group == 3)) {
      ++groups, group = 0;
    } else if (c >= '0' && c <= '9') {
      plain += c, ++group;
    } else if (!(c == '-' && i == 0)) {
      return {};
    }
  }
  if (groups == 0 || group != 3) return {};
  return fmt::format(" ('{}' has thousands separators: write {}{})", value.text,
                     value.text[0] == '-' ? "-" : "", plain);
}

}  // namespace

void tree_reader::read_document(const tree_node& root) {
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
void tree_reader::read_header(const tree_node& root) {
  if (const tree_node* zone = field(root, "timezone"); zone && !read_zone(*zone, zone_))
    zone_.clear();
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

/// `extra` names a key a bulk (NDJSON) line may carry besides the actor's own fields.
void tree_reader::read_actor(const tree_node& n, std::span<const std::string_view> extra) {
  if (!expect_mapping(n, "an actor")) return;
  check_keys(n, actor_fields, extra);
  actor a;
  pending_actor pending;
  a.where = at(n);
  read_id(n, a.id, "actor");
  if (const tree_node* name = required(n, "name", "actor")) read_text(*name, a.name);
  if (const tree_node* kind = field(n, "kind")) {
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
  if (const tree_node* member_of = field(n, "member_of")) read_refs(*member_of, pending.member_of);
  story_.actors.push_back(std::move(a));
  pending_actors_.push_back(std::move(pending));
  if (!story_.actors.back().id.empty())
    known_actors_.insert(static_cast<actor_index>(story_.actors.size() - 1));
}

void tree_reader::read_event(const tree_node& n, std::span<const std::string_view> extra) {
  if (!expect_mapping(n, "an event")) return;
  check_keys(n, std::span<const std::string_view>(event_fields).first(event_fields.size() - 1),
             extra);
  event_record e;
  pending_event pending;
  pending.document_has_sources = document_has_sources_;
  pending.where = at(n);
  read_id(n, e.id, "event");
  e.timezone = zone_;
  if (const tree_node* zone = field(n, "timezone"); zone && !read_zone(*zone, e.timezone))
    e.timezone = zone_;
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
    // An empty list is an event without actors, as is no field at all: the `no-actor`
    // warning comes once every event is resolved (resolve.cpp), the same for both NDJSON paths.
    read_refs(*actors, pending.actors);
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

bool tree_reader::read_zone(const tree_node& n, std::string& out) {
  if (!read_text(n, out)) return false;
  // The zone must mean the same on every computer: "" and `localtime` would be the host's.
  if (out.empty()) {
    error(n, "timezone",
          "the time zone is empty; use an IANA name such as America/Los_Angeles or UTC");
  } else if (is_host_dependent_zone(out)) {
    error(n, "timezone",
          fmt::format("time zone '{}' would be whatever this computer is set to; use an IANA "
                      "name such as America/Los_Angeles or UTC",
                      out));
  } else if (!is_known_zone(out)) {
    error(n, "timezone",
          fmt::format("unknown time zone '{}'; use an IANA name such as America/Los_Angeles or "
                      "UTC",
                      out));
  } else {
    return true;
  }
  return false;
}

bool tree_reader::read_ref(const tree_node& n, pending_ref& out) {
  std::string id;
  if (!read_text(n, id)) return false;
  out = pending_ref(pending_events_.keep(std::move(id)), at(n));
  return true;
}

/// A list of ids; a single id is accepted where a list is expected.
void tree_reader::read_refs(const tree_node& n, std::vector<pending_ref>& out) {
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

void tree_reader::read_date(const tree_node& n, event_record& e, pending_event& pending) {
  // Unquoted YAML years (`date: 2026`) read as numbers; the text is what matters.
  if (n.kind != node_type::string && n.kind != node_type::integer) {
    error(
        n, "type",
        fmt::format("expected a date such as \"2026-02-12\", found {}", detail::type_name(n.kind)));
    return;
  }
  e.date = n.text;
  date_parse_result parsed = parse_date(e.date, e.timezone);
  const std::uint32_t column = n.column + (n.quoted ? 1 : 0);
  if (!parsed.time) {
    diags_.error({file_, n.line, column + static_cast<std::uint32_t>(parsed.error_offset)}, "date",
                 fmt::format("invalid date '{}': {}", e.date, parsed.error));
    return;
  }
  e.time = *parsed.time;
  pending.dated = true;
  if (!parsed.warning.empty()) warn({file_, n.line, column}, "date", parsed.warning);
}

bool tree_reader::read_source(const tree_node& n, source& out) {
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
  if (!out.url.empty() && !text::is_link(out.url)) {
    const tree_node* url = field(n, "url");
    warn(where(*url), "url",
         fmt::format("'{}' is not an http(s) address; it will be shown as text, "
                     "never as a link",
                     out.url));
  }
  return true;
}

void tree_reader::read_quote(const tree_node& n, event_record& e, pending_event& pending) {
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

void tree_reader::read_figure(const tree_node& n, event_record& e) {
  if (!expect_mapping(n, "a figure")) return;
  check_keys(n, figure_fields);
  figure f;
  if (const tree_node* label = required(n, "label", "figure")) read_text(*label, f.label);
  if (const tree_node* unit = field(n, "unit")) read_text(*unit, f.unit);
  if (const tree_node* note = field(n, "note")) read_text(*note, f.note);
  if (const tree_node* value = required(n, "value", "figure")) {
    if (value->kind != node_type::integer && value->kind != node_type::number) {
      error(*value, "type",
            fmt::format("a figure's value must be a number, found {}{}",
                        detail::type_name(value->kind), separators_hint(*value)));
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

void tree_reader::read_relation(const tree_node& n, pending_event& pending) {
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
        const auto names = relation_type_names();
        std::string types;
        for (std::size_t i = 0; i < names.size(); ++i)
          types += std::string(i == 0                  ? ""
                               : i + 1 == names.size() ? " and "
                                                       : ", ") +
                   std::string(names[i]);
        error(*type, "relation-type",
              fmt::format("unknown relation type '{}'{}; the types are {}", text,
                          suggest(text, names), types));
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

}  // namespace eventgraph::detail
