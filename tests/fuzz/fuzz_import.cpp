// libFuzzer target for the importers: the first byte chooses the format (its value modulo 8:
// import_format's seven formats and detect), the rest is the input. Any bytes must give
// diagnostics or a story, never a crash, a hang or a leak; every diagnostic names the input and
// a line inside it (line 0 only for one about the whole input, column 0 too); and an imported
// story written as NDJSON loads back to the same story.
//   build/asan/tests/fuzz/fuzz_import -max_total_time=300 tests/fuzz/corpus/fuzz_import

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "eventgraph/export.hpp"
#include "eventgraph/import.hpp"
#include "eventgraph/load.hpp"

namespace {

constexpr int format_choices = 8;  // detect and the seven formats

/// Lines as the readers count them: a line ends at LF, CR LF or a lone CR (old Mac files).
std::size_t line_count(const std::string& text) {
  std::size_t lines = 1;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
      ++lines;
  return lines;
}

bool inside(const eventgraph::diagnostic& d, const std::string& name, std::size_t lines) {
  if (d.where.file != name) return false;
  if (d.where.line == 0) return d.where.column == 0;
  return d.where.line <= lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  eventgraph::import_options options;
  options.format = static_cast<eventgraph::import_format>(data[0] % format_choices);
  const std::vector<eventgraph::input_text> inputs{
      {"fuzz", std::string(reinterpret_cast<const char*>(data) + 1, size - 1)}};
  const std::size_t lines = line_count(inputs[0].text);
  const auto imported = eventgraph::import_texts(inputs, options);
  for (const auto& d : imported.diagnostics().items())
    if (!inside(d, inputs[0].name, lines)) __builtin_trap();
  if (!imported.ok()) return 0;
  const auto& story = imported.value().value;
  const auto json = eventgraph::export_story(story, eventgraph::export_format::json);
  const auto ndjson = eventgraph::export_story(story, eventgraph::export_format::ndjson);
  if (!json.ok() || !ndjson.ok()) __builtin_trap();
  const std::vector<eventgraph::input_text> again{{"again.ndjson", ndjson.value()}};
  eventgraph::load_options load;
  load.format = eventgraph::input_format::ndjson;
  const auto loaded = eventgraph::load_texts(again, load);
  if (!loaded.ok()) __builtin_trap();
  const auto back = eventgraph::export_story(loaded.value(), eventgraph::export_format::json);
  if (!back.ok() || back.value() != json.value()) __builtin_trap();
  return 0;
}
