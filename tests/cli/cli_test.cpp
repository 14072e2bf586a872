#include <doctest/doctest.h>

#include <string>

#include "../support/helpers.hpp"
#include "eventgraph/version.hpp"

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

TEST_CASE("cli: --version prints the version set in project(), that of the library linked") {
  auto r = run_cli({"--version"});
  CHECK(r.status == 0);
  CHECK(r.out == "eventgraph " EVENTGRAPH_VERSION "\n");
  CHECK(r.err.empty());
  CHECK(eventgraph::version() == EVENTGRAPH_VERSION);
  CHECK(eventgraph::version() == std::to_string(EVENTGRAPH_VERSION_MAJOR) + "." +
                                     std::to_string(EVENTGRAPH_VERSION_MINOR) + "." +
                                     std::to_string(EVENTGRAPH_VERSION_PATCH));
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

TEST_CASE("cli: counts read as English, one of a thing singular") {
  const auto file = test::fresh_dir("cli-plurals") / "two.yaml";
  test::write_file(
      file,
      "eventgraph: 1\nactors: [{id: a, name: A, kind: person}]\nevents:\n"
      "  - {id: r, date: 2026-02-01T10:00Z, actor: a, title: R, sources: [{title: S}]}\n"
      "  - {id: s, date: 2026-02-01T11:00Z, actor: a, title: S, responds_to: [r], "
      "sources: [{title: S}]}\n");
  auto r = run_cli({"validate", file.string()});
  CHECK(r.status == 0);
  CHECK(r.out == "ok: 2 events, 1 actor, 1 relation in 1 file\n");
  r = run_cli({"stats", file.string()});
  CHECK(r.out.rfind("2 events, 1 actor, 1 relation\n", 0) == 0);
  CHECK(r.out.find("Response times (1 response):") != std::string::npos);
  CHECK(r.out.find("  1 response: r (") != std::string::npos);
  CHECK(run_cli({"events", file.string(), "--text", "R"}).out.find("\n1 event\n") !=
        std::string::npos);
  CHECK(run_cli({"path", "r", "s", file.string()}).out.rfind("Path from r to s, 1 step:\n", 0) ==
        0);
}
