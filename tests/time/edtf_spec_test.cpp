// eventgraph's dates held to the EDTF specification's features, level by level
// (tests/data/edtf/spec-examples.tsv, our own table with the bounds each string can have).
//
// Every valid string is accepted with the table's bounds, every invalid one is refused, except
// the forms left out on purpose, each refused with the exact message the test names.

#include "eventgraph/time.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace {

using eventgraph::date_parse_result;
using eventgraph::format_iso;
using eventgraph::parse_date;
using eventgraph::time_precision;

struct suite_row {
  std::string text, level, validity, earliest, latest;
};

/// The rows of one suite's TSV (comment lines start with '#'; cells are not trimmed).
std::vector<suite_row> read_suite(const std::string& name) {
  std::ifstream in(std::string(EVENTGRAPH_TEST_DATA) + "/edtf/" + name);
  REQUIRE_MESSAGE(in.good(), "cannot read tests/data/edtf/", name);
  std::vector<suite_row> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with('#')) continue;
    std::vector<std::string> cells;
    std::size_t start = 0;
    while (true) {
      const std::size_t tab = line.find('\t', start);
      cells.push_back(line.substr(start, tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    REQUIRE_MESSAGE(cells.size() == 5, name, ": '", line, "' does not have 5 columns");
    rows.push_back({cells[0], cells[1], cells[2], cells[3], cells[4]});
  }
  REQUIRE(!rows.empty());
  return rows;
}

constexpr std::string_view table = "spec-examples.tsv";

/// Earliest and latest day of an accepted date, as the suites write them ("-inf", "inf" open).
struct day_bounds {
  std::string earliest, latest;
  friend bool operator==(const day_bounds&, const day_bounds&) = default;
};

day_bounds bounds_of(const date_parse_result& r) {
  const auto day = [](eventgraph::instant t) { return format_iso(t, "UTC", time_precision::day); };
  return {r.time->open_start ? "-inf" : day(r.time->earliest),
          r.time->open_end ? "inf" : day(r.time->latest)};
}

/// Whether eventgraph agrees with the suite on one row: accepts a valid string (with the
/// suite's bounds, where it gives them), refuses an invalid one.
bool agrees(const suite_row& row) {
  const date_parse_result r = parse_date(row.text, "UTC");
  if (row.validity == "invalid") return !r.time;
  if (!r.time) return false;
  return row.earliest.empty() || bounds_of(r) == day_bounds{row.earliest, row.latest};
}

/// A form left out on purpose (docs/format.md, "What is left out"): which strings are of it,
/// and the exact message each gets.
struct left_out_form {
  std::string_view name;
  bool (*is_of)(std::string_view);
  std::string_view message;
};

constexpr left_out_form left_out[] = {
    {"long years (Y170000002, Y17E7)", [](std::string_view t) { return t.starts_with('Y'); },
     "long years (Y...) are not supported; years have four digits"},
    {"significant digits (1950S2)",
     [](std::string_view t) {
       return t.find('S') != std::string_view::npos && !t.starts_with('Y');
     },
     "significant digits (S) and exponents (E) are not supported; use X for the digits that are "
     "not known (e.g. 19XX)"},
    {"all of a set ({1667,1668})", [](std::string_view t) { return t.starts_with('{'); },
     "'{...}' (all of) is not supported; give each date its own event"},
    {"a wholly unspecified date (XXXX, XXXX-XX, XXXX-XX-XX)",
     [](std::string_view t) { return t == "XXXX" || t == "XXXX-XX" || t == "XXXX-XX-XX"; },
     "the date is entirely unspecified (XXXX); give what is known, or leave the event undated "
     "in its notes"},
    {"an interval with no date (/, ../.., /.., ../)",
     [](std::string_view t) { return t == "/" || t == "../.." || t == "/.." || t == "../"; },
     "an interval needs at least one date"},
    {"two- and three-digit centuries and decades (19, 193~)",
     [](std::string_view t) {
       const std::string_view digits = t.substr(t.starts_with('-') ? 1 : 0);
       const std::size_t n = digits.find_first_not_of("0123456789");
       const std::size_t count = n == std::string_view::npos ? digits.size() : n;
       const bool ends = count == digits.size() ||
                         (count + 1 == digits.size() &&
                          std::string_view("?~%").find(digits.back()) != std::string_view::npos);
       return (count == 2 || count == 3) && ends;
     },
     "year must be four digits; write a century as 19XX, a decade as 193X"},
};

const left_out_form* left_out_form_of(std::string_view text) {
  for (const left_out_form& form : left_out)
    if (form.is_of(text)) return &form;
  return nullptr;
}

}  // namespace

TEST_CASE("edtf spec: each feature as the standard reads, but the forms left out") {
  std::map<std::string_view, int> left_out_seen;
  std::map<std::string, std::pair<int, int>> by_level;  // level and verdict -> agreed, rows
  for (const suite_row& row : read_suite(std::string(table))) {
    INFO("'", row.text, "' (", row.validity, ", level ", row.level, ")");
    const date_parse_result r = parse_date(row.text, "UTC");
    auto& [agreed, rows] = by_level[row.level + " " + row.validity];
    ++rows;
    agreed += agrees(row) ? 1 : 0;
    if (const left_out_form* form = left_out_form_of(row.text)) {
      ++left_out_seen[form->name];
      CHECK_FALSE(r.time.has_value());
      CHECK(r.error == form->message);
      continue;
    }
    if (row.validity == "invalid") {
      CHECK_MESSAGE(!r.time.has_value(), "accepted as ", bounds_of(r).earliest, "..",
                    bounds_of(r).latest);
      continue;
    }
    REQUIRE_MESSAGE(r.time.has_value(), r.error);
    if (!row.earliest.empty()) CHECK(bounds_of(r) == day_bounds{row.earliest, row.latest});
  }
  for (const left_out_form& form : left_out) {
    INFO(form.name);
    CHECK(left_out_seen[form.name] > 0);  // each form left out has an example in the table
  }
  // Every level has examples of both kinds, and the record of agreement per level.
  for (const char* level : {"0 valid", "0 invalid", "1 valid", "1 invalid", "2 valid", "2 invalid"})
    CHECK(by_level[level].second > 0);
  for (const auto& [level, counts] : by_level)
    MESSAGE(fmt::format("level {}: {}/{} agree", level, counts.first, counts.second));
}
