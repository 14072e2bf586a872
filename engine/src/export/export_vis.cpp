// export_format::vis: vis-timeline data, {"groups": [...], "items": [...]}, for
//     new vis.Timeline(el, new vis.DataSet(data.items), new vis.DataSet(data.groups))
// One group per actor that acts; an event with several actors has one item in each actor's
// group (id "event@actor"; `@` never occurs in ids). Dates without a time of day are written as
// dates ("2026-02-12"), which vis-timeline places on that calendar day in every viewer's zone;
// times carry their UTC offset. An event of a day or finer is a point; coarser or spanning
// events are ranges whose end is exclusive (the day after, or one second after the last one).
// An event that names no actor is in the last group, "_unattributed" (no actor id starts with
// `_`), shown as "Unattributed".
// vis-timeline renders `content` and `title` as HTML, so all text is HTML-escaped.

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "export/export_common.hpp"
#include "export/export_writers.hpp"

namespace eventgraph::detail {
namespace {

using ordered = nlohmann::ordered_json;

constexpr std::string_view unattributed_group = "_unattributed";

std::string compact(const ordered& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// A start as vis reads it: a local date when no time of day is stated, else an instant.
std::string vis_start(const endpoint& p, const event& e) {
  if (has_time_of_day(p.precision)) return format_iso(p.at, e.timezone(), p.precision);
  return format_iso(p.at, e.timezone(), time_precision::day);
}

/// An exclusive end: the day after the last day, or the moment after the last second.
std::string vis_end(const endpoint& p, const event& e) {
  const instant after = p.at + std::chrono::seconds{1};
  if (has_time_of_day(p.precision)) return format_iso(after, e.timezone(), p.precision);
  return format_iso(after, e.timezone(), time_precision::day);
}

std::string tooltip(const story& s, const event& e) {
  std::vector<std::string_view> actors;
  for (actor_index a : e.actors()) actors.push_back(s.actors[a].name);
  std::string text = text::escape_html(describe_date(e.date(), e.timezone())) + "<br>" +
                     text::escape_html(join(actors, ", ")) + "<br>" + text::escape_html(e.title());
  if (!e.summary().empty()) text += "<br>" + text::escape_html(e.summary());
  return text;
}

}  // namespace

std::string export_vis(const story& s) {
  std::vector<bool> acts(s.actors.size(), false);
  bool unattributed = false;
  for (const event e : s.events) {
    for (actor_index a : e.actors()) acts[a] = true;
    unattributed = unattributed || e.actors().empty();
  }

  std::string out = "{\"groups\":[";
  bool first = true;
  for (actor_index a = 0; a < s.actors.size(); ++a) {
    if (!acts[a]) continue;
    const actor& who = s.actors[a];
    ordered group = ordered::object();
    group["id"] = who.id;
    group["content"] = text::escape_html(who.name);
    group["title"] = text::escape_html(who.role.empty() ? who.name : who.name + ", " + who.role);
    group["style"] = "color: " + hex(actor_colour(a));
    out += first ? "\n" : ",\n";
    first = false;
    out += compact(group);
  }
  if (unattributed) {
    out += first ? "\n" : ",\n";
    first = false;
    out += compact(ordered{{"id", unattributed_group},
                           {"content", "Unattributed"},
                           {"title", "Events that name no actor"}});
  }
  out += "\n],\"items\":[";
  first = true;
  for (const event e : s.events) {
    const event_span span = span_of(e);
    const event_time time = e.time();
    const bool range = span.start && span.end &&
                       (time.shape != time_shape::point || time.precision < time_precision::day);
    std::vector<std::string> classes = {"eventgraph-" + std::string(to_string(time.shape))};
    if (time.uncertain) classes.emplace_back("eventgraph-uncertain");
    if (time.approximate) classes.emplace_back("eventgraph-approximate");
    if (time.open_start) classes.emplace_back("eventgraph-open-start");
    if (time.open_end) classes.emplace_back("eventgraph-open-end");
    if (is_missing(e)) classes.emplace_back("eventgraph-missing");
    const std::string content = text::escape_html(e.title());
    const std::string title = tooltip(s, e);
    // One item per actor, or one in the unattributed group (no_actor).
    const std::span<const actor_index> actors = e.actors();
    for (std::size_t k = 0; k < std::max<std::size_t>(actors.size(), 1); ++k) {
      const std::optional<actor_index> a =
          actors.empty() ? std::nullopt : std::optional<actor_index>(actors[k]);
      const std::string_view group = a ? std::string_view(s.actors[*a].id) : unattributed_group;
      ordered item = ordered::object();
      item["id"] = std::string(e.id()) + "@" + std::string(group);
      item["group"] = group;
      item["event"] = e.id();
      item["content"] = content;
      item["title"] = title;
      if (range) {
        item["start"] = vis_start(*span.start, e);
        item["end"] = vis_end(*span.end, e);
        item["type"] = "range";
      } else {
        // A point; an open-ended event sits at the end that is known.
        const endpoint known = span.start ? *span.start
                               : span.end ? *span.end
                                          : endpoint{time.earliest, time.precision};
        item["start"] = vis_start(known, e);
        item["type"] = "point";
      }
      item["className"] = join(classes, " ");
      if (a) item["style"] = "border-color: " + hex(actor_colour(*a));
      item["date"] = e.date();
      item["date_display"] = describe_date(e.date(), e.timezone());
      item["precision"] = std::string(to_string(time.precision));
      item["timezone"] = zone_name(e);
      out += first ? "\n" : ",\n";
      first = false;
      out += compact(item);
    }
  }
  out += "\n]}\n";
  return out;
}

}  // namespace eventgraph::detail
