// export_format::ndjson: eventgraph's own format as docs/format.md's "NDJSON for bulk data"
// lays it out: the header line, one line per actor, one line per event. Each line is written
// from its record alone, so a million events cost one small JSON value at a time.

#include "export/export_writers.hpp"
#include "export/own_format.hpp"

namespace eventgraph::detail {

std::string export_ndjson(const story& s) {
  std::string out = dump_json(header_value(s));
  out += '\n';
  for (const actor& a : s.actors) {
    // `"type": "actor"` first, then the actor's own fields (the dump's opening brace dropped).
    out += R"({"type":"actor",)";
    out += std::string_view(dump_json(actor_value(s, a))).substr(1);
    out += '\n';
  }
  // Event lines need no "type": it is the default, and the loader's fast path takes them so.
  for (const event& e : s.events) {
    out += dump_json(event_value(s, e));
    out += '\n';
  }
  return out;
}

}  // namespace eventgraph::detail
