// export_format::gexf: GEXF 1.3 with dynamics, for Gephi's timeline. Each event is a node that
// exists from its earliest to its latest moment (`start`/`end`; an open end is left out), in
// `timeformat="date"` (local dates) when no event states a time of day, else
// `timeformat="double"`, seconds since 1970-01-01 UTC: both Gephi and networkx's read_gexf read
// those two (networkx 3.x has no `dateTime` type and fails on it), and the exact instants with
// their offsets stay in the `earliest`/`latest` attributes. Actors are node attributes and the
// colour of the first actor, `<viz:color>` in the viz namespace (the only one Gephi reads
// colours in); relation types are edge `kind`s.

#include <fmt/format.h>

#include "export/export_common.hpp"
#include "export/export_writers.hpp"
#include "export/export_xml.hpp"

namespace eventgraph::detail {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 3> edge_attributes = {
    {{"relation", "string"}, {"response", "boolean"}, {"note", "string"}}};

constexpr std::string_view viz_namespace = "http://gexf.net/1.3/viz";

/// A node's start or end: the local date in the event's zone, or seconds since the epoch.
std::string gexf_time(const endpoint& p, const event& e, bool date_only) {
  if (date_only) return format_iso(p.at, e.timezone(), time_precision::day);
  return fmt::format("{}", p.at.time_since_epoch().count());
}

/// The node attributes (every event field) and the edge attributes, all static.
void write_attribute_declarations(xml_writer& xml) {
  xml.start("attributes");
  xml.attribute("class", "node");
  xml.attribute("mode", "static");
  for (const attribute_spec& a : event_attributes) {
    xml.start("attribute");
    xml.attribute("id", a.name);
    xml.attribute("title", a.name);
    xml.attribute("type", a.type == attribute_type::boolean ? "boolean" : "string");
    xml.end();
  }
  xml.end();
  xml.start("attributes");
  xml.attribute("class", "edge");
  xml.attribute("mode", "static");
  for (const auto& [name, type] : edge_attributes) {
    xml.start("attribute");
    xml.attribute("id", name);
    xml.attribute("title", name);
    xml.attribute("type", type);
    xml.end();
  }
  xml.end();
}

/// One edge per relation: the type as `kind` and `label`, and as attributes.
void write_edges(xml_writer& xml, const story& s) {
  std::size_t relation_count = 0;
  for (const event e : s.events) relation_count += e.relations().size();
  xml.start("edges");
  xml.attribute("count", fmt::format("{}", relation_count));
  for (const event e : s.events) {
    const relation_list relations = e.relations();
    for (std::size_t r = 0; r < relations.size(); ++r) {
      const relation rel = relations[r];
      xml.start("edge");
      xml.attribute("id", relation_id(e, r));
      xml.attribute("source", e.id());
      xml.attribute("target", s.events[rel.target].id());
      xml.attribute("kind", to_string(rel.type));
      xml.attribute("label", to_string(rel.type));
      xml.start("attvalues");
      xml.start("attvalue");
      xml.attribute("for", "relation");
      xml.attribute("value", to_string(rel.type));
      xml.end();
      xml.start("attvalue");
      xml.attribute("for", "response");
      xml.attribute("value", is_response(rel.type) ? "true" : "false");
      xml.end();
      if (!rel.note.empty()) {
        xml.start("attvalue");
        xml.attribute("for", "note");
        xml.attribute("value", rel.note);
        xml.end();
      }
      xml.end();
      xml.end();
    }
  }
  xml.end();
}

}  // namespace

result<std::string> export_gexf(const story& s) {
  std::vector<event_span> spans;
  spans.reserve(s.events.size());
  bool date_only = true;
  for (const event e : s.events) {
    const event_span& span = spans.emplace_back(span_of(e));
    for (const auto& p : {span.start, span.end})
      if (p && has_time_of_day(p->precision)) date_only = false;
  }

  xml_writer xml;
  xml.start("gexf");
  xml.attribute("xmlns", "http://gexf.net/1.3");
  xml.attribute("xmlns:viz", viz_namespace);
  xml.attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  xml.attribute("xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd");
  xml.attribute("version", "1.3");
  xml.start("meta");
  xml.element("creator", "eventgraph");
  if (!s.title.empty() || !s.description.empty()) {
    xml.element("description", s.description.empty() || s.title.empty()
                                   ? s.title + s.description
                                   : fmt::format("{}\n\n{}", s.title, s.description));
  }
  xml.end();

  xml.start("graph");
  xml.attribute("mode", "dynamic");
  xml.attribute("defaultedgetype", "directed");
  xml.attribute("timeformat", date_only ? "date" : "double");
  xml.attribute("timezone", s.timezone.empty() ? "UTC" : s.timezone);
  xml.attribute("timerepresentation", "interval");

  write_attribute_declarations(xml);

  xml.start("nodes");
  xml.attribute("count", fmt::format("{}", s.events.size()));
  for (const event e : s.events) {
    const event_span& span = spans[e.index()];
    xml.start("node");
    xml.attribute("id", e.id());
    xml.attribute("label", e.title());
    if (span.start) xml.attribute("start", gexf_time(*span.start, e, date_only));
    if (span.end) xml.attribute("end", gexf_time(*span.end, e, date_only));
    const auto values = event_attribute_values(s, e);
    xml.start("attvalues");
    for (std::size_t k = 0; k < values.size(); ++k) {
      if (values[k].empty()) continue;
      xml.start("attvalue");
      xml.attribute("for", event_attributes[k].name);
      xml.attribute("value", values[k]);
      xml.end();
    }
    xml.end();
    if (const auto lead = lead_actor(e)) {
      const rgb colour = actor_colour(*lead);
      xml.start("viz:color");
      xml.attribute("r", fmt::format("{}", colour.r));
      xml.attribute("g", fmt::format("{}", colour.g));
      xml.attribute("b", fmt::format("{}", colour.b));
      xml.end();
    }
    xml.end();
  }
  xml.end();

  write_edges(xml, s);
  xml.end();  // graph
  xml.end();  // gexf
  return xml.finish();
}

}  // namespace eventgraph::detail
