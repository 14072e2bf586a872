// export_format::timelinejs: TimelineJS3 JSON (timeline.knightlab.com). Dates are split into
// year/month/day/hour/minute/second only down to the precision the story states, as wall-clock
// time in the event's zone; imprecise, spanning and timed events get a `display_date` in words
// (with the zone for times). `group` is the first actor's name; `text` and `headline` are
// HTML, so all text is escaped and only http(s) sources become links. `media` shows the first
// source with an http(s) address as a quote card: its title in a blockquote, credited to its
// publisher (else its title), captioned with a link to it (labelled with its host). The address
// itself is not the media url: TimelineJS would take an article for an image and fetch it, or embed
// a post from X. An event of kind `era` with a start and an end (what importing a TimelineJS era
// makes) goes back to `eras`, a band on TimelineJS's time axis, not a slide.

#include <string>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "export/export_common.hpp"
#include "export/export_writers.hpp"

namespace eventgraph::detail {
namespace {

using ordered = nlohmann::ordered_json;

std::string compact(const ordered& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ordered date_object(const endpoint& p, const event& e) {
  const civil_time c = to_civil(p.at, e.timezone());
  ordered out = ordered::object();
  out["year"] = c.year;
  if (p.precision >= time_precision::month) out["month"] = c.month;
  if (p.precision >= time_precision::day) out["day"] = c.day;
  if (p.precision >= time_precision::hour) out["hour"] = c.hour;
  if (p.precision >= time_precision::minute) out["minute"] = c.minute;
  if (p.precision >= time_precision::second) out["second"] = c.second;
  return out;
}

/// A point that covers more than one period of its precision: a season (`2001-24`, Dec 2001 -
/// Feb 2002 at month precision). TimelineJS would show its first month: it gets an end too.
bool spans_periods(const event& e) {
  const event_time t = e.time();
  return t.shape == time_shape::point && format_iso(t.earliest, e.timezone(), t.precision) !=
                                             format_iso(t.latest, e.timezone(), t.precision);
}

/// Whether TimelineJS's own text for the date would say less than describe_date: ranges,
/// qualifiers, decades and coarser, times, seasons, X digits (`2016-1X` is Oct-Dec 2016).
bool needs_display_date(const event& e) {
  const event_time t = e.time();
  return t.shape != time_shape::point || t.uncertain || t.approximate || t.open_start ||
         t.open_end || t.precision < time_precision::year || has_time_of_day(t.precision) ||
         e.date().find('X') != std::string_view::npos || spans_periods(e);
}

/// HTML text that TimelineJS shows as it is and cannot take for a media address. It picks a
/// media type by matching the media url against patterns ("youtu.be", ".pdf", "iframe",
/// "spotify"...), so letters and digits are written as character references, which none of
/// those patterns matches; the page shows them as the plain characters.
std::string opaque_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 6);
  text::for_each_code_point(text::clean(text), [&](text::code_point cp, std::string_view bytes) {
    const char32_t c = cp.value;
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
      out += "&#" + std::to_string(static_cast<int>(c)) + ";";
    else
      out += text::escape_html(bytes);
  });
  return out;
}

/// "example.org" of "https://example.org/a?b": what follows the scheme, up to the path.
std::string_view url_host(std::string_view url) {
  url.remove_prefix(url.find("://") + 3);
  return url.substr(0, url.find_first_of("/?#"));
}

std::string paragraph(std::string_view label, std::string_view text) {
  return "<p><b>" + text::escape_html(label) + ":</b> " + text::escape_html(text) + "</p>";
}

std::string body(const story& s, const event& e) {
  std::string html;
  if (!e.summary().empty()) html += "<p>" + text::escape_html(e.summary()) + "</p>";
  std::vector<std::string_view> names;
  for (actor_index a : e.actors()) names.push_back(s.actors[a].name);
  html += paragraph(e.actors().size() == 1 ? "Actor" : "Actors", join(names, ", "));
  if (!e.addressees().empty()) {
    names.clear();
    for (actor_index a : e.addressees()) names.push_back(s.actors[a].name);
    html += paragraph("To", join(names, ", "));
  }
  html += paragraph("Date", fmt::format("{} ({}, {})", describe_date(e.date(), e.timezone()),
                                        e.date(), zone_name(e)));
  for (auto [label, text] : {std::pair{"Kind", e.kind()}, std::pair{"Channel", e.channel()},
                             std::pair{"Place", e.place()}})
    if (!text.empty()) html += paragraph(label, text);
  for (const quote& q : e.quotes())
    html += "<blockquote>" + text::escape_html(describe_quote(s, q)) + "</blockquote>";
  if (!e.figures().empty()) {
    html += "<ul>";
    for (const figure& f : e.figures())
      html += "<li>" + text::escape_html(describe_figure(f)) + "</li>";
    html += "</ul>";
  }
  if (!e.notes().empty()) html += paragraph("Notes", e.notes());
  if (!e.sources().empty()) {
    html += "<p><b>Sources:</b></p><ul>";
    for (const source& src : e.sources()) {
      html += "<li>";
      if (text::is_link(src.url)) {
        html += "<a href=\"" + text::escape_html(src.url) + "\" rel=\"noopener noreferrer\">" +
                text::escape_html(src.title) + "</a>";
      } else {
        html += text::escape_html(src.title);
      }
      std::vector<std::string> details;
      if (!src.publisher.empty()) details.push_back(src.publisher);
      if (!src.date.empty()) details.push_back(src.date);
      if (!details.empty()) html += " (" + text::escape_html(join(details, ", ")) + ")";
      if (!src.note.empty()) html += ". " + text::escape_html(src.note);
      html += "</li>";
    }
    html += "</ul>";
  }
  return html;
}

/// A TimelineJS era: its dates and headline (what TimelineJS shows), and the same text as a
/// slide's (what an importer reads back).
ordered era_of(const story& s, const event& e, const endpoint& start, const endpoint& end) {
  ordered era = ordered::object();
  era["start_date"] = date_object(start, e);
  era["end_date"] = date_object(end, e);
  era["text"]["headline"] = text::escape_html(e.title());
  era["text"]["text"] = body(s, e);
  return era;
}

}  // namespace

std::string export_timelinejs(const story& s) {
  ordered title = ordered::object();
  title["text"]["headline"] = text::escape_html(s.title.empty() ? "Timeline" : s.title);
  title["text"]["text"] = text::escape_html(s.description);
  std::string out = "{\"title\":" + compact(title) + ",\n\"events\":[";
  std::string eras;
  bool first = true;
  for (const event e : s.events) {
    const event_span span = span_of(e);
    const event_time time = e.time();
    if (e.kind() == "era" && span.start && span.end && time.shape == time_shape::interval) {
      eras += eras.empty() ? "\n" : ",\n";
      eras += compact(era_of(s, e, *span.start, *span.end));
      continue;
    }
    ordered item = ordered::object();
    item["unique_id"] = e.id();
    // TimelineJS needs a start: an open start is placed at the known end.
    const endpoint start = span.start ? *span.start
                           : span.end ? *span.end
                                      : endpoint{time.earliest, time.precision};
    item["start_date"] = date_object(start, e);
    if (span.start && span.end && (time.shape != time_shape::point || spans_periods(e)))
      item["end_date"] = date_object(*span.end, e);
    if (needs_display_date(e)) item["display_date"] = describe_date(e.date(), e.timezone());
    item["text"]["headline"] = text::escape_html(e.title());
    item["text"]["text"] = body(s, e);
    if (const auto lead = lead_actor(e)) item["group"] = text::escape_html(s.actors[*lead].name);
    for (const source& src : e.sources()) {
      if (!text::is_link(src.url)) continue;
      // TimelineJS's "blockquote" media type: the url is the HTML to show.
      item["media"]["url"] = "<blockquote>" + opaque_html(src.title) + "</blockquote>";
      // Labelled with the host: TimelineJS turns an address written as text in a caption
      // into a second link, nested in ours.
      item["media"]["caption"] = "<a href=\"" + text::escape_html(src.url) +
                                 "\" rel=\"noopener noreferrer\">" +
                                 text::escape_html(url_host(src.url)) + "</a>";
      item["media"]["credit"] =
          text::escape_html(src.publisher.empty() ? src.title : src.publisher);
      break;
    }
    out += first ? "\n" : ",\n";
    first = false;
    out += compact(item);
  }
  out += "\n]";
  if (!eras.empty()) out += ",\n\"eras\":[" + eras + "\n]";
  out += "}\n";
  return out;
}

}  // namespace eventgraph::detail
