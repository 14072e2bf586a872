#include <doctest/doctest.h>

#include <string>

#include "../support/helpers.hpp"

using test::run_cli;
using test::seed;

TEST_CASE("cli: validate accepts the seed story") {
  auto r = run_cli({"validate", "--no-warnings", seed});
  CHECK(r.status == 0);
  CHECK(r.out.rfind("ok: ", 0) == 0);
  CHECK(r.err.empty());
}

TEST_CASE("cli: validate reports every error as file:line:column and exits 1") {
  const auto bad = test::fresh_dir("cli-validate") / "bad.yaml";
  test::write_file(bad,
                   "eventgraph: 1\nactors: [{id: a, name: A, kind: persn}]\nevents:\n"
                   "  - {id: e, date: \"2026-02-30\", actor: b, title: T}\n");
  auto r = run_cli({"validate", bad.string()});
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find(bad.string() + ":2:33: error: unknown actor kind 'persn'") != std::string::npos);
  CHECK(r.err.find(bad.string() + ":4:28: error: invalid date '2026-02-30'") != std::string::npos);
  CHECK(r.err.find(bad.string() + ":4:40: error: no actor has the id 'b'") != std::string::npos);
}

TEST_CASE("cli: bad usage exits 2, a missing file too") {
  CHECK(run_cli({}).status == 2);
  CHECK(run_cli({"frobnicate"}).status == 2);
  CHECK(run_cli({"validate"}).status == 2);
  CHECK(run_cli({"validate", "/nonexistent/story.yaml"}).status == 2);
}

TEST_CASE("cli: '-' reads the story from standard input, and the summary counts in English") {
  const std::string one =
      "eventgraph: 1\nsources: [{title: S}]\n"
      "actors: [{id: a, name: A, kind: person}]\n"
      "events:\n  - {id: e1, date: \"2026\", actor: a, title: One}\n"
      "  - {id: e2, date: \"2027\", actor: a, title: Two, responds_to: [e1]}\n";
  const auto r = test::with_stdin(one, [] { return test::run_cli({"validate", "-"}); });
  CHECK(r.status == 0);
  CHECK(r.out == "ok: 2 events, 1 actor, 1 relation in 1 file\n");
  const auto bad = test::with_stdin("eventgraph: 1\ntitle: [\n", [] {
    return test::run_cli({"validate", "-"});
  });
  CHECK(bad.status == 1);
  CHECK(bad.err.find("<stdin>:") != std::string::npos);
}
