#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../support/helpers.hpp"

namespace fs = std::filesystem;

namespace {

using test::seed;
using test::slurp;

test::outcome run_render(std::vector<std::string> args) {
  args.insert(args.begin(), "render");
  return test::run_cli(std::move(args));
}

fs::path fresh_dir(const std::string& name) {
  return test::fresh_dir("render-" + name);
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("render: writes the file, and only it, and prints its absolute path") {
  const fs::path dir = fresh_dir("writes");
  const fs::path out = dir / "seed.svg";
  const auto r = run_render({seed, "-o", out.string()});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out == "wrote " + fs::absolute(out).lexically_normal().string() + "\n");
  CHECK(slurp(out).find("<svg") != std::string::npos);
  CHECK(names_in(dir) == std::vector<std::string>{"seed.svg"});  // no temporary left behind
}

TEST_CASE("render: the format comes from the extension, or from --format when they agree") {
  const fs::path dir = fresh_dir("format");
  CHECK(run_render({seed, "-o", (dir / "a.dot").string()}).status == 0);
  CHECK(slurp(dir / "a.dot").rfind("digraph eventgraph {\n", 0) == 0);
  CHECK(run_render({seed, "-o", (dir / "a.GV").string()}).status == 0);
  CHECK(slurp(dir / "a.GV").rfind("digraph eventgraph {\n", 0) == 0);
  CHECK(run_render({seed, "-o", (dir / "a.png").string()}).status == 0);
  CHECK(slurp(dir / "a.png").rfind("\x89PNG", 0) == 0);
  CHECK(run_render({seed, "-o", (dir / "a.pdf").string()}).status == 0);
  CHECK(slurp(dir / "a.pdf").rfind("%PDF-", 0) == 0);
  CHECK(run_render({seed, "-o", (dir / "diagram").string(), "--format", "dot"}).status == 0);
  CHECK(slurp(dir / "diagram").rfind("digraph", 0) == 0);

  const auto unknown = run_render({seed, "-o", (dir / "a.txt").string()});
  CHECK(unknown.status == 2);
  CHECK(unknown.err == "error: cannot tell the format from '" + (dir / "a.txt").string() +
                           "': use --format dot, svg, png or pdf\n");
  const auto mismatch = run_render({seed, "-o", (dir / "b.png").string(), "--format", "svg"});
  CHECK(mismatch.status == 2);
  CHECK(mismatch.err ==
        "error: --format svg does not match the extension of '" + (dir / "b.png").string() + "'\n");
  CHECK_FALSE(fs::exists(dir / "a.txt"));
  CHECK_FALSE(fs::exists(dir / "b.png"));
}

TEST_CASE("render: --unit, --engine, --lanes, --width and --title reach the diagram") {
  const fs::path dir = fresh_dir("options");
  const fs::path out = dir / "a.dot";
  REQUIRE(run_render({seed, "-o", out.string(), "--unit", "month", "--engine", "neato", "--lanes",
                      "org", "--width", "1200", "--title", "My \"title\""})
              .status == 0);
  const std::string dot = slurp(out);
  CHECK(dot.find("layout=neato") != std::string::npos);
  CHECK(dot.find("graph [size=\"12.5,1000\"];") != std::string::npos);
  CHECK(dot.find("one row per month with events") != std::string::npos);
  CHECK(dot.find("label=\"My \\\"title\\\"\\l") != std::string::npos);
}

TEST_CASE("render: bad usage exits 2 and writes nothing") {
  const fs::path dir = fresh_dir("usage");
  const std::string out = (dir / "a.svg").string();
  CHECK(run_render({seed}).status == 2);       // no -o
  CHECK(run_render({"-o", out}).status == 2);  // no input
  CHECK(run_render({seed, "-o", out, "--engine", "evil"}).status == 2);
  CHECK(run_render({seed, "-o", out, "--unit", "fortnight"}).status == 2);
  CHECK(run_render({seed, "-o", out, "--format", "gif"}).status == 2);
  CHECK(run_render({seed, "-o", out, "--lanes", "team"}).status == 2);
  CHECK(run_render({seed, "-o", (dir / "t.dot").string(), "--layout", "timeline"}).status == 2);
  // An option the layout does not use is an error, not silently dropped.
  for (const std::vector<std::string>& ignored :
       {std::vector<std::string>{"--layout", "timeline", "--unit", "week"},
        {"--layout", "timeline", "--engine", "neato"},
        {"--layout", "timeline", "--force"},
        {"--detail", "full"},
        {"--layout", "graphviz", "--no-compress"}}) {
    std::vector<std::string> args = {seed, "-o", out};
    args.insert(args.end(), ignored.begin(), ignored.end());
    const auto r = run_render(args);
    INFO(ignored[ignored.size() > 2 ? 2 : 0]);
    CHECK(r.status == 2);
    CHECK(r.err.find("applies to the ") != std::string::npos);
  }
  // A width too narrow for anything is refused.
  CHECK(run_render({seed, "-o", out, "--layout", "timeline", "--width", "200"}).status == 2);
  CHECK(run_render({seed, "-o", out, "--layout", "timeline", "--unit", "week"}).err ==
        "error: --unit applies to the graphviz layout only, not --layout timeline\n");
  CHECK(names_in(dir).empty());
}

TEST_CASE("render: bad data exits 1 and leaves the old file as it was") {
  const fs::path dir = fresh_dir("bad-data");
  const fs::path bad = dir / "bad.yaml";
  std::ofstream(bad) << "eventgraph: 1\nactors: [{id: a, name: A, kind: person}]\n"
                        "events:\n  - {id: e, date: \"2026-02-30\", actor: a, title: T}\n";
  const fs::path out = dir / "out.svg";
  std::ofstream(out) << "old";
  const auto r = run_render({bad.string(), "-o", out.string()});
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("invalid date '2026-02-30'") != std::string::npos);
  CHECK(slurp(out) == "old");
  CHECK(names_in(dir) == std::vector<std::string>{"bad.yaml", "out.svg"});
}

TEST_CASE("render: too large for Graphviz exits 1 and points to the timeline") {
  const fs::path dir = fresh_dir("too-large");
  const fs::path story = dir / "big.ndjson";
  std::ostringstream out, err;
  REQUIRE(eventgraph::cli::run(
              {"generate", "--events", "5001", "--actors", "20", "-o", story.string()}, out, err) ==
          0);
  const auto r = run_render({story.string(), "-o", (dir / "big.svg").string()});
  CHECK(r.status == 1);
  CHECK(r.err.find("error: too large for a Graphviz layout: 5001 events") != std::string::npos);
  CHECK(r.err.find("--layout timeline") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "big.svg"));
  // The DOT text is never refused: Graphviz does not run.
  CHECK(run_render({story.string(), "-o", (dir / "big.dot").string()}).status == 0);
}

TEST_CASE("render: an unwritable output exits 3") {
  const auto r = run_render({seed, "-o", "/nonexistent-dir/a.svg"});
  CHECK(r.status == 3);
  CHECK(r.out.empty());
}
