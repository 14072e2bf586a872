#include <doctest/doctest.h>

#include "eventgraph/diagnostic.hpp"

using namespace eventgraph;

TEST_CASE("diagnostic: formatted like a compiler's") {
  diagnostic d{{"story.yaml", 12, 9}, severity::error, "date", "no February 30"};
  CHECK(format_diagnostic(d) == "story.yaml:12:9: error: no February 30 [date]");
  d.level = severity::warning;
  d.code.clear();
  CHECK(format_diagnostic(d) == "story.yaml:12:9: warning: no February 30");
  CHECK(format_diagnostic({{"f.json", 0, 0}, severity::error, "io", "cannot open the file"}) ==
        "f.json: error: cannot open the file [io]");
}

TEST_CASE("diagnostic: the list caps what it stores but counts everything") {
  diagnostic_list list(2);
  list.error({"a", 3, 1}, "x", "three");
  list.warning({"a", 1, 1}, "y", "one");
  list.error({"a", 2, 1}, "x", "two");
  CHECK(list.error_count() == 2);
  CHECK(list.warning_count() == 1);
  CHECK(list.items().size() == 2);
  CHECK(list.dropped() == 1);
  list.sort();
  CHECK(list.items()[0].message == "one");

  diagnostic_list total(10);
  total.append(list);
  CHECK(total.error_count() == 2);
  CHECK(total.dropped() == 1);
}

TEST_CASE("diagnostic: the failure's category decides the exit status, not the code") {
  diagnostic_list list;
  list.warning({"a", 1, 1}, "w", "a warning is no failure");
  list.error({"a", 1, 1}, "io", "cannot read", category::io);
  CHECK(list.failure() == category::io);
  list.error({"b", 1, 1}, "date", "bad date");
  CHECK(list.failure() == category::data);
  list.error({}, "engine", "unknown engine", category::usage);
  CHECK(list.failure() == category::usage);
  CHECK(diagnostic_list().failure() == category::data);
}
