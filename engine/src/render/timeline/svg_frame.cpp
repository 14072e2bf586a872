// The frame of the timeline's SVG: definitions, title block, lanes, axis and legend.

#include <set>
#include <string>
#include <vector>

#include "render/timeline/svg_writer.hpp"
#include "time/describe.hpp"
#include "time/edtf_syntax.hpp"

namespace eventgraph::detail::timeline {
namespace {

/// The first (or last) date an EDTF text names, as written: `2019/2026?-02` ends at a month
/// whose year is uncertain although the whole counts as years. Null for an open side.
const point_spec* side_point(const parsed_date& d, bool last) {
  const endpoint* side = nullptr;
  if (d.shape == time_shape::one_of && !d.items.empty()) {
    const list_item& item = last ? d.items.back() : d.items.front();
    side = last && item.is_range ? &item.high : &item.low;
  } else {
    side = last && d.shape == time_shape::interval ? &d.end : &d.start;
  }
  return side->open ? nullptr : &side->point;
}

/// The story's span as its first and last events' own dates say it: each at its precision
/// and with its qualifiers, a day in its own zone (a day in Los Angeles does not end at 07:59
/// the next day in UTC).
std::string fmt_span(const story& s, const story_span& span) {
  if (!span.known) return "";
  auto at = [&](std::int64_t t, event_index i) {
    const event e = s.events[i];
    const event_time et = e.time();
    const bool end =
        t == et.latest.time_since_epoch().count() && t != et.earliest.time_since_epoch().count();
    parsed_date d;
    date_error error;
    const point_spec* side = parse_edtf_syntax(e.date(), d, error) ? side_point(d, end) : nullptr;
    const time_precision p = side != nullptr ? side->precision : et.precision;
    // A time is given in the axis's zone, which the header names; a day as the event has it.
    const bool own_zone = p < time_precision::hour && !e.timezone().empty();
    std::string text = date_at(t, own_zone ? e.timezone() : s.timezone, p);
    return side != nullptr ? with_qualifiers(std::move(text), *side) : text;
  };
  const std::string a = at(span.first, span.first_event);
  const std::string b = at(span.last, span.last_event);
  return a == b ? a : a + " \xE2\x80\x93 " + b;
}

}  // namespace

void write_defs(writer& w) {
  std::set<std::pair<std::uint32_t, fill_kind>> gradients;
  std::set<relation_type> types;
  std::set<std::uint32_t> hatches;
  for (const mark& mk : w.lay.marks) {
    if (uses_gradient(mk))
      gradients.insert({w.lay.lanes[mk.lane].colour % palette.size(), kind_of(mk)});
    if (hatched(mk)) hatches.insert(w.lay.lanes[mk.lane].colour % palette.size());
  }
  for (const arrow& a : w.lay.arrows) types.insert(a.type);
  w.put("<defs>\n");
  for (const auto& [c, k] : gradients) {
    w.put(R"(<linearGradient id="g-{}-{}" x1="0" y1="0" x2="1" y2="0">)", kind_name(k), c);
    // Opacity stops: a bar of known extent is firm, an open end fades out, a fuzzy range is
    // soft at both ends.
    std::array<std::pair<double, double>, 4> stops{};
    switch (k) {
      case fill_kind::fuzzy:
        stops = {{{0, 0.06}, {0.2, 0.32}, {0.8, 0.32}, {1, 0.06}}};
        break;
      case fill_kind::fade_left:
        stops = {{{0, 0}, {0.45, 0.3}, {0.9, 0.4}, {1, 0.4}}};
        break;
      case fill_kind::fade_right:
        stops = {{{0, 0.4}, {0.1, 0.4}, {0.55, 0.3}, {1, 0}}};
        break;
      case fill_kind::fade_both:
        stops = {{{0, 0}, {0.35, 0.35}, {0.65, 0.35}, {1, 0}}};
        break;
    }
    for (const auto& [offset, opacity] : stops)
      w.put(R"(<stop offset="{}" stop-color="{}" stop-opacity="{}"/>)", offset, palette[c],
            opacity);
    w.put("</linearGradient>\n");
  }
  for (const std::uint32_t c : hatches)
    w.put(R"(<pattern id="hatch-{}" width="5" height="5" patternUnits="userSpaceOnUse" )"
          R"~(patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="5" stroke="{}" )~"
          R"(stroke-width="1.4" stroke-opacity="0.55"/></pattern>)"
          "\n",
          c, palette_dark[c]);
  for (relation_type t : types) {
    if (t == relation_type::part_of) continue;
    const relation_style st = style_of(t);
    w.put(R"(<marker id="arrow-{}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" )"
          R"(markerHeight="6" orient="auto"><path d="M0,0.5 L10,5 L0,9.5 z" fill="{}"/></marker>)"
          "\n",
          to_string(t), st.colour);
  }
  w.put("</defs>\n");
}

title_block make_title(const story& s, const render_options& options, double width,
                       std::size_t lanes) {
  title_block tb;
  const std::string_view title = !options.title.empty() ? std::string_view(options.title)
                                 : !s.title.empty()     ? std::string_view(s.title)
                                                        : std::string_view("Timeline");
  // Wrap like lane labels: at most two lines, cut with "…".
  std::string_view rest = title;
  while (!rest.empty() && tb.title_lines.size() < 1 && text_width(rest, 20, true) > width) {
    std::size_t best = std::string_view::npos;
    for (auto pos = rest.find(' '); pos != std::string_view::npos; pos = rest.find(' ', pos + 1)) {
      if (text_width(rest.substr(0, pos), 20, true) > width) break;
      best = pos;
    }
    if (best == std::string_view::npos || best == 0) break;
    tb.title_lines.emplace_back(rest.substr(0, best));
    rest.remove_prefix(best + 1);
  }
  if (!rest.empty() || tb.title_lines.empty())
    tb.title_lines.push_back(fit_text(rest, 20, width, true));
  // The subtitle's parts ("2019 – Feb 2026", "14 events"...) wrap whole, never cut.
  std::vector<std::string> parts;
  if (std::string span = fmt_span(s, span_of(s)); !span.empty()) parts.push_back(std::move(span));
  const std::size_t n = s.events.size();
  parts.push_back(fmt::format("{} event{}", n, n == 1 ? "" : "s"));
  parts.push_back(
      fmt::format("{} lane{} ({})", lanes, lanes == 1 ? "" : "s",
                  options.lanes == lane_grouping::organization ? "organizations" : "actors"));
  if (!s.timezone.empty()) parts.push_back("dates in " + s.timezone);
  for (std::string& part : parts) {
    const std::string joined =
        tb.subtitle_lines.empty() ? std::string() : tb.subtitle_lines.back() + " \xC2\xB7 " + part;
    if (!tb.subtitle_lines.empty() && text_width(joined, 12) <= width)
      tb.subtitle_lines.back() = joined;
    else
      tb.subtitle_lines.push_back(fit_text(part, 12, width));
  }
  if (!s.sources.empty()) {
    std::string line = s.sources.size() == 1 ? "Source: " : "Sources: ";
    const std::size_t shown = std::min<std::size_t>(3, s.sources.size());
    for (std::size_t i = 0; i < shown; ++i) {
      if (i > 0) line += "; ";
      line += s.sources[i].title.empty() ? s.sources[i].url : s.sources[i].title;
      if (!s.sources[i].publisher.empty()) line += ", " + s.sources[i].publisher;
    }
    if (s.sources.size() > shown) line += fmt::format(" (+{} more)", s.sources.size() - shown);
    tb.source_lines = wrap_text(line, 11, width, 2);
    if (text::is_link(s.sources.front().url)) tb.source_url = s.sources.front().url;
  }
  tb.height = 24 + 26 * static_cast<double>(tb.title_lines.size()) + 18 +
              subtitle_line * static_cast<double>(tb.subtitle_lines.size() - 1) +
              16 * static_cast<double>(tb.source_lines.size()) + 12;
  return tb;
}

void write_title(writer& w, const title_block& tb) {
  w.put(R"(<g class="title-block">)"
        "\n");
  double y = 24 + 20;
  for (const auto& line : tb.title_lines) {
    w.put(R"(<text x="20" y="{:.1f}" font-size="20" font-weight="bold" fill="#1a1a1a">)", y);
    w.text(line);
    w.put("</text>\n");
    y += 26;
  }
  y -= 6;
  for (std::size_t i = 0; i < tb.subtitle_lines.size(); ++i) {
    if (i > 0) y += subtitle_line;
    w.put(R"(<text x="20" y="{:.1f}" font-size="12" fill="#444">)", y);
    w.text(tb.subtitle_lines[i]);
    w.put("</text>\n");
  }
  if (!tb.source_lines.empty()) {
    if (!tb.source_url.empty()) {
      w.put(R"(<a href=")");
      w.text(tb.source_url);
      w.put(R"(">)");
    }
    for (const std::string& line : tb.source_lines) {
      y += 16;
      w.put(R"(<text x="20" y="{:.1f}" font-size="11" fill="#555" font-style="italic">)", y);
      w.text(line);
      w.put("</text>");
    }
    if (!tb.source_url.empty()) w.put("</a>");
    w.put("\n");
  }
  w.put("</g>\n");
}

void write_lanes(writer& w) {
  const layout& lay = w.lay;
  w.put(R"(<g class="lanes">)"
        "\n");
  for (std::uint32_t l = 0; l < lay.lanes.size(); ++l) {
    const lane& ln = lay.lanes[l];
    w.put(R"(<rect x="0" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"/>)", ln.y, lay.width,
          ln.height, l % 2 == 0 ? "#f4f6f8" : "#ffffff");
    w.put(R"(<rect x="8" y="{:.1f}" width="4" height="{:.1f}" fill="{}"/>)", ln.y + 3,
          ln.height - 6, w.colour(l));
    double y = ln.y + (ln.height - lane_label_block(ln)) / 2 + 11;
    w.put(R"(<text class="lane-label" x="18" y="{:.1f}" font-size="{}" font-weight="bold" )"
          R"(fill="#1a1a1a">)",
          y, lane_label_font);
    for (std::size_t i = 0; i < ln.label_lines.size(); ++i) {
      if (i == 0) {
        w.text(ln.label_lines[i]);
      } else {
        w.put(R"(<tspan x="18" dy="{}">)", lane_label_line);
        w.text(ln.label_lines[i]);
        w.put("</tspan>");
      }
    }
    w.put("</text>");
    y += static_cast<double>(ln.label_lines.size()) * lane_label_line - 2;
    for (std::size_t i = 0; i < ln.detail_lines.size(); ++i) {
      w.put(R"(<text x="18" y="{:.1f}" font-size="{}" fill="#555">)",
            y + static_cast<double>(i) * lane_detail_line, lane_detail_font);
      // When even two lines cut it, the whole text is the tooltip.
      if (i == 0 && ln.detail_lines.back().ends_with("\xE2\x80\xA6")) {
        w.put("<title>");
        w.text(ln.detail);
        w.put("</title>");
      }
      w.text(ln.detail_lines[i]);
      w.put("</text>");
    }
    w.put("\n");
  }
  w.put("</g>\n");
}

void write_axis(writer& w) {
  const layout& lay = w.lay;
  const double axis_y = lay.plot_top;
  w.put(R"(<g class="axis" font-size="{}" fill="#333">)"
        "\n",
        tick_font);
  // Breaks: a pale band across the lanes and a zigzag on the axis.
  for (std::size_t i = 0; i + 1 < lay.axis.segments.size(); ++i) {
    const double a = lay.axis.segments[i].x1, b = lay.axis.segments[i + 1].x0;
    w.put(R"(<rect class="axis-break" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" )"
          R"(fill="#ffffff" fill-opacity="0.7"/>)",
          a + 3, axis_y, b - a - 6, lay.plot_bottom - axis_y);
    const double c = (a + b) / 2;
    w.put(
        R"(<path d="M{:.1f},{:.1f} l4,-8 M{:.1f},{:.1f} l4,-8" stroke="#666" stroke-width="1.5"/>)",
        c - 6, axis_y + 4, c + 1, axis_y + 4);
    w.put("\n");
  }
  for (const auto& seg : lay.axis.segments) {
    w.put(R"(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke="#666"/>)", seg.x0,
          axis_y, seg.x1, axis_y);
  }
  w.put("\n");
  for (const auto& t : lay.axis.ticks) {
    w.put(R"(<line x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}" stroke="#e1e5ea"/>)", t.x,
          axis_y, lay.plot_bottom);
    w.put(R"(<line x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}" stroke="#666"/>)", t.x,
          axis_y - 5, axis_y);
    w.put(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle">)", t.x, axis_y - 9);
    w.text(t.label);
    w.put("</text>\n");
  }
  for (const auto& t : lay.axis.context) {
    w.put(R"(<line x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}" stroke="#aab2bd"/>)", t.x,
          axis_y - 34, axis_y - 24);
    w.put(R"(<text x="{:.1f}" y="{:.1f}" font-weight="bold">)", t.x + 3, axis_y - 25);
    w.text(t.label);
    w.put("</text>\n");
  }
  w.put("</g>\n");
}

/// The legend, below the plot, in rows that wrap at the drawing's width. Returns its height.
double write_legend(writer& w, double top, std::string_view note) {
  const layout& lay = w.lay;
  std::vector<std::pair<std::string, std::string>> items;  // sample svg, text
  std::set<relation_type> types;                           // only what the plot shows
  for (const arrow& a : lay.arrows) types.insert(a.type);
  bool point = false, uncertain = false, bar = false, range = false, open = false, cluster = false;
  bool missing = false, hatch = false;
  for (const mark& mk : lay.marks) {
    missing = missing || mk.missing;
    hatch = hatch || hatched(mk);
    point = point || (mk.shape == mark_shape::point && !mk.uncertain);
    uncertain = uncertain || (mk.shape == mark_shape::point && mk.uncertain);
    bar = bar || (mk.shape == mark_shape::bar && !mk.fade_left && !mk.fade_right);
    range = range || (mk.shape == mark_shape::range && !mk.fade_left && !mk.fade_right);
    open = open || mk.fade_left || mk.fade_right;
    cluster = cluster || mk.shape == mark_shape::cluster;
  }
  const std::string_view c = palette[0], dk = palette_dark[0];
  if (point)
    items.emplace_back(
        fmt::format(R"(<circle cx="10" cy="0" r="5" fill="{}" stroke="{}"/>)", c, dk),
        "event (its date, precise at this scale)");
  if (uncertain)
    items.emplace_back(
        fmt::format(R"(<circle cx="10" cy="0" r="4.5" fill="#fff" stroke="{}" stroke-width="2"/>)",
                    dk),
        "date uncertain (?) or approximate (~)");
  if (bar)
    items.emplace_back(fmt::format(R"(<rect x="0" y="-6" width="22" height="12" rx="3" fill="{}" )"
                                   R"(fill-opacity="0.4" stroke="{}"/>)",
                                   c, dk),
                       "lasted from start to end");
  if (range)
    items.emplace_back(fmt::format(R"(<rect x="0" y="-6" width="22" height="12" rx="3" fill="{}" )"
                                   R"(fill-opacity="0.25" stroke="{}" stroke-opacity="0.5" )"
                                   R"(stroke-dasharray="3 2"/>)",
                                   c, dk),
                       "happened once, somewhere in this range");
  if (hatch)
    items.emplace_back(
        fmt::format(R"(<rect x="0" y="-6" width="22" height="12" rx="3" fill="{0}" )"
                    R"(fill-opacity="0.3" stroke="{1}" stroke-dasharray="3 2"/>)"
                    R"(<path d="M2,6 l10,-12 M8,6 l10,-12 M14,6 l8,-9.6" stroke="{1}" )"
                    R"(stroke-opacity="0.55" stroke-width="1.4"/>)",
                    c, dk),
        "hatched: dates uncertain (?) or approximate (~)");
  if (open)
    items.emplace_back(fmt::format(R"(<rect x="0" y="-6" width="22" height="12" rx="3" )"
                                   R"~(fill="url(#legend-fade)"/>)~"),
                       "open-ended: no known start or end");
  if (missing)
    items.emplace_back(
        fmt::format(R"(<rect x="0" y="-6" width="22" height="12" rx="3" fill="#fff" )"
                    R"(stroke="{}" stroke-width="1.5" stroke-dasharray="3 2"/>)",
                    missing_stroke),
        "missing: referred to, not in the data");
  if (cluster)
    items.emplace_back(fmt::format(R"(<rect x="0" y="-8" width="22" height="16" rx="8" fill="{}"/>)"
                                   R"(<text x="11" y="3.5" font-size="10" font-weight="bold" )"
                                   R"(fill="#fff" text-anchor="middle">9</text>)",
                                   dk),
                       "nearby events merged (count)");
  for (relation_type t : types) {
    const relation_style st = style_of(t);
    std::string sample;
    if (t == relation_type::part_of) {
      sample =
          fmt::format(R"(<path d="M22,-5 H2 V5 H22" fill="none" stroke="{}" stroke-width="1.3" )"
                      R"(stroke-dasharray="{}"/>)",
                      st.colour, st.dash);
    } else {
      sample = fmt::format(
          R"(<path d="M0,0 H20" fill="none" stroke="{}" stroke-width="1.3"{} )"
          R"~(marker-end="url(#arrow-{})"/>)~",
          st.colour,
          st.dash.empty() ? std::string() : fmt::format(R"( stroke-dasharray="{}")", st.dash),
          to_string(t));
    }
    items.emplace_back(std::move(sample), std::string(st.legend));
  }
  if (!lay.links.empty())
    items.emplace_back(
        fmt::format(R"(<path d="M10,-6 V6" stroke="#8a8a8a" stroke-width="1.2" )"
                    R"(stroke-dasharray="1.5 2"/><circle cx="10" cy="-6" r="4" fill="{0}" )"
                    R"(stroke="{1}"/><circle cx="10" cy="6" r="4" fill="{0}" stroke="{1}" )"
                    R"(opacity="0.5"/>)",
                    c, dk),
        "one event of several actors (title in the first lane)");
  if (lay.axis.segments.size() > 1)
    items.emplace_back(R"(<path d="M5,4 l4,-8 M12,4 l4,-8" stroke="#666" stroke-width="1.5"/>)",
                       "axis break: time skipped");
  std::string notes(note);
  if (lay.relations_not_drawn > 0)
    notes += fmt::format("{}{} relation{} not drawn (inside merged events, or too many)",
                         notes.empty() ? "" : " \xC2\xB7 ", lay.relations_not_drawn,
                         lay.relations_not_drawn == 1 ? "" : "s");

  w.put(R"(<g class="legend" font-size="11" fill="#333">)"
        "\n");
  if (open) {
    w.put(R"(<defs><linearGradient id="legend-fade" x1="0" y1="0" x2="1" y2="0">)"
          R"(<stop offset="0" stop-color="{0}" stop-opacity="0"/>)"
          R"(<stop offset="1" stop-color="{0}" stop-opacity="0.4"/></linearGradient></defs>)"
          "\n",
          c);
  }
  const double left = 20, right = lay.width - 20;
  double x = left, y = top + 14;
  for (const auto& [sample, label] : items) {
    const double wdt = 28 + text_width(label, 11) + 22;
    if (x + wdt > right && x > left) {
      x = left;
      y += 22;
    }
    w.put(R"~(<g transform="translate({:.1f},{:.1f})">{})~", x, y, sample);
    w.put(R"(<text x="28" y="4">)");
    w.text(label);
    w.put("</text></g>\n");
    x += wdt;
  }
  if (!notes.empty()) {
    y += 22;
    w.put(R"(<text x="{:.1f}" y="{:.1f}" fill="#555" font-style="italic">)", left, y + 4);
    w.text(notes);
    w.put("</text>\n");
  }
  w.put("</g>\n");
  return y + 16 - top;
}

}  // namespace eventgraph::detail::timeline
