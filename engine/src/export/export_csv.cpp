// export_format::csv: four sheets, RFC 4180 (CRLF line ends, fields quoted when needed, quotes
// doubled), UTF-8 without a BOM. events.csv (one row an event) and relations.csv (one row a
// relation) use Kumu's column names (ID, Label, Type; From, To, Type), so Kumu imports them as
// elements and connections; actors.csv is a second elements sheet (Kumu imports several);
// story.csv holds the story's own fields, one per row. Together they hold the whole story:
// `import csv` of the four gives it back (docs/user-guide.md says how each cell is written;
// core/csv_cells.hpp holds the encodings both sides use). Cells derived for readers (Date
// display, Earliest, Actor names, Source URLs...) are not read back.

#include "core/csv_cells.hpp"
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
  return csv_field(formula_guarded(text));
}

namespace {

struct column {
  std::string_view header;
  std::string_view attribute;  ///< name in event_attributes; "" = written by list_cell
  bool text;                   ///< free text: guarded against formulas
};

constexpr std::array<column, events_sheet_columns> event_columns = {{
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
    {"Actors", "", false},
    {"Actor names", "", true},
    {"To", "", false},
    {"To names", "", true},
    {"Channel", "channel", true},
    {"Place", "place", true},
    {"Description", "summary", true},
    {"Notes", "notes", true},
    {"Tags", "", true},
    {"Quotes", "", true},
    {"Figures", "", true},
    {"Sources", "", true},
    {"Source URLs", "", true},
}};

std::size_t attribute_position(std::string_view name) {
  for (std::size_t i = 0; i < event_attributes.size(); ++i)
    if (event_attributes[i].name == name) return i;
  return event_attributes.size();
}

void end_row(std::string& out) {
  out += "\r\n";
}

template <typename Items, typename Text>
std::string joined(const Items& items, char separator, Text&& text) {
  std::string out;
  bool first = true;
  for (const auto& item : items) {
    if (!first) out.push_back(separator);
    first = false;
    out += escape_cell_item(text(item));
  }
  return out;
}

std::string sources_cell(std::span<const source> sources) {
  std::string out;
  for (const source& src : sources)
    out += (out.empty() ? "" : "\n") +
           cell_record({src.title, src.publisher, src.url, src.date, src.note});
  return out;
}

/// The cells not taken from event_attributes: lists, in the encodings of core/csv_cells.hpp.
std::string list_cell(const story& s, const event& e, std::string_view header) {
  auto ids = [&](actor_index a) { return std::string_view(s.actors[a].id); };
  auto names = [&](actor_index a) { return std::string_view(s.actors[a].name); };
  if (header == "Actors") return joined(e.actors(), '|', ids);
  if (header == "Actor names") return joined(e.actors(), '|', names);
  if (header == "To") return joined(e.addressees(), '|', ids);
  if (header == "To names") return joined(e.addressees(), '|', names);
  if (header == "Tags") return joined(e.tags(), '|', [](std::string_view t) { return t; });
  if (header == "Source URLs")
    return joined(e.sources(), '\n', [](const source& src) { return std::string_view(src.url); });
  if (header == "Sources") return sources_cell(e.sources());
  std::string out;
  if (header == "Quotes") {
    for (const quote& q : e.quotes())
      out += (out.empty() ? "" : "\n") +
             cell_record({q.text, q.by ? std::string_view(s.actors[*q.by].id) : "", q.note});
  } else {  // Figures: the value as the story wrote it
    for (const figure& f : e.figures())
      out += (out.empty() ? "" : "\n") + cell_record({f.label, f.value_text, f.unit, f.note});
  }
  return out;
}

std::string events_sheet(const story& s) {
  std::string out;
  for (std::size_t c = 0; c < event_columns.size(); ++c) {
    if (c > 0) out.push_back(',');
    out += csv_field(event_columns[c].header);
  }
  end_row(out);
  for (const event e : s.events) {
    const auto cells = events_sheet_cells(s, e);
    for (std::size_t c = 0; c < event_columns.size(); ++c) {
      if (c > 0) out.push_back(',');
      out += event_columns[c].text ? csv_text_field(cells[c]) : csv_field(cells[c]);
    }
    end_row(out);
  }
  return out;
}

constexpr std::array<std::string_view, 7> relation_columns = {
    "From", "To", "Type", "Response", "Note", "From label", "To label"};

std::string relations_sheet(const story& s) {
  std::string out = join(relation_columns, ",");
  end_row(out);
  for (const event e : s.events) {
    for (const relation r : e.relations()) {
      const event target = s.events[r.target];
      out += csv_field(e.id()) + ',' + csv_field(target.id()) + ',' + csv_field(to_string(r.type)) +
             ',' + (is_response(r.type) ? "true" : "false") + ',' + csv_text_field(r.note) + ',' +
             csv_text_field(e.title()) + ',' + csv_text_field(target.title());
      end_row(out);
    }
  }
  return out;
}

std::string actors_sheet(const story& s) {
  std::string out = "ID,Label,Type,Role,Member of,Notes";
  end_row(out);
  for (const actor& a : s.actors) {
    const std::string_view kind = a.kind ? to_string(*a.kind) : "";
    const std::string member_of =
        joined(a.member_of, '|', [&](actor_index m) { return std::string_view(s.actors[m].id); });
    out += csv_field(a.id) + ',' + csv_text_field(a.name) + ',' + csv_field(kind) + ',' +
           csv_text_field(a.role) + ',' + csv_field(member_of) + ',' + csv_text_field(a.notes);
    end_row(out);
  }
  return out;
}

std::string story_sheet(const story& s) {
  std::string out = "Story field,Value";
  end_row(out);
  const std::string sources = sources_cell(s.sources);
  for (const auto& [name, value] :
       {std::pair{"Title", &s.title}, std::pair{"Description", &s.description},
        std::pair{"Notes", &s.notes}, std::pair{"Time zone", &s.timezone},
        std::pair{"Sources", &sources}}) {
    out += std::string(name) + ',' + csv_text_field(*value);
    end_row(out);
  }
  return out;
}

}  // namespace

std::span<const std::string_view> events_sheet_headers() {
  static constexpr auto headers = [] {
    std::array<std::string_view, events_sheet_columns> out{};
    for (std::size_t c = 0; c < out.size(); ++c) out[c] = event_columns[c].header;
    return out;
  }();
  return headers;
}

std::array<std::string, events_sheet_columns> events_sheet_cells(const story& s, const event& e) {
  // Where each column's value sits in event_attribute_values, found once.
  static const auto positions = [] {
    std::array<std::size_t, events_sheet_columns> out{};
    for (std::size_t c = 0; c < out.size(); ++c)
      out[c] = attribute_position(event_columns[c].attribute);
    return out;
  }();
  auto values = event_attribute_values(s, e);
  std::array<std::string, events_sheet_columns> cells;
  cells[0] = e.id();
  for (std::size_t c = 1; c < event_columns.size(); ++c)
    cells[c] = event_columns[c].attribute.empty() ? list_cell(s, e, event_columns[c].header)
                                                  : std::move(values[positions[c]]);
  return cells;
}

std::span<const std::string_view> relations_sheet_headers() {
  return relation_columns;
}

std::vector<export_file> export_csv(const story& s) {
  const auto names = csv_file_names();
  std::vector<export_file> files;
  files.push_back({std::string(names[0]), actors_sheet(s)});
  files.push_back({std::string(names[1]), events_sheet(s)});
  files.push_back({std::string(names[2]), relations_sheet(s)});
  files.push_back({std::string(names[3]), story_sheet(s)});
  return files;
}

}  // namespace eventgraph::detail

namespace eventgraph {

std::span<const std::string_view> csv_file_names() {
  // In the order a shell lists them (DIR/*.csv), which is the order import needs: the actors
  // sheet before the events that name them, so the actors keep their order.
  static constexpr std::array<std::string_view, 4> names = {"actors.csv", "events.csv",
                                                            "relations.csv", "story.csv"};
  return names;
}

}  // namespace eventgraph
