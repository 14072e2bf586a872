// RFC 4180 rows through libcsv, each field at its line and column (engine/src/import/csv_rows).

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "import/csv_rows.hpp"

namespace {

using eventgraph::detail::csv_error;
using eventgraph::detail::csv_header;
using eventgraph::detail::csv_row;

struct parsed {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> places;  // "line:column" of every field, row by row
  std::vector<std::string> errors;  // "line:column message"
  std::size_t count = 0;
};

std::string place(eventgraph::detail::import_location at) {
  return std::to_string(at.line) + ":" + std::to_string(at.column);
}

parsed parse(std::string_view text) {
  parsed p;
  p.count = eventgraph::detail::for_each_csv_row(
      text,
      [&](const csv_row& r) {
        auto& row = p.rows.emplace_back();
        for (const auto& f : r.fields) {
          row.push_back(f.text);
          p.places.push_back(place(f.at));
        }
      },
      [&](const csv_error& e) { p.errors.push_back(place(e.at) + " " + e.message); });
  return p;
}

using rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("csv_rows: plain rows, LF or CRLF, with or without a last line break") {
  const rows expected{{"a", "b", "c"}, {"1", "", "3"}};
  CHECK(parse("a,b,c\n1,,3\n").rows == expected);
  CHECK(parse("a,b,c\r\n1,,3\r\n").rows == expected);
  CHECK(parse("a,b,c\r\n1,,3").rows == expected);
  CHECK(parse("a,b,c\n1,,3").count == 2);
  CHECK(parse("a,b,\n").rows == rows{{"a", "b", ""}});
}

TEST_CASE("csv_rows: quotes, doubled quotes, delimiters and newlines inside quotes") {
  const auto p = parse("\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,\"\"\n");
  CHECK(p.rows == rows{{"x, y", "say \"hi\"", "two\nlines"}, {"next", ""}});
  CHECK(p.errors.empty());
  // A CRLF inside quotes is part of the field, as written.
  CHECK(parse("\"a\r\nb\"\r\n").rows == rows{{"a\r\nb"}});
}

TEST_CASE("csv_rows: spaces are part of a field, blank lines are skipped, a BOM is not text") {
  CHECK(parse(" a , b \n").rows == rows{{" a ", " b "}});
  CHECK(parse("a\n\n\r\nb\n").rows == rows{{"a"}, {"b"}});
  const auto p = parse(
      "\xEF\xBB\xBF"
      "Date,Title\n2026-01-02,x\n");
  CHECK(p.rows == rows{{"Date", "Title"}, {"2026-01-02", "x"}});
  CHECK(p.places.front() == "1:1");
}

TEST_CASE("csv_rows: every field at its line and column, embedded newlines counted") {
  const auto p = parse("id,title\r\n\"e1\",\"one\ntwo\",x\r\n\r\ne2,b\n");
  CHECK(p.places == std::vector<std::string>{"1:1", "1:4", "2:1", "2:6", "3:6", "5:1", "5:4"});
}

TEST_CASE("csv_rows: a malformed row is an error at its line and column, and reading goes on") {
  const auto p = parse("a,b\nx,y\"z\n\"q\"r,s\nc,d\n");
  CHECK(p.rows == rows{{"a", "b"}, {"c", "d"}});
  REQUIRE(p.errors.size() == 2);
  CHECK(p.errors[0] ==
        "2:4 a quote inside an unquoted field (quote the whole field and write the quote as \"\")");
  CHECK(p.errors[1] ==
        "3:4 text after a quoted field's closing quote (a quote inside one is written \"\")");
}

TEST_CASE("csv_rows: an unterminated quoted field is an error at its opening quote") {
  const auto p = parse("a,b\nc,\"never closed\nd,e\n");
  CHECK(p.rows == rows{{"a", "b"}});
  CHECK(p.errors == std::vector<std::string>{"2:3 a quoted field has no closing quote"});
}

TEST_CASE("csv_rows: the header finds columns trimmed and case-insensitively, first one wins") {
  csv_row row;
  eventgraph::detail::for_each_csv_row(
      " Date ,In Reply To,date,Title\n", [&](const csv_row& r) { row = r; },
      [](const csv_error&) {});
  const csv_header h(row);
  CHECK(h.size() == 4);
  CHECK(h.find("date") == 0);
  CHECK(h.find("in reply to") == 1);
  CHECK(h.find("  TITLE") == 3);
  CHECK(!h.find("headline"));
  CHECK(h.find_any({"Headline", "Title"}) == 3);
  CHECK(h.name(0) == "Date");
  CHECK(row.text(9).empty());
  CHECK(place(row.location(9)) == "1:1");
}
