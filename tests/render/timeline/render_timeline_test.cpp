#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "eventgraph/load.hpp"
#include "eventgraph/render.hpp"
#include "render/image_check.hpp"
#include "render/timeline/render_timeline.hpp"
#include "render/timeline/svg_writer.hpp"
#include "render/timeline/timeline_layout.hpp"
#include "support/helpers.hpp"

using namespace eventgraph;
namespace tl = eventgraph::detail::timeline;

namespace {

/// A story from (date, actors, title) triples; actors are created as needed.
story make_story(const std::vector<std::tuple<std::string, std::string, std::string>>& events,
                 const std::string& timezone = "UTC", const std::string& extra = "") {
  std::set<std::string> actors;
  for (const auto& [date, who, title] : events) {
    std::stringstream ss(who);
    std::string a;
    while (std::getline(ss, a, ',')) actors.insert(a);
  }
  std::string y = "eventgraph: 1\ntitle: Test\ntimezone: " + timezone + "\nactors:\n";
  for (const auto& a : actors) y += "  - {id: " + a + ", name: Actor " + a + ", kind: person}\n";
  y += "events:\n";
  int i = 0;
  for (const auto& [date, who, title] : events) {
    y += "  - id: e" + std::to_string(i++) + "\n    date: \"" + date + "\"\n    actors: [" + who +
         "]\n    title: \"" + title + "\"\n";
  }
  y += extra;
  return test::load_text_or_fail(y);
}

render_options timeline_options(image_format f = image_format::svg) {
  render_options o;
  o.layout = render_layout::timeline;
  o.format = f;
  return o;
}

std::string svg_of(const story& s, render_options o = timeline_options()) {
  auto r = detail::render_timeline(s, o);
  REQUIRE(r.ok());
  return r.value();
}

std::vector<std::string> labels(const std::vector<tl::axis_tick>& ticks) {
  std::vector<std::string> out;
  for (const auto& t : ticks) out.push_back(t.label);
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::int64_t at(const char* edtf, const char* zone = "UTC") {
  auto r = parse_date(edtf, zone);
  REQUIRE(r.time);
  return r.time->earliest.time_since_epoch().count();
}

/// Ticks never collide: each label's estimated box is clear of the next one's.
void check_ticks_apart(const tl::time_axis& axis) {
  for (std::size_t i = 1; i < axis.ticks.size(); ++i) {
    const auto& a = axis.ticks[i - 1];
    const auto& b = axis.ticks[i];
    CHECK(b.x > a.x);
    CHECK(b.x - a.x >= (tl::text_width(a.label, 11) + tl::text_width(b.label, 11)) / 2);
  }
}

/// A small well-formedness check: tags nest and close, attributes are quoted, `&` starts an
/// entity, no `<` in text, no control characters. (xmllint checks the golden files too.)
std::string xml_problem(const std::string& x) {
  std::vector<std::string> stack;
  std::size_t i = x.find("?>");
  if (x.rfind("<?xml", 0) != 0 || i == std::string::npos) return "no XML declaration";
  i += 2;
  static const std::regex entity("^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);");
  while (i < x.size()) {
    const auto c = static_cast<unsigned char>(x[i]);
    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') return "control character";
    if (c == '&') {
      if (!std::regex_search(x.begin() + static_cast<std::ptrdiff_t>(i), x.end(), entity))
        return "bare & at " + std::to_string(i);
      ++i;
      continue;
    }
    if (c != '<') {
      ++i;
      continue;
    }
    const std::size_t end = x.find('>', i);
    if (end == std::string::npos) return "unclosed tag";
    std::string tag = x.substr(i + 1, end - i - 1);
    if (tag.find('<') != std::string::npos) return "< inside a tag";
    // Attribute values: quotes balanced, no raw < or & without entity.
    if (std::count(tag.begin(), tag.end(), '"') % 2 != 0) return "unbalanced quotes: " + tag;
    if (tag.front() == '/') {
      const std::string name = tag.substr(1);
      if (stack.empty() || stack.back() != name) return "mismatched </" + name + ">";
      stack.pop_back();
    } else if (tag.back() != '/') {
      stack.push_back(tag.substr(0, tag.find_first_of(" \n")));
    }
    i = end + 1;
  }
  return stack.empty() ? "" : "unclosed <" + stack.back() + ">";
}

/// The SVG's structure for golden files: numbers in attributes become N, so geometry tweaks
/// do not churn the golden file but every element, id, class and text does count.
std::string structure(const std::string& svg) {
  static const std::regex geometry(
      R"re( (x|y|x1|y1|x2|y2|cx|cy|r|rx|width|height|d|dy|viewBox|transform|stroke-width)="[^"]*")re");
  const std::string out = std::regex_replace(svg, geometry, " $1=\"N\"");
  // One element per line reads better in a diff.
  return std::regex_replace(out, std::regex("><"), ">\n<");
}

void check_golden(const std::string& actual, const std::string& name) {
  const std::string path = std::string(EVENTGRAPH_TEST_DATA) + "/golden/" + name;
  if (std::getenv("EVENTGRAPH_UPDATE_GOLDEN")) {
    test::write_file(path, actual);
  }
  const std::string expected = test::slurp(path);
  REQUIRE_MESSAGE(!expected.empty(),
                  "missing golden file " << path << " (EVENTGRAPH_UPDATE_GOLDEN=1)");
  CHECK(actual == expected);
}

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

/// No label box overlaps another label or any marker but its own bar (a label inside its bar).
void check_no_overlaps(const tl::layout& lay) {
  for (std::size_t i = 0; i < lay.marks.size(); ++i) {
    const auto& a = lay.marks[i];
    const tl::box ma = a.marker_box(lay.m);
    CHECK(ma.x0 >= 0);
    CHECK(ma.x1 <= lay.width);
    if (a.label_width <= 0) continue;
    const tl::box la = a.label_box(lay.m);
    CHECK(la.x0 >= 0);
    CHECK(la.x1 <= lay.width);
    if (!a.label_inside) CHECK(!la.overlaps(ma));
    for (std::size_t j = 0; j < lay.marks.size(); ++j) {
      if (j == i) continue;
      const auto& b = lay.marks[j];
      CHECK_MESSAGE(!la.overlaps(b.marker_box(lay.m)), "label " << i << " over marker " << j);
      if (b.label_width > 0 && j > i)
        CHECK_MESSAGE(!la.overlaps(b.label_box(lay.m)), "labels " << i << " and " << j);
    }
  }
  // Markers do not overlap each other either, except bars under a label inside them.
  for (std::size_t i = 0; i < lay.marks.size(); ++i)
    for (std::size_t j = i + 1; j < lay.marks.size(); ++j)
      CHECK(!lay.marks[i].marker_box(lay.m).overlaps(lay.marks[j].marker_box(lay.m)));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Axis

TEST_CASE("render_timeline: ticks over hours") {
  const tl::time_axis axis =
      tl::make_axis({at("2026-02-12T08:00"), at("2026-02-12T17:30")}, 0, 1000, "UTC", true);
  REQUIRE(axis.segments.size() == 1);
  const auto l = labels(axis.ticks);
  CHECK(contains(l, "12:00"));
  CHECK(contains(labels(axis.context), "Feb 12, 2026"));
  check_ticks_apart(axis);
}

TEST_CASE("render_timeline: ticks over days and months, in the story's zone") {
  const tl::time_axis days = tl::make_axis(
      {at("2026-02-03", "America/Los_Angeles"), at("2026-02-17", "America/Los_Angeles")}, 0, 1000,
      "America/Los_Angeles", true);
  CHECK(contains(labels(days.ticks), "12"));
  CHECK(contains(labels(days.context), "February 2026"));
  // Day ticks fall on local midnight (08:00 UTC in February in Los Angeles).
  for (const auto& t : days.ticks) CHECK((t.t - 8 * 3600) % 86400 == 0);
  check_ticks_apart(days);

  const tl::time_axis months =
      tl::make_axis({at("2025-03-10"), at("2026-01-20")}, 0, 1000, "UTC", true);
  CHECK(contains(labels(months.ticks), "Jun"));
  CHECK(contains(labels(months.context), "2026"));
  check_ticks_apart(months);
}

TEST_CASE("render_timeline: one axis never mixes long and short month names") {
  const std::vector<std::string> full = {"January", "February", "March",   "April",
                                         "June",    "July",     "August",  "September",
                                         "October", "November", "December"};
  std::size_t mixed_forms_seen = 0;
  for (double width = 150; width <= 2400; width += 25) {
    CAPTURE(width);
    const tl::time_axis axis =
        tl::make_axis({at("2022-02-01"), at("2022-06-20")}, 0, width, "UTC", false);
    std::size_t long_forms = 0, short_forms = 0;
    for (const auto& t : axis.context) {
      if (t.label.rfind("May ", 0) == 0) continue;  // both forms
      const bool is_full = std::any_of(full.begin(), full.end(), [&](const std::string& m) {
        return t.label.rfind(m + " ", 0) == 0;
      });
      ++(is_full ? long_forms : short_forms);
    }
    if (long_forms > 0 && axis.context.size() > 1) ++mixed_forms_seen;
    std::string all;
    for (const auto& t : axis.context) all += t.label + "; ";
    CHECK_MESSAGE((long_forms == 0 || short_forms == 0), all);
  }
  CHECK(mixed_forms_seen > 0);  // some widths do use the long names
}

TEST_CASE("render_timeline: no tick finer than the story's dates") {
  auto tick_labels = [](const story& s) {
    return labels(tl::compute_layout(s, timeline_options(), 100).axis.ticks);
  };
  // Days only, three of them: day ticks, never hours.
  const auto days =
      tick_labels(make_story({{"2026-02-06", "a", "One"}, {"2026-02-09", "a", "Two"}}));
  CHECK(contains(days, "7"));
  for (const auto& l : days) CHECK(l.find(':') == std::string::npos);
  // The same span with a time in it may show hours.
  const auto hours =
      tick_labels(make_story({{"2026-02-06T09:00", "a", "One"}, {"2026-02-06T17:00", "a", "Two"}}));
  CHECK(std::any_of(hours.begin(), hours.end(),
                    [](const std::string& l) { return l.find(':') != std::string::npos; }));
}

TEST_CASE("render_timeline: ticks over years and centuries") {
  const tl::time_axis years = tl::make_axis({at("1990"), at("2026")}, 0, 1000, "UTC", true);
  CHECK(contains(labels(years.ticks), "2000"));
  CHECK(years.context.empty());
  check_ticks_apart(years);

  const tl::time_axis centuries = tl::make_axis({at("0800"), at("1900")}, 0, 1000, "UTC", true);
  CHECK(contains(labels(centuries.ticks), "1000"));
  for (const auto& t : centuries.ticks) CHECK(std::stoi(t.label) % 50 == 0);  // round years
  check_ticks_apart(centuries);
}

TEST_CASE("render_timeline: BCE ticks count back from 1 BCE") {
  const tl::time_axis axis = tl::make_axis({at("-0499"), at("0300")}, 0, 1000, "UTC", true);
  const auto l = labels(axis.ticks);
  CHECK(contains(l, "100 BCE"));  // astronomical year -99
  CHECK(contains(l, "200 CE"));
  CHECK(!contains(l, "0 BCE"));
  for (const auto& t : axis.ticks)
    if (t.label == "100 BCE") CHECK(t.t == at("-0099"));
  check_ticks_apart(axis);
}

TEST_CASE("render_timeline: long empty gaps become breaks") {
  const std::int64_t end_2019 = at("2020") - 1;
  const std::vector<std::int64_t> keys = {at("2019"),       end_2019,         at("2026-02-05"),
                                          at("2026-02-06"), at("2026-02-10"), at("2026-02-12")};
  // The year 2019 is one event's date: never cut inside it.
  const tl::time_axis compressed =
      tl::make_axis(keys, 0, 1000, "UTC", true, {}, {{at("2019"), end_2019}});
  REQUIRE(compressed.segments.size() == 2);
  // February gets most of the width; 2019 keeps one tick naming it.
  CHECK(compressed.segments[1].x1 - compressed.segments[1].x0 > 600);
  CHECK(
      (contains(labels(compressed.ticks), "2019") || contains(labels(compressed.context), "2019")));
  CHECK(compressed.x(at("2026-02-12")) - compressed.x(at("2026-02-05")) > 300);
  // A bar across the break is continuous and monotonic.
  CHECK(compressed.x(at("2022")) > compressed.segments[0].x1);
  CHECK(compressed.x(at("2022")) < compressed.segments[1].x0);

  const tl::time_axis linear = tl::make_axis(keys, 0, 1000, "UTC", false);
  CHECK(linear.segments.size() == 1);
  CHECK(linear.x(at("2026-02-12")) - linear.x(at("2026-02-05")) < 5);
  // Evenly spread dates are not compressed.
  const tl::time_axis even = tl::make_axis(
      {at("-0043"), at("0476"), at("1066"), at("1453"), at("1789")}, 0, 1000, "UTC", true);
  CHECK(even.segments.size() == 1);
}

TEST_CASE("render_timeline: an imprecise date longer than half the axis is cut like a bar") {
  // `2021~` (one day of about 2021) before five events of Feb-Jun 2022: kept whole, 2021 would
  // take most of the plot for one event.
  const std::int64_t end_2021 = at("2022") - 1;
  const std::vector<std::int64_t> keys = {at("2021"),       end_2021,         at("2022-02-01"),
                                          at("2022-03-01"), at("2022-04-04"), at("2022-06-01")};
  const tl::time_axis axis =
      tl::make_axis(keys, 0, 1000, "UTC", true, {}, {{at("2021"), end_2021}});
  REQUIRE(axis.segments.size() == 2);
  // The cut runs through the year.
  CHECK(axis.segments[0].t1 < at("2021-07-01"));
  CHECK(axis.segments[1].t0 > at("2021-07-01"));
  CHECK(axis.x(at("2022-06-01")) - axis.x(at("2022-02-01")) > 600);
  // The layout draws its range across the break, with the break's mark.
  const story s = test::load_text_or_fail(
      "eventgraph: 1\ntitle: T\ntimezone: UTC\nactors:\n  - {id: a, name: A, kind: person}\n"
      "events:\n  - {id: study, date: \"2021~\", actors: [a], title: Study}\n"
      "  - {id: e1, date: \"2022-02-01\", actors: [a], title: One}\n"
      "  - {id: e2, date: \"2022-03-01\", actors: [a], title: Two}\n"
      "  - {id: e3, date: \"2022-04-04\", actors: [a], title: Three}\n"
      "  - {id: e4, date: \"2022-06-01\", actors: [a], title: Four}\n");
  const tl::layout lay = tl::compute_layout(s, timeline_options(), 100);
  REQUIRE(lay.axis.segments.size() == 2);
  CHECK(lay.axis.x(at("2022-06-01")) - lay.axis.x(at("2022-02-01")) >
        0.6 * (lay.axis.right() - lay.axis.left()));
}

TEST_CASE("render_timeline: natural dates") {
  CHECK(tl::natural_date(at("2019"), "UTC", false) == "2019");
  CHECK(tl::natural_date(at("2026-03") - 1, "UTC", true) == "Feb 2026");
  CHECK(tl::natural_date(at("2026-02-12"), "UTC", false) == "Feb 12, 2026");
  CHECK(tl::natural_date(at("-0043"), "UTC", false) == "44 BCE");
}

// ---------------------------------------------------------------------------------------------
// Text

TEST_CASE("render_timeline: text widths follow DejaVu Sans") {
  CHECK(tl::text_width("iiii", 12) < tl::text_width("WWWW", 12));
  CHECK(tl::text_width("abc", 12, true) > tl::text_width("abc", 12));
  CHECK(tl::text_width("M", 20) == doctest::Approx(1767.0 * 20 / 2048));
  CHECK(tl::text_width("\xC3\xA9t\xC3\xA9", 12) > tl::text_width("t", 12));  // UTF-8 counted
  const std::string cut = tl::fit_text("a rather long label that will not fit", 12, 80);
  CHECK(tl::text_width(cut, 12) <= 80);
  CHECK(cut.ends_with("\xE2\x80\xA6"));
  // Never cut inside a UTF-8 sequence.
  const std::string accents =
      tl::fit_text("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 12, 30);
  CHECK(accents.size() % 2 == 1);  // whole 2-byte letters + 3-byte ellipsis
}

// ---------------------------------------------------------------------------------------------
// Lanes and marks

TEST_CASE("render_timeline: organization lanes follow member_of to the top, cycles stop") {
  const std::string text = R"(eventgraph: 1
title: T
actors:
  - {id: gov, name: Government, kind: organization}
  - {id: dhs, name: DHS, kind: organization, member_of: [gov]}
  - {id: noem, name: Noem, kind: person, member_of: [dhs]}
  - {id: a, name: A, kind: group, member_of: [b]}
  - {id: b, name: B, kind: group}
events:
  - {id: e1, date: "2026-02-12", actors: [noem], title: x}
  - {id: e2, date: "2026-02-12", actors: [a], title: y}
)";
  story s = test::load_text_or_fail(text);
  const auto owner = tl::lane_owner(s, lane_grouping::organization);
  CHECK(owner[*s.find_actor("noem")] == *s.find_actor("gov"));
  CHECK(owner[*s.find_actor("dhs")] == *s.find_actor("gov"));
  CHECK(owner[*s.find_actor("a")] == *s.find_actor("b"));
  // The loader rejects membership cycles; lane_owner still stops on one (no endless loop).
  s.actors[*s.find_actor("b")].member_of = {*s.find_actor("a")};
  const auto cyclic = tl::lane_owner(s, lane_grouping::organization);
  const auto ca = cyclic[*s.find_actor("a")];
  CHECK((ca == *s.find_actor("a") || ca == *s.find_actor("b")));
  const auto same = tl::lane_owner(s, lane_grouping::actor);
  CHECK(same[*s.find_actor("noem")] == *s.find_actor("noem"));

  s.actors[*s.find_actor("b")].member_of.clear();
  render_options o = timeline_options();
  o.lanes = lane_grouping::organization;
  const tl::layout lay = tl::compute_layout(s, o, 100);
  REQUIRE(lay.lanes.size() == 2);
  CHECK(lay.lanes[0].label == "Government");
  CHECK(lay.lanes[0].detail == "Noem");
}

TEST_CASE("render_timeline: a long role wraps to a second line instead of being cut") {
  const std::string text = R"(eventgraph: 1
title: T
actors:
  - {id: gov, name: Governor's office, kind: organization,
     role: Office of California Governor Gavin Newsom}
  - {id: long, name: L, kind: person, role: "A role far too long to fit in two lines of the lane
       labels column however it is wrapped, so that the rest goes to the tooltip"}
events:
  - {id: e1, date: "2026-02-12", actors: [gov], title: x}
  - {id: e2, date: "2026-02-12", actors: [long], title: y}
)";
  const story s = test::load_text_or_fail(text);
  const tl::layout lay = tl::compute_layout(s, timeline_options(), 100);
  REQUIRE(lay.lanes.size() == 2);
  const auto& gov = lay.lanes[0];
  REQUIRE(gov.detail_lines.size() == 2);
  std::string joined = gov.detail_lines[0] + " " + gov.detail_lines[1];
  CHECK(joined == "Office of California Governor Gavin Newsom");
  // The lane is tall enough for its label and both lines.
  CHECK(gov.height >= tl::lane_label_block(gov) + 10);
  CHECK(tl::lane_label_block(gov) ==
        doctest::Approx(tl::lane_label_line + 2 * tl::lane_detail_line));
  const auto& cut = lay.lanes[1];
  REQUIRE(cut.detail_lines.size() == 2);
  CHECK(cut.detail_lines[1].ends_with("\xE2\x80\xA6"));
  const std::string svg = svg_of(s);
  CHECK(svg.find(">Office of California Governor Gavin<") != std::string::npos);
  CHECK(svg.find(">Newsom<") != std::string::npos);
  // Only the cut one carries its whole text as a tooltip.
  CHECK(svg.find("<title>A role far too long to fit in two lines") != std::string::npos);
  CHECK(svg.find("<title>Office of California") == std::string::npos);
}

TEST_CASE("render_timeline: an event with several actors is marked in each lane") {
  const story s = make_story({{"2026-02-12", "a,b", "Joint statement"}, {"2026-02-13", "c", "x"}});
  const tl::layout lay = tl::compute_layout(s, timeline_options(), 100);
  // Events are numbered in time order, not as written: find them by id.
  const event_index joint = *s.find_event("e0");
  std::set<std::uint32_t> lanes;
  int primary = 0;
  for (const auto& mk : lay.marks)
    if (mk.event == joint) {
      lanes.insert(mk.lane);
      primary += mk.primary ? 1 : 0;
    }
  CHECK(lanes.size() == 2);
  CHECK(primary == 1);
  // The title once, at the first lane; the other mark is faint and linked to it.
  std::size_t labelled = 0;
  for (const auto& mk : lay.marks)
    if (mk.event == joint && mk.label_width > 0) ++labelled;
  CHECK(labelled == 1);
  REQUIRE(lay.links.size() == 1);
  CHECK(lay.marks[lay.links[0].from].event == joint);
  CHECK(lay.marks[lay.links[0].from].primary);
  CHECK(lay.marks[lay.links[0].to].event == joint);
  CHECK(!lay.marks[lay.links[0].to].primary);
  CHECK(!lay.links[0].route.empty());
  const std::string svg = svg_of(s);
  CHECK(count(svg, R"(id="event-e0")") == 1);
  CHECK(count(svg, R"(data-event="e0")") == 2);
  CHECK(count(svg, ">Joint statement</text>") == 1);
  CHECK(count(svg, R"(class="event co-actor" opacity="0.5")") == 1);
  CHECK(count(svg, R"(<path class="co-actor")") == 1);
}

TEST_CASE("render_timeline: open ends are short stubs that fade, within their end's stretch") {
  const story s = make_story({{"../2026-02-12", "a", "Policy since forever"},
                              {"2019/..", "b", "Ongoing"},
                              {"[..2026-02-10]", "c", "Sometime before"},
                              {"2026-02-11", "a", "Point"}});
  const tl::layout lay = tl::compute_layout(s, timeline_options(), 100);
  for (const auto& mk : lay.marks) {
    CHECK(mk.x0 >= lay.axis.left());
    CHECK(mk.x1 <= lay.axis.right());
  }
  // Its stretch of the axis: the one the known end is in.
  auto stretch = [&](double x) {
    for (const auto& seg : lay.axis.segments)
      if (seg.x0 <= x && x <= seg.x1) return seg;
    FAIL("no stretch holds " << x);
    return lay.axis.segments.front();
  };
  REQUIRE(lay.axis.segments.size() > 1);  // 2019 and 2026 are years apart: a break
  const event_index forever = *s.find_event("e0");
  const event_index ongoing = *s.find_event("e1");
  std::size_t seen = 0;
  for (const auto& mk : lay.marks) {
    if (mk.event == forever) {
      ++seen;
      CHECK(mk.fade_left);
      CHECK(mk.x1 == doctest::Approx(lay.axis.x(at("2026-02-13") - 1)).epsilon(0.001));
      CHECK(mk.x1 - mk.x0 <= 56.01);
      CHECK(mk.x0 >= stretch(mk.x1).x0);
    }
    if (mk.event == ongoing) {
      ++seen;
      CHECK(mk.fade_right);
      CHECK(mk.x1 - mk.x0 <= 56.01);
      CHECK(mk.x1 <= stretch(mk.x0).x1);  // never across the break to 2026
    }
  }
  CHECK(seen == 2);
  const std::string svg = svg_of(s);
  CHECK(svg.find("32767") == std::string::npos);
  CHECK(svg.find("32768") == std::string::npos);
  CHECK(svg.find("url(#g-fade-left-") != std::string::npos);
}

TEST_CASE("render_timeline: a bar is cut where the axis is, its label after the last cut") {
  const story s = make_story({{"2019/2026-02-20", "a", "Long policy"},
                              {"2019-03-01", "b", "Early"},
                              {"2026-02-10", "b", "Late one"},
                              {"2026-02-11", "b", "Late two"},
                              {"2026-02-20", "b", "Late three"}});
  const tl::layout lay = tl::compute_layout(s, timeline_options(), 100);
  REQUIRE(lay.axis.segments.size() == 2);
  const double cut = lay.axis.segments[1].x0;
  bool found = false;
  for (const auto& mk : lay.marks) {
    if (s.events[mk.event].id() != "e0") continue;
    found = true;
    REQUIRE(mk.label_inside);
    CHECK(mk.label_x >= cut);
  }
  CHECK(found);
  const std::string svg = svg_of(s);
  CHECK(svg.find(R"(class="bar-break")") != std::string::npos);
}

TEST_CASE("render_timeline: an approximate or uncertain range is hatched, an exact one not") {
  const story exact = make_story({{"2022-02", "a", "February"}, {"2022-07", "a", "July"}});
  const story rough = make_story({{"2022-02", "a", "February"}, {"2022-07~", "a", "About July"}});
  const story unsure = make_story({{"2022-02", "a", "February"}, {"2022-07?", "a", "July?"}});
  CHECK(svg_of(exact).find(R"(class="hatch")") == std::string::npos);
  CHECK(svg_of(exact).find("hatched:") == std::string::npos);
  for (const story* s : {&rough, &unsure}) {
    const std::string svg = svg_of(*s);
    const auto n = [&](std::string_view what) {
      std::size_t count = 0;
      for (auto at = svg.find(what); at != std::string::npos; at = svg.find(what, at + 1)) ++count;
      return count;
    };
    CHECK(n(R"(class="hatch")") == 1);  // July only
    CHECK(n("<pattern id=\"hatch-") == 1);
    CHECK(n("hatched: dates uncertain (?) or approximate (~)") == 1);  // in the legend
  }
}

TEST_CASE("render_timeline: shapes follow what is known of the date") {
  const story s = make_story({{"2026-02-12", "a", "Day"},
                              {"2026-02-01/2026-02-20", "a", "Span"},
                              {"[2026-02-06..2026-02-12]", "b", "One of"},
                              {"2026-02-14?", "b", "Maybe"}});
  const tl::layout lay = tl::compute_layout(s, timeline_options(), 100);
  const event_index day = *s.find_event("e0");
  const event_index span = *s.find_event("e1");
  const event_index one_of = *s.find_event("e2");
  const event_index maybe = *s.find_event("e3");
  for (const auto& mk : lay.marks) {
    if (mk.event == day) CHECK(mk.shape == tl::mark_shape::point);
    if (mk.event == span) CHECK(mk.shape == tl::mark_shape::bar);
    if (mk.event == one_of) CHECK(mk.shape == tl::mark_shape::range);
    if (mk.event == maybe) CHECK(mk.uncertain);
  }
}

TEST_CASE("render_timeline: no label overlaps another label or any marker") {
  std::vector<std::tuple<std::string, std::string, std::string>> events;
  // Crowded: 60 events over 10 days in 6 lanes, long and short titles, spans and points.
  for (int i = 0; i < 60; ++i) {
    const int day = 1 + (i * 7) % 10;
    std::string date = "2026-02-" + std::string(day < 10 ? "0" : "") + std::to_string(day);
    if (i % 7 == 0) date += "/2026-02-" + std::to_string(day + 10);
    if (i % 11 == 0)
      date = "[" + date.substr(0, 10) + "..2026-02-" + std::to_string(day + 10) + "]";
    std::string title = "Event " + std::to_string(i);
    if (i % 3 == 0) title += " with a much longer title that will need to wrap onto a second line";
    events.emplace_back(date, std::string(1, static_cast<char>('a' + i % 6)), title);
  }
  const story s = make_story(events);
  const tl::layout lay = tl::compute_layout(s, timeline_options(), 100);
  CHECK(lay.clusters == 0);
  REQUIRE(lay.marks.size() == 60);
  std::size_t labelled = 0;
  for (const auto& mk : lay.marks) labelled += mk.label_width > 0 ? 1 : 0;
  CHECK(labelled == 60);
  check_no_overlaps(lay);
  render_options full = timeline_options();
  full.full_detail = true;
  check_no_overlaps(tl::compute_layout(s, full, 100));
}

TEST_CASE("render_timeline: dense lanes merge into counted clusters, unless full detail") {
  std::vector<std::tuple<std::string, std::string, std::string>> events;
  for (int i = 0; i < 2000; ++i) {
    const int day = 1 + i % 28, hour = i % 24;
    char date[32];
    std::snprintf(date, sizeof date, "2026-02-%02dT%02d:00", day, hour);
    events.emplace_back(date, "a", "Event number " + std::to_string(i));
  }
  const story s = make_story(events);
  const tl::layout lay = tl::compute_layout(s, timeline_options(), 100);
  CHECK(lay.clusters > 0);
  CHECK(lay.marks.size() < 200);
  std::size_t total = 0;
  for (const auto& mk : lay.marks) total += mk.count;
  CHECK(total == 2000);
  CHECK(lay.events_in_clusters + (lay.marks.size() - lay.clusters) == 2000);
  CHECK(lay.lanes[0].rows <= lay.m.max_rows);
  check_no_overlaps(lay);
  const std::string svg = svg_of(s);
  CHECK(svg.find(R"(class="cluster")") != std::string::npos);
  CHECK(svg.size() < 200'000);

  render_options full = timeline_options();
  full.full_detail = true;
  const tl::layout all = tl::compute_layout(s, full, 100);
  CHECK(all.clusters == 0);
  CHECK(all.marks.size() == 2000);
}

TEST_CASE("render_timeline: relations become arrows styled by type, part-of without a head") {
  const story s = test::load_text_or_fail(R"(eventgraph: 1
title: T
actors:
  - {id: a, name: A, kind: person}
  - {id: b, name: B, kind: person}
events:
  - {id: conf, date: "2026-02-12", actors: [a], title: Conference}
  - {id: talk, date: "2026-02-12", actors: [b], title: Talk, relations: [{type: part-of, to: conf}]}
  - {id: post, date: "2026-02-06", actors: [a], title: Post}
  - {id: reply, date: "2026-02-08", actors: [b], title: Reply, relations: [{type: rebuts, to: post}]}
)");
  const tl::layout lay = tl::compute_layout(s, timeline_options(), 100);
  REQUIRE(lay.arrows.size() == 2);
  const std::string svg = svg_of(s);
  CHECK(svg.find(R"(class="relation rebuts")") != std::string::npos);
  CHECK(svg.find(R"~(marker-end="url(#arrow-rebuts)")~") != std::string::npos);
  CHECK(svg.find(R"(<marker id="arrow-rebuts")") != std::string::npos);
  CHECK(svg.find(R"(class="relation part-of")") != std::string::npos);
  CHECK(svg.find(R"(data-from="reply" data-to="post")") != std::string::npos);
  CHECK(svg.find(">rebuts</text>") != std::string::npos);   // legend
  CHECK(svg.find(">part of</text>") != std::string::npos);  // legend
}

// ---------------------------------------------------------------------------------------------
// SVG

namespace {

/// Every routed arrow's and co-actor link's segments against every label box and every dot or badge
/// but its own two: none may cross. Returns how many arrows have a route.
std::size_t check_routes_clear(const tl::layout& lay) {
  std::size_t routed = 0;
  std::vector<tl::arrow> all = lay.arrows;
  all.insert(all.end(), lay.links.begin(), lay.links.end());
  for (std::size_t k = 0; k < all.size(); ++k) {
    const tl::arrow& a = all[k];
    if (a.route.empty()) continue;
    ++routed;
    REQUIRE(a.route.size() >= 2);
    for (std::size_t i = 0; i + 1 < a.route.size(); ++i) {
      const tl::point p = a.route[i], q = a.route[i + 1];
      CHECK_MESSAGE((p.x == q.x || p.y == q.y),
                    "arrow " << k << " leg " << i << " is not straight: " << p.x << "," << p.y
                             << " " << q.x << "," << q.y << " of " << a.route.size());
      const tl::box seg{std::min(p.x, q.x) - 0.01, std::min(p.y, q.y) - 0.01,
                        std::max(p.x, q.x) + 0.01, std::max(p.y, q.y) + 0.01};
      for (std::uint32_t j = 0; j < lay.marks.size(); ++j) {
        const tl::mark& mk = lay.marks[j];
        if (mk.label_width > 0)
          CHECK_MESSAGE(!seg.overlaps(mk.label_box(lay.m)),
                        "arrow " << k << " leg " << i << " crosses the label of mark " << j);
        const bool solid = mk.shape == tl::mark_shape::point || mk.shape == tl::mark_shape::cluster;
        if (solid && j != a.from && j != a.to)
          CHECK_MESSAGE(!seg.overlaps(mk.marker_box(lay.m)),
                        "arrow " << k << " leg " << i << " crosses the marker of mark " << j);
      }
    }
  }
  return routed;
}

}  // namespace

TEST_CASE("render_timeline: arrows run clear of every label and of other markers") {
  for (const std::string& path : {test::seed, test::data + "render/bridge-toll-30.yaml",
                                  test::data + "timeline-small.yaml"}) {
    CAPTURE(path);
    const story s = test::load_or_fail(path);
    const tl::layout lay = tl::compute_layout(s, timeline_options(), 100);
    REQUIRE(!lay.arrows.empty());
    CHECK(lay.arrows_unrouted == 0);
    CHECK(check_routes_clear(lay) == lay.arrows.size() + lay.links.size());
    const std::string svg = svg_of(s);
    CHECK(svg.find(" Q") != std::string::npos);  // routes are drawn with rounded corners
  }
}

TEST_CASE("render_timeline: --width is honoured by wrapping, without overlaps") {
  for (const std::string& path : {test::seed, test::data + "render/bridge-toll-30.yaml",
                                  test::data + "timeline-small.yaml"}) {
    const story s = test::load_or_fail(path);
    for (const double width : {400.0, 600.0, 900.0, 1400.0}) {
      CAPTURE(path);
      CAPTURE(width);
      render_options o = timeline_options();
      o.width = width;
      const tl::layout lay = tl::compute_layout(s, o, 100, tl::metrics_for_width(width));
      CHECK(lay.width <= width);
      check_no_overlaps(lay);
      check_routes_clear(lay);
      // A curve would run through labels. At 400 px, the narrowest, the 30-event story still
      // has two.
      if (width >= 600) CHECK(lay.arrows_unrouted == 0);
      const std::string svg = svg_of(s, o);
      const auto at = svg.find(" width=\"");
      REQUIRE(at != std::string::npos);
      CHECK(std::stod(svg.substr(at + 8)) <= width);
      // The header's lines fit (they start at x = 20), its parts wrapped whole, never cut.
      const tl::metrics m = tl::metrics_for_width(width);
      const tl::title_block tb =
          tl::make_title(s, o, m.plot_width + m.max_gutter - 40, lay.lanes.size());
      std::string subtitle;
      for (const std::string& line : tb.subtitle_lines) {
        CAPTURE(line);
        CHECK(20 + tl::text_width(line, 12) <= width);
        CHECK(svg.find(">" + line + "</text>") != std::string::npos);
        subtitle += (subtitle.empty() ? "" : " \xC2\xB7 ") + line;
      }
      CHECK(subtitle.find("\xE2\x80\xA6") == std::string::npos);
      CHECK(subtitle.find(std::to_string(s.events.size()) + " events") != std::string::npos);
      if (!s.timezone.empty()) CHECK(subtitle.find("dates in " + s.timezone) != std::string::npos);
    }
  }
  // Narrower labels take more lines before any is cut; lane names and roles a third line.
  CHECK(tl::metrics_for_width(600).max_label_lines > tl::metrics().max_label_lines);
  render_options o = timeline_options();
  o.width = 600;
  const tl::layout seed =
      tl::compute_layout(test::load_or_fail(test::seed), o, 100, tl::metrics_for_width(600));
  // No event's title is cut either: the two long bars with no room beside them (the State of
  // California's, the Trump administration's) have their titles on the rows below.
  std::size_t below = 0;
  for (const auto& mk : seed.marks) {
    if (mk.label_lines.empty()) continue;
    CAPTURE(mk.label_lines.front());
    CHECK(mk.label_lines.back().find("\xE2\x80\xA6") == std::string::npos);
    if (!mk.label_below) continue;
    ++below;
    CHECK(mk.label_box(seed.m).y0 > mk.marker_box(seed.m).y1);
    CHECK(mk.label_x >= mk.x0);
  }
  CHECK(below == 2);
  for (const auto& ln : seed.lanes) {
    CAPTURE(ln.label);
    CHECK(ln.label_lines.back().find("\xE2\x80\xA6") == std::string::npos);  // no "…"
    if (!ln.detail_lines.empty())
      CHECK(ln.detail_lines.back().find("\xE2\x80\xA6") == std::string::npos);
  }
}

TEST_CASE("render_timeline: two arrows crossing the same rows at one date keep apart") {
  // a1 and b1 share a date, their replies share another, and lane c lies between.
  const story t = test::load_text_or_fail(R"(eventgraph: 1
title: T
actors:
  - {id: a, name: A, kind: person}
  - {id: b, name: B, kind: person}
  - {id: c, name: C, kind: person}
  - {id: d, name: D, kind: person}
events:
  - {id: a1, date: "2026-02-10", actors: [a], title: A speaks}
  - {id: b1, date: "2026-02-10", actors: [b], title: B speaks}
  - {id: c1, date: "2026-02-11", actors: [c], title: C in between}
  - {id: d1, date: "2026-02-14", actors: [d], title: D answers A, relations: [{type: rebuts, to: a1}]}
  - {id: d2, date: "2026-02-14", actors: [d], title: D answers B, relations: [{type: rebuts, to: b1}]}
)");
  const tl::layout lay = tl::compute_layout(t, timeline_options(), 100);
  REQUIRE(lay.arrows.size() == 2);
  CHECK(lay.arrows_unrouted == 0);
  CHECK(check_routes_clear(lay) == 2);
  // Both cross lane c: their legs there are at least 4 px apart.
  const tl::lane& c = lay.lanes[2];
  std::vector<double> xs;
  for (const auto& a : lay.arrows)
    for (std::size_t i = 0; i + 1 < a.route.size(); ++i) {
      const tl::point p = a.route[i], q = a.route[i + 1];
      const double centre = c.y + c.height / 2;  // of its one row
      if (p.x == q.x && std::min(p.y, q.y) < centre && std::max(p.y, q.y) > centre)
        xs.push_back(p.x);
    }
  REQUIRE(xs.size() == 2);
  CHECK(std::abs(xs[0] - xs[1]) >= 4);
}

TEST_CASE("render_timeline: the header's span is the story's, as its end events date it") {
  auto header = [](const std::string& events) {
    const story s = test::load_text_or_fail(
        "eventgraph: 1\ntitle: T\ntimezone: UTC\nactors:\n"
        "  - {id: a, name: A, kind: person}\nevents:\n" +
        events);
    const std::string svg = svg_of(s);
    const std::string open = R"(fill="#444">)";
    const auto at = svg.find(open);
    REQUIRE(at != std::string::npos);
    const auto from = at + open.size();
    return svg.substr(from, svg.find(" \xC2\xB7 ", from) - from);
  };
  // A day in Los Angeles ends at 06:59 the next day in UTC: still "Oct 27".
  CHECK(header("  - {id: e1, date: \"2022-01-31\", actors: [a], title: One}\n"
               "  - {id: e2, date: \"2022-10-27\", timezone: America/Los_Angeles, actors: [a], "
               "title: Two}\n") == "Jan 31, 2022 \xE2\x80\x93 Oct 27, 2022");
  // Each end at its own precision: a month end, an open-ended start, a year.
  CHECK(header("  - {id: e1, date: \"2019/2026-02\", actors: [a], title: One}\n") ==
        "2019 \xE2\x80\x93 Feb 2026");
  CHECK(header("  - {id: e1, date: \"2021\", actors: [a], title: One}\n"
               "  - {id: e2, date: \"2022-08-01/..\", actors: [a], title: Two}\n") ==
        "2021 \xE2\x80\x93 Aug 1, 2022");
  // A time is in the axis's zone (UTC here), which the header names: 09:00 in New York is 14:00.
  CHECK(header("  - {id: e1, date: \"2026-03-02T09:00-05:00\", timezone: America/New_York, "
               "actors: [a], title: One}\n"
               "  - {id: e2, date: \"2026-03-02T10:00Z\", actors: [a], title: Two}\n") ==
        "Mar 2, 2026 10:00 \xE2\x80\x93 Mar 2, 2026 14:00");
  // Each end with its own qualifiers: the whole date's as marks, a part's in words.
  CHECK(header("  - {id: e1, date: \"2021~\", actors: [a], title: One}\n"
               "  - {id: e2, date: \"2026-02-12?\", actors: [a], title: Two}\n") ==
        "c. 2021 \xE2\x80\x93 Feb 12, 2026?");
  CHECK(header("  - {id: e1, date: \"2019/2026?-02\", actors: [a], title: One}\n") ==
        "2019 \xE2\x80\x93 Feb 2026 (year uncertain)");
}

TEST_CASE("render_timeline: a doubt about the year alone is drawn solid and said in words") {
  const story s = test::load_text_or_fail(
      "eventgraph: 1\ntitle: T\ntimezone: UTC\nactors:\n"
      "  - {id: a, name: A, kind: person}\nevents:\n"
      "  - {id: year, date: \"2026?-02-05\", actors: [a], title: Year in doubt}\n"
      "  - {id: whole, date: \"2026-02-09?\", actors: [a], title: Date in doubt}\n");
  const std::string svg = svg_of(s);
  // The mark: hollow as a dot, hatched as a range, whichever the scale draws.
  auto in_doubt = [&](const std::string& id) {
    const auto at = svg.find("id=\"event-" + id + "\"");
    REQUIRE(at != std::string::npos);
    const std::string group = svg.substr(at, svg.find("</g>", at) - at);
    return group.find(R"(class="hatch")") != std::string::npos ||
           group.find(R"(fill="#ffffff" stroke)") != std::string::npos;
  };
  CHECK_FALSE(in_doubt("year"));
  CHECK(in_doubt("whole"));
  CHECK(svg.find("<title>Feb 5, 2026 (year uncertain) \xE2\x80\x94 Year in doubt") !=
        std::string::npos);
  CHECK(svg.find("<title>Feb 9, 2026? \xE2\x80\x94 Date in doubt") != std::string::npos);
}

TEST_CASE("render_timeline: hostile text is escaped and only http(s) links") {
  const std::string path = std::string(EVENTGRAPH_TEST_DATA) + "/timeline-hostile.yaml";
  const story s = test::load_or_fail(path);
  const std::string svg = svg_of(s);
  CHECK(xml_problem(svg) == "");
  CHECK(svg.find("<script") == std::string::npos);
  CHECK(
      svg.find(
          "&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &apos;a&apos;") !=
      std::string::npos);
  CHECK(svg.find("<b>") == std::string::npos);
  CHECK(svg.find('\x01') == std::string::npos);
  CHECK(svg.find('\x1b') == std::string::npos);
  CHECK(svg.find('\x7f') == std::string::npos);
  CHECK(svg.find("javascript:") == std::string::npos);
  CHECK(svg.find("href=\"data:") == std::string::npos);
  CHECK(svg.find(R"(<a href="https://example.org/a?b=1&amp;c=&lt;2&gt;">)") != std::string::npos);
  CHECK(count(svg, "<a href=") == 1);
  check_golden(svg, "timeline-hostile.svg");
}

TEST_CASE("render_timeline: every event has an id, a data attribute and a tooltip") {
  const std::string path =
      std::string(EVENTGRAPH_SOURCE_DIR) + "/samples/dhs-california-detainers-2026.yaml";
  const story s = test::load_or_fail(path);
  check_no_overlaps(tl::compute_layout(s, timeline_options(), 100));
  const std::string svg = svg_of(s);
  CHECK(xml_problem(svg) == "");
  for (const event e : s.events) {
    const std::string id(e.id());
    CHECK_MESSAGE(count(svg, "id=\"event-" + id + "\"") == 1, id);
    CHECK_MESSAGE(svg.find("data-event=\"" + id + "\"><title>") != std::string::npos, id);
  }
  CHECK(svg.find("<title>Feb 12, 2026 (year uncertain) \xE2\x80\x94 Press conference at the Otay "
                 "Mesa Port of "
                 "Entry\nBy: Kristi Noem") != std::string::npos);
  CHECK(svg.find("2019 \xE2\x80\x93 Feb 2026 (year uncertain) \xC2\xB7") !=
        std::string::npos);  // title block span
  CHECK(svg.find("Source: Homeland Security Secretary Urges California") != std::string::npos);
  CHECK(svg.find(R"(font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif")") !=
        std::string::npos);
  // Deterministic.
  CHECK(svg == svg_of(s));
}

TEST_CASE("render_timeline: golden SVG structure of a small story") {
  const std::string path = std::string(EVENTGRAPH_TEST_DATA) + "/timeline-small.yaml";
  const std::string svg = svg_of(test::load_or_fail(path));
  check_golden(svg, "timeline-small.svg");
  check_golden(structure(svg), "timeline-small.structure.txt");
}

TEST_CASE("render_timeline: PNG and PDF of the same drawing, DOT refused") {
  const story s = make_story({{"2026-02-12", "a", "One"}, {"2026-02-14", "b", "Two"}});
  auto png = detail::render_timeline(s, timeline_options(image_format::png));
  REQUIRE(png.ok());
  CHECK(png.value().rfind("\x89PNG\r\n\x1a\n", 0) == 0);
  auto pdf = detail::render_timeline(s, timeline_options(image_format::pdf));
  REQUIRE(pdf.ok());
  CHECK(pdf.value().rfind("%PDF-", 0) == 0);
  auto again = detail::render_timeline(s, timeline_options(image_format::pdf));
  CHECK(pdf.value() == again.value());
  auto dot = detail::render_timeline(s, timeline_options(image_format::dot));
  REQUIRE(!dot.ok());
  CHECK(dot.diagnostics().items().front().code == "format");
}

TEST_CASE("render_timeline: an event with 20,000 actors costs linear time and memory") {
  // Each of the event's marks (one per lane) carries its tooltip: naming every actor in each
  // made the SVG grow with actors squared (100,000 actors ended in std::bad_alloc).
  constexpr int actors = 20000;
  std::string y = "eventgraph: 1\ntitle: Many\nactors:\n";
  for (int i = 0; i < actors; ++i)
    y += "  - {id: a" + std::to_string(i) + ", name: Actor " + std::to_string(i) +
         ", kind: person}\n";
  y += "events:\n  - id: e\n    date: \"2026-02-12\"\n    title: Everyone\n    actors: [";
  for (int i = 0; i < actors; ++i) y += (i > 0 ? ", a" : "a") + std::to_string(i);
  y += "]\n  - {id: f, date: \"2026-02-13\", actor: a7, title: Reply, responds_to: [e]}\n";
  const story s = test::load_text_or_fail(y);
  const std::string svg = svg_of(s);
  CHECK(count(svg,
              "By: Actor 0, Actor 1, Actor 2, Actor 3, Actor 4, Actor 5, Actor 6, Actor 7, "
              "Actor 8, Actor 9 and 19990 more") == static_cast<std::size_t>(actors));
  CHECK(count(svg, "class=\"lane-label\"") == static_cast<std::size_t>(actors));
  CHECK(svg.size() < static_cast<std::size_t>(actors) * 2000);
  // The reply stays in its actor's lane: one arrow, to e's mark in lane a7.
  CHECK(count(svg, "class=\"relation responds-to\"") == 1);
}

TEST_CASE("render_timeline: PNG and PDF are whole images, links with apostrophes included") {
  const story s = test::load_text_or_fail(
      "eventgraph: 1\nsources: [{title: s, url: \"https://example.org/a'b\"}]\n"
      "actors: [{id: a, name: A, kind: person}]\nevents:\n"
      "  - {id: e, date: \"2026-02-12\", actor: a, title: T,\n"
      "     sources: [{title: s, url: \"https://example.org/a'b\"}]}\n");
  for (const image_format f : {image_format::png, image_format::pdf}) {
    auto r = detail::render_timeline(s, timeline_options(f));
    REQUIRE(r.ok());
    CHECK(detail::image_problem(r.value(), f) == std::nullopt);
  }
}
