// The text steps the sheet, timeline-tool and mail readers share (engine/src/import/reader_text).

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "import/reader_text.hpp"

using namespace eventgraph::detail::reader_text;

TEST_CASE("reader_text: shorten cuts at a word, or a character, and says so") {
  CHECK(shorten("one two three four five six", 20) == "one two three four…");
  CHECK(shorten("short", 8) == "short");
  // No space in the last fifth: cut after the last whole character (é is two bytes).
  CHECK(shorten("a long summary", 8) == "a long s…");
  CHECK(shorten("abcdéfgh", 6) == "abcdé…");
  CHECK(shorten("abcdéfgh", 5) == "abcd…");
  CHECK(shorten("abcdefghij", 5) == "abcde…");
}

TEST_CASE("reader_text: kind words and id hints") {
  CHECK(kind_word("Content Modification Time") == "content-modification-time");
  CHECK(kind_word("  --File_Created!! ") == "file-created");
  CHECK(kind_word("***").empty());
  CHECK(id_hint_of("Mayor disputes the figures") == "Mayor disputes the figures");
  CHECK(id_hint_of("A headline far longer than any id should be, with words to spare") ==
        "A headline far longer than any id should be,");
}

TEST_CASE("reader_text: lines, trimming and header names") {
  line_walk lines("a\r\nb\n\nc");
  std::vector<std::string> seen;
  for (std::string_view line; lines.next(line);) seen.emplace_back(line);
  CHECK(seen == std::vector<std::string>{"a", "b", "", "c"});
  CHECK(lines.line() == 4);
  CHECK(trim(" \t x y \r\n") == "x y");
  CHECK(equals_ignoring_case("Message-ID", "message-id"));
  CHECK(header_names("Year, \"Month\" ,End Year\n1,2,3\n") ==
        std::vector<std::string>{"year", "month", "end year"});
  CHECK(date_error("2024-02-30") == "February 2024 has 29 days");
  CHECK(date_error("2024-02-29").empty());
}
