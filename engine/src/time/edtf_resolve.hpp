#pragma once
// EDTF syntax trees (edtf_syntax.hpp) resolved against a zone: the instants a date may cover.

#include <string>
#include <string_view>

#include "time/edtf_syntax.hpp"
#include "time/zone.hpp"

namespace eventgraph::detail {

/// A date's instants, and the precision each end was written with.
struct resolved_date {
  event_time time;
  time_precision start_precision = time_precision::day;  ///< of the date giving `earliest`
  time_precision end_precision = time_precision::day;    ///< of the date giving `latest`
  std::string warning;                                   ///< e.g. an ambiguous local time
};

/// Gives `parsed` instants in `zone` (named `zone_name` in messages); false with `error` set
/// when a local time did not exist or a range ends before it starts.
bool resolve_edtf(const parsed_date& parsed, zone_ref zone, std::string_view zone_name,
                  resolved_date& out, date_error& error);

}  // namespace eventgraph::detail
