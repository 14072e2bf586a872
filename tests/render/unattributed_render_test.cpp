// Events that name no actor and placeholders (kind `missing`) in every drawing, export and
// text listing: tests/data/unattributed.yaml (rendered and looked at as PNGs while written).

#include <doctest/doctest.h>

#include <string>

#include "eventgraph/export.hpp"
#include "eventgraph/render.hpp"
#include "support/helpers.hpp"

using namespace eventgraph;

namespace {

const std::string path = test::data + "unattributed.yaml";

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

std::string exported(export_format f) {
  auto r = export_story(test::load_or_fail(path), f);
  REQUIRE(r.ok());
  return r.value();
}

render_options with_format(image_format format, render_layout layout = render_layout::graphviz) {
  render_options o;
  o.format = format;
  o.layout = layout;
  return o;
}

}  // namespace

TEST_CASE("render graphviz: a placeholder dashed and grey, an unattributed event says so") {
  const story s = test::load_or_fail(path);
  auto dot = render(s, with_format(image_format::dot));
  REQUIRE(dot.ok());
  const std::string& d = dot.value();
  CHECK(contains(d,
                 "\\lhttps://social.example/@caro\\ll/1050118621198921728\\l(missing)\\l\", "
                 "fillcolor=\"#f2f2f2\""));
  CHECK(contains(d, "style=\"rounded,filled,dashed\", color=\"#999999\", fontcolor=\"#666666\""));
  CHECK(contains(d,
                 "label=\"Oct 11, 2018\\lunattributed\\lAn unsigned leaflet answers\\lAlice"
                 "\\l\", fillcolor=\"#ffffff\""));
  // Only the placeholder is dashed.
  const std::size_t first = d.find("rounded,filled,dashed");
  CHECK(d.find("rounded,filled,dashed", first + 1) == std::string::npos);
}

TEST_CASE("render timeline: an Unattributed lane last, the placeholder hollow and dashed") {
  const story s = test::load_or_fail(path);
  auto svg = render(s, with_format(image_format::svg, render_layout::timeline));
  REQUIRE(svg.ok());
  const std::string& t = svg.value();
  const std::size_t lane = t.find("fill=\"#1a1a1a\">Unattributed</text>");
  REQUIRE(lane != std::string::npos);
  CHECK(lane > t.find("fill=\"#1a1a1a\">@bob@social.example</text>"));
  CHECK(contains(t, R"(<g class="event missing" id="event-post-1050118621198921728")"));
  CHECK(contains(t,
                 R"(fill="#ffffff" stroke="#999999" stroke-width="1.5" stroke-dasharray="3 2"/>)"));
  CHECK(contains(t, "(missing)"));
  CHECK(contains(t, "missing: referred to, not in the data"));  // the legend
  CHECK(contains(t, "Missing: referred to, not in the data"));  // the tooltip
}

TEST_CASE("export: unattributed events and placeholders in vis, GraphML, GEXF, and our own") {
  const std::string vis = exported(export_format::vis);
  CHECK(contains(vis, R"({"id":"_unattributed","content":"Unattributed","title":"Events that )"
                      R"(name no actor"})"));
  CHECK(contains(vis, R"("id":"leaflet@_unattributed","group":"_unattributed","event":"leaflet")"));
  CHECK(contains(vis, R"("id":"banner@_unattributed")"));
  CHECK(contains(vis, "eventgraph-open-start eventgraph-missing"));
  const std::string graphml = exported(export_format::graphml);
  CHECK(contains(graphml, R"(attr.name="missing" attr.type="boolean")"));
  const std::string gexf = exported(export_format::gexf);
  CHECK(contains(gexf, R"(<attvalue for="missing" value="true"/>)"));
  CHECK(contains(gexf, R"(<attvalue for="missing" value="false"/>)"));
  // Our own formats keep the kind, leave out actors' unknown kinds and empty actor lists
  // load back as they were.
  const std::string yaml = exported(export_format::yaml);
  CHECK(contains(yaml, "\n  - id: bob-example\n    name: \"@bob@social.example\"\n\n"));
  CHECK(contains(yaml,
                 "\n    date: \"../2018-10-10T20:19:24Z\"\n    actors: []\n    kind: missing\n"));
  const story again = test::load_text_or_fail(yaml, "again.yaml");
  CHECK(export_story(again, export_format::json).value() == exported(export_format::json));
}

TEST_CASE("cli events and chain: 'unattributed' and 'missing' where the actors go") {
  const auto events = test::run_cli({"events", path});
  CHECK(events.status == 0);
  CHECK(contains(events.out, "  post-1050118621198921728  missing: https://social.example/"));
  CHECK(contains(events.out, "Oct 11, 2018  leaflet  unattributed: An unsigned leaflet"));
  const auto chain = test::run_cli({"chain", "alice-reply", path, "--direction", "both"});
  CHECK(chain.status == 0);
  CHECK(contains(chain.out, "post-1050118621198921728 (until Oct 10, 2018 20:19:24 UTC; missing)"));
  CHECK(contains(chain.out, "leaflet (Oct 11, 2018; unattributed): An unsigned leaflet"));
  const auto actors = test::run_cli({"actors", path});
  CHECK(actors.status == 0);
}
