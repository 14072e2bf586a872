// libFuzzer target for the exports: any bytes that load as a story (as YAML, then as JSON, the
// way fuzz_load reads them) go through every export writer, each with an oracle. Our JSON loads
// back to the same story (its export gives the same bytes); GraphML and GEXF parse with libxml2;
// Cytoscape, vis-timeline, TimelineJS and JGF parse as JSON; CSV, Mermaid (both forms) and HTML
// are at least written without an error. A failed oracle traps. Built by the `asan` preset;
// run (seeds: the samples and the test stories):
//   build/asan/tests/fuzz/fuzz_export -max_total_time=60 build/asan/tests/fuzz/corpus/fuzz_export \
//     tests/fuzz/corpus/fuzz_export

#include <libxml/parser.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "eventgraph/export.hpp"
#include "eventgraph/load.hpp"

namespace {

using namespace eventgraph;

std::string written(const story& s, export_format format, export_options options = {}) {
  auto out = export_story(s, format, options);
  if (!out.ok()) __builtin_trap();  // a loaded story always exports
  return std::move(out).value();
}

void check_xml(const std::string& text) {
  xmlDocPtr doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), "export.xml", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == nullptr) __builtin_trap();
  xmlFreeDoc(doc);
}

void check_json(const std::string& text) {
  if (!nlohmann::json::accept(text)) __builtin_trap();
}

/// Our own format: loads back, and the reloaded story exports to the same bytes.
void check_round_trip(const std::string& json) {
  std::vector<input_text> inputs{{"again.json", json}};
  load_options options;
  options.format = input_format::json;
  const auto again = load_texts(inputs, options);
  if (!again.ok()) __builtin_trap();
  if (written(again.value(), export_format::json) != json) __builtin_trap();
}

void check_exports(const story& s) {
  check_xml(written(s, export_format::graphml));
  check_xml(written(s, export_format::gexf));
  for (export_format f : {export_format::cytoscape, export_format::vis, export_format::timelinejs,
                          export_format::jgf})
    check_json(written(s, f));
  check_round_trip(written(s, export_format::json));
  written(s, export_format::mermaid);
  written(s, export_format::mermaid, export_options{.mermaid_graph = true});
  written(s, export_format::html);
  const auto csv = export_files(s, export_format::csv);
  if (!csv.ok() || csv.value().size() != csv_file_names().size()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  xmlInitParser();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (auto format : {input_format::yaml, input_format::json}) {
    std::vector<input_text> inputs{{"fuzz", text}};
    load_options options;
    options.format = format;
    const auto loaded = load_texts(inputs, options);
    if (loaded.ok()) check_exports(loaded.value());
  }
  return 0;
}
