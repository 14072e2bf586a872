// import_format::csv: eventgraph's own events.csv, relations.csv, actors.csv and story.csv
// (what `export --format csv` writes, docs/user-guide.md), read back exactly, or any other sheet:
// columns found by --map field=Column, else by common header names (Date, Start, End, Headline,
// Title, Description, Author, Group, Tags, In reply to), case-insensitive. Rows are RFC 4180
// (csv_rows, libcsv).

#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "core/csv_cells.hpp"
#include "eventgraph/time.hpp"
#include "import/csv_own_sheets.hpp"
#include "import/csv_rows.hpp"

namespace eventgraph::detail {
namespace {

/// The fields a column can give, in the order --map names them.
enum class field : std::uint8_t {
  id,
  date,
  end,
  title,
  summary,
  actors,
  actor_names,
  to,
  to_names,
  kind,
  channel,
  place,
  tags,
  source_title,
  source_url,
  responds_to,
  notes,
  timezone,
  quotes,
  figures,
  from,
  type,
  note,
};

struct field_row {
  field f;
  std::string_view name;  ///< as --map takes it
  /// Header names that give the field when --map does not, most specific first.
  std::array<std::string_view, 4> headers;
};

constexpr std::array<field_row, 23> field_table = {{
    {field::id, "id", {"id", "unique id", "unique_id"}},
    {field::date, "date", {"date", "start", "start date", "datetime"}},
    {field::end, "end", {"end", "end date"}},
    {field::title, "title", {"title", "headline", "label"}},
    {field::summary, "summary", {"summary", "description", "text"}},
    {field::actors, "actors", {"actors", "actor", "author", "group"}},
    {field::actor_names, "actor_names", {"actor names"}},
    {field::to, "to", {"to"}},
    {field::to_names, "to_names", {"to names"}},
    {field::kind, "kind", {"kind", "type"}},
    {field::channel, "channel", {"channel"}},
    {field::place, "place", {"place", "location"}},
    {field::tags, "tags", {"tags"}},
    {field::source_title, "source_title", {"sources", "source"}},
    {field::source_url, "source_url", {"source urls", "source url", "url", "link"}},
    {field::responds_to, "responds_to", {"in reply to", "responds to", "responds_to"}},
    {field::notes, "notes", {"notes"}},
    {field::timezone, "timezone", {"time zone", "timezone"}},
    {field::quotes, "quotes", {"quotes"}},
    {field::figures, "figures", {"figures"}},
    {field::from, "from", {"from"}},
    {field::type, "type", {"type", "relation"}},
    {field::note, "note", {"note"}},
}};

constexpr std::string_view key_prefix = "csv:";

enum class sheet_kind : std::uint8_t { events, relations };

struct columns {
  std::array<std::optional<std::size_t>, field_table.size()> at{};
  sheet_kind kind = sheet_kind::events;
  /// eventgraph's export: escaped lists, derived columns, described items, formula guards
  bool own = false;
  std::vector<std::size_t> extra;  ///< other columns of a foreign sheet: kept in notes

  [[nodiscard]] std::optional<std::size_t> of(field f) const {
    return at[static_cast<std::size_t>(f)];
  }
};

bool is_own_events(const csv_header& h) {
  return h.find("id") && h.find("label") && h.find("date") && h.find("precision") &&
         h.find("earliest");
}
bool is_own_relations(const csv_header& h) {
  return h.find("from") && h.find("to") && h.find("type") && h.find("response");
}

/// Which column gives each field; errors (an unknown --map field or column) as bad records.
std::optional<columns> find_columns(const csv_header& h, const csv_row& header_row,
                                    const import_options& options, import_sink& sink) {
  columns c;
  c.own = is_own_events(h) || is_own_relations(h);
  const bool relations = h.find("from") && !h.find("date") && !h.find("start");
  c.kind = relations ? sheet_kind::relations : sheet_kind::events;
  bool ok = true;
  for (const auto& [name, column] : options.column_map) {
    const field_row* row = nullptr;
    for (const auto& r : field_table)
      if (r.name == name) row = &r;
    if (!row) {
      std::string names;
      for (const auto& r : field_table) names += (names.empty() ? "" : ", ") + std::string(r.name);
      sink.bad_record(header_row.at, fmt::format("--map {}={}: no field '{}' (fields: {})", name,
                                                 column, name, names));
      ok = false;
      continue;
    }
    const auto found = h.find(column);
    if (!found) {
      sink.bad_record(header_row.at, fmt::format("--map {}={}: the header has no column '{}'", name,
                                                 column, column));
      ok = false;
      continue;
    }
    c.at[static_cast<std::size_t>(row->f)] = found;
  }
  if (!ok) return std::nullopt;
  for (std::size_t i = 0; i < field_table.size(); ++i) {
    if (c.at[i]) continue;
    const field f = field_table[i].f;
    // Own sheets: "Type" is the event's kind or the relation's type, "End" is derived.
    if (c.kind == sheet_kind::events && (f == field::from || f == field::type || f == field::note))
      continue;
    if (c.kind == sheet_kind::relations && f != field::from && f != field::to && f != field::type &&
        f != field::note)
      continue;
    if (c.own && f == field::end) continue;
    for (const auto header : field_table[i].headers)
      if (!header.empty() && !c.at[i]) c.at[i] = h.find(header);
  }
  if (!c.own && c.kind == sheet_kind::events) {
    for (std::size_t col = 0; col < h.size(); ++col) {
      bool used = false;
      for (const auto& a : c.at) used = used || a == col;
      if (!used && !h.name(col).empty()) c.extra.push_back(col);
    }
  }
  return c;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

/// Items of a list cell: `|`-separated (eventgraph's and Kumu's separator); a foreign sheet's
/// cell without `|` may use commas (tags).
std::vector<std::string> split_list(std::string_view cell, bool commas) {
  std::vector<std::string> out;
  const char sep = commas && cell.find('|') == std::string_view::npos ? ',' : '|';
  while (!cell.empty()) {
    const auto end = cell.find(sep);
    const auto item = trimmed(cell.substr(0, end));
    if (!item.empty()) out.emplace_back(item);
    if (end == std::string_view::npos) break;
    cell.remove_prefix(end + 1);
  }
  return out;
}

/// A foreign sheet's kind as a kind word: lower case, spaces as hyphens ("Press conference").
std::string kind_word(std::string_view text, bool own) {
  std::string out(trimmed(text));
  if (own) return out;
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == ' ') c = '-';
  }
  return out;
}

class sheet_reader {
 public:
  sheet_reader(const import_input& in, const columns& c, const csv_header& h, import_sink& sink)
      : in_(in), c_(c), h_(h), sink_(sink) {}

  void row(const csv_row& r) {
    if (c_.kind == sheet_kind::relations)
      relation_row(r);
    else
      event_row(r);
  }

 private:
  [[nodiscard]] std::string_view cell(const csv_row& r, field f) const {
    const auto col = c_.of(f);
    if (!col) return {};
    // The own export's guard against spreadsheet formulas (a leading `'`) taken off again.
    return c_.own ? formula_unguarded(r.text(*col)) : r.text(*col);
  }
  [[nodiscard]] import_location where(const csv_row& r, field f) const {
    const auto col = c_.of(f);
    return col ? r.location(*col) : r.at;
  }

  void relation_row(const csv_row& r) {
    const std::string from(trimmed(cell(r, field::from)));
    const std::string to(trimmed(cell(r, field::to)));
    if (from.empty() || to.empty()) {
      sink_.bad_record(from.empty() ? where(r, field::from) : where(r, field::to),
                       "a relation needs both From and To");
      return;
    }
    imported_link link;
    if (const auto type = trimmed(cell(r, field::type)); !type.empty()) {
      const auto parsed = parse_relation_type(type);
      if (!parsed) {
        sink_.bad_record(where(r, field::type), fmt::format("unknown relation type '{}'", type));
        return;
      }
      link.type = *parsed;
    }
    link.key = std::string(key_prefix) + to;
    link.known_as = to;
    link.note = std::string(cell(r, field::note));
    imported_event e;
    e.key = std::string(key_prefix) + from;
    e.id_hint = from;
    e.links.push_back(std::move(link));
    e.at = r.at;
    sink_.event(std::move(e));
  }

  /// Items of a `|` list cell: escaped in the own export, trimmed in a foreign sheet (whose
  /// cell without `|` may use commas, as tags do).
  [[nodiscard]] std::vector<std::string> list(const csv_row& r, field f, bool commas) const {
    return c_.own ? split_cell_items(cell(r, f), '|') : split_list(cell(r, f), commas);
  }

  /// Actors of a list cell, with names from a parallel names cell (own export) or the cell.
  std::vector<std::string> actors(const csv_row& r, field ids, field names) {
    std::vector<std::string> keys;
    const auto list = this->list(r, ids, false);
    const auto name_list = this->list(r, names, false);
    for (std::size_t i = 0; i < list.size(); ++i) {
      imported_actor a;
      a.key = std::string(csv_actor_prefix) + list[i];
      a.id_hint = list[i];
      a.name = c_.of(names) && i < name_list.size() ? name_list[i] : list[i];
      a.at = where(r, ids);
      keys.push_back(a.key);
      sink_.actor(std::move(a));
    }
    return keys;
  }

  bool read_date(const csv_row& r, imported_event& e) {
    std::string start(trimmed(cell(r, field::date)));
    const std::string_view end = trimmed(cell(r, field::end));
    if (start.empty()) {
      sink_.bad_record(where(r, field::date),
                       c_.of(field::date) ? "the row has no date"
                                          : "the sheet has no date column (Date or Start; or "
                                            "--map date=Column)");
      return false;
    }
    const field at = end.empty() ? field::date : field::end;
    if (!end.empty()) start += "/" + std::string(end);
    const auto parsed = parse_date(start, e.timezone);
    if (!parsed.time) {
      sink_.bad_record(where(r, at), fmt::format("bad date '{}': {}", start, parsed.error));
      return false;
    }
    e.date = std::move(start);
    return true;
  }

  void sources(const csv_row& r, imported_event& e) {
    const std::string_view titles = cell(r, field::source_title);
    const std::string_view urls = cell(r, field::source_url);
    if (!c_.own) {
      if (titles.empty() && urls.empty()) return;
      source s;
      s.title = std::string(titles.empty() ? urls : titles);
      s.url = std::string(trimmed(urls));
      e.sources.push_back(std::move(s));
      return;
    }
    // Each source a line, "Title | Publisher | URL | Date | Note" (Source URLs repeats them).
    e.sources = own_sources(titles);
  }

  /// The own export's Quotes ("Text | by | Note") and Figures ("Label | value | Unit | Note").
  bool quotes_and_figures(const csv_row& r, imported_event& e) {
    for (auto& q : split_cell_records(cell(r, field::quotes))) {
      q.resize(3);
      imported_quote quote{std::move(q[0]), std::string(), std::move(q[2])};
      if (!q[1].empty()) quote.by = std::string(csv_actor_prefix) + q[1];
      e.quotes.push_back(std::move(quote));
    }
    for (auto& f : split_cell_records(cell(r, field::figures))) {
      f.resize(4);
      figure fig{std::move(f[0]), 0, std::move(f[1]), std::move(f[2]), std::move(f[3])};
      const char* end = fig.value_text.data() + fig.value_text.size();
      const auto parsed = std::from_chars(fig.value_text.data(), end, fig.value);
      if (fig.value_text.empty() || parsed.ec != std::errc() || parsed.ptr != end ||
          !std::isfinite(fig.value)) {
        sink_.bad_record(
            where(r, field::figures),
            fmt::format("figure '{}': the value '{}' is not a number", fig.label, fig.value_text));
        return false;
      }
      e.figures.push_back(std::move(fig));
    }
    return true;
  }

  /// Notes; a foreign sheet's quotes, figures and other columns ("Column: value") added.
  std::string notes(const csv_row& r) {
    std::string out(cell(r, field::notes));
    if (c_.own) return out;
    auto add = [&](std::string_view label, std::string_view text) {
      if (text.empty()) return;
      if (!out.empty()) out += "\n";
      out += fmt::format("{}: {}", label, text);
    };
    add("Quotes", cell(r, field::quotes));
    add("Figures", cell(r, field::figures));
    for (const std::size_t col : c_.extra) add(h_.name(col), r.text(col));
    return out;
  }

  void event_row(const csv_row& r) {
    imported_event e;
    e.at = r.at;
    const std::string id(trimmed(cell(r, field::id)));
    e.key = id.empty() ? fmt::format("{}{}:{}", key_prefix, in_.record_key_name(), r.at.line)
                       : std::string(key_prefix) + id;
    e.id_hint = id.empty() ? fmt::format("row-{}", r.at.line) : id;
    // Own sheets write the zone every event was read in ("UTC" for none): kept as written, the
    // story sheet's zone tells which are the story's.
    e.timezone = std::string(trimmed(cell(r, field::timezone)));
    if (!read_date(r, e)) return;
    e.title = std::string(c_.own ? cell(r, field::title) : trimmed(cell(r, field::title)));
    if (e.title.empty()) {
      sink_.bad_record(where(r, field::title),
                       c_.of(field::title) ? "the row has no title"
                                           : "the sheet has no title column (Title or Headline; "
                                             "or --map title=Column)");
      return;
    }
    e.actors = actors(r, field::actors, field::actor_names);
    e.addressees = actors(r, field::to, field::to_names);
    e.kind = kind_word(cell(r, field::kind), c_.own);
    e.channel = std::string(cell(r, field::channel));
    e.place = std::string(cell(r, field::place));
    e.summary = std::string(cell(r, field::summary));
    e.notes = notes(r);
    e.tags = list(r, field::tags, true);
    sources(r, e);
    if (c_.own && !quotes_and_figures(r, e)) return;
    for (const auto& target : split_list(cell(r, field::responds_to), true)) {
      imported_link link;
      link.key = std::string(key_prefix) + target;
      link.known_as = target;
      e.links.push_back(std::move(link));
    }
    sink_.event(std::move(e));
  }

  const import_input& in_;
  const columns& c_;
  const csv_header& h_;
  import_sink& sink_;
};

}  // namespace

void read_csv(const import_input& in, const import_options& options, import_sink& sink) {
  std::optional<csv_header> header;
  std::optional<columns> cols;
  std::optional<sheet_reader> reader;
  std::optional<own_sheet_reader> own_reader;  // actors.csv, story.csv
  bool unusable = false;
  std::size_t rows = 0;
  for_each_csv_row(
      in.text,
      [&](const csv_row& r) {
        if (unusable) return;
        if (!header) {
          header.emplace(r);
          if (is_own_actors_sheet(*header) || is_own_story_sheet(*header)) {
            own_reader.emplace(*header, sink);
            return;
          }
          cols = find_columns(*header, r, options, sink);
          if (!cols) {
            unusable = true;
            return;
          }
          reader.emplace(in, *cols, *header, sink);
          return;
        }
        if (own_reader)
          own_reader->row(r);
        else
          reader->row(r);
        if (++rows % 4096 == 0) sink.progress(r.end_offset);
      },
      [&](const csv_error& e) { sink.bad_record(e.at, e.message); });
  if (own_reader) own_reader->finish();
  sink.progress(in.text.size());
}

bool looks_like_csv(std::string_view text) {
  // The header line only (a quoted header with a line break in it is not worth detecting).
  const auto end = text.find_first_of("\r\n");
  std::optional<csv_header> header;
  (void)for_each_csv_row(
      text.substr(0, end == std::string_view::npos ? text.size() : end),
      [&](const csv_row& r) { header.emplace(r); }, [](const csv_error&) {});
  if (!header || header->size() < 2) return false;
  const csv_header& h = *header;
  if (is_own_events(h) || is_own_relations(h) || is_own_actors_sheet(h) || is_own_story_sheet(h))
    return true;
  // TimelineJS (Year, Month, Day) and Timesketch (message, timestamp_desc) sheets are theirs.
  if ((h.find("year") && h.find("month") && h.find("day")) ||
      (h.find("message") && h.find("timestamp_desc")))
    return false;
  return h.find_any({"date", "start"}) && h.find_any({"title", "headline"});
}

}  // namespace eventgraph::detail
