#include "time/calendar_text.hpp"

#include <array>

#include <fmt/format.h>

namespace eventgraph::detail {
namespace {

constexpr std::array<std::string_view, 12> month_names = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 12> month_abbreviations = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/// Codes 21-41 in order: the season's first month, its length and its name. 21-24 are read as
/// the Northern Hemisphere's meteorological seasons (as 25-28).
struct season_row {
  unsigned first_month, months;
  std::string_view pattern;  ///< `{}` stands for the year or years
};
constexpr std::array<season_row, 21> seasons = {{
    {3, 3, "Spring {}"},
    {6, 3, "Summer {}"},
    {9, 3, "Autumn {}"},
    {12, 3, "Winter {}"},
    {3, 3, "Spring {} (Northern Hemisphere)"},
    {6, 3, "Summer {} (Northern Hemisphere)"},
    {9, 3, "Autumn {} (Northern Hemisphere)"},
    {12, 3, "Winter {} (Northern Hemisphere)"},
    {9, 3, "Spring {} (Southern Hemisphere)"},
    {12, 3, "Summer {} (Southern Hemisphere)"},
    {3, 3, "Autumn {} (Southern Hemisphere)"},
    {6, 3, "Winter {} (Southern Hemisphere)"},
    {1, 3, "Q1 {}"},
    {4, 3, "Q2 {}"},
    {7, 3, "Q3 {}"},
    {10, 3, "Q4 {}"},
    {1, 4, "first four months of {}"},
    {5, 4, "second four months of {}"},
    {9, 4, "last four months of {}"},
    {1, 6, "first half of {}"},
    {7, 6, "second half of {}"},
}};
constexpr unsigned first_season = 21;

}  // namespace

season_span season_months(unsigned code) {
  if (code < first_season || code >= first_season + seasons.size()) return {};
  const season_row& row = seasons[code - first_season];
  return {row.first_month, row.months};
}

std::string season_text(unsigned code, int first_year, int last_year) {
  if (code < first_season || code >= first_season + seasons.size()) return {};
  const std::string years =
      first_year == last_year ? year_text(first_year) : years_text(first_year, last_year);
  return fmt::format(fmt::runtime(seasons[code - first_season].pattern), years);
}

std::string_view month_name(unsigned month) {
  return month_names[(month - 1) % 12];
}

std::string_view month_abbreviation(unsigned month) {
  return month_abbreviations[(month - 1) % 12];
}

std::string year_text(int year, era_mark mark) {
  if (year <= 0) return fmt::format("{} BCE", 1 - year);
  if (mark == era_mark::early_ce_too && year < 1000) return fmt::format("{} CE", year);
  return fmt::format("{}", year);
}

std::string years_text(int first, int last) {
  if (first > 0) return fmt::format("{}\xE2\x80\x93{}", first, last);
  if (last <= 0) return fmt::format("{}\xE2\x80\x93{} BCE", 1 - first, 1 - last);
  return fmt::format("{} BCE\xE2\x80\x93{}", 1 - first, last);
}

std::string ordinal(int n) {
  const int tens = n % 100;
  const int ones = n % 10;
  const char* suffix = "th";
  if (tens < 11 || tens > 13) {
    if (ones == 1) suffix = "st";
    if (ones == 2) suffix = "nd";
    if (ones == 3) suffix = "rd";
  }
  return fmt::format("{}{}", n, suffix);
}

std::string offset_text(int offset_seconds) {
  const char sign = offset_seconds < 0 ? '-' : '+';
  const int magnitude = offset_seconds < 0 ? -offset_seconds : offset_seconds;
  return fmt::format("{}{:02}:{:02}", sign, magnitude / 3600, magnitude / 60 % 60);
}

}  // namespace eventgraph::detail
