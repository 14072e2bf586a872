#pragma once
// What the export writers share: date endpoints, colours, text cleaning and event fields.
// No JSON or XML library types here; each writer includes its own.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "eventgraph/model.hpp"
#include "eventgraph/time.hpp"

namespace eventgraph::detail {

/// One end of an event's time: the instant (earliest for a start, latest for an end) and the
/// precision that endpoint was written with ("2019/2026-02": year, then month).
struct endpoint {
  instant at{};
  time_precision precision = time_precision::day;
};

/// Both ends of an event's time; an open end (`..`) is nullopt.
struct event_span {
  std::optional<endpoint> start;
  std::optional<endpoint> end;
};

/// Splits the event's EDTF date into its endpoints, each with its own precision.
event_span span_of(const event& e);

/// True for precisions finer than a day: the event states a time of day.
[[nodiscard]] inline bool has_time_of_day(time_precision p) {
  return p > time_precision::day;
}

/// "2026-02-12T00:00:00-08:00": an instant at second precision in a zone, for machines.
std::string iso_instant(instant t, std::string_view zone);

/// "point", "interval", "one-of".
std::string_view to_string(time_shape shape);
/// "millennium", ..., "day", "hour", "minute", "second".
std::string_view to_string(time_precision precision);

/// A colour per actor, by the actor's position in the story (a 12-colour qualitative palette).
struct rgb {
  std::uint8_t r = 0, g = 0, b = 0;
};
rgb actor_colour(actor_index actor);
/// "#1f77b4".
std::string hex(rgb colour);

/// The first actor's index, which places the event in lanes and groups; nullopt if none.
[[nodiscard]] inline std::optional<actor_index> lead_actor(const event& e) {
  const std::span<const actor_index> actors = e.actors();
  if (actors.empty()) return std::nullopt;
  return actors.front();
}

/// Edge id, unique and never equal to an event id (ids cannot contain `/`): "reply/0".
std::string relation_id(const event& e, std::size_t position);

/// "Title — Publisher, 2026-02-13 <https://...>": one line per source for text cells.
std::string describe_source(const source& s);
/// "“Words” — Kristi Noem (note)".
std::string describe_quote(const story& s, const quote& q);
/// "detainers issued: 33000 people (note)".
std::string describe_figure(const figure& f);

/// Appends JSON text (as nlohmann's dump(2) writes it) indented by `indent` more spaces, as
/// an element of an enclosing document dumped the same way. JSON text has no raw newlines in
/// strings, so every newline starts a line.
void append_indented(std::string& out, std::string_view json_text, std::size_t indent);

/// The fields of an event as flat, typed text attributes, for GraphML keys, GEXF attributes
/// and CSV columns. Lists of ids are joined with `|` (ids never contain it); lists of text
/// (quotes, figures, sources, source URLs) have one item per line.
enum class attribute_type : std::uint8_t { string, boolean };
struct attribute_spec {
  std::string_view name;
  attribute_type type;
};
inline constexpr std::array<attribute_spec, 27> event_attributes = {{
    {"title", attribute_type::string},        {"date", attribute_type::string},
    {"date_display", attribute_type::string}, {"precision", attribute_type::string},
    {"shape", attribute_type::string},        {"date_start", attribute_type::string},
    {"date_end", attribute_type::string},     {"earliest", attribute_type::string},
    {"latest", attribute_type::string},       {"timezone", attribute_type::string},
    {"uncertain", attribute_type::boolean},   {"approximate", attribute_type::boolean},
    {"actors", attribute_type::string},       {"actor_names", attribute_type::string},
    {"to", attribute_type::string},           {"to_names", attribute_type::string},
    {"kind", attribute_type::string},         {"missing", attribute_type::boolean},
    {"channel", attribute_type::string},      {"place", attribute_type::string},
    {"summary", attribute_type::string},      {"notes", attribute_type::string},
    {"tags", attribute_type::string},         {"quotes", attribute_type::string},
    {"figures", attribute_type::string},      {"sources", attribute_type::string},
    {"source_urls", attribute_type::string},
}};
/// Values in the order of event_attributes; booleans are "true" or "false"; "" when absent.
/// `missing` is true for a placeholder (kind `missing`), so a tool can style it by a flag.
/// `date_start`/`date_end` are the endpoints at their own precision ("2026-02-06"; not `start`
/// and `end`, which GEXF and vis-timeline use for their own times), `earliest`/`latest`
/// the instants in the event's zone ("2026-02-06T00:00:00-08:00"); both "" when open.
std::array<std::string, event_attributes.size()> event_attribute_values(const story& s,
                                                                        const event& e);

/// The zone an event's date was read in, "UTC" when none was given.
[[nodiscard]] inline std::string_view zone_name(const event& e) {
  const std::string_view zone = e.timezone();
  return zone.empty() ? "UTC" : zone;
}

/// Every field of an event as one compact JSON object (export_fields.cpp), for the JSON graph
/// formats: {"date", "date_display", "precision", "shape", "date_start", "date_end", "earliest",
/// "latest", "timezone", "uncertain", "approximate", "actors", "actor_names", "to",
/// "to_names", "kind", "channel", "place", "summary", "notes", "tags", "quotes", "figures",
/// "sources", "color"}; lists are JSON arrays; open endpoints are null.
std::string event_fields_json(const story& s, const event& e);

/// `{"title", "description", "notes", "timezone", "sources"}` of the story, compact JSON.
std::string story_fields_json(const story& s);

/// JSON text of a string (quoted, escaped; invalid UTF-8 replaced).
std::string json_string(std::string_view text);

/// Joins `parts` (strings, string_views or an event's tags) with `separator`.
template <typename Parts>
std::string join(const Parts& parts, std::string_view separator) {
  std::string out;
  bool first = true;
  for (std::string_view part : parts) {
    if (!first) out += separator;
    first = false;
    out += part;
  }
  return out;
}

}  // namespace eventgraph::detail
