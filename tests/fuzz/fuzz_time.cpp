// libFuzzer target for the EDTF date parser with zones: any text, in any of a few zones (or a
// zone named by the input), must give a time or an error, never a crash; a time must have
// earliest <= latest, each end's precision no finer than the date states; the shortcut for
// common forms must agree with the general parser; describe_date must not crash.
//   build/asan/tests/fuzz/fuzz_time -max_total_time=60 tests/fuzz/corpus/fuzz_time
//
// Input: the first byte picks the zone (below); with its high bit set, the zone is the text up
// to the first newline instead. The rest is the date.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "eventgraph/time.hpp"
#include "time/time_parse.hpp"

namespace {

constexpr std::array<std::string_view, 8> zones = {
    "UTC", "America/Los_Angeles", "Europe/London",   "Australia/Lord_Howe", "Asia/Kolkata",
    "",    "Mars/Base",           "America/St_Johns"};

void check(std::string_view date, std::string_view zone) {
  using namespace eventgraph;
  const date_parse_result r = parse_date(date, zone);
  if (r.time.has_value() == !r.error.empty()) __builtin_trap();  // exactly one of the two
  if (!r.time) {
    if (r.error_offset > date.size()) __builtin_trap();
    return;
  }
  const event_time& t = *r.time;
  if (t.earliest > t.latest) __builtin_trap();
  if (t.precision > r.start_precision || t.precision > r.end_precision) __builtin_trap();
  const date_parse_result general = detail::parse_date_general(date, zone);
  if (!general.time || *general.time != t) __builtin_trap();
  (void)describe_date(date, zone);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string_view zone = zones[data[0] % zones.size()];
  if (data[0] & 0x80) {
    const std::size_t newline = text.find('\n');
    if (newline == std::string_view::npos) return 0;
    zone = text.substr(0, newline);
    text.remove_prefix(newline + 1);
  }
  check(text, zone);
  return 0;
}
