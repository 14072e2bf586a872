#include "graph_common.hpp"

#include <map>

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

std::string format_duration_range(std::int64_t shortest, std::int64_t longest) {
  // A date's range ends at its last second: 7 days less a second reads as 7 days, and a
  // second past a whole minute as that minute.
  if ((longest + 1) % 60 == 0) ++longest;
  if (shortest % 60 == 1) --shortest;
  const std::string hi = format_duration(longest);
  if (shortest == longest) return hi;
  if (shortest == 0) return "up to " + hi;
  std::string lo = format_duration(shortest);
  // "5 to 7 days": one unit word when both ends are a number and the same unit.
  const std::size_t lo_space = lo.find(' '), hi_space = hi.find(' ');
  if (lo_space == lo.rfind(' ') && hi_space == hi.rfind(' ') &&
      std::string_view(lo).substr(lo_space) == std::string_view(hi).substr(hi_space))
    lo.resize(lo_space);
  return lo + " to " + hi;
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

void add_filter_options(CLI::App& command, selection_options& o) {
  command.add_option("--from", o.from, "Window start (EDTF date, story time zone)");
  command.add_option("--to", o.to, "Window end, inclusive: --to 2026-02 includes Feb 28");
  // --overlap is the default, accepted so scripts can say it; only --within changes the mode.
  auto* overlap = command.add_flag("--overlap")
                      ->description("Events whose dates overlap the window (the default)");
  auto* within =
      command.add_flag("--within", o.within, "Only events whose dates lie wholly within it");
  overlap->excludes(within);
  command.add_option("--actor", o.actors, "By or addressed to this actor (repeatable)");
  command.add_option("--kind", o.kinds, "Of this kind (repeatable)");
  command.add_option("--tag", o.tags, "With this tag (repeatable)");
  command.add_option("--text", o.text, "All these words in id, title, summary, notes, quotes");
}

void add_selection_options(CLI::App& command, selection_options& o) {
  add_filter_options(command, o);
  auto* around = command.add_option("--around", o.around,
                                    "Only the chain around this event (as `chain EVENT` gives it)");
  command.add_option("--direction", o.direction, "With --around: both (default), down or up")
      ->transform(choice(std::map<std::string, chain_direction>{{"down", chain_direction::down},
                                                                {"up", chain_direction::up},
                                                                {"both", chain_direction::both}}))
      ->needs(around);
  command.add_option("--depth", o.depth, "With --around: at most N levels from the event")
      ->check(CLI::NonNegativeNumber)
      ->needs(around);
  command.add_option("--path", o.path, "Only the events of the shortest path FROM TO")
      ->expected(2)
      ->excludes(around);
}

bool selects(const selection_options& o) {
  return !o.from.empty() || !o.to.empty() || !o.actors.empty() || !o.kinds.empty() ||
         !o.tags.empty() || !o.text.empty() || !o.around.empty() || !o.path.empty();
}

std::optional<event_filter> parse_filter(context& ctx, const story& s, const selection_options& o) {
  event_filter f;
  f.mode = o.within ? window_mode::within : window_mode::overlap;
  for (auto [text, target, name] :
       {std::tuple{&o.from, &f.from, "--from"}, std::tuple{&o.to, &f.to, "--to"}}) {
    if (text->empty()) continue;
    const auto parsed = parse_date(*text, s.timezone);
    if (!parsed.time) {
      ctx.err << escape_terminal(fmt::format("error: {} '{}': {}", name, *text, parsed.error))
              << '\n';
      ctx.status = exit_bad_usage;
      return std::nullopt;
    }
    *target = target == &f.from ? parsed.time->earliest : parsed.time->latest;
  }
  for (const auto& id : o.actors) {
    auto a = s.find_actor(id);
    if (!a) {
      ctx.err << escape_terminal(
                     fmt::format("error: no actor has the id '{}'{}", id,
                                 did_you_mean(s.closest_ids(id, story::id_kind::actor))))
              << '\n';
      ctx.status = exit_bad_data;
      return std::nullopt;
    }
    f.actors.push_back(*a);
  }
  f.kinds = o.kinds;
  f.tags = o.tags;
  f.text = o.text;
  return f;
}

std::optional<story_part> select_part(context& ctx, const story& s, const selection_options& o) {
  const auto filter = parse_filter(ctx, s, o);
  if (!filter) return std::nullopt;
  const event_graph g(s);
  view_selection v;
  v.filter = *filter;
  if (!o.around.empty()) {
    const auto root = resolve_id(ctx, g, o.around, id_scope::events);
    if (!root) return std::nullopt;
    v.around = root->front();
    v.around_options.direction = o.direction;
    v.around_options.max_depth = o.depth;
  }
  if (o.path.size() == 2) {
    const auto from = resolve_id(ctx, g, o.path[0], id_scope::events);
    if (!from) return std::nullopt;
    const auto to = resolve_id(ctx, g, o.path[1], id_scope::events);
    if (!to) return std::nullopt;
    v.path_from = from->front();
    v.path_to = to->front();
  }
  const std::vector<event_index> events = select_events(g, v);
  story_part part = sub_story(s, events);
  ctx.err << fmt::format("kept {} of {}; left out {}, {} and {}\n", counted(events.size(), "event"),
                         s.events.size(), counted(part.events_left_out, "event"),
                         counted(part.relations_left_out, "relation"),
                         counted(part.actors_left_out, "actor"));
  return part;
}

}  // namespace eventgraph::cli
