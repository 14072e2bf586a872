// libFuzzer target for the loader: any bytes, as YAML, JSON and NDJSON, must give diagnostics or
// a story, never a crash, a hang or a leak. Build with -DEVENTGRAPH_FUZZ=ON and clang; run:
//   build/fuzz/tests/fuzz_load -max_total_time=300 tests/fuzz/corpus

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "eventgraph/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (auto format : {eventgraph::input_format::yaml, eventgraph::input_format::json,
                      eventgraph::input_format::ndjson}) {
    std::vector<eventgraph::input_text> inputs{{"fuzz", text}};
    eventgraph::load_options options;
    options.format = format;
    auto loaded = eventgraph::load_texts(inputs, options);
    if (loaded.ok() && loaded.value().events.size() > size) __builtin_trap();
  }
  return 0;
}
