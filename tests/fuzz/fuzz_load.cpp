// libFuzzer target for the loader: any bytes, as YAML, JSON and NDJSON, must give diagnostics or
// a story, never a crash, a hang or a leak; and NDJSON read with and without its fast path
// must give the same diagnostics and the same story. Build with -DEVENTGRAPH_FUZZ=ON and clang;
// run:
//   build/asan/tests/fuzz/fuzz_load -max_total_time=300 tests/fuzz/corpus

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "eventgraph/load.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (auto format : {eventgraph::input_format::yaml, eventgraph::input_format::json,
                      eventgraph::input_format::ndjson}) {
    std::vector<eventgraph::input_text> inputs{{"fuzz", text}};
    eventgraph::load_options options;
    options.format = format;
    auto loaded = eventgraph::load_texts(inputs, options);
    if (loaded.ok() && loaded.value().events.size() > size) __builtin_trap();
    if (format != eventgraph::input_format::ndjson) continue;
    options.ndjson_fast_path = false;
    auto general = eventgraph::load_texts(inputs, options);
    if (fuzz::describe(loaded) != fuzz::describe(general)) __builtin_trap();
  }
  return 0;
}
