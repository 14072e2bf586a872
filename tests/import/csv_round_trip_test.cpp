// eventgraph's own CSV read back: `export --format csv` then import csv of its four sheets
// gives the same story, byte for byte in eventgraph's JSON export.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "eventgraph/export.hpp"
#include "eventgraph/import.hpp"
#include "support/helpers.hpp"

namespace {

using namespace eventgraph;

std::vector<input_text> sheets_of(const story& s) {
  auto sheets = export_files(s, export_format::csv);
  REQUIRE(sheets.ok());
  std::vector<input_text> inputs;
  for (const auto& f : sheets.value()) inputs.push_back({f.name, f.content});
  return inputs;
}

/// The story the sheets import to, as eventgraph's JSON ("" when the import failed).
std::string imported_json(const std::vector<input_text>& inputs, import_format format) {
  import_options options;
  options.format = format;
  const auto imported = import_texts(inputs, options);
  for (const auto& d : imported.diagnostics().items()) MESSAGE(format_diagnostic(d));
  if (!imported.ok()) return std::string();
  CHECK(imported.value().counts.placeholders == 0);
  CHECK(imported.value().counts.merged == 0);
  return export_story(imported.value().value, export_format::json).value();
}

void check_round_trip(const std::string& path) {
  INFO(path);
  const story original = test::load_or_fail(path);
  const std::string want = export_story(original, export_format::json).value();
  auto inputs = sheets_of(original);
  CHECK(imported_json(inputs, import_format::csv) == want);
  // Detected, and in the order a shell's DIR/*.csv gives them.
  std::sort(inputs.begin(), inputs.end(),
            [](const input_text& a, const input_text& b) { return a.name < b.name; });
  CHECK(imported_json(inputs, import_format::detect) == want);
}

}  // namespace

TEST_CASE("import csv: eventgraph's own CSV round-trips to the same JSON (seed, samples)") {
  check_round_trip(test::seed);
  check_round_trip(test::samples + "two-zones.yaml");
  check_round_trip(test::data + "graph/small.yaml");
  check_round_trip(test::data + "centuries.yaml");
}

TEST_CASE("import csv: eventgraph's own CSV round-trips text that breaks naive sheets") {
  check_round_trip(test::data + "export/tricky.yaml");
  check_round_trip(test::data + "hostile.yaml");
}

TEST_CASE("import csv: eventgraph's events.csv alone, or with relations.csv, still imports") {
  const story original = test::load_or_fail(test::seed);
  const auto inputs = sheets_of(original);
  import_options options;
  options.format = import_format::csv;
  for (const std::size_t sheets : {1, 2}) {
    CAPTURE(sheets);
    // events.csv, then relations.csv: the sheets after actors.csv
    const std::vector<input_text> some(inputs.begin() + 1, inputs.begin() + 1 + sheets);
    const auto imported = import_texts(some, options);
    REQUIRE(imported.ok());
    const story& back = imported.value().value;
    CHECK(back.events.size() == original.events.size());
    CHECK(back.title.empty());
    std::size_t relations = 0;
    for (const event e : back.events) relations += e.relations().size();
    CHECK((relations > 0) == (sheets == 2));
  }
}
