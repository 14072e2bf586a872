#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "eventgraph/load.hpp"
#include "eventgraph/render.hpp"
#include "render/graphviz/render_graphviz.hpp"
#include "render/image_check.hpp"
#include "support/helpers.hpp"

using namespace eventgraph;

namespace {

const std::string golden_dir = EVENTGRAPH_TEST_DATA "/golden/";
const std::string& seed_file = test::seed;

story load(const std::string& path) {
  return test::load_or_fail(path, {.warnings = false});
}

story load_text(const std::string& yaml) {
  return test::load_text_or_fail(yaml, "test.yaml", {.warnings = false});
}

/// Options without designated initializers (GCC warns about the members left out).
render_options opts(image_format format, time_unit unit = time_unit::automatic,
                    const char* engine = "dot", lane_grouping lanes = lane_grouping::actor) {
  render_options o;
  o.format = format;
  o.unit = unit;
  o.engine = engine;
  o.lanes = lanes;
  return o;
}

std::string dot_of(const story& s, render_options o = {}) {
  o.format = image_format::dot;
  auto r = render(s, o);
  for (const auto& d : r.diagnostics().items()) INFO(format_diagnostic(d));
  REQUIRE(r.ok());
  return r.value();
}

/// The labels of the axis nodes, top to bottom, their lines joined by spaces (the joints of a
/// column's further rows have none).
std::vector<std::string> axis_labels(const std::string& dot) {
  std::vector<std::string> labels;
  std::size_t at = 0;
  while ((at = dot.find("\"_axis", at)) != std::string::npos) {
    const std::size_t line_end = dot.find('\n', at);
    const std::string line = dot.substr(at, line_end - at);
    at = line_end;
    const std::size_t label = line.find("[label=\"");
    if (label == std::string::npos || line.find(" -> ") != std::string::npos) continue;
    const std::size_t start = label + 8;
    std::string text = line.substr(start, line.find('"', start) - start);
    for (std::size_t l; (l = text.find("\\l")) != std::string::npos;)
      text.replace(l, 2, l + 2 == text.size() ? "" : " ");
    labels.push_back(text);
  }
  return labels;
}

/// An event box as Graphviz placed it in SVG (points; y grows downwards).
struct box {
  std::string id;
  double x0, y0, x1, y1;
};

/// The event boxes of a Graphviz SVG, in document order (our DOT's order).
std::vector<box> event_boxes(const std::string& svg) {
  std::vector<box> boxes;
  const std::string mark = "<g id=\"event&#45;";
  for (std::size_t at = 0; (at = svg.find(mark, at)) != std::string::npos;) {
    at += mark.size();
    box b{svg.substr(at, svg.find('"', at) - at), 1e9, 1e9, -1e9, -1e9};
    for (std::size_t h; (h = b.id.find("&#45;")) != std::string::npos;) b.id.replace(h, 5, "-");
    const std::size_t d = svg.find(" d=\"", at) + 4;
    std::istringstream path(svg.substr(d, svg.find('"', d) - d));
    for (char c; path >> c;) {
      if (std::isalpha(static_cast<unsigned char>(c)) == 0) path.putback(c);
      double x = 0, y = 0;
      char comma = 0;
      if (!(path >> x >> comma >> y)) break;
      b.x0 = std::min(b.x0, x), b.x1 = std::max(b.x1, x);
      b.y0 = std::min(b.y0, y), b.y1 = std::max(b.y1, y);
    }
    boxes.push_back(b);
  }
  return boxes;
}

/// The most event boxes any rank of the DOT text holds.
std::size_t boxes_of_row(const std::string& dot) {
  std::size_t most = 0;
  for (std::size_t at = 0; (at = dot.find("{ rank=same; \"_axis", at)) != std::string::npos;) {
    const std::size_t end = dot.find("\n  }", at);
    std::size_t count = 0;
    for (std::size_t e = at; (e = dot.find("[id=\"event-", e)) < end; ++e) ++count;
    most = std::max(most, count);
    at = end;
  }
  return most;
}

/// The drawing's width in points, from the SVG's root.
double svg_width(const std::string& svg) {
  const std::size_t at = svg.find("<svg width=\"") + 12;
  return std::stod(svg.substr(at, svg.find("pt\"", at) - at));
}

/// The label of one event node, as written in the DOT text.
std::string node_label(const std::string& dot, const std::string& id) {
  const std::size_t at = dot.find("\"" + id + "\" [id=");
  REQUIRE(at != std::string::npos);
  const std::size_t start = dot.find("label=\"", at) + 7;
  std::size_t end = start;
  while (dot[end] != '"' || dot[end - 1] == '\\') ++end;
  return dot.substr(start, end - start);
}

/// A story of `count` events, one a day from `first` (EDTF day), by one actor.
std::string daily_story(int count, int days_apart) {
  std::string yaml = "eventgraph: 1\nactors: [{id: a, name: A, kind: person}]\nevents:\n";
  for (int i = 0; i < count; ++i) {
    const int day = i * days_apart;  // days after 2020-01-01, by whole months of 28+ days
    const int year = 2020 + day / 336;
    const int month = 1 + (day % 336) / 28;
    const int dom = 1 + day % 28;
    yaml += "  - {id: e" + std::to_string(i) + ", date: \"" + std::to_string(year) + "-" +
            (month < 10 ? "0" : "") + std::to_string(month) + "-" + (dom < 10 ? "0" : "") +
            std::to_string(dom) + "\", actor: a, title: T}\n";
  }
  return yaml;
}

}  // namespace

TEST_CASE("render_graphviz: golden DOT for a small story") {
  const story s = load(golden_dir + "render-small.yaml");
  const std::string dot = dot_of(s);
  const std::string golden_path = golden_dir + "render-small.dot";
  if (std::getenv("EVENTGRAPH_UPDATE_GOLDEN") != nullptr) std::ofstream(golden_path) << dot;
  CHECK(dot == test::slurp(golden_path));
}

TEST_CASE("render_graphviz: output does not depend on input order") {
  const story s = load(golden_dir + "render-small.yaml");
  // The same story built with the events, their relations and the actors reversed, remapping
  // every index that points at them.
  const auto n = static_cast<event_index>(s.events.size());
  const auto m = static_cast<actor_index>(s.actors.size());
  story reversed;
  reversed.title = s.title;
  reversed.timezone = s.timezone;
  reversed.files = s.files;
  reversed.actors.assign(s.actors.rbegin(), s.actors.rend());
  for (auto& a : reversed.actors)
    for (auto& g : a.member_of) g = m - 1 - g;
  for (event_index i = n; i-- > 0;) {
    event_record e = s.events[i].record();
    for (auto& r : e.relations) r.target = n - 1 - r.target;
    for (auto& a : e.actors) a = m - 1 - a;
    for (auto& a : e.addressees) a = m - 1 - a;
    std::reverse(e.relations.begin(), e.relations.end());
    reversed.add_event(e);
  }
  reversed.finish();
  CHECK(dot_of(reversed) == dot_of(s));
}

TEST_CASE("render_graphviz: imprecise dates sit where documented and say what is known") {
  const std::string dot = dot_of(load(golden_dir + "render-small.yaml"));
  // Start of an interval, own precision; a range after its first day; an open start just
  // before its bound.
  CHECK(axis_labels(dot) == std::vector<std::string>{"2019", "Feb 2026", "Mar 3, 2026",
                                                     "Mar 4 – Mar 6, 2026", "Mar 5, 2026",
                                                     "by Mar 8, 2026"});
  CHECK(node_label(dot, "mayor-reply").rfind("between Mar 4 and Mar 6, 2026\\l", 0) == 0);
  CHECK(node_label(dot, "herald-editorial").rfind("Mar 5, 2026?\\l", 0) == 0);
  CHECK(node_label(dot, "old-lease").rfind("until Mar 8, 2026\\l", 0) == 0);
  CHECK(node_label(dot, "lease-plan").rfind("Feb 2026\\l", 0) == 0);
  // An edge against the axis (a target placed after its responder) never constrains ranks.
  CHECK(dot.find("\"old-lease\" -> \"herald-editorial\" [dir=back, arrowtail=empty, "
                 "color=\"#666666\", style=dashed, penwidth=1.2, tooltip=\"cites\", "
                 "constraint=false];") != std::string::npos);
  // Skipped time is a dashed axis segment, and the legend says so.
  CHECK(dot.find("\"_axis0\" -> \"_axis1\" [style=dashed];") != std::string::npos);
  CHECK(dot.find("\"_axis2_1\" -> \"_axis3\";") != std::string::npos);
  CHECK(dot.find("time without events left out") != std::string::npos);
}

TEST_CASE("render_graphviz: the axis unit follows the span, unless given") {
  // 14 days in a row: one column a day.
  std::string dot = dot_of(load_text(daily_story(14, 1)));
  CHECK(dot.find("one row per day with events") != std::string::npos);
  CHECK(axis_labels(dot).size() == 14);
  // 20 days are more columns than a page shows side by side: weeks.
  dot = dot_of(load_text(daily_story(20, 1)));
  CHECK(dot.find("one row per week with events") != std::string::npos);
  // 60 days in a row: too many columns for days, weeks fit.
  dot = dot_of(load_text(daily_story(60, 1)));
  CHECK(dot.find("one row per week with events") != std::string::npos);
  CHECK(axis_labels(dot).front() == "week of Dec 30, 2019");
  // One event every 28 days for 5 years: months are too many too, years fit.
  dot = dot_of(load_text(daily_story(60, 28)));
  CHECK(dot.find("one row per year with events") != std::string::npos);
  CHECK(axis_labels(dot) == std::vector<std::string>{"2020", "2021", "2022", "2023", "2024"});
  // Given: months.
  dot = dot_of(load_text(daily_story(60, 28)), opts(image_format::dot, time_unit::month));
  CHECK(dot.find("one row per month with events") != std::string::npos);
  CHECK(axis_labels(dot).size() == 60);
  CHECK(axis_labels(dot).front() == "Jan 2020");
  // Coarser than the unit: a year-precision event keeps its year among days.
  dot = dot_of(load(golden_dir + "render-small.yaml"), opts(image_format::dot, time_unit::day));
  CHECK(axis_labels(dot).front() == "2019");
}

TEST_CASE("render_graphviz: a date is wrapped, never cut, and a column keeps date order") {
  const std::string dot = dot_of(load_text(
      "eventgraph: 1\ntimezone: America/New_York\nactors: [{id: a, name: A, kind: person}]\n"
      "events:\n"
      "  - {id: late, date: \"2026-03-02T16:45\", actor: a, title: Late}\n"
      "  - {id: range, date: \"[2026-03-02T09:30..2026-03-02T17:15]\", actor: a, title: R}\n"
      "  - {id: early, date: \"2026-03-02T08:00\", actor: a, title: Early}\n"));
  // The whole date, over lines: both times and the zone are there.
  const std::string label = node_label(dot, "range");
  CHECK(label.find("09:30") != std::string::npos);
  CHECK(label.find("17:15") != std::string::npos);
  CHECK(label.find("\xE2\x80\xA6") == std::string::npos);
  // One day's column: early, range, late, chained in that order by invisible flat edges, two
  // to a row.
  CHECK(dot.find("\"_axis0\" -> \"early\" [style=invis, weight=20];") != std::string::npos);
  CHECK(dot.find("\"early\" -> \"range\" [style=invis, weight=20];") != std::string::npos);
  CHECK(dot.find("\"_axis0_1\" -> \"late\" [style=invis, weight=20];") != std::string::npos);
}

TEST_CASE("render_graphviz: boxes read in date order, rows wrap to fit a column width") {
  const story s = load(EVENTGRAPH_TEST_DATA "/render/bridge-toll-30.yaml");
  for (const double width : {0.0, 600.0, 1200.0}) {
    CAPTURE(width);
    render_options o = opts(image_format::svg);
    o.width = width;
    const auto r = render(s, o);
    REQUIRE(r.ok());
    const std::vector<box> boxes = event_boxes(r.value());
    REQUIRE(boxes.size() == s.events.size());
    // Our DOT lists events in date order; Graphviz keeps it: a box is on the row of the one
    // before it and to its right, or on a row below.
    for (std::size_t k = 1; k < boxes.size(); ++k) {
      const box& a = boxes[k - 1];
      const box& b = boxes[k];
      CAPTURE(a.id);
      CAPTURE(b.id);
      const bool same_row = std::abs((a.y0 + a.y1) - (b.y0 + b.y1)) < 1;
      CHECK((same_row ? b.x0 > a.x1 : (b.y0 + b.y1) > (a.y0 + a.y1)));
    }
    // No box overlaps another.
    for (std::size_t i = 0; i < boxes.size(); ++i)
      for (std::size_t j = i + 1; j < boxes.size(); ++j) {
        const box& a = boxes[i];
        const box& b = boxes[j];
        CHECK_FALSE((a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1));
      }
    // Within the width asked (px at 96 dpi, 0.75 pt each); by default about a print column.
    const double limit = width > 0 ? width * 0.75 : 600;
    CHECK(svg_width(r.value()) <= limit);
  }
  // A row holds what the width leaves room for beside the axis (boxes ~190 pt): one at 600 px,
  // two by default, three at 1200 px.
  render_options narrow = opts(image_format::dot), wide = opts(image_format::dot);
  narrow.width = 600;
  wide.width = 1200;
  CHECK(boxes_of_row(dot_of(s, narrow)) == 1);
  CHECK(boxes_of_row(dot_of(s)) == 2);
  CHECK(boxes_of_row(dot_of(s, wide)) == 3);
}

TEST_CASE("render_graphviz: the axis spans centuries, BCE included") {
  const std::string dot =
      dot_of(load_text("eventgraph: 1\nactors: [{id: a, name: A, kind: person}]\nevents:\n"
                       "  - {id: c, date: \"-0043-03-15\", actor: a, title: T}\n"
                       "  - {id: h, date: \"1066-10-14\", actor: a, title: T}\n"
                       "  - {id: d, date: \"199X\", actor: a, title: T}\n"
                       "  - {id: x, date: \"19XX\", actor: a, title: T}\n"
                       "  - {id: y, date: \"-0099\", actor: a, title: T}\n"
                       "  - {id: e, date: \"2026-02-12\", actor: a, title: T}\n"));
  CHECK(axis_labels(dot) == std::vector<std::string>{"100 BCE", "Mar 15, 44 BCE", "Oct 14, 1066",
                                                     "20th century", "1990s", "Feb 12, 2026"});
  CHECK(node_label(dot, "x").rfind("20th century\\l", 0) == 0);
}

TEST_CASE("render_graphviz: seasons and X digits that span periods sit as ranges") {
  const std::string dot =
      dot_of(load_text("eventgraph: 1\nactors: [{id: a, name: A, kind: person}]\nevents:\n"
                       "  - {id: w, date: \"2001-24\", actor: a, title: T}\n"
                       "  - {id: q, date: \"2002-34\", actor: a, title: T}\n"
                       "  - {id: m, date: \"2002-1X\", actor: a, title: T}\n"
                       "  - {id: d, date: \"2002-11-~05\", actor: a, title: T}\n"),
             opts(image_format::dot, time_unit::month));
  // Winter 2001 and the second quarter span months: each a range column; Oct-Dec 2002 is
  // at year precision, in the year's column.
  CHECK(axis_labels(dot) == std::vector<std::string>{"Dec 2001 \u2013 Feb 2002", "2002",
                                                     "Apr \u2013 Jun 2002", "Nov 2002"});
  CHECK(node_label(dot, "w").rfind("Winter 2001\u20132002\\l", 0) == 0);
  CHECK(node_label(dot, "m").rfind("Oct\u2013Dec 2002\\l", 0) == 0);
  CHECK(node_label(dot, "d").rfind("Nov 5, 2002 (day approximate)\\l", 0) == 0);
}

TEST_CASE("render_graphviz: hostile text stays literal in DOT and in SVG") {
  const story s = load(EVENTGRAPH_TEST_DATA "/render/hostile.json");
  const std::string dot = dot_of(s);
  // Backslash first, then quote: `\N` stays text; controls become spaces; `&` is no entity.
  CHECK(node_label(dot, "evil") ==
        "Feb 12, 2026\\lBack\\\\slash \\\"Q\\\"\\l<script>alert(1)</script>\\l"
        "A \\\\N b \\\\\\\" c \\\"d\\\"\\l<script>alert('x')</script>\\l"
        "&amp;amp; e f g h i \\\\l \\\\G\\l");
  CHECK(dot.find("label=\"Hostile \\\\N title \\\"quoted\\\" <b>bold</b> &amp; \\\\G\\l") !=
        std::string::npos);
  // Only links by the one link rule (no spaces: the second source is text), percent-encoded,
  // `'` too (Graphviz's cairo would end the link there).
  CHECK(dot.find("javascript") == std::string::npos);
  CHECK(dot.find("URL=\"https://example.org/a%27b?x=%221%22&amp;y=%3C2%3E%5CN\"") !=
        std::string::npos);
  CHECK(dot.find("a%20b") == std::string::npos);
  // Labels are never HTML-like or records, and nothing is concentrated.
  CHECK(dot.find("label=<") == std::string::npos);
  CHECK(dot.find("record") == std::string::npos);
  CHECK(dot.find("concentrate") == std::string::npos);

  auto svg = render(s, opts(image_format::svg));
  REQUIRE(svg.ok());
  const std::string& text = svg.value();
  CHECK(text.find("<script") == std::string::npos);
  CHECK(text.find("javascript") == std::string::npos);
  CHECK(text.find(">A \\N b \\&quot; c &quot;d&quot;</text>") != std::string::npos);
  CHECK(text.find(">&amp;amp; e f g h i \\l \\G</text>") != std::string::npos);
  CHECK(text.find(">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</text>") != std::string::npos);
  // Tooltips too (Graphviz expands escapes in them twice).
  CHECK(text.find("xlink:title=\"Tip \\N and \\G and &quot;q&quot; &lt;i&gt;x&lt;/i&gt; &amp; "
                  "&amp;amp;\"") != std::string::npos);
  CHECK(text.find("xlink:href=\"https://example.org/a%27b?x=%221%22&amp;y=%3C2%3E%5CN\"") !=
        std::string::npos);
  CHECK(std::count(text.begin(), text.end(), '\x01') == 0);
}

TEST_CASE("render_graphviz: long titles wrap at 28 characters and end with an ellipsis") {
  std::string title;
  for (int i = 0; i < 40; ++i) title += "word" + std::to_string(i) + " ";
  const std::string huge(100000, 'x');
  const std::string yaml =
      "eventgraph: 1\nactors: [{id: a, name: A, kind: person}]\nevents:\n"
      "  - {id: long, date: \"2026-02-12\", actor: a, title: \"" +
      title + "\"}\n  - {id: huge, date: \"2026-02-12\", actor: a, title: " + huge + "}\n";
  const std::string dot = dot_of(load_text(yaml));
  for (const std::string id : {"long", "huge"}) {
    const std::string label = node_label(dot, id);
    std::vector<std::string> lines;
    for (std::size_t at = 0, end; (end = label.find("\\l", at)) != std::string::npos; at = end + 2)
      lines.push_back(label.substr(at, end - at));
    REQUIRE(lines.size() == 8);  // date, actor, six title lines
    for (const auto& line : lines) {
      const auto chars =
          std::count_if(line.begin(), line.end(), [](char c) { return (c & 0xC0) != 0x80; });
      CHECK(chars <= 28);
    }
    CHECK(lines.back().size() >= 3);
    CHECK(lines.back().substr(lines.back().size() - 3) == "\xE2\x80\xA6");
  }
  CHECK(node_label(dot, "long").find("\\lword0 word1 word2 word3\\l") != std::string::npos);
}

TEST_CASE("render_graphviz: the size guard refuses long layouts, DOT text is never refused") {
  // One event a month for 6 years, and 100 replies in the last month to the first: with a
  // column a month every reply crosses 70 columns.
  std::string yaml = "eventgraph: 1\nactors: [{id: a, name: A, kind: person}]\nevents:\n";
  for (int m = 0; m < 72; ++m)
    yaml += "  - {id: m" + std::to_string(m) + ", date: \"" + std::to_string(2020 + m / 12) + "-" +
            (m % 12 < 9 ? "0" : "") + std::to_string(m % 12 + 1) + "-01\", actor: a, title: T}\n";
  for (int r = 0; r < 100; ++r)
    yaml += "  - {id: r" + std::to_string(r) +
            ", date: \"2025-12-15\", actor: a, title: R, responds_to: [m0]}\n";
  const story s = load_text(yaml);

  auto refused = render(s, opts(image_format::svg, time_unit::month));
  CHECK_FALSE(refused.ok());
  REQUIRE(refused.diagnostics().items().size() == 1);
  const diagnostic& d = refused.diagnostics().items().front();
  CHECK(d.code == "too-large");
  CHECK(d.message ==
        "too large for a Graphviz layout: 172 events in 72 rows, their relations crossing "
        "7000 more, make 7172 layout nodes (limit 5000; dot would take minutes): use the "
        "timeline layout (--layout timeline), a coarser --unit, a selection (--from, --to, "
        "--actor, --around...), or --force");
  // The same as DOT text: nothing to lay out.
  CHECK(render(s, opts(image_format::dot, time_unit::month)).ok());
  // Automatic: the finest unit that is affordable (years: 172 + 100 * 4 layout nodes).
  auto fits = render(s, opts(image_format::svg));
  CHECK(fits.ok());
  CHECK(fits.value().find("one row per year with events") != std::string::npos);
}

TEST_CASE("render_graphviz: SVG, PNG and PDF bytes, from every engine") {
  const story s = load(seed_file);
  auto svg = render(s, opts(image_format::svg));
  REQUIRE(svg.ok());
  CHECK(svg.value().find("<svg") != std::string::npos);
  CHECK(svg.value().find("</svg>") != std::string::npos);
  CHECK(svg.value().find("id=\"event&#45;noem&#45;x&#45;post\"") != std::string::npos);
  auto png = render(s, opts(image_format::png));
  REQUIRE(png.ok());
  CHECK(png.value().rfind("\x89PNG\r\n\x1a\n", 0) == 0);
  auto pdf = render(s, opts(image_format::pdf));
  REQUIRE(pdf.ok());
  CHECK(pdf.value().rfind("%PDF-", 0) == 0);
  const story small = load(golden_dir + "render-small.yaml");
  for (const char* engine : {"neato", "fdp", "sfdp", "circo", "twopi"}) {
    CAPTURE(engine);
    auto other = render(small, opts(image_format::svg, time_unit::automatic, engine));
    REQUIRE(other.ok());
    CHECK(other.value().find("</svg>") != std::string::npos);
  }
}

TEST_CASE("render_graphviz: an unknown engine is a usage error") {
  auto r = render(load(golden_dir + "render-small.yaml"),
                  opts(image_format::svg, time_unit::automatic, "evil\"engine"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.diagnostics().items().front().code == "usage");
  CHECK(r.diagnostics().items().front().message ==
        "unknown Graphviz engine 'evil\"engine' (dot, neato, fdp, sfdp, circo, twopi)");
}

TEST_CASE("render_graphviz: colours by organization with --lanes org") {
  const std::string dot = dot_of(load(seed_file), opts(image_format::dot, time_unit::automatic,
                                                       "dot", lane_grouping::organization));
  auto fill = [&](const std::string& id) {
    const std::string label = "\"" + id + "\" [id=";
    const std::size_t at = dot.find("fillcolor=\"", dot.find(label)) + 11;
    return dot.substr(at, 7);
  };
  // Noem is DHS: her events share the statement's colour; Banks (Border Patrol) does not.
  CHECK(fill("noem-x-post") == fill("dhs-statement-crimes"));
  CHECK(fill("banks-remarks") != fill("noem-x-post"));
  const std::string by_actor = dot_of(load(seed_file));
  CHECK(by_actor != dot);
}

TEST_CASE("render_graphviz: a link with an apostrophe gives a whole PDF") {
  // Graphviz's cairo writes a link as `uri='…'`: a bare `'` ended it, cairo failed, and a 444-byte
  // PDF without its page came back as success.
  const story s = load_text(
      "eventgraph: 1\nactors: [{id: a, name: A, kind: person}]\nevents:\n"
      "  - {id: e, date: \"2026-02-12\", actor: a, title: T,\n"
      "     sources: [{title: s, url: \"https://example.org/a'b\"}]}\n");
  CHECK(dot_of(s).find("URL=\"https://example.org/a%27b\"") != std::string::npos);
  auto pdf = render(s, opts(image_format::pdf));
  REQUIRE(pdf.ok());
  CHECK(detail::image_problem(pdf.value(), image_format::pdf) == std::nullopt);
  CHECK(pdf.value().size() > 1000);
}

TEST_CASE("render_graphviz: images without their content are found") {
  // What Graphviz handed back when cairo failed: a catalog and a page list, no page.
  const std::string blank =
      "%PDF-1.5\n1 0 obj\n<< /Type /Pages\n   /Kids [ 2 0 R ]\n   /Count 1\n>>\nendobj\n"
      "5 0 obj\n<< /Type /Catalog\n   /Pages 1 0 R\n>>\nendobj\ntrailer\n<< /Size 6 >>\n%%EOF\n";
  CHECK(detail::image_problem(blank, image_format::pdf) == "the PDF has no page");
  CHECK(detail::image_problem("", image_format::pdf) == "the PDF is empty");
  CHECK(detail::image_problem("%PDF-1.5\n/Type /Page\n", image_format::pdf) ==
        "the PDF is cut short");
  CHECK(detail::image_problem("", image_format::png) == "the PNG is empty");
  CHECK(detail::image_problem("\x89PNG\r\n\x1a\nIHDR", image_format::png) ==
        "the PNG is cut short");
  CHECK(detail::image_problem("GIF89a", image_format::png) == "the PNG has no PNG signature");
  auto png = render(load(golden_dir + "render-small.yaml"), opts(image_format::png));
  REQUIRE(png.ok());
  CHECK(detail::image_problem(png.value(), image_format::png) == std::nullopt);
}

TEST_CASE("render_graphviz: characters XML forbids are dropped from labels and tooltips") {
  const story s = load(EVENTGRAPH_TEST_DATA "/render/forbidden-xml.yaml");
  render_options o = opts(image_format::dot);
  o.title = "Bad \xEF\xBF\xBE \xEF\xBF\xBF \xC2\x85 \xFF\xFE \xC0\xAF end";
  const std::string dot = dot_of(s, o);
  for (const std::string bad :
       {"\xEF\xBF\xBE", "\xEF\xBF\xBF", "\xC2\x85", "\xC2\x9B", "\xFF", "\xC0"})
    CHECK_MESSAGE(dot.find(bad) == std::string::npos, "byte " << bad);
  CHECK(dot.find("label=\"Bad end\\l") != std::string::npos);
  CHECK(node_label(dot, "e").find("\\lE\\l") != std::string::npos);
  auto svg = render(s, opts(image_format::svg));
  REQUIRE(svg.ok());
  CHECK(svg.value().find("\xEF\xBF\xBE") == std::string::npos);
}

TEST_CASE("render_graphviz: over the size limit, refused before any DOT is written") {
  // 5,001 events of one day: a single column, and more layout nodes than the limit.
  std::string yaml = "eventgraph: 1\nactors: [{id: a, name: A, kind: person}]\nevents:\n";
  for (std::size_t i = 0; i <= detail::graphviz_layout_limit; ++i)
    yaml += "  - {id: e" + std::to_string(i) + ", date: \"2026-02-12\", actor: a, title: T}\n";
  const story s = load_text(yaml);
  const std::size_t written = detail::dot_texts_written();
  auto refused = render(s, opts(image_format::svg));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.diagnostics().items().front().message ==
        "too large for a Graphviz layout: 5001 events in 1 row, their relations crossing 0 "
        "more, make 5001 layout nodes (limit 5000; dot would take minutes): use the timeline "
        "layout (--layout timeline), a coarser --unit, a selection (--from, --to, --actor, "
        "--around...), or --force");
  CHECK(detail::dot_texts_written() == written);
  // DOT text is never refused, and is what counts as written.
  CHECK(render(s, opts(image_format::dot)).ok());
  CHECK(detail::dot_texts_written() == written + 1);
}

TEST_CASE("render_graphviz: one table of engines, checked by the renderer") {
  const auto engines = graphviz_engines();
  REQUIRE(engines.size() == 6);
  CHECK(engines.front() == "dot");
  const story small = load(golden_dir + "render-small.yaml");
  for (const std::string_view engine : engines) {
    render_options o = opts(image_format::dot);
    o.engine = std::string(engine);
    CHECK_MESSAGE(render(small, o).ok(), engine);
  }
  // The CLI offers the same list.
  const auto dir = test::fresh_dir("render-engines");
  for (const std::string_view engine : engines) {
    const test::outcome r = test::run_cli({"render", golden_dir + "render-small.yaml", "--engine",
                                           std::string(engine), "-o", (dir / "x.dot").string()});
    CHECK_MESSAGE(r.status == 0, engine << ": " << r.err);
  }
  CHECK(test::run_cli({"render", golden_dir + "render-small.yaml", "--engine", "nop", "-o",
                       (dir / "x.dot").string()})
            .status == 2);
}

TEST_CASE("render_graphviz: a story without events is an empty diagram, not a crash") {
  const story s = load_text("eventgraph: 1\ntitle: Nothing yet\nevents: []\n");
  const std::string dot = dot_of(s);
  CHECK(dot.find("0 events") != std::string::npos);
  CHECK(axis_labels(dot).empty());
  const auto svg = render(s, opts(image_format::svg));
  REQUIRE(svg.ok());
  CHECK(svg.value().find("Nothing yet") != std::string::npos);
}
