// Out of memory at every allocation in turn: each command, run in-process on a small story with
// the k-th `operator new` failing, must end cleanly, never with an escaped exception, a crash
// or a leak, and never exit 0 with output that differs from a run with memory to spare. This
// is its own executable because it replaces the global operator new.

#include <doctest/doctest.h>

#include <cstdlib>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#include "support/helpers.hpp"

namespace {

// Allocations left before the next one fails; negative means never fail. Counting when
// `counting` is set, for the number of allocations a whole run makes.
long long failing_in = -1;
long long allocations = 0;

/// Counts an allocation; true when it is the one to fail.
bool injected_failure() {
  ++allocations;
  if (failing_in == 0) {
    failing_in = -1;  // one failure per run: what follows is the program coping with it
    return true;
  }
  if (failing_in > 0) --failing_in;
  return false;
}

}  // namespace

void* operator new(std::size_t size) {
  if (injected_failure()) throw std::bad_alloc();
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  return operator new(size);
}
// Every form is replaced, so that every allocation and release goes through malloc and free
// (a sanitizer's own nothrow or aligned forms would not match our delete).
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return operator new(size);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}
void* operator new(std::size_t size, std::align_val_t align) {
  if (injected_failure()) throw std::bad_alloc();
  const auto a = static_cast<std::size_t>(align);
  if (void* p = std::aligned_alloc(a, (size + a - 1) / a * a)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size, std::align_val_t align) {
  return operator new(size, align);
}
void* operator new(std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  try {
    return operator new(size, align);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, std::align_val_t align, const std::nothrow_t& tag) noexcept {
  return operator new(size, align, tag);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  std::free(p);
}

namespace {

/// run_cli with allocation `k` of the command itself failing (the harness's own allocations
/// come before and after).
test::outcome run_failing_at(const std::vector<std::string>& args, long long k) {
  std::ostringstream out, err;
  allocations = 0;
  failing_in = k;
  const int status = eventgraph::cli::run(args, out, err);
  failing_in = -1;
  return {status, out.str(), err.str()};
}

/// Runs the command with allocation k failing, for k spread over the whole run (every one up
/// to `dense`, then a stride so that a run stays short), and checks each outcome.
void check_every_failure(const std::vector<std::string>& args) {
  const test::outcome reference = run_failing_at(args, -1);
  const long long total = allocations;
  REQUIRE(reference.status == 0);
  CAPTURE(total);
  constexpr long long dense = 1000;
  const long long stride = total > dense ? (total - dense) / 1000 + 1 : 1;
  long long failed = 0;
  for (long long k = 0; k < total; k += k < dense ? 1 : stride) {
    CAPTURE(k);
    test::outcome o;
    try {
      o = run_failing_at(args, k);
    } catch (const std::exception& e) {
      failing_in = -1;
      FAIL("allocation " << k << " of " << total << ": an exception escaped: " << e.what());
    }
    failing_in = -1;
    if (o.status == 0) {
      // The failure was absorbed (a cache, a fallback): the output must be whole.
      if (o.out != reference.out) FAIL("allocation " << k << ": exit 0 with different output");
    } else {
      ++failed;
      if (o.status != 1 && o.status != 3) FAIL("allocation " << k << ": exit " << o.status);
      if (o.err.empty()) FAIL("allocation " << k << ": failed without a message");
    }
  }
  CHECK(failed > 0);  // the runs did fail: the injection reached the command
}

}  // namespace

TEST_CASE("alloc: every command ends cleanly when any allocation fails") {
  const std::string story = test::graph_small;
  const std::string coauthored = test::data + "graph/coauthored.yaml";
  SUBCASE("validate") {
    check_every_failure({"validate", story});
  }
  SUBCASE("events") {
    check_every_failure({"events", story});
  }
  SUBCASE("chain") {
    check_every_failure({"chain", "a", story});
  }
  SUBCASE("chain --json") {
    check_every_failure({"chain", "--json", "a", story});
  }
  SUBCASE("actors") {
    check_every_failure({"actors", coauthored});
  }
  SUBCASE("actors --json") {
    check_every_failure({"actors", "--json", coauthored});
  }
  SUBCASE("stats") {
    check_every_failure({"stats", story});
  }
  SUBCASE("stats --json") {
    check_every_failure({"stats", "--json", story});
  }
  // Not the JSON exports built from nlohmann values: nlohmann's value destructor allocates
  // (json_value::destroy reserves a stack), so out of memory while unwinding one aborts inside
  // nlohmann itself; those values are one event's, never the whole story's.
  SUBCASE("export graphml") {
    check_every_failure({"export", "--format", "graphml", story});
  }
  SUBCASE("render timeline svg") {
    check_every_failure({"render", "--layout", "timeline", "--format", "svg", "-o", "-", story});
  }
  SUBCASE("render graphviz dot") {
    check_every_failure({"render", "--format", "dot", "-o", "-", story});
  }
}
