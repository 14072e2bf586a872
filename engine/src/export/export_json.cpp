// export_format::json: eventgraph's own format (docs/format.md), so that loading the output and
// exporting again gives the same bytes. Laid out as nlohmann's dump(2) would lay out the whole
// document, but written one actor and one event at a time. The values each record is written
// from (header_value, actor_value, event_value) are also what the yaml and ndjson exports write.

#include "export/export_common.hpp"
#include "export/export_writers.hpp"
#include "export/own_format.hpp"

namespace eventgraph::detail {
namespace {

using ordered = ordered_json;

std::string dump(const ordered& value) {
  return dump_json(value, 2);
}

void put_text(ordered& object, const char* key, std::string_view text) {
  if (!text.empty()) object[key] = text;
}

ordered source_json(const source& s) {
  ordered out = ordered::object();
  out["title"] = s.title;
  put_text(out, "publisher", s.publisher);
  put_text(out, "url", s.url);
  put_text(out, "date", s.date);
  put_text(out, "note", s.note);
  return out;
}

ordered ids_json(const story& s, std::span<const actor_index> actors) {
  ordered out = ordered::array();
  for (actor_index a : actors) out.push_back(s.actors[a].id);
  return out;
}

/// The number as the file wrote it when it is whole; otherwise the shortest text that reads
/// back as the same double, which is then stable from one export to the next.
ordered figure_value(const figure& f) {
  const std::string_view text = f.value_text;
  const bool whole = !text.empty() && text.find_first_not_of("+-0123456789") == std::string::npos;
  if (whole) return static_cast<std::int64_t>(f.value);
  return f.value;
}

}  // namespace

std::string dump_json(const ordered_json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

ordered_json header_value(const story& s) {
  ordered out = ordered::object();
  out["eventgraph"] = 1;
  for (auto [key, text] : {std::pair{"title", &s.title}, std::pair{"description", &s.description},
                           std::pair{"notes", &s.notes}, std::pair{"timezone", &s.timezone}})
    put_text(out, key, *text);
  if (!s.sources.empty()) {
    ordered sources = ordered::array();
    for (const source& src : s.sources) sources.push_back(source_json(src));
    out["sources"] = std::move(sources);
  }
  return out;
}

ordered_json actor_value(const story& s, const actor& a) {
  ordered out = ordered::object();
  out["id"] = a.id;
  out["name"] = a.name;
  if (a.kind) out["kind"] = std::string(to_string(*a.kind));
  put_text(out, "role", a.role);
  if (!a.member_of.empty()) out["member_of"] = ids_json(s, a.member_of);
  put_text(out, "notes", a.notes);
  return out;
}

ordered_json event_value(const story& s, const event& e) {
  ordered out = ordered::object();
  out["id"] = e.id();
  out["date"] = e.date();
  if (e.timezone() != s.timezone) out["timezone"] = zone_name(e);
  out["actors"] = ids_json(s, e.actors());
  if (!e.addressees().empty()) out["to"] = ids_json(s, e.addressees());
  put_text(out, "kind", e.kind());
  put_text(out, "channel", e.channel());
  put_text(out, "place", e.place());
  out["title"] = e.title();
  put_text(out, "summary", e.summary());
  put_text(out, "notes", e.notes());
  if (!e.quotes().empty()) {
    ordered quotes = ordered::array();
    for (const quote& q : e.quotes()) {
      ordered item = ordered::object();
      item["text"] = q.text;
      if (q.by) item["by"] = s.actors[*q.by].id;
      put_text(item, "note", q.note);
      quotes.push_back(std::move(item));
    }
    out["quotes"] = std::move(quotes);
  }
  if (!e.figures().empty()) {
    ordered figures = ordered::array();
    for (const figure& f : e.figures()) {
      ordered item = ordered::object();
      item["label"] = f.label;
      item["value"] = figure_value(f);
      put_text(item, "unit", f.unit);
      put_text(item, "note", f.note);
      figures.push_back(std::move(item));
    }
    out["figures"] = std::move(figures);
  }
  if (!e.sources().empty()) {
    ordered sources = ordered::array();
    for (const source& src : e.sources()) sources.push_back(source_json(src));
    out["sources"] = std::move(sources);
  }
  if (!e.tags().empty()) {
    ordered tags = ordered::array();
    for (std::string_view tag : e.tags()) tags.push_back(tag);
    out["tags"] = std::move(tags);
  }
  if (!e.relations().empty()) {
    ordered relations = ordered::array();
    for (const relation r : e.relations()) {
      ordered item = ordered::object();
      item["type"] = std::string(to_string(r.type));
      item["to"] = s.events[r.target].id();
      put_text(item, "note", r.note);
      relations.push_back(std::move(item));
    }
    out["relations"] = std::move(relations);
  }
  return out;
}

namespace {

std::string fmt_key(std::string_view key) {
  return "  \"" + std::string(key) + "\": ";
}

template <typename Items, typename ToJson>
void append_array(std::string& out, const char* key, const Items& items, ToJson&& to_json,
                  bool last) {
  out += fmt_key(key);
  if (items.empty()) {
    out += "[]";
  } else {
    out += "[\n";
    bool first = true;
    for (const auto& item : items) {
      if (!first) out += ",\n";
      first = false;
      append_indented(out, dump(to_json(item)), 4);
    }
    out += "\n  ]";
  }
  out += last ? "\n" : ",\n";
}

}  // namespace

std::string export_json(const story& s) {
  std::string out = "{\n";
  const ordered header = header_value(s);
  for (const auto& [key, value] : header.items()) {
    std::string text;
    append_indented(text, dump(value), 2);
    out += fmt_key(key) + text.substr(2) + ",\n";
  }
  append_array(
      out, "actors", s.actors, [&](const actor& a) { return actor_value(s, a); }, false);
  append_array(
      out, "events", s.events, [&](const event& e) { return event_value(s, e); }, true);
  out += "}\n";
  return out;
}

}  // namespace eventgraph::detail
