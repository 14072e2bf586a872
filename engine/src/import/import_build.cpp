#include "import/import_build.hpp"

#include <nlohmann/json.hpp>

#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "import/import_ids.hpp"
#include "load/load_internal.hpp"

namespace eventgraph::detail {
namespace {

using ordered = nlohmann::ordered_json;

/// The loader reads the story under this name; every diagnostic naming it is mapped back.
constexpr std::string_view story_name = "<import>";

/// Where an NDJSON line came from.
struct line_origin {
  std::uint32_t file = 0;
  import_location at;
  std::optional<std::uint32_t> event;  ///< the collected event written on the line
};

/// A target no input holds, replied to by events: becomes an event of kind "missing".
struct placeholder {
  std::string key, known_as, actor_key;
  std::string date, timezone;  // of the earliest reply
  std::optional<event_time> reply_time;
  line_origin first_reply;
  std::string id;
};

void put(ordered& out, const char* field, const std::string& text) {
  if (!text.empty()) out[field] = text;
}

std::string compact(const ordered& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ordered source_json(const source& s) {
  ordered out = ordered::object();
  put(out, "title", s.title);
  put(out, "publisher", s.publisher);
  put(out, "url", s.url);
  put(out, "date", s.date);
  put(out, "note", s.note);
  return out;
}

ordered sources_json(const std::vector<source>& sources) {
  ordered out = ordered::array();
  for (const auto& s : sources) out.push_back(source_json(s));
  return out;
}

/// What the build holds besides the collected records: ids, placeholders, the NDJSON text.
struct builder {
  import_collector& c;
  const import_options& options;
  import_counts& counts;
  diagnostic_list& diags;
  id_chooser ids;
  std::vector<std::string> actor_ids, event_ids;
  std::deque<placeholder> placeholders;
  std::unordered_map<std::string_view, std::uint32_t> placeholder_keys;
  std::string text;
  std::vector<line_origin> lines;

  void add_line(const ordered& value, line_origin origin) {
    text += compact(value);
    text.push_back('\n');
    lines.push_back(origin);
  }

  /// Every actor an event names (or a placeholder's author) exists, then ids in reading order:
  /// actors, events, placeholders.
  void choose_ids() {
    for (auto& e : c.events) {
      if (e.links_only || e.skipped) continue;
      for (const auto* list : {&e.record.actors, &e.record.addressees})
        for (const auto& key : *list) (void)c.actor_for(key, e.file, e.record.at);
    }
    for (const auto& p : placeholders)
      if (!p.actor_key.empty())
        (void)c.actor_for(p.actor_key, p.first_reply.file, p.first_reply.at);
    for (auto& a : c.actors) actor_ids.push_back(ids.choose(a.record.id_hint, a.record.key));
    for (auto& e : c.events)
      event_ids.push_back(e.links_only || e.skipped ? std::string()
                                                    : ids.choose(e.record.id_hint, e.record.key));
    // A target known by a readable id (a sheet's "In reply to") keeps it; else the key.
    for (auto& p : placeholders) p.id = ids.choose(valid_id(p.known_as) ? p.known_as : "", p.key);
  }

  /// Links whose target no input holds: a placeholder each (or dropped, and counted).
  void find_absent_targets() {
    for (auto& e : c.events) {
      if (e.links_only) {
        const std::string& name = e.record.id_hint.empty() ? e.record.key : e.record.id_hint;
        diags.error(c.where(e.file, e.record.at), "unknown-event",
                    "a relation from '" + name + "', which no input holds as an event");
        continue;
      }
      if (e.skipped) continue;
      for (const auto& link : e.record.links) {
        if (c.find_event(link.key)) continue;
        if (options.missing == missing_policy::drop) {
          ++counts.dropped_links;
          continue;
        }
        note_reply(link, e);
      }
    }
  }

  void note_reply(const imported_link& link, const collected_event& reply) {
    auto found = placeholder_keys.find(link.key);
    if (found == placeholder_keys.end()) {
      placeholder fresh;
      fresh.key = link.key;
      fresh.first_reply = {reply.file, reply.record.at, std::nullopt};
      placeholders.push_back(std::move(fresh));
      // The map's key points into the stored placeholder (a deque: it never moves).
      found = placeholder_keys.emplace(placeholders.back().key, placeholders.size() - 1).first;
    }
    placeholder& p = placeholders[found->second];
    if (p.known_as.empty()) p.known_as = link.known_as;
    if (p.actor_key.empty()) p.actor_key = link.actor_key;
    const auto parsed = parse_date(reply.record.date, reply.record.timezone);
    if (p.date.empty() || (parsed.time && (!p.reply_time || *parsed.time < *p.reply_time))) {
      p.date = reply.record.date;
      p.timezone = reply.record.timezone;
      p.reply_time = parsed.time;
    }
  }

  [[nodiscard]] std::string target_id(const imported_link& link) const {
    if (const auto target = c.find_event(link.key)) return event_ids[*target];
    return std::string();
  }

  void write_header() {
    ordered h = ordered::object();
    h["eventgraph"] = 1;
    put(h, "title", c.story_header.title);
    put(h, "description", c.story_header.description);
    put(h, "notes", c.story_header.notes);
    if (!c.story_header.sources.empty()) h["sources"] = sources_json(c.story_header.sources);
    add_line(h, {0, {}, std::nullopt});
  }

  void write_actors() {
    for (std::size_t i = 0; i < c.actors.size(); ++i) {
      const imported_actor& a = c.actors[i].record;
      ordered out = ordered::object();
      out["type"] = "actor";
      out["id"] = actor_ids[i];
      // The display name, else the handle, else the key the source knows the account by.
      out["name"] = !a.name.empty() ? a.name : !a.handle.empty() ? a.handle : a.key;
      put(out, "kind", a.kind);
      std::string notes;
      if (!a.handle.empty() && a.handle != a.name) notes = a.handle;
      if (!a.url.empty()) notes += (notes.empty() ? "" : "\n") + a.url;
      put(out, "notes", notes);
      add_line(out, {c.actors[i].file, a.at, std::nullopt});
    }
  }

  ordered actor_list(const std::vector<std::string>& keys, std::uint32_t file, import_location at) {
    ordered out = ordered::array();
    for (const auto& key : keys) out.push_back(actor_ids[c.actor_for(key, file, at)]);
    return out;
  }

  void write_event(std::size_t i) {
    const collected_event& ce = c.events[i];
    const imported_event& e = ce.record;
    ordered out = ordered::object();
    out["id"] = event_ids[i];
    put(out, "date", e.date);
    put(out, "timezone", e.timezone);
    if (!e.actors.empty()) out["actors"] = actor_list(e.actors, ce.file, e.at);
    if (!e.addressees.empty()) out["to"] = actor_list(e.addressees, ce.file, e.at);
    put(out, "kind", e.kind);
    put(out, "channel", e.channel);
    put(out, "place", e.place);
    put(out, "title", e.title);
    put(out, "summary", e.summary);
    put(out, "notes", e.notes);
    if (!e.sources.empty()) out["sources"] = sources_json(e.sources);
    if (!e.tags.empty()) out["tags"] = e.tags;
    ordered relations = ordered::array();
    for (const auto& link : e.links) {
      std::string to = target_id(link);
      if (to.empty()) {
        const auto p = placeholder_keys.find(link.key);
        if (p == placeholder_keys.end()) continue;  // dropped
        to = placeholders[p->second].id;
      }
      ordered r = {{"type", std::string(to_string(link.type))}, {"to", std::move(to)}};
      put(r, "note", link.note);
      relations.push_back(std::move(r));
    }
    if (!relations.empty()) out["relations"] = std::move(relations);
    add_line(out, {ce.file, e.at, static_cast<std::uint32_t>(i)});
  }

  void write_placeholder(const placeholder& p) {
    ordered out = ordered::object();
    out["id"] = p.id;
    out["date"] = placeholder_date(p.date);
    put(out, "timezone", p.timezone);
    if (!p.actor_key.empty())
      out["actors"] = actor_list({p.actor_key}, p.first_reply.file, p.first_reply.at);
    out["kind"] = "missing";
    out["title"] = "Missing: " + (p.known_as.empty() ? p.key : p.known_as);
    add_line(out, p.first_reply);
  }

  [[nodiscard]] line_origin origin(const diagnostic& d) const {
    const std::size_t line = d.where.line;
    return d.where.file == story_name && line >= 1 && line <= lines.size() ? lines[line - 1]
                                                                           : line_origin{};
  }

  /// The loader's diagnostics at the records' own places.
  void map_back(const diagnostic_list& loaded) {
    for (diagnostic d : loaded.items()) {
      if (d.where.file == story_name) d.where = c.where(origin(d).file, origin(d).at);
      diags.add(std::move(d));
    }
  }

  /// skip_bad: the events the loader rejected are left out (each a warning, counted), when
  /// every error is an event's. False when there is nothing to skip.
  bool skip_rejected(const diagnostic_list& loaded, diagnostic_list& kept, import_counts& total) {
    std::vector<std::pair<std::uint32_t, const diagnostic*>> rejected;
    for (const diagnostic& d : loaded.items()) {
      if (d.level != severity::error) continue;
      const line_origin o = origin(d);
      if (!o.event) return false;
      rejected.emplace_back(*o.event, &d);
    }
    if (rejected.empty() || loaded.dropped() > 0) return false;
    for (const auto& [index, d] : rejected) {
      collected_event& e = c.events[index];
      if (e.skipped) continue;
      e.skipped = true;
      ++total.skipped;
      kept.warning(c.where(e.file, e.record.at), "skipped", "skipped: " + d->message);
    }
    return true;
  }
};

}  // namespace

std::string placeholder_date(std::string_view reply) {
  std::string_view start = reply;
  if (const auto slash = reply.find('/'); slash != std::string_view::npos) {
    start = reply.substr(0, slash);
    if (start.empty() || start == "..") start = reply.substr(slash + 1);
  } else if (reply.starts_with('[') || reply.starts_with('{')) {
    std::string_view inner = reply.substr(1, reply.size() >= 2 ? reply.size() - 2 : 0);
    if (inner.starts_with("..")) inner.remove_prefix(2);
    start = inner.substr(0, std::min(inner.find(".."), inner.find(',')));
  }
  return "../" + std::string(start);
}

result<story> build_story(import_collector& collected, const import_options& options,
                          import_counts& counts, diagnostic_list diags) {
  // skip_bad: a pass the loader rejects leaves out the events it names and runs again, so the
  // records are kept until then; three passes bound the work.
  constexpr int max_passes = 3;
  for (int pass = 1;; ++pass) {
    const bool may_retry = options.skip_bad && pass < max_passes;
    diagnostic_list pass_diags = diags;
    import_counts pass_counts = counts;
    builder b{collected, options, pass_counts, pass_diags, {}, {}, {}, {}, {}, {}, {}};
    b.find_absent_targets();
    b.choose_ids();
    b.write_header();
    b.write_actors();
    for (std::size_t i = 0; i < collected.events.size(); ++i)
      if (!collected.events[i].links_only && !collected.events[i].skipped) b.write_event(i);
    for (const auto& p : b.placeholders) b.write_placeholder(p);
    pass_counts.placeholders = b.placeholders.size();
    if (!may_retry) {  // the records are all in the text now: free them before the story is built
      collected.events.clear();
      collected.actors.clear();
    }
    load_options load;
    load.format = input_format::ndjson;
    load.max_diagnostics = options.max_diagnostics;
    // The loader's advice (an event without a source) would repeat for every record of a
    // source that has none; its errors all stay.
    load.warnings = false;
    const input_view view{std::string(story_name), b.text};
    auto loaded = load_guarded(std::span<const input_view>(&view, 1), load);
    if (!loaded.ok() && !pass_diags.has_errors() && may_retry &&
        b.skip_rejected(loaded.diagnostics(), diags, counts))
      continue;
    b.map_back(loaded.diagnostics());
    counts = pass_counts;
    if (!loaded.ok() || pass_diags.has_errors()) return pass_diags;
    counts.events = loaded.value().events.size();
    counts.actors = loaded.value().actors.size();
    return result<story>(std::move(loaded).value(), std::move(pass_diags));
  }
}

}  // namespace eventgraph::detail
