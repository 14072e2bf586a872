// TimelineJS JSON (TimelineJS3's documentation, "JSON format": `title`, `events[]` with
// `start_date{year, month, day, hour, minute, second, display_date}`, `end_date`,
// `text{headline, text}`, `media{url, caption, credit, link}`, `group`, `display_date`,
// `unique_id`, `location{name}`, and `eras[]`; its API.md's event data format) read into the same
// slides as the sheet.

#include <string>
#include <string_view>

#include <fmt/format.h>

#include "import/json_records.hpp"
#include "import/reader_text.hpp"
#include "import/timelinejs_slides.hpp"

namespace eventgraph::detail::timelinejs {
namespace {

std::string text_at(const tree_node& object, std::string_view key) {
  return std::string(reader_text::trim(scalar_text(member(object, key))));
}

part part_at(const tree_node& object, std::string_view key) {
  const tree_node* n = member(object, key);
  if (!n) return {"", location_of(object)};
  return {std::string(reader_text::trim(scalar_text(n))), location_of(*n)};
}

date_parts date_of(const tree_node* n) {
  date_parts d;
  if (!n) return d;
  d.year = part_at(*n, "year"), d.month = part_at(*n, "month"), d.day = part_at(*n, "day");
  d.hour = part_at(*n, "hour"), d.minute = part_at(*n, "minute");
  d.second = part_at(*n, "second");
  d.display_date = text_at(*n, "display_date");
  if (d.display_date.empty()) d.display_date = text_at(*n, "display_text");
  return d;
}

slide slide_of(const tree_node& n, slide_type type) {
  slide s;
  s.at = location_of(n);
  s.type = type;
  s.start = date_of(member(n, "start_date"));
  s.end = date_of(member(n, "end_date"));
  if (s.start.empty()) s.start.year.at = s.at;
  if (const tree_node* text = member(n, "text")) {
    s.headline = text_at(*text, "headline");
    s.text = text_at(*text, "text");
  }
  if (const tree_node* media = member(n, "media")) {
    s.media = text_at(*media, "url");
    s.media_caption = text_at(*media, "caption");
    s.media_credit = text_at(*media, "credit");
    s.media_link = text_at(*media, "link");
  }
  s.group = text_at(n, "group");
  if (const tree_node* location = member(n, "location")) s.place = text_at(*location, "name");
  s.display_date = text_at(n, "display_date");
  s.unique_id = text_at(n, "unique_id");
  return s;
}

/// A list of slides (`events`, `eras`), each an object.
void read_list(const tree_node& root, std::string_view key, slide_type type, slide_reader& slides,
               import_sink& sink) {
  const tree_node* list = member(root, key);
  if (!list) return;
  if (list->kind != tree_node::type::sequence) {
    sink.bad_record(location_of(*list), fmt::format("\"{}\" must be a list of slides", key));
    return;
  }
  for (const tree_node& item : list->items) {
    if (item.kind != tree_node::type::mapping)
      sink.bad_record(location_of(item), fmt::format("each of \"{}\" must be an object", key));
    else
      slides.read(slide_of(item, type));
  }
}

}  // namespace

void read_json(const import_input& in, import_sink& sink) {
  std::string buffer;
  tree_node root;
  if (!read_json_record(in.text, in, 0, root, sink, buffer)) return;
  if (root.kind != tree_node::type::mapping || !member(root, "events")) {
    sink.bad_record(location_of(root),
                    "TimelineJS JSON is an object with \"events\" (and \"title\", \"eras\")");
    return;
  }
  slide_reader slides(in, sink);
  if (const tree_node* title = member(root, "title");
      title && title->kind == tree_node::type::mapping)
    slides.read(slide_of(*title, slide_type::title));
  read_list(root, "events", slide_type::event, slides, sink);
  read_list(root, "eras", slide_type::era, slides, sink);
  sink.progress(in.text.size());
}

}  // namespace eventgraph::detail::timelinejs
