// The cell encodings of eventgraph's own CSV sheets (core/csv_cells.hpp): the formula guard and
// list cells, each read back to exactly what was written.

#include "core/csv_cells.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace eventgraph::detail;

TEST_CASE("csv cells: the formula guard is added where a spreadsheet would compute") {
  CHECK(formula_guarded("=SUM(A1)") == "'=SUM(A1)");
  CHECK(formula_guarded("-1") == "'-1");
  CHECK(formula_guarded("\tx") == "'\tx");
  CHECK(formula_guarded("a=b") == "a=b");
  CHECK(formula_guarded("'tis") == "'tis");
  CHECK(formula_guarded("'=x") == "''=x");  // so that taking the guard off gives '=x back
  CHECK(formula_guarded("'") == "'");
  CHECK(formula_guarded("") == "");
}

TEST_CASE("csv cells: the guard is taken off only where it was added") {
  for (const std::string text : {"=SUM(A1)", "'=x", "''+1", "'tis", "'", "", "plain", "@a"}) {
    CAPTURE(text);
    CHECK(formula_unguarded(formula_guarded(text)) == text);
  }
  CHECK(formula_unguarded("'tis") == "'tis");
}

TEST_CASE("csv cells: list items escape the separators and line breaks") {
  CHECK(escape_cell_item("a|b\\c\nd\re") == "a\\|b\\\\c\\nd\\re");
  CHECK(split_cell_items("a|b\\|c|", '|') == std::vector<std::string>{"a", "b|c", ""});
  CHECK(split_cell_items("", '|').empty());
  CHECK(split_cell_items("C:\\temp", '|') == std::vector<std::string>{"C:\\temp"});  // as typed
  const std::vector<std::string> tags = {"a|b", "x\\", "line\nbreak", " spaced "};
  std::string cell;
  for (const auto& t : tags) cell += (cell.empty() ? "" : "|") + escape_cell_item(t);
  CHECK(split_cell_items(cell, '|') == tags);
}

TEST_CASE("csv cells: described items read back field by field") {
  CHECK(cell_record({"Report", "", "https://example.org", "", ""}) ==
        "Report |  | https://example.org");
  CHECK(cell_record({"a | b", " x ", "two\nlines"}) == "a \\| b |  x  | two\\nlines");
  const std::string cell =
      cell_record({"a | b", " x ", "two\nlines"}) + "\n" + cell_record({"Second"});
  const auto records = split_cell_records(cell);
  REQUIRE(records.size() == 2);
  CHECK(records[0] == std::vector<std::string>{"a | b", " x ", "two\nlines"});
  CHECK(records[1] == std::vector<std::string>{"Second"});
  CHECK(split_cell_records("typed|by hand")[0] == std::vector<std::string>{"typed", "by hand"});
}
