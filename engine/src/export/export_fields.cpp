// The fields of events and stories as JSON, shared by the JSON graph exports (Cytoscape.js,
// JGF, vis-timeline). The only export file besides the writers that includes nlohmann/json.

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "export/export_common.hpp"

namespace eventgraph::detail {
namespace {

using ordered = nlohmann::ordered_json;

std::string compact(const ordered& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ordered source_json(const source& src) {
  ordered out = ordered::object();
  out["title"] = src.title;
  out["publisher"] = src.publisher;
  out["url"] = src.url;
  out["date"] = src.date;
  out["note"] = src.note;
  return out;
}

}  // namespace

std::string json_string(std::string_view s) {
  std::string out;
  text::append_json_string(out, s);
  return out;
}

std::string event_fields_json(const story& s, const event& e) {
  const event_span span = span_of(e);
  const event_time time = e.time();
  const std::string_view zone = e.timezone();
  auto ids = [&](std::span<const actor_index> actors, bool names) {
    ordered out = ordered::array();
    for (actor_index a : actors) out.push_back(names ? s.actors[a].name : s.actors[a].id);
    return out;
  };
  auto endpoint_text = [&](const std::optional<endpoint>& p, bool instant_form) -> ordered {
    if (!p) return nullptr;
    return instant_form ? iso_instant(p->at, zone) : format_iso(p->at, zone, p->precision);
  };
  ordered out = ordered::object();
  out["date"] = e.date();
  out["date_display"] = describe_date(e.date(), zone);
  out["precision"] = to_string(time.precision);
  out["shape"] = to_string(time.shape);
  out["date_start"] = endpoint_text(span.start, false);
  out["date_end"] = endpoint_text(span.end, false);
  out["earliest"] = endpoint_text(span.start, true);
  out["latest"] = endpoint_text(span.end, true);
  out["timezone"] = zone_name(e);
  out["uncertain"] = time.uncertain;
  out["approximate"] = time.approximate;
  out["actors"] = ids(e.actors(), false);
  out["actor_names"] = ids(e.actors(), true);
  out["to"] = ids(e.addressees(), false);
  out["to_names"] = ids(e.addressees(), true);
  out["kind"] = e.kind();
  out["channel"] = e.channel();
  out["place"] = e.place();
  out["summary"] = e.summary();
  out["notes"] = e.notes();
  ordered tags = ordered::array();
  for (std::string_view tag : e.tags()) tags.push_back(tag);
  out["tags"] = std::move(tags);
  ordered quotes = ordered::array();
  for (const quote& q : e.quotes()) {
    ordered item = ordered::object();
    item["text"] = q.text;
    item["by"] = q.by ? ordered(s.actors[*q.by].id) : ordered(nullptr);
    item["note"] = q.note;
    quotes.push_back(std::move(item));
  }
  out["quotes"] = std::move(quotes);
  ordered figures = ordered::array();
  for (const figure& f : e.figures()) {
    ordered item = ordered::object();
    item["label"] = f.label;
    item["value"] = f.value;
    item["value_text"] = f.value_text;
    item["unit"] = f.unit;
    item["note"] = f.note;
    figures.push_back(std::move(item));
  }
  out["figures"] = std::move(figures);
  ordered sources = ordered::array();
  for (const source& src : e.sources()) sources.push_back(source_json(src));
  out["sources"] = std::move(sources);
  if (const auto lead = lead_actor(e)) out["color"] = hex(actor_colour(*lead));
  return compact(out);
}

std::string story_fields_json(const story& s) {
  ordered out = ordered::object();
  out["title"] = s.title;
  out["description"] = s.description;
  out["notes"] = s.notes;
  out["timezone"] = s.timezone.empty() ? "UTC" : s.timezone;
  ordered sources = ordered::array();
  for (const source& src : s.sources) sources.push_back(source_json(src));
  out["sources"] = std::move(sources);
  return compact(out);
}

}  // namespace eventgraph::detail
