// Export dispatch: format names, file endings, and one call per writer.

#include "eventgraph/export.hpp"

#include <array>
#include <utility>

#include "export/export_writers.hpp"
#include "export/html/export_html.hpp"

namespace eventgraph {
namespace {

/// The one table the format functions read: name and endings (the default first).
constexpr std::array<export_format_info, 12> format_table = {{
    {export_format::graphml, "graphml", {".graphml", ""}},
    {export_format::gexf, "gexf", {".gexf", ""}},
    {export_format::cytoscape, "cytoscape", {".cyjs", ".cytoscape.json"}},
    {export_format::vis, "vis", {".vis.json", ""}},
    {export_format::timelinejs, "timelinejs", {".timeline.json", ".timelinejs.json"}},
    {export_format::mermaid, "mermaid", {".mmd", ".mermaid"}},
    {export_format::jgf, "jgf", {".jgf", ".jgf.json"}},
    {export_format::csv, "csv", {".csv", ""}},
    {export_format::json, "json", {".json", ""}},
    {export_format::yaml, "yaml", {".yaml", ".yml"}},
    {export_format::ndjson, "ndjson", {".ndjson", ".jsonl"}},
    {export_format::html, "html", {".html", ".htm"}},
}};

constexpr bool rows_in_enum_order() {
  for (std::size_t i = 0; i < format_table.size(); ++i)
    if (format_table[i].format != static_cast<export_format>(i)) return false;
  return format_table.back().format == export_format::html;  // the enum's last value
}
static_assert(rows_in_enum_order(), "one row per export_format, in enum order");

bool ends_with_nocase(std::string_view text, std::string_view ending) {
  if (text.size() < ending.size()) return false;
  text = text.substr(text.size() - ending.size());
  for (std::size_t i = 0; i < ending.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != ending[i]) return false;
  }
  return true;
}

}  // namespace

std::span<const export_format_info> export_formats() {
  return format_table;
}

std::string_view to_string(export_format format) {
  return format_table[static_cast<std::size_t>(format)].name;
}

std::optional<export_format> parse_export_format(std::string_view name) {
  for (const export_format_info& row : format_table)
    if (row.name == name) return row.format;
  return std::nullopt;
}

std::optional<export_format> export_format_from_path(std::string_view path) {
  // The longest matching ending wins, so ".vis.json" is vis, not our ".json".
  std::optional<export_format> found;
  std::size_t found_length = 0;
  for (const export_format_info& row : format_table)
    for (std::string_view ending : row.endings)
      if (!ending.empty() && ending.size() > found_length && ends_with_nocase(path, ending)) {
        found = row.format;
        found_length = ending.size();
      }
  return found;
}

std::string_view default_extension(export_format format) {
  return format_table[static_cast<std::size_t>(format)].endings.front();
}

result<std::vector<export_file>> export_files(const story& s, export_format format,
                                              const export_options& options) {
  if (format == export_format::csv) return detail::export_csv(s);
  auto one = export_story(s, format, options);
  if (!one) return std::move(one.diagnostics());
  std::vector<export_file> files;
  files.push_back({"story" + std::string(default_extension(format)), std::move(one).value()});
  return files;
}

result<std::string> export_story(const story& s, export_format format,
                                 const export_options& options) {
  switch (format) {
    case export_format::graphml:
      return detail::export_graphml(s);
    case export_format::gexf:
      return detail::export_gexf(s);
    case export_format::cytoscape:
      return detail::export_cytoscape(s);
    case export_format::vis:
      return detail::export_vis(s);
    case export_format::timelinejs:
      return detail::export_timelinejs(s);
    case export_format::mermaid:
      return detail::export_mermaid(s, options.mermaid_graph);
    case export_format::jgf:
      return detail::export_jgf(s);
    case export_format::json:
      return detail::export_json(s);
    case export_format::yaml:
      return detail::export_yaml(s);
    case export_format::ndjson:
      return detail::export_ndjson(s);
    case export_format::html:
      return detail::export_html(s);
    case export_format::csv:
      break;
  }
  diagnostic_list diags;
  diags.error({}, "multi-file",
              "the csv export is four files (actors.csv, events.csv, relations.csv and "
              "story.csv); use export_files");
  return diags;
}

}  // namespace eventgraph
