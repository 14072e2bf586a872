// The native timeline as SVG (then PNG or PDF through svg_raster): text stays text, every event
// is a group with its id and a tooltip, only http(s) sources become links, all user text escaped.

#include "render/timeline/render_timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <limits>
#include <set>
#include <span>
#include <string_view>
#include <utility>

#include "render/timeline/svg_raster.hpp"
#include "render/timeline/timeline_layout.hpp"

namespace eventgraph::detail {
namespace {

using namespace timeline;

constexpr std::string_view font_stack = "DejaVu Sans, Liberation Sans, Arial, sans-serif";

// Lane colours (Tableau 10, reordered) and a darker shade of each for outlines and text.
constexpr std::array<std::string_view, 10> palette = {"#4e79a7", "#f28e2b", "#59a14f", "#b07aa1",
                                                      "#76b7b2", "#9c755f", "#e15759", "#edc948",
                                                      "#ff9da7", "#8c8c8c"};
constexpr std::array<std::string_view, 10> palette_dark = {
    "#2c5480", "#b8600e", "#3a7333", "#80507a", "#3f837e",
    "#6e4f3d", "#a9303a", "#a88a14", "#c2576a", "#5c5c5c"};

struct relation_style {
  std::string_view colour;
  std::string_view dash;  // empty: solid
  std::string_view legend;
};

relation_style style_of(relation_type t) {
  switch (t) {
    case relation_type::responds_to:
      return {"#3d3d3d", "", "responds to"};
    case relation_type::rebuts:
      return {"#c0392b", "", "rebuts"};
    case relation_type::supports:
      return {"#2e7d32", "", "supports"};
    case relation_type::follows_up:
      return {"#1f5fa8", "7 3", "follows up"};
    case relation_type::repeats:
      return {"#7b3fa0", "2 3", "repeats"};
    case relation_type::cites:
      return {"#8a6d3b", "1.5 3", "cites"};
    case relation_type::part_of:
      return {"#6b6b6b", "4 3", "part of"};
  }
  return {"#3d3d3d", "", "relates to"};
}

// ---------------------------------------------------------------------------------------------
// Escaping

/// Appends text escaped for XML content and attribute values: & < > " ' as entities; control
/// characters (forbidden in XML 1.0), U+FFFE/U+FFFF and malformed UTF-8 removed.
void escape(std::string& out, std::string_view text, bool keep_newlines = false) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&apos;";
          break;
        case '\n':
          if (keep_newlines)
            out += '\n';
          else
            out += ' ';
          break;
        case '\t':
          out += ' ';
          break;
        default:
          if (c >= 0x20 && c != 0x7F) out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    // A well-formed multi-byte sequence is copied; anything else is dropped byte by byte.
    const std::size_t len = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len != 0 && i + len <= text.size();
    char32_t cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; ok && k < len; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      ok = (b & 0xC0) == 0x80;
      cp = (cp << 6) | (b & 0x3F);
    }
    if (ok) {
      const bool overlong =
          (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
      const bool forbidden = (cp >= 0x80 && cp < 0xA0) || (cp >= 0xD800 && cp < 0xE000) ||
                             cp == 0xFFFE || cp == 0xFFFF || cp > 0x10FFFF;
      ok = !overlong && !forbidden;
    }
    if (ok) {
      out.append(text.substr(i, len));
      i += len;
    } else {
      ++i;
    }
  }
}

/// Only http(s) URLs become links; nothing with spaces or control characters.
bool linkable(std::string_view url) {
  auto starts = [&](std::string_view prefix) {
    if (url.size() <= prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      char c = url[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != prefix[i]) return false;
    }
    return true;
  };
  if (!starts("http://") && !starts("https://")) return false;
  if (url.size() > 4096) return false;
  return std::none_of(url.begin(), url.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7F;
  });
}

// ---------------------------------------------------------------------------------------------
// Writing

struct writer {
  const story& s;
  const layout& lay;
  std::string out;

  template <typename... Args>
  void put(fmt::format_string<Args...> f, Args&&... args) {
    fmt::format_to(std::back_inserter(out), f, std::forward<Args>(args)...);
  }
  void text(std::string_view t) { escape(out, t); }

  [[nodiscard]] std::string_view colour(std::uint32_t lane) const {
    return palette[lay.lanes[lane].colour % palette.size()];
  }
  [[nodiscard]] std::string_view dark(std::uint32_t lane) const {
    return palette_dark[lay.lanes[lane].colour % palette.size()];
  }
};

std::string actor_names(const story& s, std::span<const actor_index> actors) {
  std::string names;
  for (actor_index a : actors) {
    if (a >= s.actors.size()) continue;
    if (!names.empty()) names += ", ";
    names += s.actors[a].name.empty() ? s.actors[a].id : s.actors[a].name;
  }
  return names;
}

/// The tooltip: date as readers say it, title, actors, summary, first source.
std::string tooltip(const story& s, const event& e) {
  std::string t = describe_date(e.date(), e.timezone());
  t += " \xE2\x80\x94 ";
  t += e.title().empty() ? e.id() : e.title();
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
  return t;
}

std::string_view first_link(const event& e) {
  for (const source& src : e.sources())
    if (linkable(src.url)) return src.url;
  return {};
}

std::string fmt_span(const layout& lay, std::string_view zone) {
  if (!lay.have_span) return "";
  const std::string a = natural_date(lay.first, zone, false);
  const std::string b = natural_date(lay.last, zone, true);
  return a == b ? a : a + " \xE2\x80\x93 " + b;
}

/// Gradient ids by kind: fuzzy (both ends soft), fade-left, fade-right, fade-both.
enum class fill_kind : std::uint8_t { fuzzy, fade_left, fade_right, fade_both };

fill_kind kind_of(const mark& mk) {
  if (mk.fade_left && mk.fade_right) return fill_kind::fade_both;
  if (mk.fade_left) return fill_kind::fade_left;
  if (mk.fade_right) return fill_kind::fade_right;
  return fill_kind::fuzzy;
}

std::string_view kind_name(fill_kind k) {
  switch (k) {
    case fill_kind::fuzzy:
      return "fuzzy";
    case fill_kind::fade_left:
      return "fade-left";
    case fill_kind::fade_right:
      return "fade-right";
    case fill_kind::fade_both:
      return "fade-both";
  }
  return "fuzzy";
}

bool uses_gradient(const mark& mk) {
  return (mk.shape == mark_shape::range) ||
         (mk.shape == mark_shape::bar && (mk.fade_left || mk.fade_right));
}

void write_defs(writer& w) {
  std::set<std::pair<std::uint32_t, fill_kind>> gradients;
  std::set<relation_type> types;
  for (const mark& mk : w.lay.marks)
    if (uses_gradient(mk))
      gradients.insert({w.lay.lanes[mk.lane].colour % palette.size(), kind_of(mk)});
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

struct title_block {
  std::vector<std::string> title_lines;
  std::string subtitle;
  std::string source_line;
  std::string source_url;
  double height = 0;
};

title_block make_title(const story& s, const render_options& options, double width) {
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
  if (!s.sources.empty()) {
    std::string line = s.sources.size() == 1 ? "Source: " : "Sources: ";
    const std::size_t shown = std::min<std::size_t>(3, s.sources.size());
    for (std::size_t i = 0; i < shown; ++i) {
      if (i > 0) line += "; ";
      line += s.sources[i].title.empty() ? s.sources[i].url : s.sources[i].title;
      if (!s.sources[i].publisher.empty()) line += ", " + s.sources[i].publisher;
    }
    if (s.sources.size() > shown) line += fmt::format(" (+{} more)", s.sources.size() - shown);
    tb.source_line = fit_text(line, 11, width);
    if (linkable(s.sources.front().url)) tb.source_url = s.sources.front().url;
  }
  tb.height = 24 + 26 * static_cast<double>(tb.title_lines.size()) + 18 +
              (tb.source_line.empty() ? 0 : 16) + 12;
  return tb;
}

void write_title(writer& w, const title_block& tb, const render_options& options, const story& s) {
  const layout& lay = w.lay;
  w.put(R"(<g class="title-block">)"
        "\n");
  double y = 24 + 20;
  for (const auto& line : tb.title_lines) {
    w.put(R"(<text x="20" y="{:.1f}" font-size="20" font-weight="bold" fill="#1a1a1a">)", y);
    w.text(line);
    w.put("</text>\n");
    y += 26;
  }
  std::string sub = fmt_span(lay, s.timezone);
  const std::size_t n = s.events.size();
  sub += fmt::format("{}{} event{}", sub.empty() ? "" : " \xC2\xB7 ", n, n == 1 ? "" : "s");
  sub += fmt::format(" \xC2\xB7 {} lane{} ({})", lay.lanes.size(), lay.lanes.size() == 1 ? "" : "s",
                     options.lanes == lane_grouping::organization ? "organizations" : "actors");
  if (!s.timezone.empty()) sub += " \xC2\xB7 dates in " + s.timezone;
  y -= 6;
  w.put(R"(<text x="20" y="{:.1f}" font-size="12" fill="#444">)", y);
  w.text(sub);
  w.put("</text>\n");
  if (!tb.source_line.empty()) {
    y += 16;
    if (!tb.source_url.empty()) {
      w.put(R"(<a href=")");
      w.text(tb.source_url);
      w.put(R"(">)");
    }
    w.put(R"(<text x="20" y="{:.1f}" font-size="11" fill="#555" font-style="italic">)", y);
    w.text(tb.source_line);
    w.put("</text>");
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
    const double block =
        static_cast<double>(ln.label_lines.size()) * 15 + (ln.detail.empty() ? 0 : 13);
    double y = ln.y + (ln.height - block) / 2 + 11;
    w.put(R"(<text class="lane-label" x="18" y="{:.1f}" font-size="12" font-weight="bold" )"
          R"(fill="#1a1a1a">)",
          y);
    for (std::size_t i = 0; i < ln.label_lines.size(); ++i) {
      if (i == 0) {
        w.text(ln.label_lines[i]);
      } else {
        w.put(R"(<tspan x="18" dy="15">)");
        w.text(ln.label_lines[i]);
        w.put("</tspan>");
      }
    }
    w.put("</text>");
    y += static_cast<double>(ln.label_lines.size()) * 15 - 2;
    if (!ln.detail.empty()) {
      w.put(R"(<text x="18" y="{:.1f}" font-size="10" fill="#555">)", y);
      w.text(ln.detail);
      w.put("</text>");
    }
    w.put("\n");
  }
  w.put("</g>\n");
}

void write_axis(writer& w) {
  const layout& lay = w.lay;
  const metrics& m = lay.m;
  const double axis_y = lay.plot_top;
  w.put(R"(<g class="axis" font-size="11" fill="#333">)"
        "\n");
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
  (void)m;
  w.put("</g>\n");
}

void write_arrows(writer& w) {
  const layout& lay = w.lay;
  const double r = lay.m.marker_radius;
  if (lay.arrows.empty()) return;
  w.put(R"(<g class="relations" fill="none">)"
        "\n");
  for (const arrow& a : lay.arrows) {
    const mark& from = lay.marks[a.from];
    const mark& to = lay.marks[a.to];
    const relation_style st = style_of(a.type);
    const double width = std::min(1.3 + 0.4 * static_cast<double>(a.count - 1), 4.0);
    const double to_left = to.shape == mark_shape::point ? to.x0 - r - 1.5 : to.x0 - 1.5;
    std::string d;
    const double to_x = to.shape == mark_shape::point ? to.x0 : (to.x0 + to.x1) / 2;
    if (a.type == relation_type::part_of && from.shape != mark_shape::point &&
        from.shape != mark_shape::cluster && to.shape == mark_shape::point && to_x > from.x0 + 2 &&
        to_x < from.x1 - 2) {
      // The part lies within its whole's extent: a short vertical tie between them.
      const double dir = from.y > to.y ? 1 : -1;
      d = fmt::format("M{:.1f},{:.1f} V{:.1f}", to_x, to.y + dir * r, from.y - dir * 6);
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
                        sy + dir * (from.shape == mark_shape::point ? r : 6), sx,
                        sy + (ey - sy) * 0.65, ex - pull, ey, ex, ey);
      }
    }
    w.put(R"(<path class="relation {}" d="{}" stroke="{}" stroke-width="{:.1f}")",
          to_string(a.type), d, st.colour, width);
    if (!st.dash.empty()) w.put(R"( stroke-dasharray="{}")", st.dash);
    if (a.type != relation_type::part_of)
      w.put(R"~( marker-end="url(#arrow-{})")~", to_string(a.type));
    if (a.count == 1 && from.shape != mark_shape::cluster && to.shape != mark_shape::cluster) {
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
    } else {
      w.put(R"(><title>{} relation{} ({}) between merged events</title></path>)"
            "\n",
            a.count, a.count == 1 ? "" : "s", st.legend);
    }
  }
  w.put("</g>\n");
}

void write_label(writer& w, const mark& mk) {
  const double fs = w.lay.m.label_font;
  w.put(R"(<text x="{:.1f}" y="{:.1f}" font-size="{}" fill="#1a1a1a" stroke="#ffffff" )"
        R"(stroke-width="3" stroke-linejoin="round" paint-order="stroke">)",
        mk.label_x, mk.y + 4, fs);
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

void write_marks(writer& w) {
  const layout& lay = w.lay;
  const story& s = w.s;
  const double r = lay.m.marker_radius;
  w.put(R"(<g class="events">)"
        "\n");
  for (const mark& mk : lay.marks) {
    if (mk.shape == mark_shape::cluster) {
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
      w.put(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="16" rx="8" fill="{}"/>)", mk.x0,
            mk.y - 8, mk.x1 - mk.x0, w.dark(mk.lane));
      w.put(R"(<text x="{:.1f}" y="{:.1f}" font-size="10" font-weight="bold" fill="#ffffff" )"
            R"(text-anchor="middle">{}</text></g>)"
            "\n",
            (mk.x0 + mk.x1) / 2, mk.y + 3.5, mk.count);
      continue;
    }
    const event e = s.events[mk.event];
    const std::string_view link = first_link(e);
    if (!link.empty()) {
      w.put(R"(<a href=")");
      w.text(link);
      w.put(R"(">)");
    }
    w.put(R"(<g class="event")");
    if (mk.primary) {
      w.put(R"( id="event-)");
      w.text(e.id());
      w.put(R"(")");
    }
    w.put(R"( data-event=")");
    w.text(e.id());
    w.put(R"("><title>)");
    escape(w.out, tooltip(s, e), true);
    w.put("</title>");
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
        const double height = mk.shape == mark_shape::bar ? 12 : 12;
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
        // A firm end gets a tick: where the bar really starts or ends.
        if (mk.shape == mark_shape::bar) {
          if (!mk.fade_left)
            w.put(R"(<line x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}" stroke="{3}" )"
                  R"(stroke-width="2"/>)",
                  mk.x0 + 1, mk.y - 6, mk.y + 6, w.dark(mk.lane));
          if (!mk.fade_right)
            w.put(R"(<line x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}" stroke="{3}" )"
                  R"(stroke-width="2"/>)",
                  mk.x1 - 1, mk.y - 6, mk.y + 6, w.dark(mk.lane));
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
  w.put("</g>\n");
}

/// The legend, below the plot, in rows that wrap at the drawing's width. Returns its height.
double write_legend(writer& w, double top) {
  const layout& lay = w.lay;
  std::vector<std::pair<std::string, std::string>> items;  // sample svg, text
  std::set<relation_type> types;                           // only what the plot shows
  for (const arrow& a : lay.arrows) types.insert(a.type);
  bool point = false, uncertain = false, bar = false, range = false, open = false, cluster = false;
  for (const mark& mk : lay.marks) {
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
  if (open)
    items.emplace_back(fmt::format(R"(<rect x="0" y="-6" width="22" height="12" rx="3" )"
                                   R"~(fill="url(#legend-fade)"/>)~"),
                       "open-ended: no known start or end");
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
  if (lay.axis.segments.size() > 1)
    items.emplace_back(R"(<path d="M5,4 l4,-8 M12,4 l4,-8" stroke="#666" stroke-width="1.5"/>)",
                       "axis break: time skipped");
  std::string notes;
  if (lay.relations_not_drawn > 0)
    notes = fmt::format("{} relation{} not drawn (inside merged events, or too many)",
                        lay.relations_not_drawn, lay.relations_not_drawn == 1 ? "" : "s");

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

/// The timeline as SVG text; PNG and PDF are drawn from it.
std::string timeline_svg(const story& s, const render_options& options) {
  const metrics m;
  const title_block tb = make_title(s, options, m.plot_width + m.max_gutter - 40);
  const double axis_top = tb.height + 40;
  const layout lay = compute_layout(s, options, axis_top, m);
  writer w{s, lay, {}};
  w.out.reserve(4096 + lay.marks.size() * 600);

  const double legend_top = lay.plot_bottom + 14;
  // The legend's height is known only once written: write it to a side buffer first.
  writer legend{s, lay, {}};
  const double legend_height = write_legend(legend, legend_top);
  const double height = legend_top + legend_height + 8;

  w.put(R"(<?xml version="1.0" encoding="UTF-8"?>)"
        "\n");
  w.put(R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0:.0f}" height="{1:.0f}" )"
        R"(viewBox="0 0 {0:.0f} {1:.0f}" font-family="{2}" class="eventgraph-timeline">)"
        "\n",
        std::ceil(lay.width), std::ceil(height), font_stack);
  w.put("<title>");
  w.text(!options.title.empty() ? options.title : s.title);
  w.put("</title>\n");
  if (!s.description.empty()) {
    w.put("<desc>");
    w.text(s.description);
    w.put("</desc>\n");
  }
  write_defs(w);
  w.put(R"(<rect x="0" y="0" width="100%" height="100%" fill="#ffffff"/>)"
        "\n");
  write_title(w, tb, options, s);
  write_lanes(w);
  write_axis(w);
  write_arrows(w);
  write_marks(w);
  w.out += legend.out;
  w.put("</svg>\n");
  return std::move(w.out);
}

}  // namespace

result<std::string> render_timeline(const story& s, const render_options& options) {
  switch (options.format) {
    case image_format::svg:
      return timeline_svg(s, options);
    case image_format::png:
      return svg_to_png(timeline_svg(s, options), 2.0);
    case image_format::pdf:
      return svg_to_pdf(timeline_svg(s, options));
    case image_format::dot:
      break;
  }
  diagnostic_list d;
  d.error({}, "format",
          "the timeline layout writes SVG, PNG or PDF; DOT is for the graphviz layout "
          "(--layout graphviz)");
  return d;
}

}  // namespace eventgraph::detail
