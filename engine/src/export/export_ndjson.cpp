// export_format::ndjson: eventgraph's own format as docs/format.md's "NDJSON for bulk data"
// lays it out: the header line, one line per actor, one line per event, each written as text
// straight from its record (own_format.hpp through json_out): no JSON value is built.

#include "core/json_out.hpp"
#include "export/export_writers.hpp"
#include "export/own_format.hpp"

namespace eventgraph::detail {
namespace {

/// json_out with numbers laid out as the json export's nlohmann values write them, so both
/// exports give a figure the same text.
class line_writer : public json_out {
 public:
  using json_out::json_out;
  void number(double value) { raw(dump_json(ordered_json(value))); }
};

}  // namespace

std::string export_ndjson(const story& s) {
  std::string out;
  // Most of the output is the events' own text, plus field names and relation targets (about
  // 100 bytes an event): reserved generously, since memory reserved and never written costs
  // no page, and regrowing would copy the whole text.
  out.reserve(s.events.text_bytes() + 160 * s.events.size() + 256 * s.actors.size() + 4096);
  {
    line_writer line(out);
    own_format::header(line, s);
  }
  out += '\n';
  for (const actor& a : s.actors) {
    line_writer line(out);
    own_format::actor_fields(line, s, a, true);
    out += '\n';
  }
  // Event lines need no "type": it is the default, and the loader's fast path takes them so.
  for (const event& e : s.events) {
    line_writer line(out);
    own_format::event_fields(line, s, e);
    out += '\n';
  }
  return out;
}

}  // namespace eventgraph::detail
