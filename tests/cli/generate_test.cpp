#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "../support/helpers.hpp"

using test::run_cli;

TEST_CASE("cli generate: writes a story the other commands read, same seed same file") {
  const auto dir = test::fresh_dir("generate");
  const auto a = (dir / "a.ndjson").string(), b = (dir / "b.ndjson").string();
  auto r = run_cli({"generate", "--events", "300", "--actors", "5", "--seed", "9", "-o", a});
  CHECK(r.status == 0);
  CHECK(r.out == "wrote " + a + "\n");
  CHECK(r.err.empty());  // no progress when not on a terminal
  CHECK(run_cli({"generate", "--events", "300", "--actors", "5", "--seed", "9", "-o", b}).status ==
        0);
  CHECK(test::slurp(a) == test::slurp(b));
  CHECK(run_cli({"validate", a}).out ==
        "ok: 300 events, 5 actors, " +
            std::to_string(run_cli({"stats", a, "--json"}).json()["relations"].get<std::size_t>()) +
            " relations in 1 file\n");
  auto deep = run_cli({"generate", "--events", "50", "--actors", "2", "--deep-thread", "--from",
                       "2026-01-01", "--to", "2026-01-31"});
  CHECK(deep.status == 0);
  const auto deep_file = (dir / "deep.ndjson").string();
  std::ofstream(deep_file, std::ios::binary) << deep.out;
  CHECK(run_cli({"stats", deep_file, "--json"}).json()["longest_chain"]["length"] == 50);
}

TEST_CASE("cli generate: bad options exit 2") {
  auto r =
      run_cli({"generate", "--events", "10", "--actors", "2", "--from", "2026", "--to", "2025"});
  CHECK(r.status == 2);
  CHECK(r.err == "error: --to '2025' is before --from '2026'\n");
  CHECK(run_cli({"generate", "--events", "10", "--actors", "0"}).status == 2);
  CHECK(run_cli({"generate", "--actors", "2"}).status == 2);
}
