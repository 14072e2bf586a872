#pragma once
// Exports for the tools people already use: Gephi, yEd, networkx, Cytoscape.js, vis-timeline,
// TimelineJS, Mermaid, JSON Graph Format, spreadsheets and Kumu, and eventgraph's own JSON.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "eventgraph/diagnostic.hpp"
#include "eventgraph/model.hpp"

namespace eventgraph {

/// Each value has one row in export_formats() (export.cpp's table, checked in enum order).
enum class export_format : std::uint8_t {
  graphml,     ///< GraphML: every event field as a typed key, relation type on edges
  gexf,        ///< GEXF 1.3, dynamic: each event lives from its earliest to its latest moment
  cytoscape,   ///< Cytoscape.js elements JSON: {"elements": {"nodes": [...], "edges": [...]}}
  vis,         ///< vis-timeline items and groups (one group per actor)
  timelinejs,  ///< TimelineJS3 JSON: events with dates split only to their known precision
  mermaid,     ///< Mermaid `timeline`, or a `flowchart` of the relations with mermaid_graph
  jgf,         ///< JSON Graph Format v2
  csv,         ///< two files: events.csv and relations.csv
  json,        ///< eventgraph's own format: export, load and export again gives the same bytes
  yaml,        ///< eventgraph's own format as YAML, for a person to go on editing
  ndjson,      ///< eventgraph's own format as NDJSON: a header line, actor lines, event lines
  html,        ///< one self-contained interactive page
};

/// One row of the format table: everything the functions below know of a format.
struct export_format_info {
  export_format format;
  std::string_view name;                    ///< as --format takes it: "graphml"
  std::array<std::string_view, 2> endings;  ///< file endings, the default first; "" for none
};

/// Every format, in enum order (one row each).
///
///     for (const auto& f : export_formats()) names.push_back(f.name);
[[nodiscard]] std::span<const export_format_info> export_formats();

struct export_options {
  bool mermaid_graph = false;  ///< mermaid: a flowchart of who responded to whom, not a timeline
};

/// One file of an export: its conventional name ("events.csv", "story.graphml") and its bytes.
struct export_file {
  std::string name;
  std::string content;
};

/// Writes the story in one format. Every format is one file, except csv (the sheets of
/// csv_file_names(), in that order). Events come in chronological order (earliest, latest, then as
/// written), relations in the order of their events; the same story always gives the same bytes.
///
///     auto files = export_files(story, export_format::csv);  // actors.csv, events.csv, ...
[[nodiscard]] result<std::vector<export_file>> export_files(const story& s, export_format format,
                                                            const export_options& options = {});

/// The files of the csv export, in the order export_files gives them (a shell's order):
/// actors.csv, events.csv, relations.csv, story.csv.
[[nodiscard]] std::span<const std::string_view> csv_file_names();

/// The single file of a one-file format; csv fails with code "multi-file" (use export_files).
///
///     auto gexf = export_story(story, export_format::gexf);
[[nodiscard]] result<std::string> export_story(const story& s, export_format format,
                                               const export_options& options = {});

/// "graphml", "gexf", "cytoscape", "vis", "timelinejs", "mermaid", "jgf", "csv", "json",
/// "yaml", "ndjson", "html".
[[nodiscard]] std::string_view to_string(export_format format);
[[nodiscard]] std::optional<export_format> parse_export_format(std::string_view name);

/// The format a file name asks for, by its ending (longest first): ".graphml", ".gexf",
/// ".cyjs" or ".cytoscape.json", ".vis.json", ".timeline.json" or ".timelinejs.json", ".mmd"
/// or ".mermaid", ".jgf" or ".jgf.json", ".csv", ".html" or ".htm", and ours: ".json" (the
/// shortest), ".yaml" or ".yml", ".ndjson" or ".jsonl".
///
///     export_format_from_path("out/story.vis.json")  // export_format::vis
[[nodiscard]] std::optional<export_format> export_format_from_path(std::string_view path);

/// The ending export_format_from_path maps back to this format: ".graphml", ".cyjs", ".vis.json"...
[[nodiscard]] std::string_view default_extension(export_format format);

}  // namespace eventgraph
