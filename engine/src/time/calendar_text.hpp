#pragma once
// Calendar words, once: month names, years with their era, ordinals and UTC offsets, for
// describe_date, the Graphviz labels, the timeline's axis and the exports.

#include <string>
#include <string_view>

namespace eventgraph::detail {

/// "January" for 1 ... "December" for 12.
[[nodiscard]] std::string_view month_name(unsigned month);
/// "Jan" for 1 ... "Dec" for 12.
[[nodiscard]] std::string_view month_abbreviation(unsigned month);

/// What an EDTF season code (21-41) covers: its first month and how many months, in the
/// meteorological reading (docs/format.md#seasons); a span past December ends the next year.
struct season_span {
  unsigned first_month = 0;  ///< 0: not a season code
  unsigned months = 0;
};
[[nodiscard]] season_span season_months(unsigned code);
/// A season in the years it covers: "Spring 2001", "Winter 2001–2002", "Q2 2001",
/// "Spring 2001 (Southern Hemisphere)", "first half of 2001".
///
///     season_text(24, 2001, 2002)  // "Winter 2001–2002"
[[nodiscard]] std::string season_text(unsigned code, int first_year, int last_year);

/// Whether a year after 0 is marked: the timeline's axis says "500 CE" when it also shows BCE.
enum class era_mark : bool { bce_only, early_ce_too };

/// An astronomical year for readers: "2026", "44 BCE" (year 0 is 1 BCE), and with
/// era_mark::early_ce_too "500 CE" for years before 1000.
///
///     year_text(-43)  // "44 BCE"
[[nodiscard]] std::string year_text(int year, era_mark mark = era_mark::bce_only);

/// A span of astronomical years: "1900–1999", "44–35 BCE", "5 BCE–4".
[[nodiscard]] std::string years_text(int first, int last);

/// "1st", "2nd", "3rd", "11th", "21st".
[[nodiscard]] std::string ordinal(int n);

/// "+05:30", "-08:00".
[[nodiscard]] std::string offset_text(int offset_seconds);

}  // namespace eventgraph::detail
