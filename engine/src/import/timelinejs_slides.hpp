#pragma once
// TimelineJS slides as its two sources give them (the sheet's rows, the JSON's events, eras and
// title), before they become records: import_timelinejs.cpp reads the sheet and hands the
// slides on, timelinejs_json.cpp reads the JSON into the same slides.

#include <cstdint>
#include <string>
#include <unordered_set>

#include "import/records.hpp"

namespace eventgraph::detail::timelinejs {

/// One part of a date (a cell, or a JSON value) and where it is.
struct part {
  std::string text;  ///< trimmed; "" when absent
  import_location at;
};

/// A date as TimelineJS has it: the sheet gives Year, Month, Day and a Time cell; JSON gives
/// year, month, day, hour, minute and second.
struct date_parts {
  part year, month, day;
  part time;                  ///< the sheet's Time cell ("10:30 PM", "1430")
  part hour, minute, second;  ///< JSON's
  std::string display_date;   ///< JSON's start_date.display_date (or display_text)
  /// Where the finest part given is (the day's cell before the month's, the year's).
  [[nodiscard]] import_location finest() const {
    for (const part* p : {&second, &minute, &hour, &time, &day, &month})
      if (!p->text.empty()) return p->at;
    return year.at;
  }
  [[nodiscard]] bool empty() const {
    return year.text.empty() && month.text.empty() && day.text.empty() && time.text.empty() &&
           hour.text.empty() && minute.text.empty() && second.text.empty();
  }
};

enum class slide_type : std::uint8_t { event, title, era };

struct slide {
  import_location at;
  slide_type type = slide_type::event;
  date_parts start, end;
  std::string display_date;
  std::string headline, text;  ///< HTML, as TimelineJS shows them
  std::string media, media_caption, media_credit, media_link;
  std::string group;
  std::string place;      ///< JSON's location.name
  std::string unique_id;  ///< JSON only
};

/// Turns slides into the sink's records: the first title slide into the header, groups into
/// actors (each once), every other slide into an event, a bad date into a bad record.
class slide_reader {
 public:
  slide_reader(const import_input& in, import_sink& sink) : in_(in), sink_(sink) {}
  void read(slide&& s);

 private:
  void read_title(slide&& s);
  const import_input& in_;
  import_sink& sink_;
  bool has_title_ = false;
  std::unordered_set<std::string> groups_;  ///< names handed on as actors
};

/// TimelineJS JSON (timelinejs_json.cpp).
void read_json(const import_input& in, import_sink& sink);

}  // namespace eventgraph::detail::timelinejs
