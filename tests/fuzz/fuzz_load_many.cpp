// libFuzzer target for loading several files together: the input split at 0x1E (record
// separator) into up to three files, named as YAML, NDJSON and by content. Any bytes must give
// diagnostics or a story, never a crash, a hang or a leak; and NDJSON's fast path, whose actor
// index spans files, must give the same diagnostics and story as the general reader.
//   build/asan/tests/fuzz/fuzz_load_many -max_total_time=60 tests/fuzz/corpus/fuzz_load_many

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "eventgraph/load.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static constexpr std::array<const char*, 3> names = {"one.yaml", "two.ndjson", "three"};
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<eventgraph::input_text> inputs;
  std::size_t begin = 0;
  while (inputs.size() < names.size()) {
    const std::size_t end =
        inputs.size() + 1 == names.size() ? std::string_view::npos : text.find('\x1e', begin);
    inputs.push_back({names[inputs.size()], std::string(text.substr(begin, end - begin))});
    if (end == std::string_view::npos) break;
    begin = end + 1;
  }
  eventgraph::load_options options;
  auto fast = eventgraph::load_texts(inputs, options);
  if (fast.ok() && fast.value().events.size() > size) __builtin_trap();
  options.ndjson_fast_path = false;
  auto general = eventgraph::load_texts(inputs, options);
  if (fuzz::describe(fast) != fuzz::describe(general)) __builtin_trap();
  return 0;
}
