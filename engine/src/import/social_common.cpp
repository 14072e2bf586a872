#include "import/social_common.hpp"

#include <date/date.h>

#include <charconv>

#include "core/text.hpp"
#include "eventgraph/time.hpp"

namespace eventgraph::detail::social {

import_location line_map::at(std::size_t offset) {
  if (offset < offset_) {  // asked out of order: count again from the start
    offset_ = line_start_ = 0;
    line_ = first_line_;
  }
  offset = std::min(offset, text_.size());
  for (std::size_t i = offset_; i < offset; ++i) {
    if (text_[i] == '\n') {
      ++line_;
      line_start_ = i + 1;
    }
  }
  offset_ = offset;
  return {line_, static_cast<std::uint32_t>(offset - line_start_ + 1)};
}

simdjson::error_code iterate(od::parser& parser, const char* data, std::size_t size,
                             std::size_t capacity, od::document& doc) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < size; ++i) {
    const char c = data[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_json_depth) return simdjson::DEPTH_ERROR;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return parser.iterate(data, size, capacity).get(doc);
}

std::optional<std::string_view> string_of(od::value v) {
  std::string_view s;
  if (v.get_string().get(s)) return std::nullopt;
  return s;
}

std::optional<std::string> id_of(od::value v) {
  od::json_type type;
  if (v.type().get(type)) return std::nullopt;
  if (type == od::json_type::string) {
    const auto s = string_of(v);
    if (!s || s->empty()) return std::nullopt;
    return std::string(*s);
  }
  std::uint64_t n = 0;
  if (type != od::json_type::number || v.get_uint64().get(n)) return std::nullopt;
  return std::to_string(n);
}

std::size_t offset_of(od::value& v, const char* base) {
  return static_cast<std::size_t>(v.raw_json_token().data() - base);
}

namespace {

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  const auto [end, ec] = std::from_chars(s.data() + at, s.data() + at + n, out);
  return ec == std::errc() && end == s.data() + at + n;
}

}  // namespace

std::optional<std::string> instant(std::string_view iso, offset_rule rule) {
  // YYYY-MM-DDTHH:MM:SS, then an optional fraction, then Z or ±HH:MM or ±HHMM.
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (iso.size() < 20 || !digits(iso, 0, 4, y) || iso[4] != '-' || !digits(iso, 5, 2, mo) ||
      iso[7] != '-' || !digits(iso, 8, 2, d) || (iso[10] != 'T' && iso[10] != 't') ||
      !digits(iso, 11, 2, h) || iso[13] != ':' || !digits(iso, 14, 2, mi) || iso[16] != ':' ||
      !digits(iso, 17, 2, s))
    return std::nullopt;
  std::size_t i = 19;
  if (i < iso.size() && iso[i] == '.') {
    ++i;
    const std::size_t first = i;
    while (i < iso.size() && iso[i] >= '0' && iso[i] <= '9') ++i;
    if (i == first) return std::nullopt;
  }
  const std::string_view zone = iso.substr(i);
  int offset_minutes = 0;
  if (zone != "Z" && zone != "z") {
    int oh = 0, om = 0;
    const bool colon = zone.size() == 6 && zone[3] == ':';
    if ((zone.size() != 5 && !colon) || (zone[0] != '+' && zone[0] != '-') ||
        !digits(zone, 1, 2, oh) || !digits(zone, colon ? 4 : 3, 2, om) || oh > 23 || om > 59)
      return std::nullopt;
    offset_minutes = (zone[0] == '-' ? -1 : 1) * (oh * 60 + om);
  }
  std::string out;
  const auto ymd =
      date::year(y) / date::month(static_cast<unsigned>(mo)) / date::day(static_cast<unsigned>(d));
  if (!ymd.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;
  if (offset_minutes == 0 || rule == offset_rule::to_utc) {
    const auto t = date::sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) +
                   std::chrono::seconds(s) - std::chrono::minutes(offset_minutes);
    out = date::format("%FT%TZ", date::floor<std::chrono::seconds>(t));
  } else {
    out = std::string(iso.substr(0, 19));
    out += zone.substr(0, 3);
    out += ':';
    out += zone.substr(zone.size() - 2);
  }
  if (!parse_date(out, "UTC").time) return std::nullopt;
  return out;
}

/// Whether the text is JSON lines: its first line is a whole object (a pretty-printed
/// document's first line is only its opening brace).
bool is_json_lines(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || text[first] != '{') return false;
  std::string_view line = text.substr(first, text.find('\n', first) - first);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t'))
    line.remove_suffix(1);
  return line.size() > 1 && line.back() == '}';
}

void set_text(imported_event& e, std::string_view raw) {
  std::string text = text::clean(raw);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  std::size_t first = text.find_first_not_of(" \n");
  if (first == std::string::npos) {
    e.title = "(no text)";
    return;
  }
  const std::string_view body = std::string_view(text).substr(first);
  std::string_view line = body.substr(0, body.find('\n'));
  // Cut at max_title_points code points, back to the last space in the final fifth.
  std::size_t points = 0, cut = std::string_view::npos, space = std::string_view::npos;
  for (std::size_t i = 0; i < line.size();) {
    if (points == max_title_points) {
      cut = i;
      break;
    }
    if (line[i] == ' ' && points > max_title_points * 4 / 5) space = i;
    i += text::next_code_point(line, i).bytes;
    ++points;
  }
  if (cut != std::string_view::npos) {
    e.title = std::string(line.substr(0, space != std::string_view::npos ? space : cut));
    e.title += "\xE2\x80\xA6";  // …
  } else {
    e.title = std::string(line);
  }
  if (line.size() != body.size() || cut != std::string_view::npos) e.summary = std::string(body);
}

void add_source(imported_event& e, std::string_view url, std::string_view title) {
  // The cap keeps the check for repeats linear in the post: no post carries more links.
  if (!text::is_link(url) || e.sources.size() >= max_post_sources) return;
  for (const auto& s : e.sources)
    if (s.url == url) return;
  source s;
  s.url = std::string(url);
  s.title = std::string(title);
  e.sources.push_back(std::move(s));
}

void actor_set::send(import_sink& sink, imported_actor&& a) {
  if (!sent_.insert(a.key).second) return;
  sink.actor(std::move(a));
}

}  // namespace eventgraph::detail::social
