// import_format::timelinejs: the TimelineJS sheet (the Google Sheets template's CSV download:
// Year, Month, Day, Time, End Year, End Month, End Day, End Time, Display Date, Headline,
// Text, Media, Media Credit, Media Caption, Media Thumbnail, Type, Group, Background) and
// TimelineJS JSON (timelinejs_json.cpp), read as TimelineJS3 reads them (its ConfigFactory's
// extractEventFromCSVObject and DateUtil's parseTime).
//
// Choices worth knowing:
// - The date states what the row gives and no more: `1951` is a year, `1943,7` to `1946` is
//   `1943-07/1946`. Times have no zone in TimelineJS (each viewer sees them as local time):
//   they are read as written, in the story's zone. A time of a whole hour ("10 AM") is written
//   10:00, EDTF having no hour precision.
// - `Type: title` (JSON's `title`) is the story's title and description; `era` rows and
//   JSON's `eras` are events of kind `era` spanning their dates.
// - `Group` is the actor (`group:<name>`, no kind); a row without one names no one.
// - Headline, Text and Group are HTML to TimelineJS, so they are read as text (html_to_text);
//   the links in Text and Media Caption are sources, the Media address too when it is a link
//   (titled by its caption, credited to Media Credit). Media that is not an address (an
//   embed, a quote) is kept in the notes, as is Display Date. Media Thumbnail, Background
//   and Alt Text are how a slide looks and are left out.
// - A slide without a headline is titled by its text's first line, else "(untitled)".

#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/text.hpp"
#include "import/csv_rows.hpp"
#include "import/reader_text.hpp"
#include "import/timelinejs_slides.hpp"

namespace eventgraph::detail {
namespace timelinejs {
namespace {

using namespace reader_text;

/// Longest title made from a slide's text when it has no headline.
constexpr std::size_t title_bytes = 120;

struct built_date {
  std::string edtf;
  std::string error;
  import_location at;
};

/// TimelineJS's clean_integer: spaces and commas dropped ("1,943" is 1943); then a whole
/// number in [low, high].
std::optional<int> whole_number(std::string_view text, int low, int high) {
  std::string digits;
  for (const char c : text)
    if (c != ',' && c != ' ' && c != '\t') digits += c;
  int value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() ||
      value < low || value > high)
    return std::nullopt;
  return value;
}

struct clock_time {
  int hour = 0;
  std::optional<int> minute, second;
};

/// The sheet's Time cell as TimelineJS's parseTime reads it: "14:30", "2:30 PM", "1430",
/// "14.30", "14:30:05.5" (the fraction dropped).
std::optional<clock_time> parse_time_cell(std::string_view text) {
  std::string_view t = trim(text);
  // An "AM", "p.m." or "PM" at the end, as TimelineJS's /\s*[AaPp]\.?[Mm]\.?\s*$/.
  std::optional<char> period;
  auto lower_at = [&](std::size_t k) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(t[k])));
  };
  std::size_t i = t.size();
  if (i > 0 && t[i - 1] == '.') --i;
  if (i > 1 && lower_at(i - 1) == 'm') {
    --i;
    if (i > 0 && t[i - 1] == '.') --i;
    if (i > 0 && (lower_at(i - 1) == 'a' || lower_at(i - 1) == 'p')) {
      period = lower_at(i - 1);
      t = trim(t.substr(0, i - 1));
    }
  }
  const std::string s(t);
  std::vector<std::string> parts;
  if (s.size() >= 3 && s.size() <= 4 && s.find_first_not_of("0123456789") == std::string::npos) {
    parts = {s.substr(0, s.size() - 2), s.substr(s.size() - 2)};
  } else {
    const char separator = s.find(':') != std::string::npos ? ':' : '.';
    for (std::size_t from = 0;;) {
      const std::size_t next = s.find(separator, from);
      parts.push_back(s.substr(from, next == std::string::npos ? next : next - from));
      if (next == std::string::npos) break;
      from = next + 1;
    }
    if (separator == ':' && parts.size() == 3) {
      // "05.5": a fraction of a second, dropped (eventgraph's dates stop at seconds).
      parts[2] = parts[2].substr(0, parts[2].find_first_of(".,"));
    }
  }
  if (parts.empty() || parts.size() > 3) return std::nullopt;
  clock_time out;
  const std::optional<int> hour = whole_number(parts[0], 0, 23);
  if (!hour) return std::nullopt;
  out.hour = *hour;
  if (period == 'p' && out.hour < 12) out.hour += 12;
  if (period == 'a' && out.hour == 12) out.hour = 0;
  if (parts.size() > 1 && !(out.minute = whole_number(parts[1], 0, 59))) return std::nullopt;
  if (parts.size() > 2 && !(out.second = whole_number(parts[2], 0, 59))) return std::nullopt;
  return out;
}

/// One end of a slide's date as EDTF, stating no more than its parts do.
built_date build_point(const date_parts& d) {
  auto fail = [](const part& p, std::string message) {
    return built_date{"", std::move(message), p.at};
  };
  if (d.year.text.empty()) return fail(d.year, "the date has no year");
  const std::optional<int> year = whole_number(d.year.text, -9999, 9999);
  if (!year)
    return fail(d.year, fmt::format("the year \"{}\" is not a whole number from -9999 to 9999",
                                    shorten(d.year.text, 40)));
  std::string out = *year < 0 ? fmt::format("-{:04}", -*year) : fmt::format("{:04}", *year);
  const bool has_time = !d.time.text.empty() || !d.hour.text.empty() || !d.minute.text.empty() ||
                        !d.second.text.empty();
  if (!d.month.text.empty()) {
    const std::optional<int> month = whole_number(d.month.text, 1, 12);
    if (!month)
      return fail(d.month,
                  fmt::format("the month \"{}\" is not 1 to 12", shorten(d.month.text, 40)));
    out += fmt::format("-{:02}", *month);
  } else if (!d.day.text.empty() || has_time) {
    return fail(d.day.text.empty() ? d.time : d.day, "a day or a time needs a month");
  }
  if (!d.day.text.empty()) {
    const std::optional<int> day = whole_number(d.day.text, 1, 31);
    if (!day)
      return fail(d.day, fmt::format("the day \"{}\" is not 1 to 31", shorten(d.day.text, 40)));
    out += fmt::format("-{:02}", *day);
  } else if (has_time) {
    return fail(d.time.text.empty() ? d.hour : d.time, "a time needs a day");
  }
  if (!has_time) return {std::move(out), "", {}};
  clock_time clock;
  if (!d.time.text.empty()) {
    const std::optional<clock_time> parsed = parse_time_cell(d.time.text);
    if (!parsed)
      return fail(d.time, fmt::format("the time \"{}\" is not a time of day such as 14:30 or "
                                      "2:30 PM",
                                      shorten(d.time.text, 40)));
    clock = *parsed;
  } else {
    const std::optional<int> hour = whole_number(d.hour.text.empty() ? "0" : d.hour.text, 0, 23);
    if (!hour)
      return fail(d.hour, fmt::format("the hour \"{}\" is not 0 to 23", shorten(d.hour.text, 40)));
    clock.hour = *hour;
    if (!d.minute.text.empty() && !(clock.minute = whole_number(d.minute.text, 0, 59)))
      return fail(d.minute,
                  fmt::format("the minute \"{}\" is not 0 to 59", shorten(d.minute.text, 40)));
    if (!d.second.text.empty() && !(clock.second = whole_number(d.second.text, 0, 59)))
      return fail(d.second,
                  fmt::format("the second \"{}\" is not 0 to 59", shorten(d.second.text, 40)));
  }
  out += fmt::format("T{:02}:{:02}", clock.hour, clock.minute.value_or(0));
  if (clock.second) out += fmt::format(":{:02}", *clock.second);
  return {std::move(out), "", {}};
}

/// The slide's date: a point, or start/end.
built_date build_date(const slide& s) {
  built_date start = build_point(s.start);
  if (!start.error.empty()) {
    if (s.start.empty() && s.type != slide_type::title)
      start.error = "the slide has no date: every slide but the title needs a year";
    return start;
  }
  if (s.end.empty()) {
    if (s.type == slide_type::era) return {"", "an era needs an end date", s.start.year.at};
  } else {
    built_date end = build_point(s.end);
    if (!end.error.empty()) return end;
    start.edtf += "/" + end.edtf;
  }
  if (std::string error = date_error(start.edtf); !error.empty()) {
    const import_location at = s.end.empty() ? s.start.finest() : s.end.finest();
    return {"", fmt::format("the date {} is not one: {}", start.edtf, error), at};
  }
  return start;
}

/// Text of an HTML cell on one line (a headline, a group name).
std::string one_line(std::string_view html) {
  std::string text = html_to_text(html).text;
  for (char& c : text)
    if (c == '\n') c = ' ';
  return text;
}

struct slide_content {
  std::string title, summary, notes;
  std::vector<source> sources;
};

void add_source(std::vector<source>& out, std::string_view url, std::string title,
                std::string publisher = {}) {
  for (const source& s : out)
    if (s.url == url) return;
  source s;
  s.url = std::string(url);
  s.title = title.empty() ? std::string(url) : std::move(title);
  s.publisher = std::move(publisher);
  out.push_back(std::move(s));
}

void add_note(std::string& notes, std::string_view label, std::string_view text) {
  if (trim(text).empty()) return;
  if (!notes.empty()) notes += '\n';
  notes += fmt::format("{}: {}", label, text::clean(trim(text)));
}

/// Headline, text, media and display dates as title, summary, sources and notes.
slide_content content_of(const slide& s) {
  slide_content out;
  out.title = one_line(s.headline);
  html_text body = html_to_text(s.text);
  out.summary = std::move(body.text);
  const html_text caption = html_to_text(s.media_caption);
  const std::string credit = one_line(s.media_credit);
  const std::string media(trim(s.media));
  if (text::is_link(media)) {
    add_source(out.sources, media, caption.text.empty() ? credit : caption.text, credit);
  } else if (!media.empty()) {
    add_note(out.notes, "Media", html_to_text(media).text);
    add_note(out.notes, "Media credit", credit);
    add_note(out.notes, "Media caption", caption.text);
  }
  if (text::is_link(trim(s.media_link))) add_source(out.sources, trim(s.media_link), "");
  for (const std::string& link : body.links) add_source(out.sources, link, "");
  for (const std::string& link : caption.links) add_source(out.sources, link, "");
  // The slide's display date; JSON may give one for each end of the date as well.
  add_note(out.notes, "Display date", s.display_date);
  add_note(out.notes, s.display_date.empty() ? "Display date" : "Start display date",
           s.start.display_date);
  add_note(out.notes, "End display date", s.end.display_date);
  return out;
}

}  // namespace

void slide_reader::read_title(slide&& s) {
  has_title_ = true;
  slide_content c = content_of(s);
  sink_.header({.title = std::move(c.title),
                .description = std::move(c.summary),
                .notes = std::move(c.notes),
                .sources = std::move(c.sources)});
}

void slide_reader::read(slide&& s) {
  if (s.type == slide_type::title) {
    if (!has_title_) return read_title(std::move(s));
    // As TimelineJS does: a second title slide is shown as an event.
    sink_.warning(s.at, "second-title", "a second title slide is read as an event");
    s.type = slide_type::event;
  }
  built_date date = build_date(s);
  if (!date.error.empty()) return sink_.bad_record(date.at, std::move(date.error));
  slide_content c = content_of(s);
  imported_event e;
  e.at = s.at;
  e.date = std::move(date.edtf);
  e.key = s.unique_id.empty() ? fmt::format("timelinejs:{}:{}", in_.record_key_name(), s.at.line)
                              : "timelinejs:" + s.unique_id;
  if (s.type == slide_type::era) e.kind = "era";
  if (c.title.empty()) {
    const std::string_view first = std::string_view(c.summary).substr(0, c.summary.find('\n'));
    c.title = first.empty() ? "(untitled)" : shorten(first, title_bytes);
  }
  e.id_hint = s.unique_id.empty() ? id_hint_of(c.title) : s.unique_id;
  e.title = std::move(c.title);
  e.summary = std::move(c.summary);
  e.notes = std::move(c.notes);
  e.place = text::clean(trim(s.place));
  e.sources = std::move(c.sources);
  if (std::string group = one_line(s.group); !group.empty()) {
    std::string key = "group:" + group;
    if (groups_.insert(key).second)
      sink_.actor({.key = key,
                   .id_hint = group,
                   .name = group,
                   .handle = "",
                   .url = "",
                   .kind = "",
                   .at = s.at});
    e.actors.push_back(std::move(key));
  }
  sink_.event(std::move(e));
}

namespace {

/// The sheet's columns that make a slide, by header name.
struct sheet_columns {
  std::optional<std::size_t> year, month, day, time, end_year, end_month, end_day, end_time,
      display_date, headline, text, media, credit, caption, type, group;
  explicit sheet_columns(const csv_header& h)
      : year(h.find("Year")),
        month(h.find("Month")),
        day(h.find("Day")),
        time(h.find("Time")),
        end_year(h.find("End Year")),
        end_month(h.find("End Month")),
        end_day(h.find("End Day")),
        end_time(h.find("End Time")),
        display_date(h.find("Display Date")),
        headline(h.find("Headline")),
        text(h.find("Text")),
        media(h.find("Media")),
        credit(h.find("Media Credit")),
        caption(h.find("Media Caption")),
        type(h.find("Type")),
        group(h.find_any({"Group", "Tag"})) {}
};

slide sheet_slide(const csv_row& row, const sheet_columns& c) {
  auto cell = [&](const std::optional<std::size_t>& column) {
    return column ? part{std::string(trim(row.text(*column))), row.location(*column)}
                  : part{"", row.at};
  };
  slide s;
  s.at = row.at;
  const std::string type = kind_word(cell(c.type).text);
  s.type = type == "title" ? slide_type::title
           : type == "era" ? slide_type::era
                           : slide_type::event;
  s.start.year = cell(c.year), s.start.month = cell(c.month), s.start.day = cell(c.day);
  s.start.time = cell(c.time);
  s.end.year = cell(c.end_year), s.end.month = cell(c.end_month), s.end.day = cell(c.end_day);
  s.end.time = cell(c.end_time);
  s.display_date = cell(c.display_date).text;
  s.headline = cell(c.headline).text;
  s.text = cell(c.text).text;
  s.media = cell(c.media).text;
  s.media_credit = cell(c.credit).text;
  s.media_caption = cell(c.caption).text;
  s.group = cell(c.group).text;
  return s;
}

void read_sheet(const import_input& in, import_sink& sink) {
  slide_reader slides(in, sink);
  std::optional<sheet_columns> columns;
  bool usable = true;
  for_each_csv_row(
      in.text,
      [&](const csv_row& row) {
        if (!columns) {
          const csv_header header(row);
          columns.emplace(header);
          if (!columns->year || !columns->headline) {
            usable = false;
            sink.bad_record(row.at,
                            "a TimelineJS sheet's first row names its columns: Year, Month, Day, "
                            "..., Headline, Text, ... (the template's header row)");
          }
          return;
        }
        if (!usable) return;
        bool empty = true;
        for (const csv_field& f : row.fields) empty = empty && trim(f.text).empty();
        if (!empty) slides.read(sheet_slide(row, *columns));
        sink.progress(row.end_offset);
      },
      [&](const csv_error& e) { sink.bad_record(e.at, e.message); });
}

bool starts_json(std::string_view text) {
  return trim(text.substr(0, 1 << 16)).starts_with('{');
}

}  // namespace
}  // namespace timelinejs

bool looks_like_timelinejs(std::string_view text) {
  if (timelinejs::starts_json(text)) {
    // TimelineJS JSON: an object with events that have a start_date.
    const std::string_view head = text.substr(0, 1 << 16);
    return head.find("\"events\"") != std::string_view::npos &&
           head.find("\"start_date\"") != std::string_view::npos;
  }
  const std::vector<std::string> names = reader_text::header_names(text);
  auto has = [&](std::string_view name) {
    for (const std::string& n : names)
      if (n == name) return true;
    return false;
  };
  return has("year") && has("month") && has("day") && has("end year") && has("headline") &&
         has("text");
}

void read_timelinejs(const import_input& in, const import_options&, import_sink& sink) {
  if (timelinejs::starts_json(in.text))
    timelinejs::read_json(in, sink);
  else
    timelinejs::read_sheet(in, sink);
}

}  // namespace eventgraph::detail
