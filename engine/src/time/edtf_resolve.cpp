// Resolution of a parsed EDTF date in a zone.
//
// - A date alone covers whole local days in the zone: from the first second of its first day to
//   the second before the next day begins. A day whose midnight is skipped by DST begins at the
//   transition.
// - A local time skipped by DST is an error; one that happens twice covers both readings and
//   sets a warning.

#include "time/edtf_resolve.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include <date/tz.h>
#include <fmt/format.h>

#include "time/calendar_text.hpp"

namespace eventgraph::detail {
namespace {

/// True when a `?` or `~` covers the finest part written (the day of `2004-06-11?`), so that the
/// date's place, not only its context, is in doubt.
bool qualifies_finest(const point_spec& p) {
  const std::uint8_t finest = p.stated_parts & day_part     ? day_part
                              : p.stated_parts & month_part ? month_part
                                                            : year_part;
  return ((p.uncertain_parts | p.approximate_parts) & finest) != 0;
}

instant to_instant(date::local_seconds ls, std::chrono::seconds offset) {
  return instant{ls.time_since_epoch() - offset};
}

class resolver {
 public:
  resolver(zone_ref zone, std::string_view zone_name, resolved_date& out, date_error& error)
      : zone_(zone), zone_name_(zone_name), out_(out), error_(error) {}

  bool point(const point_spec& p);
  bool interval(const parsed_date& d);
  bool one_of(const parsed_date& d);

  /// Each end's precision: that of the first date, in text order, that gives the end's instant.
  void endpoint_precisions() {
    bool start_found = false, end_found = false;
    auto look = [&](const resolved_point& r) {
      if (!start_found && r.earliest == out_.time.earliest)
        out_.start_precision = r.precision, start_found = true;
      if (!end_found && r.latest == out_.time.latest)
        out_.end_precision = r.precision, end_found = true;
    };
    std::for_each(few_.begin(), few_.begin() + static_cast<std::ptrdiff_t>(few_count_), look);
    std::for_each(more_.begin(), more_.end(), look);
    if (!start_found) out_.start_precision = out_.time.precision;
    if (!end_found) out_.end_precision = out_.time.precision;
  }

 private:
  struct resolved_point {
    instant earliest{}, latest{};
    time_precision precision = time_precision::day;
  };

  bool fail(std::size_t at, std::string message) {
    error_.message = std::move(message);
    error_.offset = at;
    return false;
  }
  bool resolve(const point_spec& p, instant& earliest, instant& latest);
  bool resolve_local_time(const point_spec& p, instant& earliest, instant& latest);
  [[nodiscard]] instant day_start(date::local_days d) const;

  zone_ref zone_;
  std::string_view zone_name_;
  resolved_date& out_;
  date_error& error_;
  // Every date resolved, in text order: a point's and an interval's without allocating.
  std::array<resolved_point, 2> few_{};
  std::size_t few_count_ = 0;
  std::vector<resolved_point> more_;
};

instant resolver::day_start(date::local_days d) const {
  const date::local_seconds ls{d};
  if (zone_.tz == nullptr) return instant{ls.time_since_epoch()};
  const date::local_info info = zone_.tz->get_info(ls);
  if (info.result == date::local_info::nonexistent) return info.second.begin;  // day begins late
  return to_instant(ls, info.first.offset);  // unique, or the first of two midnights
}

bool resolver::resolve(const point_spec& p, instant& earliest, instant& latest) {
  if (p.has_time()) {
    if (!resolve_local_time(p, earliest, latest)) return false;
  } else {
    earliest = day_start(p.first_day);
    latest = day_start(p.last_day + date::days{1}) - std::chrono::seconds{1};
  }
  if (few_count_ < few_.size())
    few_[few_count_++] = {earliest, latest, p.precision};
  else
    more_.push_back({earliest, latest, p.precision});
  return true;
}

bool resolver::resolve_local_time(const point_spec& p, instant& earliest, instant& latest) {
  const std::chrono::seconds span{p.precision == time_precision::minute ? 60 : 1};
  const date::local_seconds ls = p.local();
  if (p.offset != offset_kind::none || zone_.tz == nullptr) {
    earliest = to_instant(ls, std::chrono::seconds{p.offset_seconds});
    latest = earliest + span - std::chrono::seconds{1};
    return true;
  }
  const date::local_info info = zone_.tz->get_info(ls);
  const auto when = [&] {
    return fmt::format("{:02}:{:02} on {} {}, {}", p.hour, p.minute, month_abbreviation(p.month),
                       p.day, year_text(p.year));
  };
  switch (info.result) {
    case date::local_info::unique:
      earliest = to_instant(ls, info.first.offset);
      latest = earliest + span - std::chrono::seconds{1};
      return true;
    case date::local_info::nonexistent:
      return fail(p.time_begin,
                  fmt::format("{} did not exist in {}: the clocks were turned forward; check the "
                              "time or give an offset",
                              when(), zone_name_));
    default:  // ambiguous: the first reading's start to the second reading's end
      earliest = to_instant(ls, info.first.offset);
      latest = to_instant(ls, info.second.offset) + span - std::chrono::seconds{1};
      if (out_.warning.empty()) {
        out_.warning = fmt::format(
            "{} happened twice in {} (the clocks were turned back); the date covers both", when(),
            zone_name_);
      }
      return true;
  }
}

bool resolver::point(const point_spec& p) {
  event_time& time = out_.time;
  if (!resolve(p, time.earliest, time.latest)) return false;
  time.precision = p.precision;
  time.shape = time_shape::point;
  time.uncertain = p.uncertain;
  time.approximate = p.approximate;
  time.coarse_qualifier = (p.uncertain || p.approximate) && !qualifies_finest(p);
  return true;
}

bool resolver::interval(const parsed_date& d) {
  event_time& time = out_.time;
  time.shape = time_shape::interval;
  time.earliest = unbounded_past;
  time.latest = unbounded_future;
  time.open_start = d.start.open;
  time.open_end = d.end.open;
  instant start_latest = unbounded_past;
  instant end_earliest = unbounded_future;
  bool have_precision = false;
  bool fine_qualifier = false;
  for (const endpoint* e : {&d.start, &d.end}) {
    if (e->open) continue;
    time.precision =
        have_precision ? std::min(time.precision, e->point.precision) : e->point.precision;
    have_precision = true;
    time.uncertain = time.uncertain || e->point.uncertain;
    time.approximate = time.approximate || e->point.approximate;
    fine_qualifier = fine_qualifier || qualifies_finest(e->point);
  }
  time.coarse_qualifier = (time.uncertain || time.approximate) && !fine_qualifier;
  if (!d.start.open && !resolve(d.start.point, time.earliest, start_latest)) return false;
  if (!d.end.open && !resolve(d.end.point, end_earliest, time.latest)) return false;
  if (time.earliest > time.latest) return fail(d.end_begin, "the interval ends before it starts");
  return true;
}

bool resolver::one_of(const parsed_date& d) {
  event_time& time = out_.time;
  time.shape = time_shape::one_of;
  bool first = true;
  bool first_item = true;
  bool fine_qualifier = false;
  for (const list_item& item : d.items) {
    instant low_earliest = unbounded_past;
    instant low_latest = unbounded_past;
    instant high_earliest = unbounded_future;
    instant high_latest = unbounded_future;
    const point_spec* points[2] = {nullptr, nullptr};
    if (!item.low.open) {
      if (!resolve(item.low.point, low_earliest, low_latest)) return false;
      points[0] = &item.low.point;
    }
    if (!item.is_range) {
      high_earliest = low_earliest;
      high_latest = low_latest;
    } else if (!item.high.open) {
      if (!resolve(item.high.point, high_earliest, high_latest)) return false;
      points[1] = &item.high.point;
      if (!item.low.open && low_earliest > high_latest) {
        return fail(item.begin, "the range ends before it starts");
      }
    }
    for (const point_spec* p : points) {
      if (p == nullptr) continue;
      time.precision = first ? p->precision : std::min(time.precision, p->precision);
      first = false;
      time.uncertain = time.uncertain || p->uncertain;
      time.approximate = time.approximate || p->approximate;
      fine_qualifier = fine_qualifier || qualifies_finest(*p);
    }
    time.earliest = first_item ? low_earliest : std::min(time.earliest, low_earliest);
    time.latest = first_item ? high_latest : std::max(time.latest, high_latest);
    time.open_start = time.open_start || item.low.open;
    time.open_end = time.open_end || (item.is_range && item.high.open);
    first_item = false;
  }
  time.coarse_qualifier = (time.uncertain || time.approximate) && !fine_qualifier;
  return true;
}

}  // namespace

bool resolve_edtf(const parsed_date& parsed, zone_ref zone, std::string_view zone_name,
                  resolved_date& out, date_error& error) {
  resolver r(zone, zone_name, out, error);
  bool ok = false;
  switch (parsed.shape) {
    case time_shape::point:
      ok = r.point(parsed.start.point);
      break;
    case time_shape::interval:
      ok = r.interval(parsed);
      break;
    case time_shape::one_of:
      ok = r.one_of(parsed);
      break;
  }
  if (ok) r.endpoint_precisions();
  return ok;
}

}  // namespace eventgraph::detail
