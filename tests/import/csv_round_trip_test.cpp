// eventgraph's own CSV read back: `export --format csv` then import csv gives the same events,
// relations and actors for every field the two sheets carry (docs/import.md says which do not).

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "eventgraph/export.hpp"
#include "eventgraph/import.hpp"
#include "support/helpers.hpp"

namespace {

using namespace eventgraph;

/// What the sheets carry of an event, one line per fact, in the story's order.
std::vector<std::string> facts(const story& s) {
  std::vector<std::string> out;
  auto ids = [&](std::span<const actor_index> list) {
    std::string text;
    for (const actor_index a : list) text += s.actors[a].id + "=" + s.actors[a].name + ";";
    return text;
  };
  for (const event e : s.events) {
    // The zone the date was read in; none means UTC (an export writes UTC for it).
    std::string zone(e.timezone().empty() ? s.timezone : e.timezone());
    if (zone.empty()) zone = "UTC";
    std::string line = std::string(e.id()) + " | " + std::string(e.date()) + " | " + zone + " | " +
                       ids(e.actors()) + " | " + ids(e.addressees()) + " | " +
                       std::string(e.kind()) + " | " + std::string(e.channel()) + " | " +
                       std::string(e.place()) + " | " + std::string(e.title()) + " | " +
                       std::string(e.summary()) + " |";
    for (const auto tag : e.tags()) line += " #" + std::string(tag);
    for (const source& src : e.sources()) line += " <" + src.url + ">";
    for (const relation r : e.relations())
      line += " " + std::string(to_string(r.type)) + "->" + std::string(s.events[r.target].id()) +
              "(" + std::string(r.note) + ")";
    out.push_back(std::move(line));
  }
  return out;
}

void check_round_trip(const std::string& path) {
  INFO(path);
  const story original = test::load_or_fail(path);
  auto sheets = export_files(original, export_format::csv);
  REQUIRE(sheets.ok());
  std::vector<input_text> inputs;
  for (const auto& f : sheets.value()) inputs.push_back({f.name, f.content});
  import_options options;
  options.format = import_format::csv;
  const auto imported = import_texts(inputs, options);
  for (const auto& d : imported.diagnostics().items()) MESSAGE(format_diagnostic(d));
  REQUIRE(imported.ok());
  const story& back = imported.value().value;
  const auto got = facts(back), want = facts(original);
  for (std::size_t i = 0; i < std::max(got.size(), want.size()); ++i)
    if (i >= got.size() || i >= want.size() || got[i] != want[i])
      MESSAGE("imported: " << (i < got.size() ? got[i] : "-")
                           << "\noriginal: " << (i < want.size() ? want[i] : "-"));
  CHECK(got == want);
  CHECK(imported.value().counts.placeholders == 0);
  CHECK(imported.value().counts.merged == 0);
  // Read the same way twice, the story is byte for byte the same.
  const auto again = import_texts(inputs, options);
  REQUIRE(again.ok());
  CHECK(export_story(back, export_format::json).value() ==
        export_story(again.value().value, export_format::json).value());
}

}  // namespace

TEST_CASE("import csv: eventgraph's own CSV round-trips (seed, samples, tricky text)") {
  check_round_trip(test::seed);
  check_round_trip(test::samples + "two-zones.yaml");
  check_round_trip(test::data + "export/tricky.yaml");
  check_round_trip(test::data + "graph/small.yaml");
  check_round_trip(test::data + "centuries.yaml");
  check_round_trip(test::data + "hostile.yaml");
}
