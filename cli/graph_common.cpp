#include "graph_common.hpp"

#include <fmt/format.h>

#include "eventgraph/text.hpp"

namespace eventgraph::cli {

std::optional<loaded_graph> load_graph(context& ctx, const std::vector<std::string>& files) {
  auto loaded = load_story(ctx, files);
  if (!loaded) return std::nullopt;
  loaded_graph out;
  out.data = std::make_unique<story>(std::move(*loaded));
  out.graph = std::make_unique<event_graph>(*out.data);
  return out;
}

std::optional<std::vector<event_index>> resolve_id(context& ctx, const event_graph& g,
                                                   std::string_view id, id_scope scope) {
  const bool actors_too = scope == id_scope::events_and_actors;
  const story& s = g.source();
  if (auto e = s.find_event(id)) return std::vector<event_index>{*e};
  if (actors_too) {
    if (auto a = s.find_actor(id)) return g.events_of(*a);
  }
  const auto kind = actors_too ? story::id_kind::any : story::id_kind::event;
  std::string message =
      fmt::format("error: no {} has the id '{}'", actors_too ? "event or actor" : "event", id);
  if (!actors_too && s.find_actor(id)) message += " ('" + std::string(id) + "' is an actor)";
  message += did_you_mean(s.closest_ids(id, kind));
  ctx.err << escape_terminal(message) << '\n';
  ctx.status = exit_bad_data;
  return std::nullopt;
}

std::string did_you_mean(const std::vector<std::string>& close) {
  std::string out;
  for (std::size_t i = 0; i < close.size(); ++i)
    out += fmt::format(
        "{}'{}'", i == 0 ? "; did you mean " : (i + 1 == close.size() ? " or " : ", "), close[i]);
  if (!close.empty()) out += "?";
  return out;
}

std::string actor_names(const story& s, event e) {
  std::string out;
  for (auto a : e.actors()) {
    if (!out.empty()) out += ", ";
    out += s.actors[a].name;
  }
  if (is_missing(e)) return out.empty() ? "missing" : "missing, by " + escape_terminal(out);
  return out.empty() ? "unattributed" : escape_terminal(out);
}

std::string event_line(const story& s, event_index i) {
  const event e = s.events[i];
  return fmt::format("{} ({}; {}): {}", escape_terminal(e.id()),
                     escape_terminal(describe_date(e.date(), e.timezone())), actor_names(s, e),
                     escape_terminal(e.title()));
}

std::string format_duration(std::int64_t seconds) {
  if (seconds < 60) return fmt::format("{} s", seconds);
  const std::int64_t minutes = seconds / 60, hours = seconds / 3600, days = seconds / 86400;
  if (seconds < 3600) return fmt::format("{} min", minutes);
  if (seconds < 86400)
    return minutes % 60 == 0 ? fmt::format("{} h", hours)
                             : fmt::format("{} h {} min", hours, minutes % 60);
  const auto day_word = days == 1 ? "day" : "days";
  if (days >= 30 || hours % 24 == 0) return fmt::format("{} {}", days, day_word);
  return fmt::format("{} {} {} h", days, day_word, hours % 24);
}

void write_event(json_writer& w, const story& s, event_index i) {
  const event e = s.events[i];
  const event_time time = e.time();
  w.begin_object();
  w.key("id").string(e.id());
  w.key("date").string(e.date());
  w.key("when").string(describe_date(e.date(), e.timezone()));
  w.key("earliest");
  if (time.open_start)
    w.null();
  else
    w.string(format_iso(time.earliest, "UTC", time_precision::second));
  w.key("latest");
  if (time.open_end)
    w.null();
  else
    w.string(format_iso(time.latest, "UTC", time_precision::second));
  w.key("actors").begin_array();
  for (auto a : e.actors()) w.string(s.actors[a].id);
  w.end_array();
  w.key("kind").string(e.kind());
  w.key("title").string(e.title());
  w.end_object();
}

std::vector<relation_type> parse_relations(const std::vector<std::string>& names) {
  std::vector<relation_type> out;
  for (const auto& n : names)
    if (auto t = parse_relation_type(n)) out.push_back(*t);
  return out;
}

std::vector<std::string> relation_names() {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < relation_type_count; ++i)
    out.emplace_back(to_string(static_cast<relation_type>(i)));
  return out;
}

}  // namespace eventgraph::cli
