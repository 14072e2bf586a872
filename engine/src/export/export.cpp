// Export dispatch: format names, file endings, and one call per writer.

#include "eventgraph/export.hpp"

#include <array>
#include <utility>

#include "export/export_writers.hpp"
#include "export/html/export_html.hpp"

namespace eventgraph {
namespace {

constexpr std::array<std::string_view, export_format_count> format_names = {
    "graphml", "gexf", "cytoscape", "vis", "timelinejs", "mermaid", "jgf", "csv", "json", "html"};

/// Endings, longest first so that ".vis.json" wins over ".json".
constexpr std::array<std::pair<std::string_view, export_format>, 15> endings = {{
    {".cytoscape.json", export_format::cytoscape},
    {".timelinejs.json", export_format::timelinejs},
    {".timeline.json", export_format::timelinejs},
    {".vis.json", export_format::vis},
    {".jgf.json", export_format::jgf},
    {".graphml", export_format::graphml},
    {".mermaid", export_format::mermaid},
    {".gexf", export_format::gexf},
    {".cyjs", export_format::cytoscape},
    {".html", export_format::html},
    {".json", export_format::json},
    {".htm", export_format::html},
    {".mmd", export_format::mermaid},
    {".jgf", export_format::jgf},
    {".csv", export_format::csv},
}};

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

std::string_view to_string(export_format format) {
  return format_names[static_cast<std::size_t>(format)];
}

std::optional<export_format> parse_export_format(std::string_view name) {
  for (std::size_t i = 0; i < format_names.size(); ++i)
    if (format_names[i] == name) return static_cast<export_format>(i);
  return std::nullopt;
}

std::optional<export_format> export_format_from_path(std::string_view path) {
  for (const auto& [ending, format] : endings)
    if (ends_with_nocase(path, ending)) return format;
  return std::nullopt;
}

std::string_view default_extension(export_format format) {
  switch (format) {
    case export_format::graphml:
      return ".graphml";
    case export_format::gexf:
      return ".gexf";
    case export_format::cytoscape:
      return ".cyjs";
    case export_format::vis:
      return ".vis.json";
    case export_format::timelinejs:
      return ".timeline.json";
    case export_format::mermaid:
      return ".mmd";
    case export_format::jgf:
      return ".jgf";
    case export_format::csv:
      return ".csv";
    case export_format::json:
      return ".json";
    case export_format::html:
      return ".html";
  }
  return "";
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
    case export_format::html:
      return detail::export_html(s);
    case export_format::csv:
      break;
  }
  diagnostic_list diags;
  diags.error({}, "multi-file",
              "the csv export is two files (events.csv and relations.csv); use export_files");
  return diags;
}

}  // namespace eventgraph
