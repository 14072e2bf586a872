// export_format::jgf: JSON Graph Format v2 (jsongraphformat.info), one directed graph:
// nodes keyed by event id with every field in `metadata`, edges with `relation` set to the
// relation type. Valid against json-graph-schema_v2.json. One node or edge a line.

#include "export/export_common.hpp"
#include "export/export_writers.hpp"

namespace eventgraph::detail {

std::string export_jgf(const story& s) {
  std::string out =
      "{\"graph\":{\"id\":\"story\",\"type\":\"eventgraph\",\"label\":" + json_string(s.title) +
      ",\"directed\":true,\"metadata\":" + story_fields_json(s) + ",\n\"nodes\":{";
  bool first = true;
  for (const event e : s.events) {
    out += first ? "\n" : ",\n";
    first = false;
    out += json_string(e.id()) + ":{\"label\":" + json_string(e.title()) +
           ",\"metadata\":" + event_fields_json(s, e) + "}";
  }
  out += "\n},\"edges\":[";
  first = true;
  for (const event e : s.events) {
    const relation_list relations = e.relations();
    for (std::size_t r = 0; r < relations.size(); ++r) {
      const relation rel = relations[r];
      out += first ? "\n" : ",\n";
      first = false;
      out += "{\"id\":" + json_string(relation_id(e, r)) + ",\"source\":" + json_string(e.id()) +
             ",\"target\":" + json_string(s.events[rel.target].id()) +
             ",\"relation\":" + json_string(to_string(rel.type)) +
             ",\"directed\":true,\"label\":" + json_string(to_string(rel.type)) +
             ",\"metadata\":{\"response\":" + (is_response(rel.type) ? "true" : "false") +
             ",\"note\":" + json_string(rel.note) + "}}";
    }
  }
  out += "\n]}}\n";
  return out;
}

}  // namespace eventgraph::detail
