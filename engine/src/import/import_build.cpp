#include "import/import_build.hpp"

#include <algorithm>
#include <array>
#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <simdjson.h>

#include "core/json_out.hpp"
#include "core/text.hpp"
#include "import/import_ids.hpp"
#include "import/story_text.hpp"
#include "load/document_tree.hpp"
#include "load/load_internal.hpp"

namespace eventgraph::detail {
namespace {

using story_text::put_figures;
using story_text::put_sources;

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
  std::string key, known_as, actor_key, id_hint;
  std::string date, timezone;  // of the earliest reply
  std::optional<event_time> reply_time;
  line_origin first_reply;
  std::string id;
};

bool valid_utf8(std::string_view text) {
  return simdjson::validate_utf8(text.data(), text.size());
}

/// What the build holds besides the collected records: ids, placeholders; and the story's
/// lines, handed to the loader one at a time (a line_source): an event as views into its
/// record when it is plain, else as its NDJSON text, so a million records are never written
/// out as text only to be parsed again.
struct builder final : line_source {
  builder(import_collector& collector, const import_options& opts, import_counts& n,
          diagnostic_list& d, bool keep)
      : c(collector), options(opts), counts(n), diags(d), keep_records(keep) {}

  import_collector& c;
  const import_options& options;
  import_counts& counts;
  diagnostic_list& diags;
  id_chooser ids;
  std::vector<std::string> actor_ids, event_ids;
  std::deque<placeholder> placeholders;
  std::unordered_map<std::string_view, std::uint32_t> placeholder_keys;
  std::vector<line_origin> lines;  ///< where each line handed to the loader came from
  /// Records are freed once read, unless another pass (skip_bad) needs them.
  bool keep_records = false;
  std::size_t event_text_bytes = 0;
  /// Each link's target, in the order find_absent_targets met them (event by event): an event
  /// index, a placeholder index with placeholder_bit, or dropped. Resolved once, so that the
  /// writer needs no key of a record it has already written and freed.
  std::vector<std::uint32_t> link_targets;
  static constexpr std::uint32_t placeholder_bit = 0x80000000U, dropped = 0xFFFFFFFFU;

  // Where the loader is: the line's kind, its record, its first link target.
  enum class part : std::uint8_t { start, header, actor, event, placeholder, end };
  part at_part = part::start;
  std::size_t at_index = 0, at_link = 0, next_link = 0;
  std::string ndjson;  ///< the current line's text, then json_padding bytes
  std::string placeholder_date_text, placeholder_title;  // what a plain placeholder views
  event_view view;                                       ///< the record last read (one at a time)
  /// The smallest store chunk of the events from each one on: chunks before it are read no
  /// more once the load reaches that event.
  std::vector<std::uint32_t> chunk_from;

  /// Event i's record, read into `view` (until the next call).
  const event_view& record(std::size_t i) {
    c.store.read(c.events[i].record, view);
    return view;
  }

  /// Every actor an event names (or a placeholder's author) exists, then ids in reading order:
  /// actors, events, placeholders.
  void choose_ids() {
    for (std::size_t i = 0; i < c.events.size(); ++i) {
      const collected_event& e = c.events[i];
      if (e.links_only || e.skipped) continue;
      const event_view& r = record(i);
      for (const auto* list : {&r.actors, &r.addressees})
        for (const auto key : *list) (void)c.actor_for(key, e.file, r.at);
      for (const auto& q : r.quotes)
        if (!q.by.empty()) (void)c.actor_for(q.by, e.file, r.at);
    }
    // By index: a group only named as one is made here, after the actors read.
    for (std::size_t i = 0; i < c.actors.size(); ++i)
      for (std::size_t m = 0; m < c.actors[i].record.member_of.size(); ++m)
        (void)c.actor_for(c.actors[i].record.member_of[m], c.actors[i].file, c.actors[i].record.at);
    for (const auto& p : placeholders)
      if (!p.actor_key.empty())
        (void)c.actor_for(p.actor_key, p.first_reply.file, p.first_reply.at);
    for (auto& a : c.actors) actor_ids.push_back(ids.choose(a.record.id_hint, a.record.key));
    for (std::size_t i = 0; i < c.events.size(); ++i) {
      if (c.events[i].links_only || c.events[i].skipped) {
        event_ids.emplace_back();
        continue;
      }
      const event_view& r = record(i);
      event_ids.push_back(ids.choose(r.id_hint, r.key));
    }
    // Named as the target's own record would be, else by a readable id it is known by (a
    // sheet's "In reply to"), else by its key.
    for (auto& p : placeholders) {
      const std::string& hint = !p.id_hint.empty() ? p.id_hint : p.known_as;
      p.id = ids.choose(valid_id(hint) ? hint : std::string(), p.key);
    }
  }

  /// Links whose target no input holds: a placeholder each (or dropped, and counted).
  void find_absent_targets() {
    for (std::size_t i = 0; i < c.events.size(); ++i) {
      const collected_event& e = c.events[i];
      if (e.skipped && !e.links_only) continue;
      const event_view& r = record(i);
      if (e.links_only) {
        const std::string_view name = r.id_hint.empty() ? r.key : r.id_hint;
        diags.error(
            c.where(e.file, r.at), "unknown-event",
            "a relation from '" + std::string(name) + "', which no input holds as an event");
        continue;
      }
      event_text_bytes += r.title.size() + r.date.size() + 24;
      for (const auto& link : r.links) {
        if (const auto target = c.find_event(link.key)) {
          link_targets.push_back(*target);
        } else if (options.missing == missing_policy::drop) {
          ++counts.dropped_links;
          link_targets.push_back(dropped);
        } else {
          link_targets.push_back(placeholder_bit | note_reply(link, e, r));
        }
      }
    }
  }

  /// The placeholder for the link's absent target, made at its first reply; its index.
  std::uint32_t note_reply(const event_view::link& link, const collected_event& reply,
                           const event_view& r) {
    auto found = placeholder_keys.find(link.key);
    if (found == placeholder_keys.end()) {
      placeholder fresh;
      fresh.key = link.key;
      fresh.first_reply = {reply.file, r.at, std::nullopt};
      placeholders.push_back(std::move(fresh));
      // The map's key points into the stored placeholder (a deque: it never moves).
      found = placeholder_keys.emplace(placeholders.back().key, placeholders.size() - 1).first;
    }
    placeholder& p = placeholders[found->second];
    if (p.known_as.empty()) p.known_as = link.known_as;
    if (p.id_hint.empty()) p.id_hint = link.id_hint;
    if (p.actor_key.empty()) p.actor_key = link.actor_key;
    const auto parsed = parse_date(r.date, r.timezone);
    if (p.date.empty() || (parsed.time && (!p.reply_time || *parsed.time < *p.reply_time))) {
      p.date = r.date;
      p.timezone = r.timezone;
      p.reply_time = parsed.time;
    }
    return found->second;
  }

  void write_header() {
    json_out out(ndjson);
    out.begin_object();
    out.key("eventgraph");
    out.integer(1);
    put_text(out, "title", c.story_header.title);
    put_text(out, "description", c.story_header.description);
    put_text(out, "notes", c.story_header.notes);
    put_text(out, "timezone", c.story_header.timezone);
    if (!c.story_header.sources.empty()) put_sources(out, c.story_header.sources);
    out.end_object();
  }

  void write_actor(std::size_t i) {
    const imported_actor& a = c.actors[i].record;
    json_out out(ndjson);
    out.begin_object();
    out.key("type");
    out.text("actor");
    out.key("id");
    out.text(actor_ids[i]);
    // The display name, else the handle, else the key the source knows the account by.
    out.key("name");
    out.text(!a.name.empty() ? a.name : !a.handle.empty() ? a.handle : a.key);
    put_text(out, "kind", a.kind);
    put_text(out, "role", a.role);
    if (!a.member_of.empty()) put_actor_ids(out, "member_of", a.member_of, c.actors[i].file, a.at);
    std::string notes = a.notes;
    if (!a.handle.empty() && a.handle != a.name) notes += (notes.empty() ? "" : "\n") + a.handle;
    if (!a.url.empty()) notes += (notes.empty() ? "" : "\n") + a.url;
    put_text(out, "notes", notes);
    out.end_object();
  }

  /// The eventgraph id of the actor with this source key.
  std::string_view actor_id(std::string_view key, std::uint32_t file, import_location at) {
    return actor_ids[c.actor_for(key, file, at)];
  }

  template <typename Keys>
  void put_actor_ids(json_out& out, std::string_view name, const Keys& keys, std::uint32_t file,
                     import_location at) {
    out.key(name);
    out.begin_array();
    for (const std::string_view key : keys) out.text(actor_id(key, file, at));
    out.end_array();
  }

  /// `first_link`: the event's first entry in link_targets.
  void write_event(std::size_t i, std::size_t first_link) {
    const collected_event& ce = c.events[i];
    const event_view& e = record(i);
    json_out out(ndjson);
    out.begin_object();
    out.key("id");
    out.text(event_ids[i]);
    put_text(out, "date", e.date);
    // A zone that means the story's ("UTC" in a story without one) is left to the story.
    if (own_zone(e)) put_text(out, "timezone", e.timezone);
    if (!e.actors.empty()) put_actor_ids(out, "actors", e.actors, ce.file, e.at);
    if (!e.addressees.empty()) put_actor_ids(out, "to", e.addressees, ce.file, e.at);
    put_text(out, "kind", e.kind);
    put_text(out, "channel", e.channel);
    put_text(out, "place", e.place);
    put_text(out, "title", e.title);
    put_text(out, "summary", e.summary);
    put_text(out, "notes", e.notes);
    if (!e.quotes.empty()) {
      out.key("quotes");
      out.begin_array();
      for (const auto& q : e.quotes) {
        out.begin_object();
        out.key("text");
        out.text(q.text);
        if (!q.by.empty()) {
          out.key("by");
          out.text(actor_id(q.by, ce.file, e.at));
        }
        put_text(out, "note", q.note);
        out.end_object();
      }
      out.end_array();
    }
    if (!e.figures.empty()) put_figures(out, e.figures);
    if (!e.sources.empty()) put_sources(out, e.sources);
    if (!e.tags.empty()) {
      out.key("tags");
      out.begin_array();
      for (const std::string_view tag : e.tags) out.text(tag);
      out.end_array();
    }
    bool any = false;
    for (const auto& link : e.links) {
      const std::uint32_t target = link_targets[first_link++];
      if (target == dropped) continue;
      if (!any) {
        out.key("relations");
        out.begin_array();
      }
      any = true;
      out.begin_object();
      out.key("type");
      out.text(to_string(link.type));
      out.key("to");
      out.text(target & placeholder_bit ? placeholders[target & ~placeholder_bit].id
                                        : event_ids[target]);
      put_text(out, "note", link.note);
      out.end_object();
    }
    if (any) out.end_array();
    out.end_object();
  }

  /// A placeholder's date and title, into placeholder_date_text and placeholder_title.
  void placeholder_texts(const placeholder& p) {
    placeholder_date_text = placeholder_date(p.date);
    placeholder_title = "Missing: " + (p.known_as.empty() ? p.key : p.known_as);
  }

  void write_placeholder(const placeholder& p) {
    placeholder_texts(p);
    json_out out(ndjson);
    out.begin_object();
    out.key("id");
    out.text(p.id);
    out.key("date");
    out.text(placeholder_date_text);
    put_text(out, "timezone", p.timezone);
    if (!p.actor_key.empty())
      put_actor_ids(out, "actors", std::array{std::string_view(p.actor_key)}, p.first_reply.file,
                    p.first_reply.at);
    out.key("kind");
    out.text("missing");
    out.key("title");
    out.text(placeholder_title);
    out.end_object();
  }

  /// Whether event i is written with a timezone of its own (one that is not the story's).
  [[nodiscard]] bool own_zone(const event_view& e) const {
    const std::string& story_zone = c.story_header.timezone;
    return !e.timezone.empty() && e.timezone != story_zone &&
           !(e.timezone == "UTC" && story_zone.empty());
  }

  static std::string_view present(std::string_view text) {
    return text.empty() ? std::string_view{} : text;
  }

  void refs(const std::vector<std::string_view>& keys, const collected_event& ce,
            import_location at, std::vector<plain_event::ref>& out) {
    out.clear();
    for (const auto key : keys) out.push_back({actor_id(key, ce.file, at), 1});
  }

  /// Event i (its record `e`) as the fast path would read its line, when it is plain: no quotes,
  /// figures, relation notes or zone of its own, every text valid UTF-8 (the text path replaces
  /// what is not), a date and a title (without them the loader must say so).
  bool plain_event_of(std::size_t i, const event_view& e, std::size_t first_link, plain_event& p) {
    const collected_event& ce = c.events[i];
    if (e.date.empty() || e.title.empty() || own_zone(e) || !e.quotes.empty() || !e.figures.empty())
      return false;
    for (std::string_view text : {e.date, e.kind, e.channel, e.place, e.title, e.summary, e.notes})
      if (!valid_utf8(text)) return false;
    for (const auto tag : e.tags)
      if (!valid_utf8(tag)) return false;
    for (const auto& src : e.sources) {
      if (src.title.empty() && src.url.empty()) return false;
      for (std::string_view text : {src.title, src.publisher, src.url, src.date, src.note})
        if (!valid_utf8(text)) return false;
    }
    for (const auto& link : e.links)
      if (!link.note.empty()) return false;
    p.id = event_ids[i];
    p.date = e.date;
    p.kind = present(e.kind);
    p.title = e.title;
    p.channel = present(e.channel);
    p.place = present(e.place);
    p.summary = present(e.summary);
    p.notes = present(e.notes);
    p.column = 1;
    refs(e.actors, ce, e.at, p.actors);
    refs(e.addressees, ce, e.at, p.addressees);
    p.tags.assign(e.tags.begin(), e.tags.end());
    p.sources.clear();
    for (const auto& src : e.sources)
      p.sources.push_back({src.title.empty() ? src.url : src.title, present(src.publisher),
                           present(src.url), present(src.date), present(src.note)});
    p.relations.clear();
    for (std::size_t l = 0; l < e.links.size(); ++l) {
      const std::uint32_t target = link_targets[first_link + l];
      if (target == dropped) continue;
      p.relations.push_back({e.links[l].type,
                             {target & placeholder_bit ? placeholders[target & ~placeholder_bit].id
                                                       : event_ids[target],
                              1}});
    }
    return true;
  }

  bool plain_placeholder_of(const placeholder& ph, plain_event& p) {
    if (!ph.timezone.empty() || !valid_utf8(ph.date) || !valid_utf8(ph.known_as) ||
        !valid_utf8(ph.key))
      return false;
    placeholder_texts(ph);
    p.id = ph.id;
    p.date = placeholder_date_text;
    p.kind = "missing";
    p.title = placeholder_title;
    p.channel = p.place = p.summary = p.notes = {};
    p.column = 1;
    p.actors.clear();
    if (!ph.actor_key.empty())
      p.actors.push_back({actor_id(ph.actor_key, ph.first_reply.file, ph.first_reply.at), 1});
    p.addressees.clear();
    p.tags.clear();
    p.sources.clear();
    p.relations.clear();
    return true;
  }

  // line_source: header, actors, events (but links-only and skipped ones), placeholders.
  [[nodiscard]] std::size_t size() const override {
    return 1 + c.actors.size() + c.events.size() + placeholders.size();
  }
  [[nodiscard]] std::size_t text_bytes() const override { return event_text_bytes; }

  bool next(plain_event& p, bool& plain_line) override {
    // The record just read is in the story now: freed as the load goes, so the records and
    // the story are not both held whole (the keys' maps are not searched after this).
    if (at_part == part::event && !keep_records && at_index + 1 < chunk_from.size())
      c.store.release_before(chunk_from[at_index + 1]);
    plain_line = false;
    if (at_part == part::start) {
      at_part = part::header;
      lines.push_back({0, {}, std::nullopt});
      return true;
    }
    if (at_part == part::header)
      at_part = part::actor, at_index = 0;
    else if (at_part != part::end)
      ++at_index;
    if (at_part == part::actor) {
      if (at_index < c.actors.size()) {
        lines.push_back({c.actors[at_index].file, c.actors[at_index].record.at, std::nullopt});
        return true;
      }
      at_part = part::event, at_index = 0;
    }
    if (at_part == part::event) {
      while (at_index < c.events.size() &&
             (c.events[at_index].links_only || c.events[at_index].skipped))
        ++at_index;
      if (at_index < c.events.size()) {
        const collected_event& ce = c.events[at_index];
        const event_view& e = record(at_index);
        at_link = next_link;
        next_link += e.links.size();
        lines.push_back({ce.file, e.at, static_cast<std::uint32_t>(at_index)});
        plain_line = plain_event_of(at_index, e, at_link, p);
        return true;
      }
      at_part = part::placeholder, at_index = 0;
    }
    if (at_part == part::placeholder) {
      if (at_index < placeholders.size()) {
        lines.push_back(placeholders[at_index].first_reply);
        plain_line = plain_placeholder_of(placeholders[at_index], p);
        return true;
      }
      at_part = part::end;
    }
    return false;
  }

  std::string_view text() override {
    ndjson.clear();
    switch (at_part) {
      case part::header:
        write_header();
        break;
      case part::actor:
        write_actor(at_index);
        break;
      case part::event:
        write_event(at_index, at_link);
        break;
      case part::placeholder:
        write_placeholder(placeholders[at_index]);
        break;
      default:
        break;
    }
    const std::size_t size = ndjson.size();
    ndjson.append(json_padding, ' ');
    return std::string_view(ndjson.data(), size);
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
      kept.warning(c.where(e.file, record(index).at), "skipped", "skipped: " + d->message);
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
    builder b(collected, options, pass_counts, pass_diags, may_retry);
    b.find_absent_targets();
    b.choose_ids();
    pass_counts.placeholders = b.placeholders.size();
    b.chunk_from.resize(collected.events.size());
    for (std::size_t i = collected.events.size(); i-- > 0;)
      b.chunk_from[i] =
          std::min(record_store::chunk_of(collected.events[i].record),
                   i + 1 < collected.events.size() ? b.chunk_from[i + 1] : UINT32_MAX);
    load_options load;
    load.format = input_format::ndjson;
    load.max_diagnostics = options.max_diagnostics;
    // The loader's advice (an event without a source) would repeat for every record of a
    // source that has none; its errors all stay.
    load.warnings = false;
    auto loaded = load_lines(std::string(story_name), b, load);
    if (!may_retry) {
      collected.events.clear();
      collected.actors.clear();
      collected.store.clear();
    }
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
