// import_format::timesketch: Timesketch's CSV and JSONL timelines (docs/guides/user/
// import-from-json-csv.md in google/timesketch: `message`, `datetime` in ISO 8601,
// `timestamp_desc`, an optional `timestamp` in microseconds; any other columns), and what its
// sketch export writes besides (`_id`, `_index`, `tag`).
//
// Choices worth knowing:
// - `datetime` keeps its offset; one without an offset is UTC, as Timesketch reads it.
//   Fractions of a second are cut (eventgraph's dates stop at seconds) and the datetime as
//   written is kept in the notes then.
// - `timestamp` is used only when `datetime` is absent or empty: UTC, to the second.
// - `timestamp_desc` is the kind, as a kind word ("Content Modification Time" ->
//   content-modification-time). There is no actor: Timesketch rows name none.
// - Every other column is a note line "name: value" (nested JSON as "name.key: value"), in
//   the order written; `tag` is the tags.

#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/text.hpp"
#include "eventgraph/time.hpp"
#include "import/csv_rows.hpp"
#include "import/json_records.hpp"
#include "import/reader_text.hpp"

namespace eventgraph::detail {
namespace {

using namespace reader_text;

/// One row or JSON line, before it becomes an event.
struct sketch_record {
  import_location at;
  std::string message, datetime, timestamp, timestamp_desc, id, index;
  import_location message_at, datetime_at, timestamp_at;
  std::vector<std::string> tags;
  std::vector<std::pair<std::string, std::string>> notes;
};

bool is_mapped(std::string_view name) {
  for (const std::string_view known :
       {"message", "datetime", "timestamp", "timestamp_desc", "tag", "_id", "_index"})
    if (name == known) return true;
  return false;
}

struct converted_date {
  std::string edtf;
  bool cut_fraction = false;
};

/// ISO 8601 as Timesketch writes it ("2015-07-24T19:01:01.123456+00:00", "2015-07-24
/// 19:01:01", "...+0000") as EDTF: a space for T, the fraction cut, the offset as +hh:mm,
/// none as Z.
converted_date iso_to_edtf(std::string_view text) {
  converted_date out;
  std::string s(trim(text));
  if (s.size() > 10 && s[10] == ' ') s[10] = 'T';
  const std::size_t t = s.find('T');
  if (t == std::string::npos) {
    out.edtf = std::move(s);
    return out;
  }
  std::size_t end = s.find_first_not_of("0123456789:", t + 1);
  std::string head = s.substr(0, end == std::string::npos ? s.size() : end);
  std::string_view rest =
      end == std::string::npos ? std::string_view() : std::string_view(s).substr(end);
  if (rest.starts_with('.') || rest.starts_with(',')) {
    const std::size_t digits = rest.find_first_not_of("0123456789", 1);
    out.cut_fraction = true;
    rest = digits == std::string_view::npos ? std::string_view() : rest.substr(digits);
  }
  rest = trim(rest);
  if (rest.empty() || rest == "Z" || rest == "z" || rest == "UTC") {
    head += 'Z';
  } else if ((rest[0] == '+' || rest[0] == '-') && rest.find(':') == std::string_view::npos &&
             (rest.size() == 3 || rest.size() == 5)) {
    head += std::string(rest.substr(0, 3)) + ":" +
            std::string(rest.size() == 5 ? rest.substr(3) : std::string_view("00"));
  } else {
    head += std::string(rest);
  }
  out.edtf = std::move(head);
  return out;
}

/// Microseconds since the epoch, UTC, to the second; nothing when not an integer in range.
std::optional<std::string> timestamp_to_edtf(std::string_view text) {
  text = trim(text);
  long long micros = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), micros);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  long long seconds = micros / 1'000'000;
  if (micros % 1'000'000 < 0) --seconds;  // floor, for instants before 1970
  const instant at{std::chrono::seconds{seconds}};
  if (at < unbounded_past || at > unbounded_future) return std::nullopt;
  const std::string iso = format_iso(at, "UTC", time_precision::second);
  if (!date_error(iso).empty()) return std::nullopt;
  return iso;
}

/// A `tag` cell: "[]", "['a', 'b']" (Python's list, as Timesketch's CSV export writes it),
/// "[\"a\"]" or "a, b".
std::vector<std::string> split_tags(std::string_view cell) {
  std::vector<std::string> tags;
  std::string_view rest = trim(cell);
  if (rest.starts_with('[') && rest.ends_with(']')) rest = rest.substr(1, rest.size() - 2);
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    std::string_view tag = trim(rest.substr(0, comma));
    if (tag.size() >= 2 && (tag.front() == '\'' || tag.front() == '"') && tag.back() == tag.front())
      tag = tag.substr(1, tag.size() - 2);
    if (!trim(tag).empty()) tags.emplace_back(trim(tag));
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return tags;
}

/// The record as an event, or a bad record.
void hand_on(sketch_record&& r, const import_input& in, import_sink& sink) {
  if (trim(r.message).empty()) {
    sink.bad_record(r.message_at, "the message is empty: Timesketch's message is the title");
    return;
  }
  imported_event e;
  e.at = r.at;
  if (!trim(r.datetime).empty()) {
    converted_date date = iso_to_edtf(r.datetime);
    if (std::string error = date_error(date.edtf); !error.empty()) {
      sink.bad_record(r.datetime_at, fmt::format("the datetime \"{}\" is not an ISO 8601 date: {}",
                                                 shorten(r.datetime, 80), error));
      return;
    }
    e.date = std::move(date.edtf);
    if (date.cut_fraction) r.notes.insert(r.notes.begin(), {"datetime", r.datetime});
  } else if (!trim(r.timestamp).empty()) {
    std::optional<std::string> date = timestamp_to_edtf(r.timestamp);
    if (!date) {
      sink.bad_record(r.timestamp_at,
                      fmt::format("the timestamp \"{}\" is not microseconds since 1970",
                                  shorten(r.timestamp, 80)));
      return;
    }
    e.date = std::move(*date);
  } else {
    sink.bad_record(r.at, "the row has neither a datetime nor a timestamp");
    return;
  }
  e.key = r.id.empty()      ? fmt::format("timesketch:{}:{}", in.record_key_name(), r.at.line)
          : r.index.empty() ? "timesketch:" + r.id
                            : fmt::format("timesketch:{}/{}", r.index, r.id);
  // Controls and invalid UTF-8 dropped, as every output would drop them.
  e.title = text::clean(trim(r.message));
  e.id_hint = r.id.empty() ? id_hint_of(e.title) : r.id;
  e.kind = kind_word(r.timestamp_desc);
  for (const std::string& tag : r.tags) e.tags.push_back(text::clean(tag));
  for (const auto& [name, value] : r.notes) {
    if (trim(value).empty()) continue;
    if (!e.notes.empty()) e.notes += '\n';
    e.notes += text::clean(name + ": " + value);
  }
  sink.event(std::move(e));
}

void read_csv_timeline(const import_input& in, import_sink& sink) {
  std::optional<csv_header> header;
  std::optional<std::size_t> message, datetime, timestamp, desc, tag, id, index;
  bool usable = true;
  for_each_csv_row(
      in.text,
      [&](const csv_row& row) {
        if (!header) {
          header.emplace(row);
          message = header->find("message");
          datetime = header->find("datetime");
          timestamp = header->find("timestamp");
          desc = header->find("timestamp_desc");
          tag = header->find("tag");
          id = header->find("_id");
          index = header->find("_index");
          if (!message || (!datetime && !timestamp)) {
            usable = false;
            sink.bad_record(row.at,
                            "a Timesketch CSV needs a header row with message and datetime "
                            "(or timestamp) columns");
          }
          return;
        }
        if (!usable) return;
        sketch_record r;
        r.at = row.at;
        auto cell = [&](const std::optional<std::size_t>& c) {
          return c ? std::string(row.text(*c)) : std::string();
        };
        auto where = [&](const std::optional<std::size_t>& c) {
          return c ? row.location(*c) : row.at;
        };
        r.message = cell(message), r.message_at = where(message);
        r.datetime = cell(datetime), r.datetime_at = where(datetime);
        r.timestamp = cell(timestamp), r.timestamp_at = where(timestamp);
        r.timestamp_desc = cell(desc);
        r.id = std::string(trim(cell(id)));
        r.index = std::string(trim(cell(index)));
        if (tag) r.tags = split_tags(row.text(*tag));
        for (std::size_t c = 0; c < header->size() && c < row.fields.size(); ++c)
          if (!is_mapped(csv_header_key(header->name(c))))
            r.notes.emplace_back(header->name(c), std::string(trim(row.text(c))));
        hand_on(std::move(r), in, sink);
        sink.progress(row.end_offset);
      },
      [&](const csv_error& e) { sink.bad_record(e.at, e.message); });
}

/// A JSON value as note lines: nested mappings as "name.key", sequences of scalars joined.
void add_notes(const std::string& name, const tree_node& value, sketch_record& r) {
  std::vector<std::pair<std::string, const tree_node*>> stack{{name, &value}};
  while (!stack.empty()) {
    auto [path, n] = stack.back();
    stack.pop_back();
    if (n->kind == tree_node::type::mapping) {
      for (std::size_t i = n->keys.size(); i-- > 0;)
        stack.emplace_back(path + "." + n->keys[i].text, &n->items[i]);
    } else if (n->kind == tree_node::type::sequence) {
      std::string joined;
      for (const tree_node& item : n->items) {
        if (item.kind == tree_node::type::mapping || item.kind == tree_node::type::sequence)
          continue;
        if (!joined.empty()) joined += ", ";
        joined += item.text;
      }
      r.notes.emplace_back(path, std::move(joined));
    } else if (n->kind != tree_node::type::null) {
      r.notes.emplace_back(path, n->text);
    }
  }
}

void read_json_lines(const import_input& in, import_sink& sink) {
  line_walk lines(in.text);
  std::string buffer;
  tree_node root;
  for (std::string_view line; lines.next(line);) {
    if (trim(line).empty()) continue;
    if (!read_json_record(line, in, lines.line() - 1, root, sink, buffer)) continue;
    if (root.kind != tree_node::type::mapping) {
      sink.bad_record({lines.line(), 1}, "each line of a Timesketch JSONL file is one object");
      continue;
    }
    sketch_record r;
    r.at = {lines.line(), 1};
    r.message_at = r.datetime_at = r.timestamp_at = r.at;
    for (std::size_t i = 0; i < root.keys.size(); ++i) {
      const std::string& key = root.keys[i].text;
      const tree_node& value = root.items[i];
      if (key == "tag") {
        if (value.kind == tree_node::type::sequence) {
          for (const tree_node& t : value.items)
            if (!trim(scalar_text(&t)).empty()) r.tags.emplace_back(trim(t.text));
        } else {
          r.tags = split_tags(scalar_text(&value));
        }
      } else if (!is_mapped(key)) {
        add_notes(key, value, r);
      }
    }
    auto field = [&](std::string_view key, std::string& out, import_location* at) {
      if (const tree_node* n = member(root, key)) {
        out = std::string(scalar_text(n));
        if (at) *at = location_of(*n);
      }
    };
    field("message", r.message, &r.message_at);
    field("datetime", r.datetime, &r.datetime_at);
    field("timestamp", r.timestamp, &r.timestamp_at);
    field("timestamp_desc", r.timestamp_desc, nullptr);
    field("_id", r.id, nullptr);
    field("_index", r.index, nullptr);
    hand_on(std::move(r), in, sink);
    sink.progress(lines.end());
  }
}

}  // namespace

bool looks_like_timesketch(std::string_view text) {
  text = trim(text.substr(0, 1 << 16));
  if (text.starts_with('{')) {
    // The first object's keys, on its line.
    const std::string_view first = text.substr(0, text.find('\n'));
    auto has = [&](std::string_view key) {
      return first.find(fmt::format("\"{}\"", key)) != std::string_view::npos;
    };
    return has("message") && has("timestamp_desc") && (has("datetime") || has("timestamp"));
  }
  bool message = false, desc = false, when = false;
  for (const std::string& name : header_names(text)) {
    message = message || name == "message";
    desc = desc || name == "timestamp_desc";
    when = when || name == "datetime" || name == "timestamp";
  }
  return message && desc && when;
}

void read_timesketch(const import_input& in, const import_options&, import_sink& sink) {
  if (trim(in.text.substr(0, 1 << 16)).starts_with('{'))
    read_json_lines(in, sink);
  else
    read_csv_timeline(in, sink);
}

}  // namespace eventgraph::detail
