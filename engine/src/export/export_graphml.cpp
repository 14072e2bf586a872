// export_format::graphml: one node per event with every field as a typed GraphML key, one
// directed edge per relation (from the later event to its target) with the relation type.
// Booleans are written 1/0 (valid xs:boolean), which networkx and Boost's read_graphml both read.

#include <fmt/format.h>

#include "export/export_common.hpp"
#include "export/export_writers.hpp"
#include "export/export_xml.hpp"

namespace eventgraph::detail {
namespace {

struct key {
  std::string_view id;
  std::string_view owner;  // graph, node or edge
  std::string_view name;
  std::string_view type;
};

constexpr std::array<key, 4> graph_keys = {{{"g_title", "graph", "title", "string"},
                                            {"g_description", "graph", "description", "string"},
                                            {"g_notes", "graph", "notes", "string"},
                                            {"g_timezone", "graph", "timezone", "string"}}};

constexpr std::array<key, 3> edge_keys = {{{"e_relation", "edge", "relation", "string"},
                                           {"e_response", "edge", "response", "boolean"},
                                           {"e_note", "edge", "note", "string"}}};

void write_key(xml_writer& xml, const key& k) {
  xml.start("key");
  xml.attribute("id", k.id);
  xml.attribute("for", k.owner);
  xml.attribute("attr.name", k.name);
  xml.attribute("attr.type", k.type);
  xml.end();
}

void write_data(xml_writer& xml, std::string_view key_id, std::string_view value) {
  xml.start("data");
  xml.attribute("key", key_id);
  xml.text(value);
  xml.end();
}

}  // namespace

result<std::string> export_graphml(const story& s) {
  xml_writer xml;
  xml.start("graphml");
  xml.attribute("xmlns", "http://graphml.graphdrawing.org/xmlns");
  xml.attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  xml.attribute("xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns "
                "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
  for (const key& k : graph_keys) write_key(xml, k);
  std::array<std::string, event_attributes.size()> node_key_ids;
  for (std::size_t i = 0; i < event_attributes.size(); ++i) {
    const attribute_spec& a = event_attributes[i];
    node_key_ids[i] = fmt::format("n_{}", a.name);
    write_key(xml, {node_key_ids[i], "node", a.name,
                    a.type == attribute_type::boolean ? "boolean" : "string"});
  }
  for (const key& k : edge_keys) write_key(xml, k);

  xml.start("graph");
  xml.attribute("id", "story");
  xml.attribute("edgedefault", "directed");
  for (auto [k, value] :
       {std::pair{graph_keys[0], &s.title}, std::pair{graph_keys[1], &s.description},
        std::pair{graph_keys[2], &s.notes}})
    if (!value->empty()) write_data(xml, k.id, *value);
  write_data(xml, graph_keys[3].id, s.timezone.empty() ? "UTC" : s.timezone);

  for (const event e : s.events) {
    xml.start("node");
    xml.attribute("id", e.id());
    const auto values = event_attribute_values(s, e);
    for (std::size_t k = 0; k < values.size(); ++k) {
      if (event_attributes[k].type == attribute_type::boolean) {
        write_data(xml, node_key_ids[k], values[k] == "true" ? "1" : "0");
      } else if (!values[k].empty()) {
        write_data(xml, node_key_ids[k], values[k]);
      }
    }
    xml.end();
  }
  for (const event e : s.events) {
    const relation_list relations = e.relations();
    for (std::size_t r = 0; r < relations.size(); ++r) {
      const relation rel = relations[r];
      xml.start("edge");
      xml.attribute("id", relation_id(e, r));
      xml.attribute("source", e.id());
      xml.attribute("target", s.events[rel.target].id());
      write_data(xml, edge_keys[0].id, to_string(rel.type));
      write_data(xml, edge_keys[1].id, is_response(rel.type) ? "1" : "0");
      if (!rel.note.empty()) write_data(xml, edge_keys[2].id, rel.note);
      xml.end();
    }
  }
  xml.end();  // graph
  xml.end();  // graphml
  return xml.finish();
}

}  // namespace eventgraph::detail
