// TimelineJS, Timesketch and mbox through the whole import (import_files: reader, pipeline,
// validation), then out again: TimelineJS back to TimelineJS with the same events and dates,
// and a list archive answering `chain`. Inputs are the samples' own (samples/import/).

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "eventgraph/export.hpp"
#include "eventgraph/import.hpp"
#include "import/csv_rows.hpp"
#include "support/helpers.hpp"

namespace {

using namespace eventgraph;
using json = nlohmann::json;

const std::string sheet = test::samples + "import/harbor-timeline.csv";
const std::string timesketch = test::samples + "import/intrusion-timeline.jsonl";
const std::string archive = test::samples + "import/dev-list.mbox";

imported_story import_or_fail(const std::vector<std::string>& paths, import_options options = {}) {
  auto r = import_files(paths, options);
  for (const auto& d : r.diagnostics().items()) MESSAGE(format_diagnostic(d));
  REQUIRE(r.ok());
  return std::move(r).value();
}

json timelinejs_of(const story& s) {
  auto out = export_story(s, export_format::timelinejs);
  REQUIRE(out.ok());
  return json::parse(out.value());
}

/// A TimelineJS date object with every part a number (TimelineJS takes "7" or 7 alike).
json numbers(const json& date) {
  json out = json::object();
  for (const auto& [k, v] : date.items())
    if (k != "display_date") out[k] = v.is_string() ? json(std::stoi(v.get<std::string>())) : v;
  return out;
}

/// Each event's and era's start_date and end_date, by the key given.
std::map<std::string, std::pair<json, json>> dates_by(const json& timeline, const char* key) {
  std::map<std::string, std::pair<json, json>> out;
  for (const char* list : {"events", "eras"}) {
    if (!timeline.contains(list)) continue;
    for (const auto& e : timeline[list]) {
      const std::string k = key == std::string("headline") ? e["text"]["headline"] : e[key];
      out[k] = {numbers(e["start_date"]), e.contains("end_date") ? numbers(e["end_date"]) : json()};
    }
  }
  return out;
}

/// The dates TimelineJS itself makes of the sheet's rows (Year... End Time as numbers), by
/// headline.
std::map<std::string, std::pair<json, json>> sheet_dates(const std::string& text) {
  std::map<std::string, std::pair<json, json>> out;
  std::optional<detail::csv_header> header;
  auto part = [&](const detail::csv_row& row, std::string_view name, json& date,
                  const char* field) {
    if (const auto c = header->find(name); c && !row.text(*c).empty())
      date[field] = std::stoi(std::string(row.text(*c)));
  };
  detail::for_each_csv_row(
      text,
      [&](const detail::csv_row& row) {
        if (!header) return void(header.emplace(row));
        if (row.text(*header->find("Type")) == "title") return;
        json start = json::object(), end = json::object();
        part(row, "Year", start, "year"), part(row, "Month", start, "month");
        part(row, "Day", start, "day");
        part(row, "End Year", end, "year"), part(row, "End Month", end, "month");
        part(row, "End Day", end, "day");
        if (const std::string_view time = row.text(*header->find("Time")); !time.empty()) {
          start["hour"] = std::stoi(std::string(time.substr(0, 2)));
          start["minute"] = std::stoi(std::string(time.substr(3, 2)));
        }
        out[std::string(row.text(*header->find("Headline")))] = {start, end.empty() ? json() : end};
      },
      [](const detail::csv_error& e) { FAIL(e.message); });
  return out;
}

}  // namespace

TEST_CASE("import end to end: a TimelineJS sheet exported to TimelineJS keeps events and dates") {
  const imported_story imported = import_or_fail({sheet});
  const json timeline = timelinejs_of(imported.value);
  CHECK(timeline["title"]["text"]["headline"] == "Westport harbor delays (synthetic)");
  CHECK(dates_by(timeline, "headline") == sheet_dates(test::slurp(sheet)));
  // The era row is an era again, a band on the time axis, not a slide.
  REQUIRE(timeline["eras"].size() == 1);
  CHECK(timeline["eras"][0]["text"]["headline"] == "The long backlog");
  for (const auto& e : timeline["events"]) CHECK(e["text"]["headline"] != "The long backlog");
  CHECK(imported.counts.events == 6);  // the era and five events; the title row is the story's
  CHECK(imported.counts.actors == 3);
}

TEST_CASE("import end to end: eventgraph's TimelineJS export imports back to the same events") {
  const story seed = test::load_or_fail(test::seed);
  const json first = timelinejs_of(seed);
  const auto dir = test::fresh_dir("import-timelinejs-round-trip");
  test::write_file(dir / "seed.timeline.json", first.dump());
  const imported_story imported = import_or_fail({(dir / "seed.timeline.json").string()});
  // The same ids (unique_id), titles and dates, so exporting again gives the same slides.
  CHECK(imported.value.events.size() == seed.events.size());
  for (const event e : seed.events) {
    const auto back = imported.value.find_event(e.id());
    REQUIRE_MESSAGE(back, e.id());
    CHECK(imported.value.events[*back].title() == e.title());
  }
  const json second = timelinejs_of(imported.value);
  CHECK(dates_by(second, "unique_id") == dates_by(first, "unique_id"));
}

TEST_CASE("import end to end: a Timesketch timeline becomes events with kinds, tags and notes") {
  const imported_story imported = import_or_fail({timesketch});
  const story& s = imported.value;
  REQUIRE(s.events.size() == 7);
  const auto first = s.find_event("ev-0001");
  REQUIRE(first);
  const event e = s.events[*first];
  CHECK(e.date() == "2024-03-05T08:14:02+00:00");
  CHECK(e.kind() == "event-recorded");
  CHECK(e.actors().empty());
  REQUIRE(e.tags().size() == 1);
  CHECK(e.tags()[0] == "initial-access");
  CHECK(e.notes() == "data_type: auth:login\nhostname: web-01.example.internal\nusername: alice");
  const auto cron = s.find_event("ev-0004");
  REQUIRE(cron);
  CHECK(s.events[*cron].date() == "2024-03-05T08:30:00Z");  // from the µs timestamp
}

TEST_CASE("import end to end: a list archive validates and answers chain") {
  const imported_story imported = import_or_fail({archive});
  const story& s = imported.value;
  CHECK(imported.counts.placeholders == 1);  // Dave's reply to a message not in the archive
  // Each message's id, by its summary's first words.
  std::map<std::string, std::string> ids;
  for (const event e : s.events) ids[std::string(e.summary().substr(0, 12))] = e.id();
  const std::string plan = ids["Hi all, Prop"];
  REQUIRE(!plan.empty());
  const auto dir = test::fresh_dir("import-mbox-chain");
  auto yaml = export_story(s, export_format::yaml);
  REQUIRE(yaml.ok());
  test::write_file(dir / "list.yaml", yaml.value());
  CHECK(test::run_cli({"validate", (dir / "list.yaml").string()}).status == 0);
  const auto chain = test::run_cli({"chain", plan, (dir / "list.yaml").string(), "--json"});
  REQUIRE(chain.status == 0);
  // Alice's plan, Bob's answer, Carol's answer to Bob, Alice's answer to Carol: four deep.
  const std::string out = chain.out;
  for (const char* reply : {"Friday is to", "I can finish", "Agreed: the "}) {
    REQUIRE_MESSAGE(ids.count(reply), reply);
    CHECK_MESSAGE(out.find("\"" + ids[reply] + "\"") != std::string::npos, reply);
  }
  CHECK(out.find("\"" + ids["This answers"] + "\"") == std::string::npos);
}

TEST_CASE("import end to end: mail in Latin-1 is read as bytes, GMime converting its charset") {
  // Other inputs must be UTF-8; an archive's 8-bit parts declare their own charsets.
  const input_text in{"latin1.mbox",
                      "From a@example.org Tue Mar  5 15:31:00 2024\n"
                      "From: a@example.org\n"
                      "Date: Tue, 5 Mar 2024 10:00:00 +0000\n"
                      "Message-ID: <latin1@example.org>\n"
                      "Subject: Caf\xE9\n"
                      "Content-Type: text/plain; charset=iso-8859-1\n"
                      "Content-Transfer-Encoding: 8bit\n"
                      "\n"
                      "Caf\xE9 at noon.\n"};
  const auto r = import_texts(std::span<const input_text>(&in, 1));
  for (const auto& d : r.diagnostics().items()) MESSAGE(format_diagnostic(d));
  REQUIRE(r.ok());
  const story& s = r.value().value;
  REQUIRE(s.events.size() == 1);
  CHECK(s.events[0].summary() == "Caf\u00e9 at noon.");
}
