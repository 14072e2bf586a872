// eventgraph export FILE... [--format F] -o OUT: the story for other tools (docs/exports.md).
// The format comes from --format, else from OUT's ending (export_format_from_path); csv writes
// two files, into OUT when it is a folder, else next to OUT's base name.

#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "command.hpp"
#include "eventgraph/export.hpp"
#include "graph_common.hpp"

namespace eventgraph::cli {
namespace {

std::string format_list() {
  std::string names;
  for (const export_format_info& f : export_formats()) {
    if (!names.empty()) names += ", ";
    names += f.name;
  }
  return names;
}

/// ".graphml, .gexf, ... or .html": the default ending of each format.
std::string ending_list() {
  const auto formats = export_formats();
  std::string endings;
  for (std::size_t i = 0; i < formats.size(); ++i) {
    if (i > 0) endings += i + 1 == formats.size() ? " or " : ", ";
    endings += formats[i].endings.front();
  }
  return endings;
}

}  // namespace

void register_export(CLI::App& app, context& ctx) {
  struct options {
    std::vector<std::string> files;
    std::optional<export_format> format;
    std::string output = "-";
    bool graph = false;
    bool in_place = false;
    selection_options select;
  };
  auto opts = std::make_shared<options>();
  CLI::App* command = app.add_subcommand(
      "export",
      "Write the story for another tool: GraphML, GEXF, Cytoscape.js, vis-timeline, "
      "TimelineJS, Mermaid, JGF, CSV, an HTML page, or eventgraph's own JSON, YAML or NDJSON");
  add_input_files(*command, opts->files);
  std::map<std::string, export_format> formats;
  for (const export_format_info& f : export_formats())
    formats.emplace(std::string(f.name), f.format);
  command
      ->add_option("-f,--format", opts->format,
                   "Format: " + format_list() + " (default: from the output's ending)")
      ->transform(choice(formats));
  command->add_option(
      "-o,--output", opts->output,
      "Output file, '-' for standard output (default); for csv a folder or a "
      "base name (BASE.actors.csv, BASE.events.csv, BASE.relations.csv, BASE.story.csv)");
  command->add_flag("--graph", opts->graph,
                    "mermaid: a flowchart of who responded to whom instead of a timeline");
  command->add_flag("--in-place", opts->in_place,
                    "json: let -o be one of the input files, rewritten in eventgraph's JSON");
  add_selection_options(*command, opts->select);
  command->callback([&ctx, opts] {
    std::optional<export_format> format = opts->format;
    if (!format && is_folder(opts->output)) {
      // A folder is a csv export only when asked for: a mistyped file name must not turn into
      // four csv files.
      ctx.err << fmt::format(
          "error: '{}' is a folder; give --format csv to write the csv sheets (actors.csv, "
          "events.csv, relations.csv, story.csv) into it\n",
          opts->output);
      ctx.status = exit_bad_usage;
      return;
    }
    if (!format && opts->output != "-") format = export_format_from_path(opts->output);
    if (!format) {
      ctx.err << fmt::format(
          "error: cannot tell the format from '{}'; give --format ({}), or an output ending in "
          "{}\n",
          opts->output, format_list(), ending_list());
      ctx.status = exit_bad_usage;
      return;
    }
    if (opts->graph && *format != export_format::mermaid) {
      ctx.err << "error: --graph applies to --format mermaid only\n";
      ctx.status = exit_bad_usage;
      return;
    }
    if (*format == export_format::csv && opts->output == "-") {
      ctx.err << "error: csv is four files (actors.csv, events.csv, relations.csv, story.csv); "
                 "give -o a folder or a base name\n";
      ctx.status = exit_bad_usage;
      return;
    }
    if (opts->in_place && selects(opts->select)) {
      ctx.err << "error: --in-place rewrites the whole story; a selection (--from, --actor, "
                 "--around...) would drop the rest of it\n";
      ctx.status = exit_bad_usage;
      return;
    }
    if (opts->in_place && *format != export_format::json) {
      ctx.err << "error: --in-place applies to --format json only (eventgraph's own format)\n";
      ctx.status = exit_bad_usage;
      return;
    }
    const auto overwrite = *format != export_format::json ? input_overwrite::refuse
                           : opts->in_place               ? input_overwrite::allow
                                                          : input_overwrite::offer_in_place;
    if (*format == export_format::csv) {
      for (const std::string_view name : csv_file_names())
        if (!output_is_not_input(ctx, csv_sheet_path(opts->output, name), opts->files, overwrite))
          return;
    } else if (!output_is_not_input(ctx, opts->output, opts->files, overwrite)) {
      return;
    }
    auto loaded = load_story(ctx, opts->files);
    if (!loaded) return;
    if (selects(opts->select)) {
      auto part = select_part(ctx, *loaded, opts->select);
      if (!part) return;
      *loaded = std::move(part->kept);
    }
    export_options options;
    options.mermaid_graph = opts->graph;
    auto files = export_files(*loaded, *format, options);
    if (!files) {
      print_diagnostics(ctx, files.diagnostics());
      ctx.status = exit_status_for(files.diagnostics().failure());
      return;
    }
    if (*format == export_format::csv) {
      namespace fs = std::filesystem;
      if (is_folder(opts->output)) {
        std::error_code ec;
        fs::create_directories(opts->output, ec);
        if (ec) {
          ctx.err << fmt::format("{}: error: cannot create the folder ({})\n", opts->output,
                                 ec.message());
          ctx.status = exit_io;
          return;
        }
      }
      for (const export_file& f : files.value())
        if (!write_output(ctx, csv_sheet_path(opts->output, f.name), f.content)) return;
      for (const export_file& f : files.value())
        report_written(ctx, csv_sheet_path(opts->output, f.name));
      return;
    }
    if (write_output(ctx, opts->output, files.value().front().content))
      report_written(ctx, opts->output);
  });
}

}  // namespace eventgraph::cli
