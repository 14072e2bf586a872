// DOT text for the Graphviz diagrams. No Graphviz here: we write the text ourselves, so the DOT
// a user gets (and the golden tests compare) is ours byte for byte, whatever Graphviz version
// lays it out; render_graphviz.cpp hands it to cgraph (agmemread) and gvc.
//
// Choices worth knowing:
// - Time reads left to right: one column (a dot rank, `rank=same` with an axis node) per period
//   that has events. Periods are days, weeks, months or years; `time_unit::automatic` takes the
//   finest unit that needs at most `auto_column_limit` columns and stays within
//   `graphviz_layout_limit` (long relations cost dot a node per column crossed). Periods without
//   events get no column, so the axis is not to scale: a dashed axis segment marks skipped time.
// - Periods are calendar periods in each event's own zone, so an event dated Feb 12 sits under
//   "Feb 12" whatever zone the document uses. An event coarser than the unit gets a column of
//   its own precision ("Feb 2026" among days); a finer one (hours) goes to its unit's period.
// - Where an event sits: a point or an interval at its start (`2019/2026-02` under 2019). An open
//   start (`../2026-02-12`, `[..2026-02-12]`) in a column "by Feb 12, 2026" just before Feb 12:
//   at the latest it can be, without claiming a day. One day of a range (`[2026-02-06..
//   2026-02-12]`) in a column "Feb 6 – Feb 12, 2026" just after Feb 6 (or in the one period
//   both bounds fall in); one of an open range (`[2026-02..]`) in "from Feb 2026". The event's
//   own label always gives its date as known ("between Feb 6 and Feb 12, 2026").
// - A relation is written from the earlier event (its target) to the later one and drawn back
//   (`dir=back`): the arrowhead is on the event answered, and dot ranks the edge forward in time.
//   An edge that would run against the axis (an imprecise target placed after its responder) is
//   `constraint=false`, so it can never bend the axis.
// - User text is cleaned (invalid UTF-8 replaced, control and bidi characters dropped, spaces
//   collapsed), cut to a length with "…", then escaped: `\` first, then `"`, and `&` as `&amp;`
//   because Graphviz reads entities in labels. Labels are plain strings, never HTML-like or
//   record labels. Graphviz 2.42 expands escapes in tooltips twice, so there a `\` is written as
//   four. Only http(s) URLs become links, percent-encoded, `&` as `&amp;` (Graphviz writes
//   URLs into SVG unescaped).
// - Output order never depends on input order: columns by time, events by (column, time, id),
//   edges by position, actor colours by sorted actor id.

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "render/graphviz/render_graphviz.hpp"
#include "time/calendar_text.hpp"

namespace eventgraph::detail {
namespace {

namespace chr = std::chrono;

// ---------------------------------------------------------------------------------------------
// Text

constexpr std::string_view ellipsis = "\xE2\x80\xA6";  // U+2026
constexpr std::size_t label_width = 28;                // code points per label line
constexpr std::size_t title_lines = 4;
constexpr std::size_t actor_lines = 3;
constexpr std::size_t tooltip_length = 600;
constexpr std::size_t graph_title_length = 120;
constexpr std::size_t url_length = 2000;
/// `time_unit::automatic` takes the finest unit that needs at most this many columns.
constexpr std::size_t auto_column_limit = 40;

/// One UTF-8 code point at s[i]: its value and byte length, or U+FFFD and 1 when invalid.
std::pair<char32_t, std::size_t> decode(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, 1};
  std::size_t length = 0;
  char32_t cp = 0;
  char32_t minimum = 0;
  if ((b0 & 0xE0) == 0xC0) {
    length = 2, cp = b0 & 0x1Fu, minimum = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3, cp = b0 & 0x0Fu, minimum = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4, cp = b0 & 0x07u, minimum = 0x10000;
  } else {
    return {0xFFFD, 1};
  }
  if (i + length > s.size()) return {0xFFFD, 1};
  for (std::size_t k = 1; k < length; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0xFFFD, 1};
  return {cp, length};
}

void append_utf8(std::string& out, char32_t cp) {
  auto byte = [&](char32_t b) { out += static_cast<char>(static_cast<unsigned char>(b)); };
  if (cp < 0x80) {
    byte(cp);
  } else if (cp < 0x800) {
    byte(0xC0 | (cp >> 6)), byte(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    byte(0xE0 | (cp >> 12)), byte(0x80 | ((cp >> 6) & 0x3F)), byte(0x80 | (cp & 0x3F));
  } else {
    byte(0xF0 | (cp >> 18)), byte(0x80 | ((cp >> 12) & 0x3F));
    byte(0x80 | ((cp >> 6) & 0x3F)), byte(0x80 | (cp & 0x3F));
  }
}

bool is_space_like(char32_t c) {
  return c <= 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029;
}

/// Bidi embeddings, overrides and isolates: they would reorder the text around them.
bool is_bidi_control(char32_t c) {
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

void pop_code_point(std::string& s) {
  while (!s.empty() && (s.back() & 0xC0) == 0x80) s.pop_back();
  if (!s.empty()) s.pop_back();
}

struct cleaned {
  std::string text;
  std::size_t length = 0;  ///< code points
  bool cut = false;
};

/// Valid UTF-8 on one line: controls, line breaks and runs of spaces become one space, bidi
/// controls go, at most `limit` code points (reading stops there, whatever the input size).
cleaned clean(std::string_view in, std::size_t limit) {
  cleaned out;
  bool space = false;
  for (std::size_t i = 0; i < in.size();) {
    const auto [cp, length] = decode(in, i);
    i += length;
    if (is_bidi_control(cp)) continue;
    if (is_space_like(cp)) {
      space = !out.text.empty();
      continue;
    }
    if (out.length + (space ? 2 : 1) > limit) {
      out.cut = true;
      break;
    }
    if (space) out.text += ' ', ++out.length, space = false;
    append_utf8(out.text, cp);
    ++out.length;
  }
  return out;
}

/// Cleaned, and at most `limit` code points including a final "…" when cut.
std::string shorten(std::string_view in, std::size_t limit) {
  cleaned c = clean(in, limit);
  if (!c.cut) return std::move(c.text);
  c = clean(in, limit - 1);
  if (!c.text.empty() && c.text.back() == ' ') c.text.pop_back();
  return c.text.append(ellipsis);
}

/// Cleaned and wrapped at `width` code points, words longer than a line broken; at most
/// `max_lines`, the last ending with "…" when anything was cut.
std::vector<std::string> wrap(std::string_view in, std::size_t width, std::size_t max_lines) {
  const cleaned c = clean(in, width * max_lines + 1);
  std::vector<std::string> lines;
  std::string line;
  std::size_t line_length = 0;
  auto flush = [&] {
    lines.push_back(std::move(line));
    line.clear();
    line_length = 0;
  };
  std::string_view rest = c.text;
  while (!rest.empty()) {
    const std::size_t end = std::min(rest.find(' '), rest.size());
    std::string_view word = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    std::size_t word_length = code_points(word);
    while (word_length > width) {  // a word longer than a line: break it
      if (line_length > 0) flush();
      std::size_t bytes = 0;
      for (std::size_t k = 0; k < width; ++k) bytes += decode(word, bytes).second;
      lines.emplace_back(word.substr(0, bytes));
      word.remove_prefix(bytes);
      word_length -= width;
    }
    if (word_length == 0) continue;
    if (line_length > 0 && line_length + 1 + word_length > width) flush();
    if (line_length > 0) line += ' ', ++line_length;
    line.append(word);
    line_length += word_length;
  }
  if (line_length > 0) flush();
  bool cut = c.cut;
  if (lines.size() > max_lines) lines.resize(max_lines), cut = true;
  if (cut && !lines.empty()) {
    std::string& last = lines.back();
    while (code_points(last) + 1 > width) pop_code_point(last);
    while (!last.empty() && last.back() == ' ') last.pop_back();
    last.append(ellipsis);
  }
  return lines;
}

/// Cleaned text inside a DOT quoted string read as a Graphviz escString (label, id): a
/// backslash stays one (`\N` is not the node name), a quote stays one, `&` is not an entity.
void append_escaped(std::string& out, std::string_view text, std::string_view backslash = "\\\\") {
  for (const char c : text) {
    switch (c) {
      case '\\':
        out += backslash;
        break;
      case '"':
        out += "\\\"";
        break;
      case '&':
        out += "&amp;";
        break;
      default:
        out += c;
    }
  }
}

std::string escaped(std::string_view text) {
  std::string out;
  append_escaped(out, text);
  return out;
}

/// Tooltips: Graphviz 2.42 expands escapes in them twice, so a backslash is written as four.
std::string escaped_tooltip(std::string_view text) {
  std::string out;
  append_escaped(out, text, "\\\\\\\\");
  return out;
}

/// Left-justified label lines (`\l` ends each), every line escaped.
std::string label_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    append_escaped(out, line);
    out += "\\l";
  }
  return out;
}

/// The URL to link, or nothing: only http:// and https:// with a host, no controls. Characters
/// outside RFC 3986 are percent-encoded; `&` is written `&amp;` since Graphviz copies URLs into
/// SVG attributes as they are.
std::optional<std::string> http_link(std::string_view url) {
  auto starts_with_nocase = [&](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
      if ((url[i] | 0x20) != prefix[i] && url[i] != prefix[i]) return false;
    return true;
  };
  std::size_t host = 0;
  if (starts_with_nocase("https://")) {
    host = 8;
  } else if (starts_with_nocase("http://")) {
    host = 7;
  } else {
    return std::nullopt;
  }
  if (url.size() > url_length || url.size() == host || url[host] == '/') return std::nullopt;
  constexpr std::string_view allowed = "-._~:/?#[]@!$'()*+,;=%";
  std::string out;
  for (const char c : url) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7F) return std::nullopt;
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum || allowed.find(c) != std::string_view::npos) {
      out += c;
    } else if (c == '&') {
      out += "&amp;";
    } else {
      out += fmt::format("%{:02X}", b);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The time axis

/// Coarsest first, so that std::min picks the coarser of two.
enum class grain : std::uint8_t { millennium, century, decade, year, month, week, day };

grain grain_of(time_precision p) {
  switch (p) {
    case time_precision::millennium:
      return grain::millennium;
    case time_precision::century:
      return grain::century;
    case time_precision::decade:
      return grain::decade;
    case time_precision::year:
      return grain::year;
    case time_precision::month:
      return grain::month;
    default:
      return grain::day;
  }
}

grain grain_of(time_unit u) {
  switch (u) {
    case time_unit::week:
      return grain::week;
    case time_unit::month:
      return grain::month;
    case time_unit::year:
      return grain::year;
    default:
      return grain::day;
  }
}

std::string_view unit_name(grain g) {
  constexpr std::array<std::string_view, 7> names = {"millennium", "century", "decade", "year",
                                                     "month",      "week",    "day"};
  return names[static_cast<std::size_t>(g)];
}

constexpr int min_year = -32767;
constexpr int max_year = 32767;

int floor_to(int year, int step) {
  const int q = year / step - ((year % step != 0 && year < 0) ? 1 : 0);
  return q * step;
}

chr::sys_days first_day(int year) {
  return chr::sys_days{chr::year{std::clamp(year, min_year, max_year)} / 1 / 1};
}
chr::sys_days last_day(int year) {
  return chr::sys_days{chr::year{std::clamp(year, min_year, max_year)} / 12 / 31};
}

/// First and last day of the period of grain `g` that holds `day`.
std::pair<chr::sys_days, chr::sys_days> period_of(chr::sys_days day, grain g) {
  const chr::year_month_day ymd{day};
  const int y = static_cast<int>(ymd.year());
  switch (g) {
    case grain::day:
      return {day, day};
    case grain::week: {
      const chr::sys_days monday = day - (chr::weekday{day} - chr::Monday);
      return {monday, monday + chr::days{6}};
    }
    case grain::month:
      return {
          chr::sys_days{ymd.year() / ymd.month() / 1},
          chr::sys_days{chr::year_month_day_last{ymd.year(), chr::month_day_last{ymd.month()}}}};
    case grain::year:
      return {first_day(y), last_day(y)};
    case grain::decade:
      return {first_day(floor_to(y, 10)), last_day(floor_to(y, 10) + 9)};
    case grain::century:
      return {first_day(floor_to(y, 100)), last_day(floor_to(y, 100) + 99)};
    case grain::millennium:
      return {first_day(floor_to(y, 1000)), last_day(floor_to(y, 1000) + 999)};
  }
  return {day, day};
}

/// Column kinds, in the order columns sharing a first day appear.
enum class column_kind : std::uint8_t { by, period, from, range };

struct column {
  chr::sys_days first;  ///< the first day of the (first) period
  column_kind kind = column_kind::period;
  chr::sys_days last;  ///< the last day of the (last) period
  grain unit = grain::day;
  friend auto operator<=>(const column&, const column&) = default;
};

/// "Feb 12, 2026", "week of Feb 9, 2026", "Feb 2026", "2026", "2020s", "1900–1999", "44 BCE".
std::string period_label(chr::sys_days day, grain g, bool with_year = true) {
  const chr::sys_days first = period_of(day, g).first;
  const chr::year_month_day ymd{first};
  const int y = static_cast<int>(ymd.year());
  const std::string_view month = month_abbreviation(static_cast<unsigned>(ymd.month()));
  switch (g) {
    case grain::day:
    case grain::week: {
      std::string text = fmt::format("{} {}", month, static_cast<unsigned>(ymd.day()));
      if (with_year) text += ", " + year_text(y);
      return g == grain::week ? "week of " + text : text;
    }
    case grain::month:
      return with_year ? fmt::format("{} {}", month, year_text(y)) : std::string(month);
    case grain::year:
      return year_text(y);
    case grain::decade:
      return y > 0 ? fmt::format("{}s", y) : years_text(y, y + 9);
    case grain::century:  // as describe_date says it: 1900-1999 is the "20th century"
      if (y >= 0) return ordinal(y / 100 + 1) + " century";
      return years_text(y, y + 99);
    case grain::millennium:
      return years_text(y, y + 999);
  }
  return {};
}

std::string column_label(const column& c) {
  switch (c.kind) {
    case column_kind::period:
      return period_label(c.first, c.unit);
    case column_kind::by:
      return "by " + period_label(c.first, c.unit);
    case column_kind::from:
      return "from " + period_label(c.first, c.unit);
    case column_kind::range: {
      const bool same_year =
          chr::year_month_day{c.first}.year() == chr::year_month_day{c.last}.year();
      const bool short_start = same_year && (c.unit == grain::day || c.unit == grain::month);
      return fmt::format("{} \xE2\x80\x93 {}", period_label(c.first, c.unit, !short_start),
                         period_label(c.last, c.unit));
    }
  }
  return {};
}

/// What the axis needs of an event's date: its calendar days in its own zone.
struct event_days {
  chr::sys_days earliest{};  ///< unset when open_start
  chr::sys_days latest{};    ///< unset when open_end
  grain precision = grain::day;
  bool open_start = false, open_end = false, one_of = false;
};

chr::sys_days civil_day(instant t, std::string_view zone) {
  const civil_time c = to_civil(t, zone);
  return chr::sys_days{chr::year{std::clamp(c.year, min_year, max_year)} / chr::month{c.month} /
                       chr::day{c.day}};
}

event_days days_of(const event& e) {
  const event_time t = e.time();
  event_days d;
  d.precision = grain_of(t.precision);
  d.open_start = t.open_start;
  d.open_end = t.open_end;
  d.one_of = t.shape == time_shape::one_of;
  if (!d.open_start) d.earliest = civil_day(t.earliest, e.timezone());
  if (!d.open_end) d.latest = civil_day(t.latest, e.timezone());
  return d;
}

column column_of(const event_days& d, grain unit) {
  const grain g = std::min(d.precision, unit);
  if (d.open_start) {
    const auto [first, last] = period_of(d.latest, g);
    return {first, column_kind::by, last, g};
  }
  const auto [first, last] = period_of(d.earliest, g);
  if (!d.one_of) return {first, column_kind::period, last, g};
  if (d.open_end) return {first, column_kind::from, last, g};
  const auto [end_first, end_last] = period_of(d.latest, g);
  if (end_first == first) return {first, column_kind::period, last, g};
  return {first, column_kind::range, end_last, g};
}

/// The columns of the axis at one unit, each event's column, and what dot's time grows with.
struct axis_plan {
  grain unit = grain::day;
  std::vector<column> columns;
  std::vector<std::uint32_t> column_index;  ///< per event
  std::size_t layout_nodes = 0;             ///< events + relation column crossings
};

axis_plan plan_axis(const story& s, const std::vector<event_days>& days, grain unit) {
  axis_plan plan;
  plan.unit = unit;
  const std::size_t n = days.size();
  std::vector<column> of(n);
  for (std::size_t i = 0; i < n; ++i) of[i] = column_of(days[i], unit);
  plan.columns = of;
  std::sort(plan.columns.begin(), plan.columns.end());
  plan.columns.erase(std::unique(plan.columns.begin(), plan.columns.end()), plan.columns.end());
  plan.column_index.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    plan.column_index[i] = static_cast<std::uint32_t>(
        std::lower_bound(plan.columns.begin(), plan.columns.end(), of[i]) - plan.columns.begin());
  plan.layout_nodes = n;
  for (event_index i = 0; i < n; ++i)
    for (const relation r : s.events[i].relations()) {
      if (r.target >= n) continue;
      const std::uint32_t a = plan.column_index[i];
      const std::uint32_t b = plan.column_index[r.target];
      const std::uint32_t span = a > b ? a - b : b - a;
      if (span > 1) plan.layout_nodes += span - 1;
    }
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Styles

struct relation_style {
  std::string_view label, color, style, arrow;
  double width;
};

/// Okabe-Ito colours (safe for colour-blind readers), and a line style per type as well.
constexpr std::array<relation_style, relation_type_count> relation_styles = {{
    {"responds to", "#0072B2", "solid", "normal", 1.6},
    {"rebuts", "#D55E00", "solid", "normal", 2.4},
    {"supports", "#009E73", "solid", "normal", 1.8},
    {"follows up", "#CC79A7", "dashed", "normal", 1.8},
    {"repeats", "#E69F00", "dotted", "normal", 2.0},
    {"cites", "#666666", "dashed", "empty", 1.2},
    {"part of", "#808080", "dotted", "odiamond", 1.6},
}};

/// Light fills that keep black text readable.
constexpr std::array<std::string_view, 12> fills = {"#cfe2f3", "#fde4c8", "#d5ecd0", "#f8d2d2",
                                                    "#e2d7ec", "#f3e6c4", "#d2eeee", "#f5d5e8",
                                                    "#e5e5e5", "#dde8c0", "#d9d2e9", "#f4cccc"};
constexpr std::string_view no_actor_fill = "#ffffff";

/// The actor each actor is coloured as: itself, or (lanes by organization) the top of its
/// member_of chain. Iterative and memoized: chains may be long, and may loop.
std::vector<actor_index> colour_owners(const story& s, lane_grouping lanes) {
  const std::size_t n = s.actors.size();
  std::vector<actor_index> owner(n);
  for (std::size_t i = 0; i < n; ++i) owner[i] = static_cast<actor_index>(i);
  if (lanes != lane_grouping::organization) return owner;
  enum : std::uint8_t { unseen, walking, done };
  std::vector<std::uint8_t> state(n, unseen);
  std::vector<actor_index> path;
  for (std::size_t start = 0; start < n; ++start) {
    if (state[start] == done) continue;
    path.clear();
    actor_index a = static_cast<actor_index>(start);
    actor_index top = a;
    while (true) {
      if (state[a] == done) {
        top = owner[a];
        break;
      }
      if (state[a] == walking || s.actors[a].member_of.empty()) {  // a loop, or the top
        top = a;
        break;
      }
      state[a] = walking;
      path.push_back(a);
      a = s.actors[a].member_of.front();
    }
    for (const actor_index p : path) owner[p] = top, state[p] = done;
    owner[a] = state[a] == done ? owner[a] : top;
    state[a] = done;
  }
  return owner;
}

constexpr std::array<std::string_view, 6> engines = {"dot", "sfdp",  "neato",
                                                     "fdp", "circo", "twopi"};

}  // namespace

result<dot_text> to_dot(const story& s, const render_options& options) {
  diagnostic_list diags;
  if (std::find(engines.begin(), engines.end(), options.engine) == engines.end()) {
    diags.error({}, "usage",
                fmt::format("unknown Graphviz engine '{}' (dot, neato, fdp, sfdp, circo, twopi)",
                            shorten(options.engine, 40)),
                category::usage);
    return diags;
  }
  const std::size_t n = s.events.size();

  // The axis: the finest unit that keeps the diagram readable and the layout affordable.
  std::vector<event_days> days;
  days.reserve(n);
  for (const event e : s.events) days.push_back(days_of(e));
  axis_plan plan;
  if (options.unit == time_unit::automatic) {
    for (const grain g : {grain::day, grain::week, grain::month, grain::year}) {
      plan = plan_axis(s, days, g);
      if (plan.columns.size() <= auto_column_limit && plan.layout_nodes <= graphviz_layout_limit)
        break;
    }
  } else {
    plan = plan_axis(s, days, grain_of(options.unit));
  }
  const grain unit = plan.unit;
  const std::vector<column>& columns = plan.columns;
  const std::vector<std::uint32_t>& column_index = plan.column_index;

  // Events in output order, and each event's position in it.
  std::vector<event_index> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<event_index>(i);
  std::sort(order.begin(), order.end(), [&](event_index a, event_index b) {
    if (column_index[a] != column_index[b]) return column_index[a] < column_index[b];
    const event ea = s.events[a];
    const event eb = s.events[b];
    const event_time ta = ea.time();
    const event_time tb = eb.time();
    if (ta != tb) return ta < tb;
    return ea.id() < eb.id();
  });
  std::vector<std::uint32_t> position(n);
  for (std::size_t p = 0; p < n; ++p) position[order[p]] = static_cast<std::uint32_t>(p);

  // Fill colours: by actor (or organization), assigned in order of actor id.
  const std::vector<actor_index> owner = colour_owners(s, options.lanes);
  std::vector<actor_index> used;
  for (const event e : s.events)
    if (!e.actors().empty()) used.push_back(owner[e.actors().front()]);
  std::sort(used.begin(), used.end(),
            [&](actor_index a, actor_index b) { return s.actors[a].id < s.actors[b].id; });
  used.erase(std::unique(used.begin(), used.end()), used.end());
  std::vector<std::string_view> fill(s.actors.size(), no_actor_fill);
  for (std::size_t k = 0; k < used.size(); ++k) fill[used[k]] = fills[k % fills.size()];

  // Relations, in output order.
  struct edge {
    std::uint32_t from, to;  // positions: from the earlier (target) to the later (owner)
    relation_type type;
    std::string_view note;  // into the story's text, which outlives the edges
    auto key() const { return std::tuple(to, from, type, note); }
  };
  std::vector<edge> edges;
  std::array<bool, relation_type_count> types_used{};
  for (event_index i = 0; i < n; ++i)
    for (const relation r : s.events[i].relations()) {
      if (r.target >= n) continue;
      edges.push_back({position[r.target], position[i], r.type, r.note});
      types_used[static_cast<std::size_t>(r.type)] = true;
    }
  std::sort(edges.begin(), edges.end(),
            [](const edge& a, const edge& b) { return a.key() < b.key(); });

  // The text.
  std::string out;
  out.reserve(4096 + n * 480 + edges.size() * 160);
  auto put = std::back_inserter(out);
  const std::string title =
      shorten(options.title.empty() ? s.title : options.title, graph_title_length);
  fmt::format_to(put, "digraph eventgraph {{\n");
  fmt::format_to(put,
                 "  graph [layout={}, rankdir=LR, newrank=true, outputorder=edgesfirst, "
                 "overlap=false,{} nodesep=0.18, ranksep=0.5, pad=0.3, bgcolor=white,\n"
                 "         fontname=\"DejaVu Sans\", fontsize=18, labelloc=t, labeljust=l,\n"
                 "         label=\"{}\\l",
                 options.engine, options.engine == "dot" ? "" : " splines=true,",
                 escaped(title.empty() ? std::string("Timeline") : title));
  fmt::format_to(put, "{} event{} \xC2\xB7 one column per {} with events\\l\"];\n", n,
                 n == 1 ? "" : "s", unit_name(unit));
  fmt::format_to(put,
                 "  node [fontname=\"DejaVu Sans\", fontsize=11, shape=box, "
                 "style=\"rounded,filled\", color=\"#555555\", margin=\"0.1,0.06\"];\n"
                 "  edge [fontname=\"DejaVu Sans\", fontsize=10, color=\"#333333\"];\n");

  // Axis nodes and segments.
  bool gaps = false;
  if (!columns.empty()) {
    fmt::format_to(put,
                   "  subgraph axis {{\n"
                   "    node [shape=box, style=filled, fillcolor=\"#333333\", color=\"#333333\", "
                   "fontcolor=white, fontsize=12, margin=\"0.08,0.04\"];\n"
                   "    edge [color=\"#333333\", penwidth=3, arrowhead=none, weight=100];\n");
    for (std::size_t c = 0; c < columns.size(); ++c)
      fmt::format_to(put, "    \"_axis{}\" [label=\"{}\", tooltip=\"{}\"];\n", c,
                     escaped(column_label(columns[c])), escaped_tooltip(column_label(columns[c])));
    for (std::size_t c = 1; c < columns.size(); ++c) {
      const column& a = columns[c - 1];
      const column& b = columns[c];
      const bool gap = a.kind == column_kind::period && b.kind == column_kind::period &&
                       b.first > a.last + chr::days{1};
      gaps = gaps || gap;
      fmt::format_to(put, "    \"_axis{}\" -> \"_axis{}\"{};\n", c - 1, c,
                     gap ? " [style=dashed]" : "");
    }
    fmt::format_to(put, "  }}\n");
  }

  // One rank per column: its axis node, then its events.
  for (std::size_t p = 0; p < n;) {
    const std::uint32_t c = column_index[order[p]];
    fmt::format_to(put, "  {{ rank=same; \"_axis{}\";\n", c);
    for (; p < n && column_index[order[p]] == c; ++p) {
      const event e = s.events[order[p]];
      std::vector<std::string> lines;
      lines.push_back(shorten(describe_date(e.date(), e.timezone()), label_width * 2));
      std::string who;
      auto names = [&](std::span<const actor_index> list) {
        constexpr std::size_t shown = 3;
        for (std::size_t k = 0; k < list.size() && k < shown; ++k) {
          if (k > 0) who += ", ";
          who += shorten(s.actors[list[k]].name, label_width * 2);
        }
        if (list.size() > shown) who += fmt::format(" +{} more", list.size() - shown);
      };
      names(e.actors());
      if (!e.addressees().empty()) {
        who += " \xE2\x86\x92 ";  // →
        names(e.addressees());
      }
      for (auto& l : wrap(who, label_width, actor_lines)) lines.push_back(std::move(l));
      for (auto& l : wrap(e.title(), label_width, title_lines)) lines.push_back(std::move(l));
      const std::string_view tip = e.summary().empty() ? e.title() : e.summary();
      const std::string_view colour =
          e.actors().empty() ? no_actor_fill : fill[owner[e.actors().front()]];
      fmt::format_to(put,
                     "    \"{}\" [id=\"event-{}\", label=\"{}\", fillcolor=\"{}\", tooltip=\"{}\"",
                     escaped(e.id()), escaped(e.id()), label_lines(lines), colour,
                     escaped_tooltip(shorten(tip, tooltip_length)));
      for (const source& src : e.sources())
        if (auto link = http_link(src.url)) {
          fmt::format_to(put, ", URL=\"{}\", target=\"_blank\"", *link);
          break;
        }
      fmt::format_to(put, "];\n");
    }
    fmt::format_to(put, "  }}\n");
  }

  // Relations.
  for (const auto& ed : edges) {
    const relation_style& st = relation_styles[static_cast<std::size_t>(ed.type)];
    std::string tip = std::string(to_string(ed.type));
    if (!ed.note.empty()) tip += ": " + std::string(ed.note);
    const bool backwards = column_index[order[ed.from]] > column_index[order[ed.to]];
    fmt::format_to(put,
                   "  \"{}\" -> \"{}\" [dir=back, arrowtail={}, color=\"{}\", style={}, "
                   "penwidth={}, tooltip=\"{}\"{}];\n",
                   escaped(s.events[order[ed.from]].id()), escaped(s.events[order[ed.to]].id()),
                   st.arrow, st.color, st.style, st.width,
                   escaped_tooltip(shorten(tip, tooltip_length)),
                   backwards ? ", constraint=false" : "");
  }

  // Legend: one row per relation type present, and the axis gap mark if used.
  if (gaps || std::find(types_used.begin(), types_used.end(), true) != types_used.end()) {
    fmt::format_to(put,
                   "  subgraph cluster_legend {{\n"
                   "    label=\"Arrows point to the earlier event\\l\"; labeljust=l; fontsize=11; "
                   "style=rounded; color=\"#bbbbbb\";\n"
                   "    node [shape=point, width=0.06, color=\"#777777\", style=filled];\n");
    for (std::size_t t = 0; t < relation_type_count; ++t) {
      if (!types_used[t]) continue;
      const relation_style& st = relation_styles[t];
      fmt::format_to(put,
                     "    \"_legend{}\" -> \"_legend{}_text\" [dir=back, arrowtail={}, "
                     "color=\"{}\", style={}, penwidth={}];\n"
                     "    \"_legend{}_text\" [shape=plaintext, style=\"\", label=\"{}\\l\", "
                     "fontsize=10, height=0.22, margin=\"0.04,0\"];\n",
                     t, t, st.arrow, st.color, st.style, st.width, t, st.label);
    }
    if (gaps)
      fmt::format_to(put,
                     "    \"_legend_gap\" -> \"_legend_gap_text\" [color=\"#333333\", "
                     "penwidth=3, arrowhead=none, style=dashed];\n"
                     "    \"_legend_gap\" [shape=box, width=0.1, height=0.1, color=\"#333333\", "
                     "fillcolor=\"#333333\", label=\"\"];\n"
                     "    \"_legend_gap_text\" [shape=plaintext, style=\"\", "
                     "label=\"time without events left out\\l\", fontsize=10, height=0.22, "
                     "margin=\"0.04,0\"];\n");
    fmt::format_to(put, "  }}\n");
  }
  fmt::format_to(put, "}}\n");
  constexpr std::array<time_unit, 7> units = {time_unit::year, time_unit::year,  time_unit::year,
                                              time_unit::year, time_unit::month, time_unit::week,
                                              time_unit::day};
  return {dot_text{std::move(out), units[static_cast<std::size_t>(unit)], columns.size(),
                   plan.layout_nodes},
          std::move(diags)};
}

}  // namespace eventgraph::detail
