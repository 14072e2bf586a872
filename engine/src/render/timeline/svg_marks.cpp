// The events and relations of the timeline's SVG: markers, labels, clusters, arrows; every event
// a group with its id and a tooltip, only links by the link rule.

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <string>

#include "render/timeline/svg_writer.hpp"

namespace eventgraph::detail::timeline {
namespace {

constexpr double arrow_width = 1.3;

/// Names in a tooltip, then "and N more": every mark of an event carries its tooltip, and an
/// event has a mark in each of its actors' lanes, so all the names would cost actors squared.
constexpr std::size_t tooltip_names = 10;

std::string actor_names(const story& s, std::span<const actor_index> actors) {
  std::string names;
  std::size_t named = 0;
  for (actor_index a : actors) {
    if (a >= s.actors.size()) continue;
    if (named == tooltip_names) {
      names += fmt::format(" and {} more", actors.size() - named);
      break;
    }
    if (!names.empty()) names += ", ";
    names += s.actors[a].name.empty() ? s.actors[a].id : s.actors[a].name;
    ++named;
  }
  return names;
}

/// The tooltip: date as readers say it, title, actors, summary, first source.
std::string tooltip(const story& s, const event& e) {
  std::string t = describe_date(e.date(), e.timezone());
  t += " \xE2\x80\x94 ";
  t += e.title().empty() ? e.id() : e.title();
  if (is_missing(e)) t += "\nMissing: referred to, not in the data";
  if (const std::string by = actor_names(s, e.actors()); !by.empty()) t += "\nBy: " + by;
  if (const std::string to = actor_names(s, e.addressees()); !to.empty()) t += "\nTo: " + to;
  if (const std::string_view summary = e.summary(); !summary.empty()) {
    t += '\n';
    t += summary;
  }
  if (!e.sources().empty()) {
    const source& src = e.sources().front();
    t += "\nSource: " + src.title;
    if (!src.publisher.empty()) t += ", " + src.publisher;
  }
  std::replace(t.begin(), t.end(), '\t', ' ');  // a tooltip keeps its line breaks, not tabs
  return t;
}

std::string_view first_link(const event& e) {
  for (const source& src : e.sources())
    if (text::is_link(src.url)) return src.url;
  return {};
}

/// A route as a path with its corners rounded (4 px, less on short legs).
std::string route_path(const std::vector<point>& pts) {
  std::string d = fmt::format("M{:.1f},{:.1f}", pts.front().x, pts.front().y);
  for (std::size_t i = 1; i + 1 < pts.size(); ++i) {
    const point a = pts[i - 1], b = pts[i], c = pts[i + 1];
    const double in = std::hypot(b.x - a.x, b.y - a.y), out = std::hypot(c.x - b.x, c.y - b.y);
    const double r = std::min({4.0, in / 2, out / 2});
    d += fmt::format(" L{:.1f},{:.1f} Q{:.1f},{:.1f} {:.1f},{:.1f}", b.x - (b.x - a.x) / in * r,
                     b.y - (b.y - a.y) / in * r, b.x, b.y, b.x + (c.x - b.x) / out * r,
                     b.y + (c.y - b.y) / out * r);
  }
  d += fmt::format(" L{:.1f},{:.1f}", pts.back().x, pts.back().y);
  return d;
}

}  // namespace

void write_arrows(writer& w) {
  const layout& lay = w.lay;
  const double r = lay.m.marker_radius;
  if (!lay.links.empty()) {
    // An event of several actors: its labelled mark tied to its faint ones, no head.
    w.put(R"(<g class="co-actors" fill="none" stroke="#8a8a8a" stroke-width="1.2" )"
          R"(stroke-dasharray="1.5 2">)"
          "\n");
    for (const arrow& a : lay.links) {
      const mark& from = lay.marks[a.from];
      const mark& to = lay.marks[a.to];
      const std::string d = !a.route.empty()
                                ? route_path(a.route)
                                : fmt::format("M{:.1f},{:.1f} V{:.1f}", from.x0, from.y, to.y);
      w.put(R"(<path class="co-actor" d="{}"><title>)", d);
      const event e = w.s.events[from.event];
      w.text(e.title().empty() ? e.id() : e.title());
      w.put(" (one event, several actors)</title></path>\n");
    }
    w.put("</g>\n");
  }
  if (lay.arrows.empty()) return;
  w.put(R"(<g class="relations" fill="none">)"
        "\n");
  for (const arrow& a : lay.arrows) {
    const mark& from = lay.marks[a.from];
    const mark& to = lay.marks[a.to];
    const relation_style st = style_of(a.type);
    const double to_left = to.shape == mark_shape::point ? to.x0 - r - 1.5 : to.x0 - 1.5;
    std::string d;
    const double to_x = to.shape == mark_shape::point ? to.x0 : (to.x0 + to.x1) / 2;
    if (!a.route.empty()) {
      d = route_path(a.route);
    } else if (a.type == relation_type::part_of && from.shape != mark_shape::point &&
               from.shape != mark_shape::cluster && to.shape == mark_shape::point &&
               to_x > from.x0 + 2 && to_x < from.x1 - 2) {
      // The part lies within its whole's extent: a short vertical tie between them.
      const double dir = from.y > to.y ? 1 : -1;
      d = fmt::format("M{:.1f},{:.1f} V{:.1f}", to_x, to.y + dir * r,
                      from.y - dir * bar_height / 2);
    } else if (a.type == relation_type::part_of) {
      // A bracket on the left of both: the part hangs off its whole.
      const double from_left = from.shape == mark_shape::point ? from.x0 - r : from.x0;
      const double xb = std::min(from_left, to_left) - 8;
      d = fmt::format("M{:.1f},{:.1f} H{:.1f} V{:.1f} H{:.1f}", to_left, to.y, xb, from.y,
                      from_left);
    } else {
      // Leave the earlier event vertically, arrive at the later one from the left, so the
      // curve stays clear of both labels (which sit to the right of their markers).
      double sx = from.x0;
      if (from.shape != mark_shape::point)
        sx = std::clamp(to_left - 16, from.x0 + 2, std::max(from.x0 + 2, from.x1 - 2));
      const double sy = from.y, ex = to_left, ey = to.y;
      if (std::abs(ey - sy) < 1) {
        const double h = std::clamp((ex - sx) / 4, 12.0, 40.0);
        d = fmt::format("M{:.1f},{:.1f} C{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}", sx, sy - r,
                        sx + (ex - sx) / 3, sy - h, ex - (ex - sx) / 3, ey - h, ex, ey);
      } else {
        const double pull = std::clamp(std::abs(ex - sx) / 2, 22.0, 70.0);
        const double dir = ey > sy ? 1 : -1;
        d = fmt::format("M{:.1f},{:.1f} C{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}", sx,
                        sy + dir * (from.shape == mark_shape::point ? r : bar_height / 2), sx,
                        sy + (ey - sy) * 0.65, ex - pull, ey, ex, ey);
      }
    }
    w.put(R"(<path class="relation {}" d="{}" stroke="{}" stroke-width="{:.1f}")",
          to_string(a.type), d, st.colour, arrow_width);
    if (!st.dash.empty()) w.put(R"( stroke-dasharray="{}")", st.dash);
    if (a.type != relation_type::part_of)
      w.put(R"~( marker-end="url(#arrow-{})")~", to_string(a.type));
    const event fe = w.s.events[from.event];
    const event te = w.s.events[to.event];
    w.put(R"( data-from=")");
    w.text(te.id());
    w.put(R"(" data-to=")");
    w.text(fe.id());
    w.put(R"("><title>)");
    w.text(te.title().empty() ? te.id() : te.title());
    w.put(" \xE2\x80\x94 {} \xE2\x80\x94 ", st.legend);
    w.text(fe.title().empty() ? fe.id() : fe.title());
    w.put("</title></path>\n");
  }
  w.put("</g>\n");
}

namespace {

void write_label(writer& w, const mark& mk) {
  const double fs = w.lay.m.label_font;
  w.put(R"(<text x="{:.1f}" y="{:.1f}" font-size="{}" fill="#1a1a1a" stroke="#ffffff" )"
        R"(stroke-width="3" stroke-linejoin="round" paint-order="stroke">)",
        mk.label_x, mk.label_y(w.lay.m) + 4, fs);
  for (std::size_t i = 0; i < mk.label_lines.size(); ++i) {
    if (i == 0) {
      w.text(mk.label_lines[i]);
    } else {
      w.put(R"(<tspan x="{:.1f}" dy="{:.1f}">)", mk.label_x, w.lay.m.row_height);
      w.text(mk.label_lines[i]);
      w.put("</tspan>");
    }
  }
  w.put("</text>");
}

}  // namespace

namespace {

/// A cluster: a badge with its count, and a tooltip naming its span and first events.
void write_cluster(writer& w, const mark& mk) {
  const layout& lay = w.lay;
  const story& s = w.s;
  const event_index* members = lay.members.data() + mk.first_member;
  std::int64_t lo = std::numeric_limits<std::int64_t>::max();
  std::int64_t hi = std::numeric_limits<std::int64_t>::min();
  for (std::uint32_t k = 0; k < mk.count; ++k) {
    const event_time t = s.events[members[k]].time();
    if (!t.open_start) lo = std::min(lo, t.earliest.time_since_epoch().count());
    if (!t.open_end) hi = std::max(hi, t.latest.time_since_epoch().count());
  }
  w.put(R"(<g class="cluster" data-count="{}" data-first-event=")", mk.count);
  w.text(s.events[mk.event].id());
  w.put(R"("><title>{} events)", mk.count);
  if (lo <= hi) {
    w.put(", ");
    w.text(natural_date(lo, s.timezone, false));
    w.put(" \xE2\x80\x93 ");
    w.text(natural_date(hi, s.timezone, true));
  }
  w.put(" (merged; render with full detail to see each)");
  const std::uint32_t shown = std::min<std::uint32_t>(mk.count, 3);
  for (std::uint32_t k = 0; k < shown; ++k) {
    const event e = s.events[members[k]];
    w.put("\n");
    w.text(e.title().empty() ? e.id() : e.title());
  }
  if (mk.count > shown) w.put("\n\xE2\x80\xA6");
  w.put("</title>");
  w.put(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{}" rx="{}" fill="{}"/>)", mk.x0,
        mk.y - badge_height / 2, mk.x1 - mk.x0, badge_height, badge_height / 2, w.dark(mk.lane));
  w.put(R"(<text x="{:.1f}" y="{:.1f}" font-size="{}" font-weight="bold" fill="#ffffff" )"
        R"(text-anchor="middle">{}</text></g>)"
        "\n",
        (mk.x0 + mk.x1) / 2, mk.y + 3.5, badge_font, mk.count);
}

/// One event's mark: its marker (dot, bar or range) and label, a link when it has one.
void write_event_mark(writer& w, const mark& mk) {
  const layout& lay = w.lay;
  const story& s = w.s;
  const double r = lay.m.marker_radius;
  const event e = s.events[mk.event];
  const std::string_view link = first_link(e);
  if (!link.empty()) {
    w.put(R"(<a href=")");
    w.text(link);
    w.put(R"(">)");
  }
  // A faint mark: the same event in another of its actors' lanes (its title is at the first).
  const bool faint = !mk.primary;
  w.put(R"(<g class="event{}{}"{})", mk.missing ? " missing" : "", faint ? " co-actor" : "",
        faint ? R"( opacity="0.5")" : "");
  if (mk.primary) {
    w.put(R"( id="event-)");
    w.text(e.id());
    w.put(R"(")");
  }
  w.put(R"( data-event=")");
  w.text(e.id());
  w.put(R"("><title>)");
  text::append_xml(w.out, tooltip(s, e));
  w.put("</title>");
  // A placeholder is drawn as an outline only, grey and dashed, whatever its shape.
  if (mk.missing && mk.shape != mark_shape::cluster) {
    if (mk.shape == mark_shape::point)
      w.put(R"(<circle cx="{:.1f}" cy="{:.1f}" r="{:.1f}" fill="#ffffff" stroke="{}" )"
            R"(stroke-width="1.5" stroke-dasharray="2 2"/>)",
            mk.x0, mk.y, r - 0.5, missing_stroke);
    else
      w.put(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" rx="3" fill="#ffffff" )"
            R"(stroke="{}" stroke-width="1.5" stroke-dasharray="3 2"/>)",
            mk.x0, mk.y - bar_height / 2, mk.x1 - mk.x0, bar_height, missing_stroke);
  } else
    switch (mk.shape) {
      case mark_shape::point:
        if (mk.uncertain) {
          w.put(R"(<circle cx="{:.1f}" cy="{:.1f}" r="{:.1f}" fill="#ffffff" stroke="{}" )"
                R"(stroke-width="2"/>)",
                mk.x0, mk.y, r - 0.5, w.dark(mk.lane));
        } else {
          w.put(R"(<circle cx="{:.1f}" cy="{:.1f}" r="{:.1f}" fill="{}" stroke="{}" )"
                R"(stroke-width="1"/>)",
                mk.x0, mk.y, r, w.colour(mk.lane), w.dark(mk.lane));
        }
        break;
      case mark_shape::bar:
      case mark_shape::range: {
        constexpr double height = bar_height;
        if (uses_gradient(mk)) {
          w.put(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" rx="3" )"
                R"~(fill="url(#g-{}-{})")~",
                mk.x0, mk.y - height / 2, mk.x1 - mk.x0, height, kind_name(kind_of(mk)),
                lay.lanes[mk.lane].colour % palette.size());
          if (mk.shape == mark_shape::range)
            w.put(R"( stroke="{}" stroke-opacity="0.5" stroke-dasharray="3 2")", w.dark(mk.lane));
          w.put("/>");
        } else {
          w.put(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" rx="3" fill="{}" )"
                R"(fill-opacity="0.4" stroke="{}")",
                mk.x0, mk.y - height / 2, mk.x1 - mk.x0, height, w.colour(mk.lane),
                w.dark(mk.lane));
          if (mk.uncertain) w.put(R"( stroke-dasharray="3 2")");
          w.put("/>");
        }
        if (hatched(mk))
          w.put(
              R"(<rect class="hatch" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" rx="3" )"
              R"~(fill="url(#hatch-{})"/>)~",
              mk.x0, mk.y - height / 2, mk.x1 - mk.x0, height,
              lay.lanes[mk.lane].colour % palette.size());
        // Across an axis break the bar is cut, as the axis is: its length there means nothing.
        for (std::size_t i = 0; i + 1 < lay.axis.segments.size(); ++i) {
          const double a = lay.axis.segments[i].x1, b = lay.axis.segments[i + 1].x0;
          if (mk.x0 >= a || mk.x1 <= b) continue;
          w.put(R"(<rect class="bar-break" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" )"
                R"(fill="#ffffff"/>)",
                a + 3, mk.y - height / 2 - 1, b - a - 6, height + 2);
          const double c = (a + b) / 2;
          w.put(R"(<path d="M{:.1f},{:.1f} l4,-8 M{:.1f},{:.1f} l4,-8" stroke="{}" )"
                R"(stroke-width="1.5"/>)",
                c - 6, mk.y + 4, c + 1, mk.y + 4, w.dark(mk.lane));
        }
        // A firm end gets a tick: where the bar really starts or ends.
        if (mk.shape == mark_shape::bar) {
          if (!mk.fade_left)
            w.put(R"(<line x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}" stroke="{3}" )"
                  R"(stroke-width="2"/>)",
                  mk.x0 + 1, mk.y - height / 2, mk.y + height / 2, w.dark(mk.lane));
          if (!mk.fade_right)
            w.put(R"(<line x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}" stroke="{3}" )"
                  R"(stroke-width="2"/>)",
                  mk.x1 - 1, mk.y - height / 2, mk.y + height / 2, w.dark(mk.lane));
        }
        break;
      }
      case mark_shape::cluster:
        break;
    }
  if (mk.label_width > 0) write_label(w, mk);
  w.put("</g>");
  if (!link.empty()) w.put("</a>");
  w.put("\n");
}

}  // namespace

void write_marks(writer& w) {
  w.put(R"(<g class="events">)"
        "\n");
  for (const mark& mk : w.lay.marks) {
    if (mk.shape == mark_shape::cluster) {
      write_cluster(w, mk);
    } else {
      write_event_mark(w, mk);
    }
  }
  w.put("</g>\n");
}

}  // namespace eventgraph::detail::timeline
