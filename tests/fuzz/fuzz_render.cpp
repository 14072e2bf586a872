// libFuzzer target for the renderers: any bytes, as YAML and JSON; a story that loads is laid out
// as a timeline and written as SVG, which libxml2 must parse (well-formed XML, whatever the
// text), and written as our DOT text, which Graphviz's cgraph must read back (agmemread). The
// Graphviz layout itself is not run: it is slow, and its input is exactly that DOT text.
// Built by the asan preset; run:
//   build/asan/tests/fuzz/fuzz_render -max_total_time=60 tests/fuzz/corpus/fuzz_render

#include <cgraph.h>
#undef TRUE
#undef FALSE
#include <libxml/parser.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "eventgraph/load.hpp"
#include "eventgraph/render.hpp"

namespace {

int quiet(char*) {
  return 0;
}  // Graphviz's messages: the return value says enough

void xml_quiet(void*, const char*, ...) {}

void check_svg(const std::string& svg) {
  xmlDocPtr doc =
      xmlReadMemory(svg.data(), static_cast<int>(svg.size()), "timeline.svg", nullptr,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
  if (doc == nullptr) __builtin_trap();
  xmlFreeDoc(doc);
}

void check_dot(const std::string& dot) {
  Agraph_t* g = agmemread(dot.c_str());
  if (g == nullptr) __builtin_trap();
  agclose(g);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  xmlSetGenericErrorFunc(nullptr, xml_quiet);
  agseterrf(quiet);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (auto format : {eventgraph::input_format::yaml, eventgraph::input_format::json}) {
    std::vector<eventgraph::input_text> inputs{{"fuzz", text}};
    eventgraph::load_options options;
    options.format = format;
    options.warnings = false;
    auto loaded = eventgraph::load_texts(inputs, options);
    if (!loaded.ok()) continue;
    eventgraph::render_options timeline;
    timeline.layout = eventgraph::render_layout::timeline;
    // Lanes by organization on odd sizes: member_of chains and loops get their share.
    if (size % 2 == 1) timeline.lanes = eventgraph::lane_grouping::organization;
    auto svg = eventgraph::render(loaded.value(), timeline);
    if (svg.ok()) check_svg(svg.value());
    eventgraph::render_options dot;
    dot.format = eventgraph::image_format::dot;
    dot.lanes = timeline.lanes;
    auto text_dot = eventgraph::render(loaded.value(), dot);
    if (!text_dot.ok()) __builtin_trap();  // DOT text is never refused
    check_dot(text_dot.value());
  }
  return 0;
}
