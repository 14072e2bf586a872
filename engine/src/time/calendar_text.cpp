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

}  // namespace

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
