// describe_date: months abbreviated ("Feb", "Sep"), day before year ("Feb 12, 2026"), 24-hour
// clock with the zone's abbreviation for local times ("10:30 PST"), "UTC-05:00" for explicit
// offsets, no zone for dates alone; "c. " for `~`, a trailing "?" for `?`, both for `%`, when
// the qualifier covers the whole date; a qualifier on some parts only is marked on them
// ("Jun? 11, 2004", "Feb 5, 2026?" for `2026?-02-05`) or said ("Jun 11, 2004 (day
// approximate)"); X digits as what they allow ("Dec 25, 1560s", "Oct–Dec 2016", "Dec (year
// unknown)"); seasons by name ("Winter 2001–2002"); ranges joined by an en dash sharing the
// year (and month); astronomical year 0 is "1 BCE".

#include "time/describe.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <cstdint>
#include <string_view>
#include <vector>

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

constexpr std::string_view dash = "\xE2\x80\x93";

/// The values 1..`count` that `p`'s digits (`pattern`, X bits `x`) allow, for readers:
/// "Oct–Dec", "10–19", "Feb or Dec", "1, 11, 21 or 31"; empty when all of them are allowed.
template <class Name>
std::string allowed_text(unsigned pattern, std::uint8_t x, unsigned count, Name name) {
  std::vector<unsigned> values;
  for (unsigned v = 1; v <= count; ++v) {
    if (digits_match(v, pattern, x, 2)) values.push_back(v);
  }
  if (values.size() == count) return {};
  if (values.back() - values.front() + 1 == values.size() && values.size() > 2) {
    return fmt::format("{}{}{}", name(values.front()), dash, name(values.back()));
  }
  std::string text;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) text += i + 1 == values.size() ? " or " : ", ";
    text += name(values[i]);
  }
  return text;
}

/// The year as written for readers: "2026", "44 BCE", "1560s", "16th century",
/// "2nd millennium", "2003–2093 (year 20X3)"; empty when no digit is known.
std::string year_words(const point_spec& p) {
  constexpr std::uint8_t decade = 0b1000, century = 0b1100, millennium = 0b1110;
  if (p.year_x == 0) return year_text(p.year);
  if (p.year_x == 0xF) return {};
  if (!p.negative && p.year_x == decade) return fmt::format("{}s", p.year);
  if (!p.negative && p.year_x == century) return ordinal(p.year / 100 + 1) + " century";
  if (!p.negative && p.year_x == millennium) return ordinal(p.year / 1000 + 1) + " millennium";
  std::string mask = fmt::format("{}{:04}", p.negative ? "-" : "", p.negative ? -p.year : p.year);
  for (std::size_t i = 0; i < 4; ++i) {
    if (p.year_x & (1u << i)) mask[mask.size() - 4 + i] = 'X';
  }
  const int first = static_cast<int>(date::year_month_day{p.first_day}.year());
  const int last = static_cast<int>(date::year_month_day{p.last_day}.year());
  return fmt::format("{} (year {})", years_text(first, last), mask);
}

/// The qualifiers that cover only some parts, as marks and a note: the year's and month's
/// uncertainty marked where it stands ("Jun? 11, 2004"), the rest in words ("Feb 5, 2026 (year
/// uncertain)", "(day approximate)"). A qualifier covering every part is the whole date's
/// (qualified()).
struct part_marks {
  std::string_view month;
  std::string note;
};

std::string parts_text(std::uint8_t parts, const point_spec& p) {
  std::vector<std::string_view> names;
  if (parts & year_part) names.emplace_back("year");
  if (parts & month_part) names.emplace_back(p.season != 0 ? "season" : "month");
  if (parts & day_part) names.emplace_back("day");
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? " and " : ", ";
    text += names[i];
  }
  return text;
}

part_marks marks_of(const point_spec& p) {
  part_marks marks;
  const std::uint8_t uncertain = p.uncertain_parts == p.stated_parts ? 0 : p.uncertain_parts;
  const std::uint8_t approximate = p.approximate_parts == p.stated_parts ? 0 : p.approximate_parts;
  // A `?` after the month covers the year too (EDTF). A `?` after the year alone would end the
  // text ("Feb 5, 2026?") and read as the whole date's, so the year's doubt goes in words.
  std::uint8_t uncertain_words = uncertain & day_part;
  if (uncertain & month_part) {
    marks.month = "?";
  } else if (uncertain & year_part) {
    uncertain_words |= year_part;
  }
  std::vector<std::string> notes;
  if (uncertain_words != 0 && uncertain_words == approximate) {
    notes.push_back(parts_text(approximate, p) + " uncertain and approximate");
  } else {
    if (uncertain_words != 0) notes.push_back(parts_text(uncertain_words, p) + " uncertain");
    if (approximate != 0) notes.push_back(parts_text(approximate, p) + " approximate");
  }
  for (std::size_t i = 0; i < notes.size(); ++i) {
    marks.note += i == 0 ? " (" : ", ";
    marks.note += notes[i];
  }
  if (!notes.empty()) marks.note += ')';
  return marks;
}

/// The date without its whole-date qualifiers: "Feb 12, 2026 10:30 PST", "Feb 2026", "2020s",
/// "44 BCE", "Spring 2001", "Dec 25, 1560s", "Oct–Dec 2016", "Dec (year unknown)".
std::string plain_text(const point_spec& p, zone_ref zone, const part_marks& marks) {
  if (p.season != 0) {
    const int first = static_cast<int>(date::year_month_day{p.first_day}.year());
    const int last = static_cast<int>(date::year_month_day{p.last_day}.year());
    return season_text(p.season, first, last);
  }
  std::string year = year_words(p);
  std::string month;
  if (p.stated_parts & month_part) {
    month = p.month_x == 0 ? std::string(mon(p))
                           : allowed_text(p.month, p.month_x, 12, month_abbreviation);
    if (!month.empty()) month += marks.month;
  }
  std::string day;
  if (p.stated_parts & day_part) {
    day = p.day_x == 0
              ? fmt::format("{}", p.day)
              : allowed_text(p.day, p.day_x, 31, [](unsigned d) { return fmt::format("{}", d); });
  }
  // Parts joined as far as they are known.
  std::string text;
  const std::string in_year = year.empty() ? " (year unknown)" : " " + year;
  if (month.empty() && day.empty()) {
    text = year;
  } else if (day.empty()) {
    text = month + in_year;
  } else if (month.empty()) {
    text = "day " + day + " of a month" + (year.empty() ? " (year unknown)" : " in " + year);
  } else {
    text = fmt::format("{} {}{}", month, day, year.empty() ? in_year : ", " + year);
  }
  if (p.has_time()) text += fmt::format(" {} {}", clock_text(p), zone_label(p, zone));
  return text;
}

std::string qualified(std::string text, const point_spec& p) {
  if (p.approximate_parts != 0 && p.approximate_parts == p.stated_parts) text.insert(0, "c. ");
  if (p.uncertain_parts != 0 && p.uncertain_parts == p.stated_parts) text += '?';
  return text;
}

/// The whole-date qualifiers around the text, then the note on parts: "Jun 2004? (month
/// approximate)".
std::string point_text(const point_spec& p, zone_ref zone) {
  const part_marks marks = marks_of(p);
  return qualified(plain_text(p, zone, marks), p) + marks.note;
}

/// Whether two endpoints can share their year (and month) in words: no qualifier but the same
/// doubt about the year on both (said once after the span: "Feb 6 – 12, 2026 (year
/// uncertain)"), no X beyond whole unknown parts, no season.
bool compactable(const point_spec& a, const point_spec& b) {
  const auto plain = [](const point_spec& p) {
    const bool year_only = ((p.uncertain_parts | p.approximate_parts) & ~year_part) == 0;
    return year_only && p.season == 0 && p.year_x == 0 && (p.month_x == 0 || p.month_x == 3) &&
           (p.day_x == 0 || p.day_x == 3);
  };
  return plain(a) && plain(b) && a.uncertain_parts == b.uncertain_parts &&
         a.approximate_parts == b.approximate_parts;
}

/// "Feb 6 – 12, 2026", "Jan 30 – Feb 12, 2026", "Jan – Mar 2026", "Feb 12, 2026 10:30 – 11:45 PST".
std::string span_text(const point_spec& a, const point_spec& b, zone_ref zone) {
  if (compactable(a, b) && a.year == b.year && a.precision == b.precision) {
    const std::string note = marks_of(a).note;
    if (a.precision == time_precision::day) {
      if (a.month == b.month) {
        return fmt::format("{} {}{}{}, {}{}", mon(a), a.day, en_dash, b.day, year_text(a.year),
                           note);
      }
      return fmt::format("{} {}{}{} {}, {}{}", mon(a), a.day, en_dash, mon(b), b.day,
                         year_text(a.year), note);
    }
    if (a.precision == time_precision::month) {
      return fmt::format("{}{}{} {}{}", mon(a), en_dash, mon(b), year_text(a.year), note);
    }
    if (a.has_time() && a.month == b.month && a.day == b.day) {
      const std::string label = zone_label(a, zone);
      if (label == zone_label(b, zone)) {
        return fmt::format("{} {}, {} {}{}{} {}{}", mon(a), a.day, year_text(a.year), clock_text(a),
                           en_dash, clock_text(b), label, note);
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
  if (compactable(a, b) && a.year == b.year && a.precision == b.precision) {
    const std::string note = marks_of(a).note;
    if (a.precision == time_precision::day) {
      return fmt::format("between {} {} and {} {}, {}{}", mon(a), a.day, mon(b), b.day,
                         year_text(a.year), note);
    }
    if (a.precision == time_precision::month) {
      return fmt::format("between {} and {} {}{}", mon(a), mon(b), year_text(a.year), note);
    }
  }
  return fmt::format("between {} and {}", point_text(a, zone), point_text(b, zone));
}

}  // namespace

std::string with_qualifiers(std::string text, const point_spec& p) {
  const auto some = [&](std::uint8_t parts) -> std::uint8_t {
    return parts == p.stated_parts ? 0 : parts;
  };
  const std::uint8_t uncertain = some(p.uncertain_parts), approximate = some(p.approximate_parts);
  text = qualified(std::move(text), p);
  if (uncertain != 0 && uncertain == approximate) {
    text += " (" + parts_text(uncertain, p) + " uncertain and approximate)";
  } else if (uncertain != 0 && approximate != 0) {
    text += " (" + parts_text(uncertain, p) + " uncertain, " + parts_text(approximate, p) +
            " approximate)";
  } else if (uncertain != 0 || approximate != 0) {
    text += " (" + parts_text(static_cast<std::uint8_t>(uncertain | approximate), p) +
            (uncertain != 0 ? " uncertain)" : " approximate)");
  }
  return text;
}

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
