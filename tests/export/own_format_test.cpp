// eventgraph's own format written as YAML and NDJSON: each loads back to the story it was
// written from (the same JSON export bytes), writes the same bytes twice, and keeps hostile
// text (YAML's indicators, words YAML 1.1 reads as booleans, control characters) as text.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../support/helpers.hpp"
#include "eventgraph/export.hpp"
#include "eventgraph/load.hpp"

using namespace eventgraph;

namespace {

const std::vector<std::string> stories = {
    test::seed,
    test::samples + "two-zones.yaml",
    test::data + "export/tricky.yaml",
    test::data + "export/own-format-hostile.json",
    test::data + "hostile.yaml",
    test::data + "timeline-small.yaml",
    test::data + "centuries.yaml",
    test::data + "graph/small.yaml",
    test::data + "graph/coauthored.yaml",
};

std::string exported(const story& s, export_format f) {
  auto r = export_story(s, f);
  REQUIRE(r.ok());
  return r.value();
}

}  // namespace

TEST_CASE("export yaml and ndjson: load back to the same story, and the same bytes twice") {
  for (const std::string& path : stories) {
    CAPTURE(path);
    const story original = test::load_or_fail(path);
    const std::string json = exported(original, export_format::json);
    for (const auto& [format_, name] : {std::pair{export_format::yaml, "again.yaml"},
                                        std::pair{export_format::ndjson, "again.ndjson"}}) {
      // A copy: doctest's CAPTURE is a lambda, which a structured binding cannot enter in C++20.
      const export_format format = format_;
      CAPTURE(to_string(format));
      const std::string text = exported(original, format);
      CHECK(exported(original, format) == text);
      const story again = test::load_text_or_fail(text, name);
      CHECK(exported(again, export_format::json) == json);
      CHECK(exported(again, format) == text);
    }
  }
}

TEST_CASE("export yaml: plain where unambiguous, quoted where YAML would misread") {
  const std::string yaml = exported(
      test::load_or_fail(test::data + "export/own-format-hostile.json"), export_format::yaml);
  CAPTURE(yaml);
  auto has = [&](std::string_view line) { return yaml.find(line) != std::string::npos; };
  CHECK(yaml.starts_with("eventgraph: 1\ntitle: \"yes\"\n"));
  // Dates always quoted; words YAML 1.1 reads as booleans or null, and numbers, quoted.
  CHECK(has("\n    date: \"2024-03-01\"\n"));
  CHECK(has("\n  - id: \"no\"\n    name: \"Off\"\n    kind: person\n    role: \"true\"\n"));
  CHECK(has("\n  - id: \"1234\"\n    name: \"1e5\"\n"));
  CHECK(has("\n    member_of: [\"no\", \"1234\"]\n"));
  CHECK(has("\n  - title: \"null\"\n    date: \"2024\"\n    note: \"~\"\n"));
  // Indicators quoted; a comma is plain in a block, quoted in a flow list.
  CHECK(has("\ndescription: \"- starts like a list item: and has ': ' and ' # ' in it\"\n"));
  CHECK(has("\n    title: \"&anchor *alias !tag %percent @at `tick`\"\n"));
  CHECK(has("\n    title: Plain title, with comma (and parens) / slash? yes!\n"));
  CHECK(has(
      "\n    tags: [\"a, b\", \"[x]\", \"{y}\", \"yes\", \"\", \"#hash\", \"multi\\nline\"]\n"));
  // Controls, DEL, C1, line separators and the BOM escaped; other unicode as it is.
  CHECK(
      has("tab\\there, CR\\rhere, bell\\u0007, DEL\\u007F, C1\\u0085 and\\u0090, line "
          "sep\\u2028, para sep\\u2029, BOM\\uFEFF\"\n"));
  CHECK(has("\n    name: \"Ζωή Δήμου 🎉 東京\"\n"));
  // Several lines as a literal block, unless a first line is indented or breaks pile up.
  CHECK(
      has("\nnotes: |\n  line one\n  line two\n\n    indented line four\n  last line ends with "
          "a break\ntimezone:"));
  CHECK(
      has("\n      - text: |-\n          First line of a quote\n          second line of it\n"
          "        by: \"y\"\n"));
  CHECK(has("\n    summary: \" leading space\\nsecond line\"\n"));
  CHECK(has("\n    title: \"ends with two breaks\\n\\n\"\n"));
  // Numbers as numbers; a blank line between events.
  CHECK(has("\n      - label: big\n        value: 33000\n        unit: people\n"));
  CHECK(has("\n        value: 1.0e+20\n"));  // YAML 1.1 floats need the point
  CHECK(has("\n        to: \"2024-e2\"\n\n  - id: e1\n"));
}

TEST_CASE("export ndjson: a header line, then actor lines, then event lines") {
  const story s = test::load_or_fail(test::samples + "two-zones.yaml");
  const std::string text = exported(s, export_format::ndjson);
  std::vector<std::string_view> lines;
  for (std::string_view rest = text; !rest.empty();) {
    const std::size_t end = rest.find('\n');
    REQUIRE(end != std::string_view::npos);  // every line ends with a line feed
    lines.push_back(rest.substr(0, end));
    rest.remove_prefix(end + 1);
  }
  REQUIRE(lines.size() == 1 + s.actors.size() + s.events.size());
  CHECK(lines[0].starts_with(R"({"eventgraph":1,"title":"Synthetic: a two-coast dispute)"));
  CHECK(lines[0].find(R"("timezone":"America/Los_Angeles","sources":[{)") != std::string::npos);
  CHECK(lines[1] ==
        R"x({"type":"actor","id":"mayor-vale","name":"Alex Vale (fictional)","kind":"person",)x"
        R"x("role":"Mayor of Westport (fictional)","member_of":["westport-city"]})x");
  const std::string_view first_event = lines[1 + s.actors.size()];
  CHECK(first_event.starts_with("{\"id\":\"" + std::string(s.events[0].id()) + "\",\"date\":"));
}
