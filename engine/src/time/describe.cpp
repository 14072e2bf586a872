// describe_date: months abbreviated ("Feb", "Sep"), day before year ("Feb 12, 2026"), 24-hour
// clock with the zone's abbreviation for local times ("10:30 PST"), "UTC-05:00" for explicit
// offsets, no zone for dates alone; "c. " for `~`, a trailing "?" for `?`, both for `%`;
// ranges joined by an en dash sharing the year (and month); astronomical year 0 is "1 BCE".

#include "time/describe.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include "time/calendar_text.hpp"

namespace eventgraph::detail {
namespace {

constexpr std::string_view en_dash = " \xE2\x80\x93 ";

/// "+03" (tzdata's numeric abbreviations) reads better as "UTC+03".
std::string abbreviation_text(const std::string& abbrev) {
  if (!abbrev.empty() && (abbrev[0] == '+' || abbrev[0] == '-')) return "UTC" + abbrev;
  return abbrev;
}

/// The zone label of a local time or a time with an offset: "PST", "PDT/PST", "UTC-05:00".
std::string zone_label(const point_spec& p, zone_ref zone) {
  if (p.offset == offset_kind::utc) return "UTC";
  if (p.offset == offset_kind::fixed) return "UTC" + offset_text(p.offset_seconds);
  if (zone.tz == nullptr) return "UTC";
  const date::local_info info = zone.tz->get_info(p.local());
  std::string label = abbreviation_text(info.first.abbrev);
  if (info.result == date::local_info::ambiguous && info.second.abbrev != info.first.abbrev) {
    label += "/" + abbreviation_text(info.second.abbrev);
  }
  return label;
}

std::string clock_text(const point_spec& p) {
  if (p.precision == time_precision::second) {
    return fmt::format("{:02}:{:02}:{:02}", p.hour, p.minute, p.second);
  }
  return fmt::format("{:02}:{:02}", p.hour, p.minute);
}

std::string_view mon(const point_spec& p) {
  return month_abbreviation(p.month);
}

/// The date without qualifiers: "Feb 12, 2026 10:30 PST", "Feb 2026", "2020s", "44 BCE".
std::string plain_text(const point_spec& p, zone_ref zone) {
  switch (p.precision) {
    case time_precision::millennium:
      return ordinal(p.year / 1000 + 1) + " millennium";
    case time_precision::century:
      return ordinal(p.year / 100 + 1) + " century";
    case time_precision::decade:
      return fmt::format("{}s", p.year);
    case time_precision::year:
      return year_text(p.year);
    case time_precision::month:
      return fmt::format("{} {}", mon(p), year_text(p.year));
    case time_precision::day:
      return fmt::format("{} {}, {}", mon(p), p.day, year_text(p.year));
    default:
      return fmt::format("{} {}, {} {} {}", mon(p), p.day, year_text(p.year), clock_text(p),
                         zone_label(p, zone));
  }
}

std::string qualified(std::string text, const point_spec& p) {
  if (p.approximate) text.insert(0, "c. ");
  if (p.uncertain) text += '?';
  return text;
}

std::string point_text(const point_spec& p, zone_ref zone) {
  return qualified(plain_text(p, zone), p);
}

bool unqualified(const point_spec& a, const point_spec& b) {
  return !a.uncertain && !a.approximate && !b.uncertain && !b.approximate;
}

/// "Feb 6 – 12, 2026", "Jan 30 – Feb 12, 2026", "Jan – Mar 2026", "Feb 12, 2026 10:30 – 11:45 PST".
std::string span_text(const point_spec& a, const point_spec& b, zone_ref zone) {
  if (unqualified(a, b) && a.year == b.year && a.precision == b.precision) {
    if (a.precision == time_precision::day) {
      if (a.month == b.month) {
        return fmt::format("{} {}{}{}, {}", mon(a), a.day, en_dash, b.day, year_text(a.year));
      }
      return fmt::format("{} {}{}{} {}, {}", mon(a), a.day, en_dash, mon(b), b.day,
                         year_text(a.year));
    }
    if (a.precision == time_precision::month) {
      return fmt::format("{}{}{} {}", mon(a), en_dash, mon(b), year_text(a.year));
    }
    if (a.has_time() && a.month == b.month && a.day == b.day) {
      const std::string label = zone_label(a, zone);
      if (label == zone_label(b, zone)) {
        return fmt::format("{} {}, {} {}{}{} {}", mon(a), a.day, year_text(a.year), clock_text(a),
                           en_dash, clock_text(b), label);
      }
    }
  }
  return fmt::format("{}{}{}", point_text(a, zone), en_dash, point_text(b, zone));
}

/// "between Feb 6 and Feb 12, 2026", "between Jan and Mar 2026", "2026 or later".
std::string one_of_range_text(const list_item& item, zone_ref zone) {
  if (!item.is_range) return point_text(item.low.point, zone);
  if (item.low.open) return point_text(item.high.point, zone) + " or earlier";
  if (item.high.open) return point_text(item.low.point, zone) + " or later";
  const point_spec& a = item.low.point;
  const point_spec& b = item.high.point;
  if (unqualified(a, b) && a.year == b.year && a.precision == b.precision) {
    if (a.precision == time_precision::day) {
      return fmt::format("between {} {} and {} {}, {}", mon(a), a.day, mon(b), b.day,
                         year_text(a.year));
    }
    if (a.precision == time_precision::month) {
      return fmt::format("between {} and {} {}", mon(a), mon(b), year_text(a.year));
    }
  }
  return fmt::format("between {} and {}", point_text(a, zone), point_text(b, zone));
}

}  // namespace

std::string describe(const parsed_date& d, zone_ref zone) {
  switch (d.shape) {
    case time_shape::point:
      return point_text(d.start.point, zone);
    case time_shape::interval:
      if (d.start.open) return "until " + point_text(d.end.point, zone);
      if (d.end.open) return "since " + point_text(d.start.point, zone);
      return span_text(d.start.point, d.end.point, zone);
    case time_shape::one_of:
      break;
  }
  std::string text;
  for (std::size_t i = 0; i < d.items.size(); ++i) {
    if (i > 0) text += i + 1 == d.items.size() ? " or " : ", ";
    text += one_of_range_text(d.items[i], zone);
  }
  return text;
}

}  // namespace eventgraph::detail
