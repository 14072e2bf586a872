#include "time/calendar_text.hpp"

#include <doctest/doctest.h>

using namespace eventgraph::detail;

TEST_CASE("calendar_text: month names and abbreviations") {
  CHECK(month_name(1) == "January");
  CHECK(month_name(9) == "September");
  CHECK(month_abbreviation(2) == "Feb");
  CHECK(month_abbreviation(12) == "Dec");
}

TEST_CASE("calendar_text: years with their era") {
  CHECK(year_text(2026) == "2026");
  CHECK(year_text(0) == "1 BCE");
  CHECK(year_text(-43) == "44 BCE");
  CHECK(year_text(500) == "500");
  CHECK(year_text(500, era_mark::early_ce_too) == "500 CE");
  CHECK(year_text(1500, era_mark::early_ce_too) == "1500");
  CHECK(years_text(1900, 1999) ==
        "1900\xE2\x80\x93"
        "1999");
  CHECK(years_text(-43, -34) ==
        "44\xE2\x80\x93"
        "35 BCE");
  CHECK(years_text(-4, 5) ==
        "5 BCE\xE2\x80\x93"
        "5");
}

TEST_CASE("calendar_text: ordinals and offsets") {
  CHECK(ordinal(1) == "1st");
  CHECK(ordinal(2) == "2nd");
  CHECK(ordinal(3) == "3rd");
  CHECK(ordinal(4) == "4th");
  CHECK(ordinal(11) == "11th");
  CHECK(ordinal(12) == "12th");
  CHECK(ordinal(13) == "13th");
  CHECK(ordinal(21) == "21st");
  CHECK(ordinal(112) == "112th");
  CHECK(offset_text(-8 * 3600) == "-08:00");
  CHECK(offset_text(5 * 3600 + 1800) == "+05:30");
}
