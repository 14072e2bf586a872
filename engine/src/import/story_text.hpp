#pragma once
// The parts of an imported record as eventgraph NDJSON (json_out): the members the import
// builder (import_build.cpp) writes the same way for the story's header and for events,
// whether the record is owned (imported_header) or packed (event_view).

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string_view>

#include "core/json_out.hpp"

namespace eventgraph::detail::story_text {

/// Sources and figures: of the story's header (owned) or of a packed record (event_view),
/// the same members either way.
template <typename Sources>
void put_sources(json_out& out, const Sources& sources) {
  out.key("sources");
  out.begin_array();
  for (const auto& s : sources) {
    out.begin_object();
    // A post's own URL is often all a source is: the URL names it then (a source needs a title).
    put_text(out, "title", s.title.empty() ? s.url : s.title);
    put_text(out, "publisher", s.publisher);
    put_text(out, "url", s.url);
    put_text(out, "date", s.date);
    put_text(out, "note", s.note);
    out.end_object();
  }
  out.end_array();
}

/// A figure's value as a JSON number: a whole number as an integer (33000 stays 33000, as the
/// json export writes it), else the shortest text that reads back as the same double.
template <typename Figure>
void put_figure_value(json_out& out, const Figure& f) {
  std::array<char, 32> buffer{};
  const bool whole = f.value_text.find_first_not_of("+-0123456789") == std::string_view::npos;
  const auto end =
      whole && std::abs(f.value) < 9.2e18
          ? std::to_chars(buffer.begin(), buffer.end(), static_cast<std::int64_t>(f.value)).ptr
          : std::to_chars(buffer.begin(), buffer.end(), f.value).ptr;
  out.raw(std::string_view(buffer.data(), static_cast<std::size_t>(end - buffer.data())));
}

template <typename Figures>
void put_figures(json_out& out, const Figures& figures) {
  out.key("figures");
  out.begin_array();
  for (const auto& f : figures) {
    out.begin_object();
    out.key("label");
    out.text(f.label);
    out.key("value");
    put_figure_value(out, f);
    put_text(out, "unit", f.unit);
    put_text(out, "note", f.note);
    out.end_object();
  }
  out.end_array();
}

}  // namespace eventgraph::detail::story_text
