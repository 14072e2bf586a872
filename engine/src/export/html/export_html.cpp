#include "export/html/export_html.hpp"

#include <array>
#include <cstdio>
#include <span>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "export/export_common.hpp"
#include "export/html/html_assets.hpp"
#include "export/html/sha256.hpp"

namespace eventgraph::detail {
namespace {

using nlohmann::json;

/// An instant as ECMAScript's date-time string format reads it, in UTC:
/// "2026-02-06T08:00:00Z", "-000043-03-15T00:00:00Z" (years outside 0..9999 take six digits).
std::string iso_utc(instant t) {
  const civil_time c = to_civil(t, "UTC");
  std::array<char, 40> buffer{};
  const char* year_format =
      c.year >= 0 && c.year <= 9999 ? "%04d" : (c.year < 0 ? "-%06d" : "+%06d");
  int n = std::snprintf(buffer.data(), buffer.size(), year_format, c.year < 0 ? -c.year : c.year);
  std::snprintf(buffer.data() + n, buffer.size() - static_cast<std::size_t>(n),
                "-%02u-%02uT%02u:%02u:%02uZ", c.month, c.day, c.hour, c.minute, c.second);
  return buffer.data();
}

json index_list(std::span<const actor_index> indexes) {
  json list = json::array();
  for (auto i : indexes) list.push_back(i);
  return list;
}

/// Relations point at events by index, which is the events' position in the page's list.
json event_json(const story& s, const event& e) {
  const event_time time = e.time();
  json out;
  out["id"] = e.id();
  out["title"] = e.title();
  out["summary"] = e.summary();
  out["notes"] = e.notes();
  out["kind"] = e.kind();
  out["channel"] = e.channel();
  out["place"] = e.place();
  out["edtf"] = e.date();
  out["date"] = describe_date(e.date(), e.timezone());
  out["timezone"] = zone_name(e);
  out["precision"] = to_string(time.precision);
  out["shape"] = to_string(time.shape);
  out["uncertain"] = time.uncertain;
  out["approximate"] = time.approximate;
  // Open ends (`..`) have no instant: null, never the library's far-off stand-in.
  out["earliest"] = time.open_start ? json() : json(iso_utc(time.earliest));
  out["latest"] = time.open_end ? json() : json(iso_utc(time.latest));
  out["actors"] = index_list(e.actors());
  out["to"] = index_list(e.addressees());
  json tags = json::array();
  for (std::string_view tag : e.tags()) tags.push_back(tag);
  out["tags"] = std::move(tags);
  json quotes = json::array();
  for (const auto& q : e.quotes())
    quotes.push_back(
        {{"text", q.text}, {"by", q.by ? json(s.actors[*q.by].name) : json()}, {"note", q.note}});
  out["quotes"] = std::move(quotes);
  json sources = json::array();
  for (const auto& src : e.sources())
    sources.push_back({{"title", src.title},
                       {"publisher", src.publisher},
                       {"url", src.url},
                       {"date", src.date},
                       {"note", src.note}});
  out["sources"] = std::move(sources);
  json relations = json::array();
  for (const relation r : e.relations())
    relations.push_back({{"type", to_string(r.type)}, {"to", r.target}, {"note", r.note}});
  out["relations"] = std::move(relations);
  return out;
}

json story_json(const story& s) {
  json data;
  data["format"] = "eventgraph-html";
  data["version"] = 1;
  data["title"] = s.title;
  data["description"] = s.description;
  data["timezone"] = s.timezone.empty() ? "UTC" : s.timezone;
  json types = json::array();
  for (std::size_t t = 0; t < relation_type_count; ++t)
    types.push_back(to_string(static_cast<relation_type>(t)));
  data["relation_types"] = std::move(types);
  json actors = json::array();
  for (const auto& a : s.actors)
    actors.push_back({{"id", a.id},
                      {"name", a.name},
                      {"kind", a.kind ? to_string(*a.kind)
                                      : std::string_view{}},  // "" = the source does not say
                      {"role", a.role}});
  data["actors"] = std::move(actors);
  // Events in the story's order, the one every export uses (earliest, latest, id), so the page
  // is the same whatever the order of the input.
  json events = json::array();
  for (const event e : s.events) events.push_back(event_json(s, e));
  data["events"] = std::move(events);
  return data;
}

/// JSON that is also inert inside `<script type="application/json">`: `<`, `>` and `&` (so no
/// `</script>` or `<!--` can end or alter the block) and U+2028/U+2029 escaped. They can only
/// occur inside JSON strings, where `\uXXXX` means the same character.
std::string script_safe_json(const json& data) {
  const std::string text = data.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' &&
               (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
      out += text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

/// Replaces each `{{name}}` of the template in one pass, so replacement text is never rescanned.
std::string fill(std::string_view page,
                 std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = page.find("{{", at);
    if (open == std::string_view::npos) break;
    const std::size_t close = page.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(page.substr(at, open - at));
    const std::string_view name = page.substr(open + 2, close - open - 2);
    bool found = false;
    for (const auto& [key, value] : values) {
      if (key == name) {
        out.append(value);
        found = true;
        break;
      }
    }
    if (!found) out.append(page.substr(open, close + 2 - open));
    at = close + 2;
  }
  out.append(page.substr(at));
  return out;
}

}  // namespace

std::string export_html(const story& s) {
  const std::string_view script = html_assets::page_js();
  const std::string_view style = html_assets::page_css();
  // The policy allows exactly our inline script and style, by hash; nothing may be fetched.
  const std::string csp = "default-src 'none'; script-src 'sha256-" + sha256_base64(script) +
                          "'; style-src 'sha256-" + sha256_base64(style) +
                          "'; base-uri 'none'; form-action 'none'";
  const std::string title = text::escape_html(s.title.empty() ? "eventgraph timeline" : s.title);
  const std::string data = script_safe_json(story_json(s));
  return fill(
      html_assets::page_html(),
      {{"csp", csp}, {"title", title}, {"style", style}, {"data", data}, {"script", script}});
}

}  // namespace eventgraph::detail
