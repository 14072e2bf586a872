// eventgraph export: format from --format or the output's ending, csv into a folder or next to
// a base name, atomic writes, exit statuses.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

#include "../support/helpers.hpp"
#include "eventgraph/export.hpp"
#include "eventgraph/load.hpp"

namespace fs = std::filesystem;

namespace {

test::outcome run_export(std::vector<std::string> args) {
  args.insert(args.begin(), "export");
  return test::run_cli(std::move(args));
}

const std::string zones = EVENTGRAPH_SOURCE_DIR "/samples/two-zones.yaml";

fs::path folder(const std::string& name) {
  return test::fresh_dir("export-" + name);
}

std::string engine_export(eventgraph::export_format f, bool graph = false) {
  const auto s = test::load_or_fail(zones);
  auto text = eventgraph::export_story(s, f, {.mermaid_graph = graph});
  REQUIRE(text.ok());
  return text.value();
}

}  // namespace

TEST_CASE("cli export: the format comes from the output's ending") {
  const fs::path dir = folder("endings");
  const std::vector<std::pair<std::string, eventgraph::export_format>> cases = {
      {"s.graphml", eventgraph::export_format::graphml},
      {"s.gexf", eventgraph::export_format::gexf},
      {"s.cyjs", eventgraph::export_format::cytoscape},
      {"s.vis.json", eventgraph::export_format::vis},
      {"s.timeline.json", eventgraph::export_format::timelinejs},
      {"s.mmd", eventgraph::export_format::mermaid},
      {"s.jgf", eventgraph::export_format::jgf},
      {"s.json", eventgraph::export_format::json},
      {"s.yaml", eventgraph::export_format::yaml},
      {"s.jsonl", eventgraph::export_format::ndjson}};
  for (const auto& one : cases) {
    const auto& [name, format] = one;
    CAPTURE(one.first);  // not `name`: CAPTURE is a lambda, a structured binding cannot enter it
    const auto r = run_export({zones, "-o", (dir / name).string()});
    CHECK(r.status == 0);
    CHECK(r.out == "wrote " + (dir / name).string() + "\n");
    CHECK(test::slurp(dir / name) == engine_export(format));
  }
  // Only the two files: no temporary left behind.
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 10);
}

TEST_CASE("cli export: --format wins over the ending, and '-' is standard output") {
  const fs::path dir = folder("format");
  CHECK(run_export({zones, "--format", "gexf", "-o", (dir / "odd.json").string()}).status == 0);
  CHECK(test::slurp(dir / "odd.json") == engine_export(eventgraph::export_format::gexf));
  const auto r = run_export({zones, "-f", "mermaid", "--graph"});
  CHECK(r.status == 0);
  CHECK(r.out == engine_export(eventgraph::export_format::mermaid, true));
}

TEST_CASE("cli export: csv into a folder, or next to a base name") {
  const fs::path dir = folder("csv");
  CHECK(run_export({zones, "-f", "csv", "-o", (dir / "new" / "").string()}).status == 0);  // made
  CHECK(fs::exists(dir / "new" / "events.csv"));
  CHECK(fs::exists(dir / "new" / "relations.csv"));
  CHECK(fs::exists(dir / "new" / "actors.csv"));
  CHECK(test::slurp(dir / "new" / "story.csv").rfind("Story field,Value\r\n", 0) == 0);
  CHECK(run_export({zones, "-f", "csv", "-o", dir.string()}).status == 0);
  CHECK(test::slurp(dir / "events.csv") == test::slurp(dir / "new" / "events.csv"));
  CHECK(run_export({zones, "-o", (dir / "story.csv").string()}).status == 0);
  CHECK(test::slurp(dir / "story.events.csv") == test::slurp(dir / "events.csv"));
  CHECK(test::slurp(dir / "story.relations.csv").rfind("From,To,Type,", 0) == 0);
  const auto r = run_export({zones, "-f", "csv", "-o", (dir / "base").string()});
  CHECK(r.status == 0);
  CHECK(fs::exists(dir / "base.events.csv"));
  CHECK(fs::exists(dir / "base.story.csv"));
  // Each file it wrote, in the order csv_file_names gives them.
  std::string wrote;
  for (const auto name : eventgraph::csv_file_names())
    wrote += "wrote " + (dir / ("base." + std::string(name))).string() + "\n";
  CHECK(r.out == wrote);
}

TEST_CASE("cli export: a folder without --format is an error, not two csv files") {
  const fs::path dir = folder("folder");
  auto r = run_export({zones, "-o", dir.string()});
  CHECK(r.status == 2);
  CHECK(r.err == "error: '" + dir.string() +
                     "' is a folder; give --format csv to write the csv sheets (actors.csv, "
                     "events.csv, relations.csv, story.csv) into it\n");
  CHECK(run_export({zones, "-o", (dir / "new" / "").string()}).status == 2);
  CHECK(fs::is_empty(dir));
}

TEST_CASE("cli export: usage errors exit 2 and write nothing") {
  const fs::path dir = folder("usage");
  auto r = run_export({zones, "-o", (dir / "story.txt").string()});
  CHECK(r.status == 2);
  CHECK(r.err.rfind("error: cannot tell the format from '", 0) == 0);
  r = run_export({zones});
  CHECK(r.status == 2);
  r = run_export({zones, "-f", "csv"});
  CHECK(r.status == 2);
  CHECK(r.err ==
        "error: csv is four files (actors.csv, events.csv, relations.csv, story.csv); give -o a "
        "folder or a base name\n");
  r = run_export({zones, "-f", "gexf", "--graph"});
  CHECK(r.status == 2);
  CHECK(r.err == "error: --graph applies to --format mermaid only\n");
  CHECK(run_export({zones, "-f", "pdf"}).status == 2);
  CHECK(run_export({(dir / "missing.yaml").string(), "-f", "json"}).status == 2);
  CHECK(fs::is_empty(dir));
}

TEST_CASE("cli export: bad data exits 1, an unwritable output 3, and nothing is written") {
  const fs::path dir = folder("failures");
  {
    std::ofstream(dir / "bad.yaml")
        << "eventgraph: 1\nevents:\n  - {id: a, date: \"2026-02-30\"}\n";
  }
  const fs::path out = dir / "out.json";
  auto r = run_export({(dir / "bad.yaml").string(), "-o", out.string()});
  CHECK(r.status == 1);
  CHECK(r.err.find("bad.yaml:3:") != std::string::npos);
  CHECK_FALSE(fs::exists(out));

  r = run_export({zones, "-o", (dir / "no" / "such" / "folder" / "s.json").string()});
  CHECK(r.status == 3);
  CHECK(r.err.find("error: cannot write the file") != std::string::npos);

  // A failed write leaves an existing file as it was.
  { std::ofstream(out) << "old"; }
  fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec);
  const bool read_only = ::access(dir.c_str(), W_OK) != 0;  // root ignores permissions
  r = run_export({zones, "-o", out.string()});
  fs::permissions(dir, fs::perms::owner_all);
  if (read_only) {
    CHECK(r.status == 3);
    CHECK(test::slurp(out) == "old");
  }
}
