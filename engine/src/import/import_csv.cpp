// import_format::csv: eventgraph's own events.csv and relations.csv (what `export --format csv`
// writes, docs/exports.md), or any other sheet: columns found by --map field=Column, else by
// common header names (Date, Start, End, Headline, Title, Description, Author, Group, Tags,
// In reply to), case-insensitive. Rows are RFC 4180 (csv_rows, libcsv).

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "eventgraph/time.hpp"
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
constexpr std::string_view actor_prefix = "csv:actor:";

enum class sheet_kind : std::uint8_t { events, relations };

struct columns {
  std::array<std::optional<std::size_t>, field_table.size()> at{};
  sheet_kind kind = sheet_kind::events;
  bool own = false;  ///< eventgraph's export: `|` lists, derived columns, described sources
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

/// Own export's guard against spreadsheet formulas (a leading `'`) taken off again.
std::string_view unguarded(std::string_view text, bool own) {
  if (own && text.size() >= 2 && text.front() == '\'' &&
      std::string_view("=+-@\t\r").find(text[1]) != std::string_view::npos)
    text.remove_prefix(1);
  return text;
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
    return col ? unguarded(r.text(*col), c_.own) : std::string_view();
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

  /// Actors of a list cell, with names from a parallel names cell (own export) or the cell.
  std::vector<std::string> actors(const csv_row& r, field ids, field names) {
    std::vector<std::string> keys;
    const auto list = split_list(cell(r, ids), false);
    const auto name_list = split_list(cell(r, names), false);
    for (std::size_t i = 0; i < list.size(); ++i) {
      imported_actor a;
      a.key = std::string(actor_prefix) + list[i];
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
    // The export describes each source on a line, "Title (Publisher, date) <url> [note]", and
    // lists the URLs apart: the URL is taken back out; the rest stays the title, as written.
    std::vector<std::string> url_lines = split_lines(urls);
    std::size_t next_url = 0;
    for (const auto& line : split_lines(titles)) {
      source s;
      s.title = line;
      if (next_url < url_lines.size()) {
        const std::string marker = " <" + url_lines[next_url] + ">";
        if (const auto found = s.title.find(marker); found != std::string::npos) {
          s.title.erase(found, marker.size());
          s.url = url_lines[next_url++];
        }
      }
      e.sources.push_back(std::move(s));
    }
  }

  static std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
      const auto end = text.find('\n');
      std::string_view line = text.substr(0, end);
      if (line.ends_with('\r')) line.remove_suffix(1);
      if (!line.empty()) out.emplace_back(line);
      if (end == std::string_view::npos) break;
      text.remove_prefix(end + 1);
    }
    return out;
  }

  /// Notes, then what has no field of its own: quotes and figures as the export wrote them,
  /// a foreign sheet's other columns as "Column: value".
  std::string notes(const csv_row& r) {
    std::string out(cell(r, field::notes));
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
    std::string zone(trimmed(cell(r, field::timezone)));
    if (c_.own && zone == "UTC") zone.clear();  // the export writes UTC for "no zone"
    e.timezone = std::move(zone);
    if (!read_date(r, e)) return;
    e.title = std::string(trimmed(cell(r, field::title)));
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
    e.tags = split_list(cell(r, field::tags), !c_.own);
    sources(r, e);
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
  bool unusable = false;
  std::size_t rows = 0;
  for_each_csv_row(
      in.text,
      [&](const csv_row& r) {
        if (unusable) return;
        if (!header) {
          header.emplace(r);
          cols = find_columns(*header, r, options, sink);
          if (!cols) {
            unusable = true;
            return;
          }
          reader.emplace(in, *cols, *header, sink);
          return;
        }
        reader->row(r);
        if (++rows % 4096 == 0) sink.progress(r.end_offset);
      },
      [&](const csv_error& e) { sink.bad_record(e.at, e.message); });
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
  if (is_own_events(h) || is_own_relations(h)) return true;
  // TimelineJS (Year, Month, Day) and Timesketch (message, timestamp_desc) sheets are theirs.
  if ((h.find("year") && h.find("month") && h.find("day")) ||
      (h.find("message") && h.find("timestamp_desc")))
    return false;
  return h.find_any({"date", "start"}) && h.find_any({"title", "headline"});
}

}  // namespace eventgraph::detail
