#pragma once
// What the graph commands (chain, path, events, actors, stats) share: loading a story into an
// event graph, resolving ids with "did you mean", and printing events as text or JSON.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "command.hpp"
#include "eventgraph/graph.hpp"
#include "eventgraph/query.hpp"
#include "json_writer.hpp"
#include "words.hpp"

namespace eventgraph::cli {

/// A story and its graph, which points into it (so both live on the heap and move together).
struct loaded_graph {
  std::unique_ptr<story> data;
  std::unique_ptr<event_graph> graph;
};

/// Loads the files and builds the graph; prints diagnostics and sets ctx.status on failure.
[[nodiscard]] std::optional<loaded_graph> load_graph(context& ctx,
                                                     const std::vector<std::string>& files);

/// What an id on the command line may name.
enum class id_scope { events, events_and_actors };

/// An event id, or with `events_and_actors` an actor id (standing for every event of the
/// actor). Unknown: prints "error: no event 'x'; did you mean ...?" and sets exit status 1.
[[nodiscard]] std::optional<std::vector<event_index>> resolve_id(context& ctx, const event_graph& g,
                                                                 std::string_view id,
                                                                 id_scope scope);

/// "; did you mean 'a', 'b' or 'c'?" for a list of close ids, "" when there are none.
[[nodiscard]] std::string did_you_mean(const std::vector<std::string>& close);

/// "Kristi Noem, DHS": the names of an event's actors, escaped for a terminal; "unattributed"
/// when it names none, "missing" (", by" its actors) for a placeholder.
[[nodiscard]] std::string actor_names(const story& s, event e);

/// `id (date; actors): title`, the one-line form every command prints, escaped for a terminal
/// (story text never moves the cursor or reorders the line).
[[nodiscard]] std::string event_line(const story& s, event_index e);

/// "3 days", "5 days 2 h", "2 h 10 min", "45 min", "30 s".
[[nodiscard]] std::string format_duration(std::int64_t seconds);

/// What the dates allow, a range of latencies in seconds as the dates' last seconds make it:
/// "5 to 7 days", "1 day to 3 days", "up to 7 days", "3 days".
[[nodiscard]] std::string format_duration_range(std::int64_t shortest, std::int64_t longest);

/// Writes the JSON form of an event in every command's output:
/// {"id", "date" (EDTF as written), "when" (for readers), "earliest", "latest" (UTC ISO 8601,
/// null when open), "actors" (ids), "kind", "title"}.
void write_event(json_writer& w, const story& s, event_index e);

/// The selection options, as typed: the timeline filter (`events`), and for the views
/// (`render`, `export`) a focus too.
struct selection_options {
  std::string from, to;
  bool within = false;
  std::vector<std::string> actors, kinds, tags;
  std::string text;
  std::string around;
  chain_direction direction = chain_direction::both;
  std::optional<std::uint32_t> depth;
  std::vector<std::string> path;  ///< FROM TO
};

/// --from, --to, --overlap/--within, --actor, --kind, --tag, --text.
void add_filter_options(CLI::App& command, selection_options& o);
/// The filter options, then --around EVENT [--direction] [--depth] and --path FROM TO.
void add_selection_options(CLI::App& command, selection_options& o);

/// The filter the options give; prints the error and sets ctx.status when one is wrong.
[[nodiscard]] std::optional<event_filter> parse_filter(context& ctx, const story& s,
                                                       const selection_options& o);

/// Whether any selection option was given (a view of the whole story otherwise).
[[nodiscard]] bool selects(const selection_options& o);

/// The part of the story the options select, saying on standard error what it leaves out;
/// nullopt (ctx.status set) when an option is wrong.
[[nodiscard]] std::optional<story_part> select_part(context& ctx, const story& s,
                                                    const selection_options& o);

/// Parses the values of a repeated `--relation TYPE` option (names as in files).
[[nodiscard]] std::vector<relation_type> parse_relations(const std::vector<std::string>& names);

/// The names of the relation types, for CLI11's IsMember check.
[[nodiscard]] std::vector<std::string> relation_names();

}  // namespace eventgraph::cli
