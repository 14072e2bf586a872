// Exports: names and endings, escaping for each target, date endpoints, determinism, our own
// JSON's round trip, and GraphML read back by Boost's read_graphml. The files' real consumers
// (networkx, cytoscape in Node, jsonschema, csv, xmllint) run in tests/export/*.py.

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>

#include "../support/helpers.hpp"
#include "core/text.hpp"
#include "eventgraph/export.hpp"
#include "eventgraph/load.hpp"
#include "export/export_common.hpp"
#include "export/export_writers.hpp"

using namespace eventgraph;

namespace {

const std::string& seed_path = test::seed;
const std::string zones_path = test::samples + "two-zones.yaml";
const std::string tricky_path = std::string(EVENTGRAPH_TEST_DATA) + "/export/tricky.yaml";

/// Replaces the events of `s` by `records`, whose relation targets index `records`; returns
/// each record's new index (story::finish puts the events in time order).
std::vector<event_index> set_events(story& s, const std::vector<event_record>& records) {
  s.events = event_table{};
  for (const event_record& r : records) s.add_event(r);
  return s.finish();
}

std::string exported(const story& s, export_format f, export_options o = {}) {
  auto r = export_story(s, f, o);
  REQUIRE(r.ok());
  return r.value();
}

constexpr std::array<export_format, 8> single_file_formats = {
    export_format::graphml, export_format::gexf,       export_format::cytoscape,
    export_format::vis,     export_format::timelinejs, export_format::mermaid,
    export_format::jgf,     export_format::json};

}  // namespace

TEST_CASE("export: format names and file endings") {
  for (std::size_t i = 0; i < export_formats().size(); ++i) {
    const auto f = static_cast<export_format>(i);
    CHECK(export_formats()[i].format == f);
    CHECK(parse_export_format(to_string(f)) == f);
    CHECK(export_format_from_path("out/story" + std::string(default_extension(f))) == f);
    for (std::string_view ending : export_formats()[i].endings)
      if (!ending.empty()) CHECK(export_format_from_path("a" + std::string(ending)) == f);
  }
  CHECK(export_format_from_path("a.graphml") == export_format::graphml);
  CHECK(export_format_from_path("A.GEXF") == export_format::gexf);
  CHECK(export_format_from_path("a.cytoscape.json") == export_format::cytoscape);
  CHECK(export_format_from_path("a.cyjs") == export_format::cytoscape);
  CHECK(export_format_from_path("a.vis.json") == export_format::vis);
  CHECK(export_format_from_path("a.timelinejs.json") == export_format::timelinejs);
  CHECK(export_format_from_path("a.mermaid") == export_format::mermaid);
  CHECK(export_format_from_path("a.jgf.json") == export_format::jgf);
  CHECK(export_format_from_path("a.json") == export_format::json);
  CHECK(export_format_from_path("a.htm") == export_format::html);
  CHECK(export_format_from_path("a.yml") == export_format::yaml);
  CHECK(export_format_from_path("a.jsonl") == export_format::ndjson);
  CHECK(export_format_from_path("a.NDJSON") == export_format::ndjson);
  CHECK_FALSE(export_format_from_path("a.txt"));
  CHECK_FALSE(export_format_from_path("json"));
  CHECK_FALSE(parse_export_format("GraphML"));
}

TEST_CASE("export: csv fields are quoted as RFC 4180 says") {
  using detail::csv_field;
  using detail::csv_text_field;
  CHECK(csv_field("plain text") == "plain text");
  CHECK(csv_field("") == "");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("\"") == "\"\"\"\"");
  CHECK(csv_field("line\nbreak") == "\"line\nbreak\"");
  CHECK(csv_field("cr\rlf") == "\"cr\rlf\"");
  CHECK(csv_field(" spaces kept ") == " spaces kept ");
  CHECK(csv_field("semi;colon|pipe") == "semi;colon|pipe");
  // Formulas never run in a spreadsheet: a leading ', as OWASP advises, then normal quoting.
  CHECK(csv_text_field("=1+1") == "'=1+1");
  CHECK(csv_text_field("+1") == "'+1");
  CHECK(csv_text_field("-1") == "'-1");
  CHECK(csv_text_field("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv_text_field("\tx") == "'\tx");
  CHECK(csv_text_field("=HYPERLINK(\"x\",\"y\")") == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
  CHECK(csv_text_field("a=b") == "a=b");
  CHECK(csv_text_field("") == "");
}

TEST_CASE("export: csv is four files, and export_story says so") {
  const story s = test::load_or_fail(zones_path);
  auto files = export_files(s, export_format::csv);
  REQUIRE(files.ok());
  REQUIRE(files.value().size() == 4);
  CHECK(files.value()[0].name == "actors.csv");
  CHECK(files.value()[1].name == "events.csv");
  CHECK(files.value()[2].name == "relations.csv");
  CHECK(files.value()[3].name == "story.csv");
  for (std::size_t i = 0; i < 4; ++i) CHECK(files.value()[i].name == csv_file_names()[i]);
  const std::string& events = files.value()[1].content;
  CHECK(events.rfind("ID,Label,Type,Date,", 0) == 0);
  CHECK(std::count(events.begin(), events.end(), '\n') == 7);  // header + 6 events, no quotes
  CHECK(events.find("\r\nagency-report,Agency publishes port-delay report (fictional),report,"
                    "2026-03-02T09:00-05:00,") != std::string::npos);
  const std::string& relations = files.value()[2].content;
  CHECK(relations.rfind("From,To,Type,Response,Note,From label,To label\r\n", 0) == 0);
  CHECK(relations.find("\r\nquinn-remarks,mayor-post,rebuts,true,Says the delay figures stand.,") !=
        std::string::npos);
  CHECK(relations.find("\r\nquinn-remarks,quinn-briefing,part-of,false,,") != std::string::npos);

  auto one = export_story(s, export_format::csv);
  REQUIRE_FALSE(one.ok());
  CHECK(one.diagnostics().items().front().code == "multi-file");
  CHECK(one.diagnostics().items().front().message ==
        "the csv export is four files (actors.csv, events.csv, relations.csv and story.csv); use "
        "export_files");
}

TEST_CASE("export: XML and HTML text drop control characters by the shared text rule") {
  // Before text::clean and text::escape_html, the XML writers kept DEL and the C1 controls
  // and the HTML escaper kept every control character.
  story s = test::load_or_fail(tricky_path);
  std::vector<event_record> records;
  for (const event e : s.events) records.push_back(e.record());
  records[0].title = "Bell\x07 esc\x1b[2J del\x7f nel\xc2\x85 ok";
  set_events(s, records);
  s.title = records[0].title;
  for (export_format f : {export_format::graphml, export_format::gexf}) {
    const std::string xml = exported(s, f);
    CAPTURE(to_string(f));
    CHECK(xml.find("Bell esc[2J del nel ok") != std::string::npos);
    CHECK(xml.find('\x7f') == std::string::npos);
    CHECK(xml.find("\xc2\x85") == std::string::npos);
  }
  // vis-timeline and TimelineJS take HTML inside JSON: no control, not even as \u escapes.
  for (export_format f : {export_format::vis, export_format::timelinejs}) {
    const std::string json = exported(s, f);
    CAPTURE(to_string(f));
    CHECK(json.find("Bell esc[2J del nel ok") != std::string::npos);
    CHECK(json.find("\\u0007") == std::string::npos);
    CHECK(json.find("\\u001b") == std::string::npos);
  }
  const std::string page = exported(s, export_format::html);
  CHECK(page.find("<title>Bell esc[2J del nel ok</title>") != std::string::npos);
}

TEST_CASE("export: hostile text is escaped in both XML formats and the output stays well-formed") {
  story s = test::load_or_fail(tricky_path);
  std::vector<event_record> records;
  for (const event e : s.events) records.push_back(e.record());
  records[0].title = "</data><node id=\"x\"/>\x01 & ]]> \x0b end";
  set_events(s, records);
  const std::string graphml = exported(s, export_format::graphml);
  CHECK(graphml.find("&lt;/data&gt;&lt;node id=&quot;x&quot;/&gt; &amp; ]]&gt; &#32;end") !=
        std::string::npos);
  CHECK(graphml.find('\x01') == std::string::npos);
  CHECK(graphml.find('\x0b') == std::string::npos);
  const std::string gexf = exported(s, export_format::gexf);
  CHECK(gexf.find("label=\"&lt;/data&gt;&lt;node id=&quot;x&quot;/&gt; &amp; ]]&gt;  end\"") !=
        std::string::npos);
  // Newlines in attributes survive as character references, not as spaces.
  CHECK(gexf.find("value=\"First line&#10;second line&#9;with a tab, and a bell\"") !=
        std::string::npos);
}

TEST_CASE("export: each endpoint keeps its own precision") {
  const story s = test::load_or_fail(tricky_path);
  auto span = [&](std::string_view id) { return detail::span_of(s.events[*s.find_event(id)]); };
  const auto interval = span("ev_interval");  // 2019/2026-02
  REQUIRE(interval.start);
  REQUIRE(interval.end);
  CHECK(interval.start->precision == time_precision::year);
  CHECK(interval.end->precision == time_precision::month);
  CHECK(format_iso(interval.end->at, "America/Los_Angeles", time_precision::second) ==
        "2026-02-28T23:59:59-08:00");
  const auto open = span("ev-open");  // ../2026-02-12
  CHECK_FALSE(open.start);
  REQUIRE(open.end);
  CHECK(open.end->precision == time_precision::day);
  const auto one_of = span("ev-oneof");  // [2026-02-06?..2026-02-12]
  REQUIRE(one_of.start);
  CHECK(format_iso(one_of.start->at, "America/Los_Angeles", one_of.start->precision) ==
        "2026-02-06");
  const auto utc = span("ev-utc");
  REQUIRE(utc.start);
  CHECK(utc.start->precision == time_precision::second);
  CHECK(detail::iso_instant(utc.start->at, "Europe/Paris") == "2026-02-15T00:30:15+01:00");
}

TEST_CASE("export: mermaid text cannot break out of an entry or a label") {
  using detail::mermaid_text;
  CHECK(mermaid_text("Noem: no") == "Noem#58; no");
  CHECK(mermaid_text("a;b#c") == "a#59;b#35;c");
  CHECK(mermaid_text("say \"hi\"") == "say #34;hi#34;");
  CHECK(mermaid_text("%% comment") == "#37;#37; comment");
  CHECK(mermaid_text("<b>&</b>") == "#60;b#62;#38;#60;/b#62;");
  CHECK(mermaid_text("line\nbreak\r\n\tand tab") == "line break and tab");
  CHECK(mermaid_text("[x] {y} |z| `w` \\") == "#91;x#93; #123;y#125; #124;z#124; #96;w#96; #92;");
  CHECK(mermaid_text("bell\x07") == "bell");
  CHECK(mermaid_text("(fine) - ok, 100") == "(fine) - ok, 100");

  const story s = test::load_or_fail(tricky_path);
  const std::string timeline = exported(s, export_format::mermaid);
  CHECK(timeline.rfind("timeline\n    title Tricky ", 0) == 0);
  CHECK(timeline.find("    Feb 12, 2026 : Ann says#58; #34;no#34; #60;script#62;alert(1)") !=
        std::string::npos);
  const std::string flow = exported(s, export_format::mermaid, {.mermaid_graph = true});
  CHECK(flow.find("\nflowchart LR\n") != std::string::npos);
  CHECK(flow.find(" -->|rebuts| ") != std::string::npos);
  CHECK(flow.find(" -.->|part-of| ") != std::string::npos);
}

TEST_CASE("export: date-only events stay dates in vis-timeline, GEXF and TimelineJS") {
  const story seed = test::load_or_fail(seed_path);
  const std::string vis = exported(seed, export_format::vis);
  CHECK(vis.find("T00:00") == std::string::npos);
  CHECK(vis.find("\"start\":\"2026-02-12\",\"type\":\"point\"") != std::string::npos);
  CHECK(exported(seed, export_format::gexf).find("timeformat=\"date\"") != std::string::npos);
  const std::string tl = exported(seed, export_format::timelinejs);
  CHECK(tl.find("\"hour\"") == std::string::npos);

  const story zones = test::load_or_fail(zones_path);
  const std::string gexf = exported(zones, export_format::gexf);
  // Times of day: seconds since the epoch (networkx reads no dateTime), the instants as attributes.
  CHECK(gexf.find("timeformat=\"double\" timezone=\"America/Los_Angeles\"") != std::string::npos);
  CHECK(gexf.find("start=\"1772460000\" end=\"1772460059\"") != std::string::npos);
  CHECK(gexf.find("<attvalue for=\"earliest\" value=\"2026-03-02T09:00:00-05:00\"/>") !=
        std::string::npos);
  const std::string zvis = exported(zones, export_format::vis);
  // One of three days: a range over whole local days, the end exclusive.
  CHECK(zvis.find("\"start\":\"2026-03-04\",\"end\":\"2026-03-07\",\"type\":\"range\"") !=
        std::string::npos);
  CHECK(zvis.find("\"start\":\"2026-03-02T08:15-08:00\",\"type\":\"point\"") != std::string::npos);
  const std::string ztl = exported(zones, export_format::timelinejs);
  CHECK(ztl.find("\"start_date\":{\"year\":2026,\"month\":3,\"day\":2,\"hour\":8,\"minute\":15},"
                 "\"display_date\":\"Mar 2, 2026 08:15 PST\"") != std::string::npos);
  CHECK(
      ztl.find("\"start_date\":{\"year\":2026,\"month\":3,\"day\":4},\"end_date\":{\"year\":"
               "2026,\"month\":3,\"day\":6},\"display_date\":\"between Mar 4 and Mar 6, 2026\"") !=
      std::string::npos);
}

TEST_CASE("export: TimelineJS shows seasons and X digits as described, a season with its end") {
  const story s = test::load_text_or_fail(
      "eventgraph: 1\nactors: [{id: a, name: A, kind: person}]\nevents:\n"
      "  - {id: w, date: \"2001-24\", actor: a, title: T}\n"
      "  - {id: m, date: \"2016-1X\", actor: a, title: T}\n"
      "  - {id: p, date: \"2016-11\", actor: a, title: T}\n");
  const std::string tl = exported(s, export_format::timelinejs);
  CHECK(tl.find("\"start_date\":{\"year\":2001,\"month\":12},\"end_date\":{\"year\":2002,"
                "\"month\":2},\"display_date\":\"Winter 2001\u20132002\"") != std::string::npos);
  CHECK(tl.find("\"start_date\":{\"year\":2016},\"display_date\":\"Oct\u2013Dec 2016\"") !=
        std::string::npos);
  CHECK(tl.find("\"start_date\":{\"year\":2016,\"month\":11},\"text\"") != std::string::npos);
}

TEST_CASE("export: our JSON loads back and exports to the same bytes") {
  for (const std::string& path : {seed_path, zones_path, tricky_path}) {
    CAPTURE(path);
    const story original = test::load_or_fail(path);
    const std::string first = exported(original, export_format::json);
    const story again = test::load_text_or_fail(first, "again.json");
    CHECK(exported(again, export_format::json) == first);
    // Nothing is lost: every other format is the same from the JSON as from the original.
    for (export_format f : single_file_formats) {
      CAPTURE(to_string(f));
      CHECK(exported(again, f) == exported(original, f));
    }
  }
}

TEST_CASE("export: events come out in time order whatever the order written, ties as written") {
  for (const std::string& path : {seed_path, zones_path, tricky_path}) {
    CAPTURE(path);
    const story forward = test::load_or_fail(path);
    const auto n = static_cast<event_index>(forward.events.size());
    auto records_in = [&](const story& s, bool reversed) {
      std::vector<event_record> records;
      for (event_index k = 0; k < n; ++k) {
        event_record r = s.events[reversed ? n - 1 - k : k].record();
        if (reversed)
          for (relation_record& rel : r.relations) rel.target = n - 1 - rel.target;
        records.push_back(std::move(r));
      }
      return records;
    };
    // Written backwards: time order again, but events with the same range stay backwards.
    story backward = test::load_or_fail(path);
    set_events(backward, records_in(forward, true));
    std::vector<std::string> expected;
    for (event_index first = 0; first < n;) {
      event_index last = first + 1;
      while (last < n &&
             forward.events[last].time().earliest == forward.events[first].time().earliest &&
             forward.events[last].time().latest == forward.events[first].time().latest)
        ++last;
      for (event_index i = last; i-- > first;) expected.emplace_back(forward.events[i].id());
      first = last;
    }
    std::vector<std::string> got;
    for (const event e : backward.events) got.emplace_back(e.id());
    CHECK(got == expected);
    // Backwards twice is the original order: the sorting path (events out of order) and the
    // path that moves nothing (events in order) give the same bytes in every format.
    story twice = test::load_or_fail(path);
    const auto moved = set_events(twice, records_in(backward, true));
    story in_order = test::load_or_fail(path);
    const auto kept = set_events(in_order, records_in(forward, false));
    CHECK(std::is_sorted(kept.begin(), kept.end()));
    if (n > 1) CHECK_FALSE(std::is_sorted(moved.begin(), moved.end()));  // events were moved
    for (export_format f : single_file_formats) {
      CAPTURE(to_string(f));
      CHECK(exported(twice, f) == exported(forward, f));
      CHECK(exported(in_order, f) == exported(forward, f));
    }
    const auto twice_sheets = export_files(twice, export_format::csv).value();
    const auto forward_sheets = export_files(forward, export_format::csv).value();
    for (std::size_t i = 0; i < forward_sheets.size(); ++i)
      CHECK(twice_sheets[i].content == forward_sheets[i].content);
  }
}

namespace {

using read_graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

}  // namespace

TEST_CASE("export: GraphML read back by Boost's read_graphml, every attribute intact") {
  for (const std::string& path : {seed_path, zones_path, tricky_path}) {
    CAPTURE(path);
    const story s = test::load_or_fail(path);
    std::istringstream in(exported(s, export_format::graphml));

    read_graph g;
    boost::dynamic_properties dp;  // no ignore_other_properties: an unknown key would throw
    std::vector<std::map<read_graph::vertex_descriptor, std::string>> text_maps(
        detail::event_attributes.size());
    std::vector<std::map<read_graph::vertex_descriptor, bool>> flag_maps(
        detail::event_attributes.size());
    for (std::size_t k = 0; k < detail::event_attributes.size(); ++k) {
      const auto& a = detail::event_attributes[k];
      if (a.type == detail::attribute_type::boolean)
        dp.property(std::string(a.name), boost::make_assoc_property_map(flag_maps[k]));
      else
        dp.property(std::string(a.name), boost::make_assoc_property_map(text_maps[k]));
    }
    std::map<read_graph::edge_descriptor, std::string> relation_of, note_of;
    std::map<read_graph::edge_descriptor, bool> response_of;
    dp.property("relation", boost::make_assoc_property_map(relation_of));
    dp.property("note", boost::make_assoc_property_map(note_of));
    dp.property("response", boost::make_assoc_property_map(response_of));
    std::string title, description, notes, zone;
    dp.property("title", boost::ref_property_map<read_graph*, std::string>(title));
    dp.property("description", boost::ref_property_map<read_graph*, std::string>(description));
    dp.property("notes", boost::ref_property_map<read_graph*, std::string>(notes));
    dp.property("timezone", boost::ref_property_map<read_graph*, std::string>(zone));
    REQUIRE_NOTHROW(boost::read_graphml(in, g, dp));

    CHECK(title == s.title);
    CHECK(zone == (s.timezone.empty() ? "UTC" : s.timezone));
    // GraphML nodes come in the story's order (time order), so vertex v is event v.
    REQUIRE(boost::num_vertices(g) == s.events.size());
    for (event_index v = 0; v < s.events.size(); ++v) {
      const event e = s.events[v];
      CAPTURE(e.id());
      const auto values = detail::event_attribute_values(s, e);
      for (std::size_t k = 0; k < values.size(); ++k) {
        CAPTURE(detail::event_attributes[k].name);
        if (detail::event_attributes[k].type == detail::attribute_type::boolean)
          CHECK(flag_maps[k][v] == (values[k] == "true"));
        else
          CHECK(text_maps[k][v] == detail::text::clean(values[k]));
      }
    }
    std::multiset<std::tuple<std::string, std::string, std::string, std::string, bool>> want, got;
    for (const event e : s.events)
      for (const relation r : e.relations())
        want.emplace(e.id(), s.events[r.target].id(), to_string(r.type), r.note,
                     is_response(r.type));
    for (auto [it, end] = boost::edges(g); it != end; ++it) {
      const auto source = s.events[static_cast<event_index>(boost::source(*it, g))].id();
      const auto target = s.events[static_cast<event_index>(boost::target(*it, g))].id();
      got.emplace(source, target, relation_of[*it], note_of[*it], response_of[*it]);
    }
    CHECK(got == want);
  }
}

TEST_CASE("export: GEXF colours are viz:color in the viz namespace, which Gephi reads") {
  const std::string gexf = exported(test::load_or_fail(test::seed), export_format::gexf);
  CHECK(gexf.find("xmlns:viz=\"http://gexf.net/1.3/viz\"") != std::string::npos);
  CHECK(gexf.find("<viz:color r=\"") != std::string::npos);
  CHECK(gexf.find("<color ") == std::string::npos);
}

TEST_CASE("export: vis and TimelineJS text is HTML-escaped, links only for http(s)") {
  const story s = test::load_or_fail(tricky_path);
  const std::string vis = exported(s, export_format::vis);
  CHECK(vis.find("<script>") == std::string::npos);
  CHECK(vis.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  const std::string tl = exported(s, export_format::timelinejs);
  CHECK(tl.find("<script>") == std::string::npos);
  CHECK(tl.find("href=\\\"javascript") == std::string::npos);
  CHECK(tl.find("<a href=\\\"https://example.org/report?a=1&amp;b=&quot;2&quot;\\\"") !=
        std::string::npos);
  CHECK(tl.find("\"credit\":\"Example &amp; Co\"") != std::string::npos);
  // The source as TimelineJS's blockquote media, letters and digits as references (TimelineJS
  // would take the address for an image, and text such as "youtu.be" for a video).
  CHECK(tl.find("\"media\":{\"url\":\"<blockquote>&#83;&#105;&#116;&#101; &lt;&#105;&gt;&#114;") !=
        std::string::npos);
  CHECK(tl.find("\"caption\":\"<a href=\\\"https://example.org/report?a=1&amp;b=&quot;2&quot;\\\" "
                "rel=\\\"noopener noreferrer\\\">example.org</a>\"") != std::string::npos);
}

TEST_CASE("export: docs/exports.md lists each format with the table's endings") {
  const std::string docs = test::slurp(EVENTGRAPH_SOURCE_DIR "/docs/exports.md");
  for (const export_format_info& f : export_formats()) {
    std::string row = "| `" + std::string(f.name) + "` | `" + std::string(f.endings[0]) + "`";
    if (!f.endings[1].empty()) row += ", `" + std::string(f.endings[1]) + "`";
    CAPTURE(row);
    CHECK(docs.find(row + " ") != std::string::npos);
  }
}
