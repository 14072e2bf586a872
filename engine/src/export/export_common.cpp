#include "export/export_common.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

namespace eventgraph::detail {

event_span span_of(const event& e) {
  const event_time t = e.time();
  event_span span;
  if (!t.open_start) span.start = endpoint{t.earliest, t.precision};
  if (!t.open_end) span.end = endpoint{t.latest, t.precision};
  if (t.shape == time_shape::point) return span;
  // Each endpoint keeps the precision it was written with, as the parser read it.
  const date_parse_result parsed = parse_date(e.date(), e.timezone());
  if (!parsed.time) return span;
  if (span.start) span.start->precision = parsed.start_precision;
  if (span.end) span.end->precision = parsed.end_precision;
  return span;
}

std::string iso_instant(instant t, std::string_view zone) {
  return format_iso(t, zone, time_precision::second);
}

std::string_view to_string(time_shape shape) {
  switch (shape) {
    case time_shape::point:
      return "point";
    case time_shape::interval:
      return "interval";
    case time_shape::one_of:
      return "one-of";
  }
  return "point";
}

std::string_view to_string(time_precision precision) {
  static constexpr std::array<std::string_view, 9> names = {
      "millennium", "century", "decade", "year", "month", "day", "hour", "minute", "second"};
  return names[static_cast<std::size_t>(precision)];
}

rgb actor_colour(actor_index actor) {
  // Tableau 10 and two more: distinct on white, readable as text colours.
  static constexpr std::array<rgb, 12> palette = {{{31, 119, 180},
                                                   {255, 127, 14},
                                                   {44, 160, 44},
                                                   {214, 39, 40},
                                                   {148, 103, 189},
                                                   {140, 86, 75},
                                                   {227, 119, 194},
                                                   {127, 127, 127},
                                                   {188, 189, 34},
                                                   {23, 190, 207},
                                                   {57, 59, 121},
                                                   {173, 73, 74}}};
  return palette[actor % palette.size()];
}

std::string hex(rgb colour) {
  return fmt::format("#{:02x}{:02x}{:02x}", colour.r, colour.g, colour.b);
}

std::string relation_id(const event& e, std::size_t position) {
  return fmt::format("{}/{}", e.id(), position);
}

std::string describe_source(const source& s) {
  std::string text = s.title;
  std::vector<std::string> details;
  if (!s.publisher.empty()) details.push_back(s.publisher);
  if (!s.date.empty()) details.push_back(s.date);
  if (!details.empty()) text += fmt::format(" ({})", join(details, ", "));
  if (!s.url.empty()) text += fmt::format(" <{}>", s.url);
  if (!s.note.empty()) text += fmt::format(" [{}]", s.note);
  return text;
}

std::string describe_quote(const story& s, const quote& q) {
  std::string text = fmt::format("\u201c{}\u201d", q.text);
  if (q.by) text += fmt::format(" \u2014 {}", s.actors[*q.by].name);
  if (!q.note.empty()) text += fmt::format(" ({})", q.note);
  return text;
}

std::string describe_figure(const figure& f) {
  std::string text = fmt::format("{}: {}", f.label, f.value_text);
  if (!f.unit.empty()) text += fmt::format(" {}", f.unit);
  if (!f.note.empty()) text += fmt::format(" ({})", f.note);
  return text;
}

std::array<std::string, event_attributes.size()> event_attribute_values(const story& s,
                                                                        const event& e) {
  auto ids = [&](std::span<const actor_index> actors, bool names) {
    std::vector<std::string_view> parts;
    parts.reserve(actors.size());
    for (actor_index a : actors) parts.push_back(names ? s.actors[a].name : s.actors[a].id);
    return join(parts, "|");
  };
  auto lines = [&](const auto& items, auto&& describe) {
    std::vector<std::string> parts;
    parts.reserve(items.size());
    for (const auto& item : items) parts.push_back(describe(item));
    return join(parts, "\n");
  };
  const event_span span = span_of(e);
  const event_time time = e.time();
  const std::string_view zone = e.timezone();
  std::vector<std::string_view> urls;
  for (const source& src : e.sources())
    if (!src.url.empty()) urls.push_back(src.url);
  return {
      std::string(e.title()),
      std::string(e.date()),
      describe_date(e.date(), zone),
      std::string(to_string(time.precision)),
      std::string(to_string(time.shape)),
      span.start ? format_iso(span.start->at, zone, span.start->precision) : "",
      span.end ? format_iso(span.end->at, zone, span.end->precision) : "",
      span.start ? iso_instant(span.start->at, zone) : "",
      span.end ? iso_instant(span.end->at, zone) : "",
      std::string(zone_name(e)),
      time.uncertain ? "true" : "false",
      time.approximate ? "true" : "false",
      ids(e.actors(), false),
      ids(e.actors(), true),
      ids(e.addressees(), false),
      ids(e.addressees(), true),
      std::string(e.kind()),
      is_missing(e) ? "true" : "false",
      std::string(e.channel()),
      std::string(e.place()),
      std::string(e.summary()),
      std::string(e.notes()),
      join(e.tags(), "|"),
      lines(e.quotes(), [&](const quote& q) { return describe_quote(s, q); }),
      lines(e.figures(), [](const figure& f) { return describe_figure(f); }),
      lines(e.sources(), [](const source& src) { return describe_source(src); }),
      join(urls, "\n"),
  };
}

void append_indented(std::string& out, std::string_view json_text, std::size_t indent) {
  const std::string pad(indent, ' ');
  out += pad;
  for (char c : json_text) {
    out.push_back(c);
    if (c == '\n') out += pad;
  }
}

}  // namespace eventgraph::detail
