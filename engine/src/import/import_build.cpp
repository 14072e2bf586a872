#include "import/import_build.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/text.hpp"
#include "import/import_ids.hpp"
#include "load/load_internal.hpp"

namespace eventgraph::detail {
namespace {

/// One JSON object written straight into the story's text, members in call order: a million
/// records cost no JSON value each.
class object_writer {
 public:
  explicit object_writer(std::string& out) : out_(out) { out_ += '{'; }
  object_writer(const object_writer&) = delete;
  object_writer& operator=(const object_writer&) = delete;
  ~object_writer() { out_ += '}'; }

  /// The member's name; its value is written next.
  std::string& key(std::string_view name) {
    if (!first_) out_ += ',';
    first_ = false;
    text::append_json_string(out_, name);
    out_ += ':';
    return out_;
  }
  void string(std::string_view name, std::string_view value) {
    text::append_json_string(key(name), value);
  }
  /// The member only when it has text (the format reads an absent field as empty).
  void put(std::string_view name, std::string_view value) {
    if (!value.empty()) string(name, value);
  }

 private:
  std::string& out_;
  bool first_ = true;
};

/// A JSON array of `items`, each written by `write(out, item)`.
template <typename Items, typename Write>
void append_array(std::string& out, const Items& items, Write&& write) {
  out += '[';
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += ',';
    first = false;
    write(out, item);
  }
  out += ']';
}

void append_sources(std::string& out, const std::vector<source>& sources) {
  append_array(out, sources, [](std::string& o, const source& s) {
    object_writer w(o);
    // A post's own URL is often all a source is: the URL names it then (a source needs a title).
    w.put("title", s.title.empty() ? s.url : s.title);
    w.put("publisher", s.publisher);
    w.put("url", s.url);
    w.put("date", s.date);
    w.put("note", s.note);
  });
}

/// A figure's value as a JSON number: a whole number as an integer (33000 stays 33000, as the
/// json export writes it), else the shortest text that reads back as the same double.
void append_figure_value(std::string& out, const figure& f) {
  std::array<char, 32> buffer{};
  const bool whole = f.value_text.find_first_not_of("+-0123456789") == std::string::npos;
  const auto end =
      whole && std::abs(f.value) < 9.2e18
          ? std::to_chars(buffer.begin(), buffer.end(), static_cast<std::int64_t>(f.value)).ptr
          : std::to_chars(buffer.begin(), buffer.end(), f.value).ptr;
  out.append(buffer.data(), end);
}

void append_figures(std::string& out, const std::vector<figure>& figures) {
  append_array(out, figures, [](std::string& o, const figure& f) {
    object_writer w(o);
    w.string("label", f.label);
    append_figure_value(w.key("value"), f);
    w.put("unit", f.unit);
    w.put("note", f.note);
  });
}

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
  std::string ndjson;  ///< the story, one line a record
  std::vector<line_origin> lines;
  /// Each link's target, in the order find_absent_targets met them (event by event): an event
  /// index, a placeholder index with placeholder_bit, or dropped. Resolved once, so that the
  /// writer needs no key of a record it has already written and freed.
  std::vector<std::uint32_t> link_targets;
  static constexpr std::uint32_t placeholder_bit = 0x80000000U, dropped = 0xFFFFFFFFU;

  void end_line(line_origin origin) {
    ndjson.push_back('\n');
    lines.push_back(origin);
  }

  /// Every actor an event names (or a placeholder's author) exists, then ids in reading order:
  /// actors, events, placeholders.
  void choose_ids() {
    for (auto& e : c.events) {
      if (e.links_only || e.skipped) continue;
      for (const auto* list : {&e.record.actors, &e.record.addressees})
        for (const auto& key : *list) (void)c.actor_for(key, e.file, e.record.at);
      for (const auto& q : e.record.quotes)
        if (!q.by.empty()) (void)c.actor_for(q.by, e.file, e.record.at);
    }
    // By index: a group only named as one is made here, after the actors read.
    for (std::size_t i = 0; i < c.actors.size(); ++i)
      for (std::size_t m = 0; m < c.actors[i].record.member_of.size(); ++m)
        (void)c.actor_for(c.actors[i].record.member_of[m], c.actors[i].file, c.actors[i].record.at);
    for (const auto& p : placeholders)
      if (!p.actor_key.empty())
        (void)c.actor_for(p.actor_key, p.first_reply.file, p.first_reply.at);
    for (auto& a : c.actors) actor_ids.push_back(ids.choose(a.record.id_hint, a.record.key));
    for (auto& e : c.events)
      event_ids.push_back(e.links_only || e.skipped ? std::string()
                                                    : ids.choose(e.record.id_hint, e.record.key));
    // Named as the target's own record would be, else by a readable id it is known by (a
    // sheet's "In reply to"), else by its key.
    for (auto& p : placeholders) {
      const std::string& hint = !p.id_hint.empty() ? p.id_hint : p.known_as;
      p.id = ids.choose(valid_id(hint) ? hint : std::string(), p.key);
    }
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
        if (const auto target = c.find_event(link.key)) {
          link_targets.push_back(*target);
        } else if (options.missing == missing_policy::drop) {
          ++counts.dropped_links;
          link_targets.push_back(dropped);
        } else {
          link_targets.push_back(placeholder_bit | note_reply(link, e));
        }
      }
    }
  }

  /// The placeholder for the link's absent target, made at its first reply; its index.
  std::uint32_t note_reply(const imported_link& link, const collected_event& reply) {
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
    if (p.id_hint.empty()) p.id_hint = link.id_hint;
    if (p.actor_key.empty()) p.actor_key = link.actor_key;
    const auto parsed = parse_date(reply.record.date, reply.record.timezone);
    if (p.date.empty() || (parsed.time && (!p.reply_time || *parsed.time < *p.reply_time))) {
      p.date = reply.record.date;
      p.timezone = reply.record.timezone;
      p.reply_time = parsed.time;
    }
    return found->second;
  }

  void write_header() {
    {
      object_writer h(ndjson);
      h.key("eventgraph") += '1';
      h.put("title", c.story_header.title);
      h.put("description", c.story_header.description);
      h.put("notes", c.story_header.notes);
      h.put("timezone", c.story_header.timezone);
      if (!c.story_header.sources.empty()) append_sources(h.key("sources"), c.story_header.sources);
    }
    end_line({0, {}, std::nullopt});
  }

  void write_actors() {
    for (std::size_t i = 0; i < c.actors.size(); ++i) {
      const imported_actor& a = c.actors[i].record;
      {
        object_writer out(ndjson);
        out.string("type", "actor");
        out.string("id", actor_ids[i]);
        // The display name, else the handle, else the key the source knows the account by.
        out.string("name", !a.name.empty() ? a.name : !a.handle.empty() ? a.handle : a.key);
        out.put("kind", a.kind);
        out.put("role", a.role);
        if (!a.member_of.empty())
          append_actor_ids(out.key("member_of"), a.member_of, c.actors[i].file, a.at);
        std::string notes = a.notes;
        if (!a.handle.empty() && a.handle != a.name)
          notes += (notes.empty() ? "" : "\n") + a.handle;
        if (!a.url.empty()) notes += (notes.empty() ? "" : "\n") + a.url;
        out.put("notes", notes);
      }
      end_line({c.actors[i].file, a.at, std::nullopt});
    }
  }

  /// The eventgraph id of the actor with this source key, as a JSON string.
  void append_actor_id(std::string& out, std::string_view key, std::uint32_t file,
                       import_location at) {
    text::append_json_string(out, actor_ids[c.actor_for(key, file, at)]);
  }

  void append_actor_ids(std::string& out, const std::vector<std::string>& keys, std::uint32_t file,
                        import_location at) {
    append_array(out, keys, [&](std::string& o, const std::string& key) {
      append_actor_id(o, key, file, at);
    });
  }

  void append_quotes(std::string& out, const std::vector<imported_quote>& quotes,
                     std::uint32_t file, import_location at) {
    append_array(out, quotes, [&](std::string& o, const imported_quote& q) {
      object_writer w(o);
      w.string("text", q.text);
      if (!q.by.empty()) append_actor_id(w.key("by"), q.by, file, at);
      w.put("note", q.note);
    });
  }

  /// `next_link`: the event's first entry in link_targets; past its last on return.
  void write_event(std::size_t i, std::size_t& next_link) {
    const collected_event& ce = c.events[i];
    const imported_event& e = ce.record;
    {
      object_writer out(ndjson);
      out.string("id", event_ids[i]);
      out.put("date", e.date);
      // A zone that means the story's ("UTC" in a story without one) is left to the story.
      const std::string& story_zone = c.story_header.timezone;
      if (e.timezone != story_zone && !(e.timezone == "UTC" && story_zone.empty()))
        out.put("timezone", e.timezone);
      if (!e.actors.empty()) append_actor_ids(out.key("actors"), e.actors, ce.file, e.at);
      if (!e.addressees.empty()) append_actor_ids(out.key("to"), e.addressees, ce.file, e.at);
      out.put("kind", e.kind);
      out.put("channel", e.channel);
      out.put("place", e.place);
      out.put("title", e.title);
      out.put("summary", e.summary);
      out.put("notes", e.notes);
      if (!e.quotes.empty()) append_quotes(out.key("quotes"), e.quotes, ce.file, e.at);
      if (!e.figures.empty()) append_figures(out.key("figures"), e.figures);
      if (!e.sources.empty()) append_sources(out.key("sources"), e.sources);
      if (!e.tags.empty()) append_array(out.key("tags"), e.tags, text::append_json_string);
      bool any = false;
      for (const auto& link : e.links) {
        const std::uint32_t target = link_targets[next_link++];
        if (target == dropped) continue;
        if (any)
          ndjson += ',';
        else
          out.key("relations") += '[';
        any = true;
        object_writer r(ndjson);
        r.string("type", to_string(link.type));
        r.string("to", target & placeholder_bit ? placeholders[target & ~placeholder_bit].id
                                                : event_ids[target]);
        r.put("note", link.note);
      }
      if (any) ndjson += ']';
    }
    end_line({ce.file, e.at, static_cast<std::uint32_t>(i)});
  }

  void write_placeholder(const placeholder& p) {
    {
      object_writer out(ndjson);
      out.string("id", p.id);
      out.string("date", placeholder_date(p.date));
      out.put("timezone", p.timezone);
      if (!p.actor_key.empty())
        append_actor_ids(out.key("actors"), {p.actor_key}, p.first_reply.file, p.first_reply.at);
      out.string("kind", "missing");
      out.string("title", "Missing: " + (p.known_as.empty() ? p.key : p.known_as));
    }
    end_line(p.first_reply);
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
    builder b{collected, options, pass_counts, pass_diags, {}, {}, {}, {}, {}, {}, {}, {}};
    b.find_absent_targets();
    b.choose_ids();
    b.write_header();
    b.write_actors();
    std::size_t next_link = 0;
    for (std::size_t i = 0; i < collected.events.size(); ++i) {
      collected_event& e = collected.events[i];
      if (e.links_only || e.skipped) continue;
      b.write_event(i, next_link);
      // Without another pass the record is in the text now: freed as it goes, so the records
      // and their text are not both held (the keys' maps are not searched after this).
      if (!may_retry) e.record = imported_event{};
    }
    for (const auto& p : b.placeholders) b.write_placeholder(p);
    pass_counts.placeholders = b.placeholders.size();
    if (!may_retry) {
      collected.events.clear();
      collected.actors.clear();
    }
    load_options load;
    load.format = input_format::ndjson;
    load.max_diagnostics = options.max_diagnostics;
    // The loader's advice (an event without a source) would repeat for every record of a
    // source that has none; its errors all stay.
    load.warnings = false;
    const input_view view{std::string(story_name), b.ndjson};
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
