// export_format::cytoscape: Cytoscape.js elements JSON, `cytoscape({elements: ...})` ready:
// {"data": {story}, "elements": {"nodes": [{"data": {"id", "label", ...fields}}],
// "edges": [{"data": {"id", "source", "target", "relation", "response", "note"}}]}}.
// Edges go from the later event to the one it relates to, as in the story. One element a line.

#include "export/export_common.hpp"
#include "export/export_writers.hpp"

namespace eventgraph::detail {

std::string export_cytoscape(const story& s) {
  std::string out = "{\"data\":" + story_fields_json(s) + ",\n\"elements\":{\"nodes\":[";
  bool first = true;
  for (const event e : s.events) {
    const std::string fields = event_fields_json(s, e);
    out += first ? "\n" : ",\n";
    first = false;
    out += "{\"data\":{\"id\":" + json_string(e.id()) + ",\"label\":" + json_string(e.title()) +
           "," + fields.substr(1) + "}";
  }
  out += "\n],\"edges\":[";
  first = true;
  for (const event e : s.events) {
    const relation_list relations = e.relations();
    for (std::size_t r = 0; r < relations.size(); ++r) {
      const relation rel = relations[r];
      out += first ? "\n" : ",\n";
      first = false;
      out += "{\"data\":{\"id\":" + json_string(relation_id(e, r)) +
             ",\"source\":" + json_string(e.id()) +
             ",\"target\":" + json_string(s.events[rel.target].id()) +
             ",\"relation\":" + json_string(to_string(rel.type)) +
             ",\"response\":" + (is_response(rel.type) ? "true" : "false") +
             ",\"note\":" + json_string(rel.note) + "}}";
    }
  }
  out += "\n]}}\n";
  return out;
}

}  // namespace eventgraph::detail
