#pragma once
// The two date parsers behind parse_date (time.hpp), apart for the test that holds them equal.

#include <optional>
#include <string_view>

#include "eventgraph/time.hpp"

namespace eventgraph::detail {

/// The forms bulk data mostly writes, read without the general parser: "YYYY-MM-DD" in UTC,
/// and "YYYY-MM-DDTHH:MMZ", "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DDTHH:MM:SS.sssZ" in any zone,
/// for years 1900 to 2999.
/// Nothing for anything else (the general parser decides). `utc`: the zone is UTC.
[[nodiscard]] std::optional<event_time> parse_common_date(std::string_view text, bool utc);

/// parse_date without the shortcut above: the EDTF parser for every form.
[[nodiscard]] date_parse_result parse_date_general(std::string_view edtf, std::string_view zone);

}  // namespace eventgraph::detail
