// export_format::csv: events.csv (one row an event) and relations.csv (one row a relation),
// RFC 4180 (CRLF line ends, fields quoted when needed, quotes doubled), UTF-8 without a BOM.
// Column names follow Kumu's conventions (ID, Label, Type; From, To, Type) so Kumu imports
// both sheets as elements and connections; id lists and tags are joined with `|`, Kumu's
// separator. Free-text cells that start like a formula get a leading `'` (csv_text_field).

#include "export/export_common.hpp"
#include "export/export_writers.hpp"

namespace eventgraph::detail {

std::string csv_field(std::string_view text) {
  if (text.find_first_of("\",\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string csv_text_field(std::string_view text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
    return csv_field("'" + std::string(text));
  return csv_field(text);
}

namespace {

struct column {
  std::string_view header;
  std::string_view attribute;  ///< name in event_attributes
  bool text;                   ///< free text: guarded against formulas
};

constexpr std::array<column, 26> event_columns = {{
    {"ID", "", false},
    {"Label", "title", true},
    {"Type", "kind", false},
    {"Date", "date", false},
    {"Date display", "date_display", true},
    {"Precision", "precision", false},
    {"Shape", "shape", false},
    {"Start", "date_start", false},
    {"End", "date_end", false},
    {"Earliest", "earliest", false},
    {"Latest", "latest", false},
    {"Time zone", "timezone", false},
    {"Uncertain", "uncertain", false},
    {"Approximate", "approximate", false},
    {"Actors", "actors", false},
    {"Actor names", "actor_names", true},
    {"To", "to", false},
    {"To names", "to_names", true},
    {"Channel", "channel", true},
    {"Place", "place", true},
    {"Description", "summary", true},
    {"Notes", "notes", true},
    {"Tags", "tags", true},
    {"Quotes", "quotes", true},
    {"Figures", "figures", true},
    {"Sources", "sources", true},
}};

std::size_t attribute_position(std::string_view name) {
  for (std::size_t i = 0; i < event_attributes.size(); ++i)
    if (event_attributes[i].name == name) return i;
  return event_attributes.size();
}

void end_row(std::string& out) {
  out += "\r\n";
}

}  // namespace

std::vector<export_file> export_csv(const story& s) {
  std::array<std::size_t, event_columns.size()> positions{};
  for (std::size_t c = 0; c < event_columns.size(); ++c)
    positions[c] = attribute_position(event_columns[c].attribute);
  const std::size_t urls = attribute_position("source_urls");

  std::string events;
  for (std::size_t c = 0; c < event_columns.size(); ++c) {
    if (c > 0) events.push_back(',');
    events += csv_field(event_columns[c].header);
  }
  events += ",Source URLs";
  end_row(events);
  for (const event e : s.events) {
    const auto values = event_attribute_values(s, e);
    events += csv_field(e.id());
    for (std::size_t c = 1; c < event_columns.size(); ++c) {
      events.push_back(',');
      const std::string& value = values[positions[c]];
      events += event_columns[c].text ? csv_text_field(value) : csv_field(value);
    }
    events.push_back(',');
    events += csv_text_field(values[urls]);
    end_row(events);
  }

  std::string relations = "From,To,Type,Response,Note,From label,To label";
  end_row(relations);
  for (const event e : s.events) {
    for (const relation r : e.relations()) {
      const event target = s.events[r.target];
      relations += csv_field(e.id()) + ',' + csv_field(target.id()) + ',' +
                   csv_field(to_string(r.type)) + ',' + (is_response(r.type) ? "true" : "false") +
                   ',' + csv_text_field(r.note) + ',' + csv_text_field(e.title()) + ',' +
                   csv_text_field(target.title());
      end_row(relations);
    }
  }
  std::vector<export_file> files;
  files.push_back({"events.csv", std::move(events)});
  files.push_back({"relations.csv", std::move(relations)});
  return files;
}

}  // namespace eventgraph::detail
