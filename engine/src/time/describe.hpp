#pragma once
// describe_date's words for a parsed date (edtf_syntax.hpp).

#include <string>

#include "time/edtf_syntax.hpp"
#include "time/zone.hpp"

namespace eventgraph::detail {

/// "Feb 12, 2026 10:30 PST", "between Feb 6 and Feb 12, 2026", "since 2019", "c. 44 BCE?".
[[nodiscard]] std::string describe(const parsed_date& d, zone_ref zone);

/// `text`, a date made otherwise (an axis end), with `p`'s qualifiers: the whole date's as
/// marks ("Feb 2026?", "c. 2019"), a part's in words ("Feb 2026 (year uncertain)").
[[nodiscard]] std::string with_qualifiers(std::string text, const point_spec& p);

}  // namespace eventgraph::detail
