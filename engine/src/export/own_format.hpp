#pragma once
// eventgraph's own format, one record at a time: what the json, yaml and ndjson exports write
// (one home for which fields are written, in docs/format.md's order, and when a field is left
// out). The fields go to a writer: a JSON value for json and yaml (value_of below), compact
// text for ndjson (json_out, without a value per event). Only those three writers include
// this header (it includes nlohmann/json).

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/json_out.hpp"
#include "eventgraph/model.hpp"
#include "export/export_common.hpp"

namespace eventgraph::detail {

using ordered_json = nlohmann::ordered_json;

/// JSON text of a value, compact (`indent` < 0) or as nlohmann's dump(indent); invalid UTF-8
/// replaced by U+FFFD.
std::string dump_json(const ordered_json& value, int indent = -1);

namespace own_format {

// A writer has begin_object(), end_object(), begin_array(), end_array(), key(name),
// text(value), integer(value) and number(value).

template <typename Out>
void put_source(Out& out, const source& s) {
  out.begin_object();
  out.key("title");
  out.text(s.title);
  put_text(out, "publisher", s.publisher);
  put_text(out, "url", s.url);
  put_text(out, "date", s.date);
  put_text(out, "note", s.note);
  out.end_object();
}

template <typename Out, typename Items, typename Put>
void put_list(Out& out, std::string_view key, const Items& items, Put&& put) {
  out.key(key);
  out.begin_array();
  for (const auto& item : items) put(item);
  out.end_array();
}

template <typename Out>
void put_ids(Out& out, std::string_view key, const story& s, std::span<const actor_index> actors) {
  put_list(out, key, actors, [&](actor_index a) { out.text(s.actors[a].id); });
}

/// `{"eventgraph": 1, "title", "description", "notes", "timezone", "sources"}`, the empty
/// ones left out: the document's fields other than its actors and events.
template <typename Out>
void header(Out& out, const story& s) {
  out.begin_object();
  out.key("eventgraph");
  out.integer(1);
  for (auto [key, text] : {std::pair{"title", &s.title}, std::pair{"description", &s.description},
                           std::pair{"notes", &s.notes}, std::pair{"timezone", &s.timezone}})
    put_text(out, key, *text);
  if (!s.sources.empty())
    put_list(out, "sources", s.sources, [&](const source& src) { put_source(out, src); });
  out.end_object();
}

/// An actor's fields: id, name, kind, role, member_of, notes; `typed` puts `"type": "actor"`
/// first, as an NDJSON line needs.
template <typename Out>
void actor_fields(Out& out, const story& s, const actor& a, bool typed = false) {
  out.begin_object();
  if (typed) {
    out.key("type");
    out.text("actor");
  }
  out.key("id");
  out.text(a.id);
  out.key("name");
  out.text(a.name);
  if (a.kind) put_text(out, "kind", to_string(*a.kind));
  put_text(out, "role", a.role);
  if (!a.member_of.empty()) put_ids(out, "member_of", s, a.member_of);
  put_text(out, "notes", a.notes);
  out.end_object();
}

/// An event's fields, from id and date to relations; `timezone` only when it is not the
/// story's.
template <typename Out>
void event_fields(Out& out, const story& s, const event& e) {
  out.begin_object();
  out.key("id");
  out.text(e.id());
  out.key("date");
  out.text(e.date());
  if (e.timezone() != s.timezone) put_text(out, "timezone", zone_name(e));
  put_ids(out, "actors", s, e.actors());
  if (!e.addressees().empty()) put_ids(out, "to", s, e.addressees());
  put_text(out, "kind", e.kind());
  put_text(out, "channel", e.channel());
  put_text(out, "place", e.place());
  out.key("title");
  out.text(e.title());
  put_text(out, "summary", e.summary());
  put_text(out, "notes", e.notes());
  if (!e.quotes().empty())
    put_list(out, "quotes", e.quotes(), [&](const quote& q) {
      out.begin_object();
      out.key("text");
      out.text(q.text);
      if (q.by) {
        out.key("by");
        out.text(s.actors[*q.by].id);
      }
      put_text(out, "note", q.note);
      out.end_object();
    });
  if (!e.figures().empty())
    put_list(out, "figures", e.figures(), [&](const figure& f) {
      out.begin_object();
      out.key("label");
      out.text(f.label);
      out.key("value");
      // The number as the file wrote it when it is whole; otherwise the shortest text that
      // reads back as the same double, which is then stable from one export to the next.
      const std::string_view text = f.value_text;
      if (!text.empty() && text.find_first_not_of("+-0123456789") == std::string_view::npos)
        out.integer(static_cast<std::int64_t>(f.value));
      else
        out.number(f.value);
      put_text(out, "unit", f.unit);
      put_text(out, "note", f.note);
      out.end_object();
    });
  if (!e.sources().empty())
    put_list(out, "sources", e.sources(), [&](const source& src) { put_source(out, src); });
  if (!e.tags().empty())
    put_list(out, "tags", e.tags(), [&](std::string_view tag) { out.text(tag); });
  if (!e.relations().empty())
    put_list(out, "relations", e.relations(), [&](const relation r) {
      out.begin_object();
      out.key("type");
      out.text(to_string(r.type));
      out.key("to");
      out.text(s.events[r.target].id());
      put_text(out, "note", r.note);
      out.end_object();
    });
  out.end_object();
}

}  // namespace own_format

/// The records as JSON values, for the json and yaml exports.
ordered_json header_value(const story& s);
ordered_json actor_value(const story& s, const actor& a);
ordered_json event_value(const story& s, const event& e);

}  // namespace eventgraph::detail
