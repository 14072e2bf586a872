// eventgraph import: formats, output by ending (YAML on standard output), the summary line,
// diagnostics at the sources' positions, exit statuses, nothing written on failure.

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "../support/helpers.hpp"

namespace fs = std::filesystem;

namespace {

const std::string newsroom = EVENTGRAPH_TEST_DATA "/import/csv/newsroom.csv";
const std::string bad_dates = EVENTGRAPH_TEST_DATA "/import/csv/bad-dates.csv";

test::outcome run_import(std::vector<std::string> args) {
  args.insert(args.begin(), "import");
  return test::run_cli(std::move(args));
}

}  // namespace

TEST_CASE("cli import: a sheet to YAML on standard output, with a summary on stderr") {
  const auto r = run_import({"csv", newsroom});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.starts_with("eventgraph: 1\n"));
  CHECK(r.err == "imported 3 events, 3 actors from 1 file\n");
  // What it wrote reads back as a story.
  const auto s = test::load_text_or_fail(r.out, "imported.yaml");
  CHECK(s.events.size() == 3);
}

TEST_CASE("cli import: -o picks YAML, JSON or NDJSON by its ending, auto detects the sheet") {
  const auto dir = test::fresh_dir("import-outputs");
  for (const std::string ending : {".yaml", ".json", ".ndjson"}) {
    const auto out = (dir / ("story" + ending)).string();
    const auto r = run_import({"auto", newsroom, "-o", out});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.out == "wrote " + out + "\n");  // where it went, on standard output
    CHECK(test::load_or_fail(out).events.size() == 3);
  }
}

TEST_CASE("cli import: a device without an ending (/dev/null) is written as YAML") {
  const auto r = run_import({"csv", newsroom, "-o", "/dev/null"});
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.err == "imported 3 events, 3 actors from 1 file\n");
  // A folder is still no story file.
  CHECK(run_import({"csv", newsroom, "-o", test::fresh_dir("import-folder").string()}).status == 2);
}

TEST_CASE("cli import: bad rows are reported at file:line:column, exit 1, nothing written") {
  const auto dir = test::fresh_dir("import-bad");
  const auto out = (dir / "story.yaml").string();
  const auto r = run_import({"csv", bad_dates, "-o", out});
  CHECK(r.status == 1);
  CHECK(r.err.find(bad_dates + ":3:1: error: bad date '2026-02-30': February 2026 has 28 days "
                               "[bad-record]\n") != std::string::npos);
  CHECK(r.err.find(bad_dates + ":4:1: error: bad date '2026-13'") != std::string::npos);
  CHECK(!fs::exists(out));
}

TEST_CASE("cli import: --skip-bad keeps the good rows and says how many were skipped") {
  const auto r = run_import({"csv", bad_dates, "--skip-bad"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.err.find(":3:1: warning: skipped: bad date '2026-02-30'") != std::string::npos);
  CHECK(r.err.ends_with("imported 1 event, 1 actor from 1 file; 2 bad records skipped\n"));
}

TEST_CASE("cli import: a reply to a row no input holds: a placeholder, or dropped and counted") {
  const auto dir = test::fresh_dir("import-missing");
  const auto sheet = dir / "replies.csv";
  test::write_file(sheet,
                   "ID,Date,Headline,Author,In reply to\r\n"
                   "r1,2026-03-04,Reply to an unseen post,Desk,gone-post\r\n");
  const auto kept = run_import({"csv", sheet.string()});
  INFO(kept.err);
  REQUIRE(kept.status == 0);
  CHECK(kept.err == "imported 2 events (1 placeholder for missing records), 1 actor from 1 file\n");
  CHECK(kept.out.find("kind: missing") != std::string::npos);
  const auto dropped = run_import({"csv", sheet.string(), "--missing", "drop"});
  REQUIRE(dropped.status == 0);
  CHECK(dropped.err ==
        "imported 1 event, 1 actor from 1 file; 1 link to missing records dropped\n");
}

TEST_CASE("cli import: --map takes a field from any column") {
  const auto dir = test::fresh_dir("import-map");
  const auto sheet = dir / "desk.csv";
  test::write_file(sheet, "When,What,Who\r\n2026-03-02,Desk note,Desk\r\n");
  const auto r = run_import(
      {"csv", sheet.string(), "--map", "date=When", "--map", "title=What", "--map", "actors=Who"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("Desk note") != std::string::npos);
}

TEST_CASE("cli import: usage errors exit 2") {
  CHECK(run_import({"docx", newsroom}).status == 2);
  const auto bad_output = run_import({"csv", newsroom, "-o", "story.graphml"});
  CHECK(bad_output.status == 2);
  CHECK(bad_output.err.find("give -o a name ending in .yaml, .json or .ndjson") !=
        std::string::npos);
  const auto bad_map = run_import({"csv", newsroom, "--map", "title"});
  CHECK(bad_map.status == 2);
  CHECK(bad_map.err == "error: --map title: give field=Column, e.g. --map title=Headline\n");
  const auto dir = test::fresh_dir("import-usage");
  const auto text = dir / "notes.txt";
  test::write_file(text, "plain words\n");
  const auto unknown = run_import({"auto", text.string()});
  CHECK(unknown.status == 2);
  CHECK(unknown.err.find("cannot tell which format this is") != std::string::npos);
}

TEST_CASE("cli import: an output that cannot be written exits 3, without a summary") {
  const auto r = run_import({"csv", newsroom, "-o", "/nonexistent-folder/story.yaml"});
  CHECK(r.status == 3);
  CHECK(r.err.find("imported") == std::string::npos);
}
