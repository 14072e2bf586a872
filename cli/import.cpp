// eventgraph import FORMAT INPUT... [-o OUT] [--missing placeholder|drop] [--skip-bad]
// [--map field=Column]...: other tools' data as a story (docs/import.md), written in
// eventgraph's own format (YAML, JSON or NDJSON, by OUT's ending; YAML on standard output).

#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "command.hpp"
#include "eventgraph/export.hpp"
#include "eventgraph/import.hpp"
#include "words.hpp"

namespace eventgraph::cli {
namespace {

/// The story format OUT's ending asks for: .yaml/.yml, .json, .ndjson/.jsonl. "-", and a
/// device or pipe with no such ending (/dev/null, a FIFO), are YAML, as on a terminal.
std::optional<export_format> output_format(const std::string& output) {
  if (output == "-") return export_format::yaml;
  const auto format = export_format_from_path(output);
  if (format == export_format::yaml || format == export_format::json ||
      format == export_format::ndjson)
    return format;
  std::error_code ec;
  const auto status = std::filesystem::status(output, ec);
  if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status) &&
      !std::filesystem::is_directory(status))
    return export_format::yaml;
  return std::nullopt;
}

/// "imported 1204 events (3 placeholders for missing records), 17 actors from 2 files; 2
/// duplicates merged": only the parts that happened, beyond events, actors and files.
std::string summary(const import_counts& c, std::size_t files) {
  std::string text = "imported " + counted(c.events, "event");
  if (c.placeholders > 0)
    text += fmt::format(" ({} for missing records)", counted(c.placeholders, "placeholder"));
  text += fmt::format(", {} from {}", counted(c.actors, "actor"), counted(files, "file"));
  std::vector<std::string> extra;
  if (c.merged > 0) extra.push_back(counted(c.merged, "duplicate") + " merged");
  if (c.skipped > 0) extra.push_back(counted(c.skipped, "bad record") + " skipped");
  if (c.dropped_links > 0)
    extra.push_back(counted(c.dropped_links, "link") + " to missing records dropped");
  for (std::size_t i = 0; i < extra.size(); ++i) text += (i == 0 ? "; " : ", ") + extra[i];
  return text;
}

}  // namespace

void register_import(CLI::App& app, context& ctx) {
  struct options {
    // optional: CLI11 cannot default-print an enum that has a to_string of its own.
    std::optional<import_format> format;
    std::vector<std::string> files;
    std::string output = "-";
    missing_policy missing = missing_policy::placeholder;
    bool skip_bad = false;
    std::vector<std::string> maps;
  };
  auto opts = std::make_shared<options>();
  CLI::App* command = app.add_subcommand(
      "import",
      "Read other tools' data (spreadsheets, timeline tools, social threads, mail) "
      "into a story: YAML, JSON or NDJSON");
  std::map<std::string, import_format> formats{{"auto", import_format::detect}};
  std::string names = "auto (from each input's content)";
  for (const import_format_info& f : import_formats()) {
    formats.emplace(std::string(f.name), f.format);
    names += fmt::format(", {} ({})", f.name, f.description);
  }
  command->add_option("format", opts->format, "Format: " + names)
      ->required()
      ->transform(choice(formats));
  add_input_files(*command, opts->files)
      ->description("Inputs in that format ('-': standard input)");
  command->add_option("-o,--output", opts->output,
                      "Output: .yaml, .json or .ndjson; '-' for standard output (default, YAML)");
  command
      ->add_option("--missing", opts->missing,
                   "A link to a record no input holds: keep a placeholder event (default) or drop "
                   "the link")
      ->transform(choice(std::map<std::string, missing_policy>{
          {"placeholder", missing_policy::placeholder}, {"drop", missing_policy::drop}}));
  command->add_flag("--skip-bad", opts->skip_bad,
                    "Records that cannot be read become warnings, and are counted, not errors");
  command->add_option("--map", opts->maps,
                      "csv: take a field from a column, e.g. --map title=Headline (repeatable)");
  command->callback([&ctx, opts] {
    const auto format = output_format(opts->output);
    if (!format) {
      ctx.err << fmt::format(
          "error: cannot write a story to '{}'; give -o a name ending in .yaml, .json or "
          ".ndjson, or '-' for standard output\n",
          opts->output);
      ctx.status = exit_bad_usage;
      return;
    }
    import_options options;
    options.format = opts->format.value_or(import_format::detect);
    options.missing = opts->missing;
    options.skip_bad = opts->skip_bad;
    for (const std::string& map : opts->maps) {
      const auto eq = map.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == map.size()) {
        ctx.err << fmt::format("error: --map {}: give field=Column, e.g. --map title=Headline\n",
                               map);
        ctx.status = exit_bad_usage;
        return;
      }
      options.column_map.emplace_back(map.substr(0, eq), map.substr(eq + 1));
    }
    if (!output_is_not_input(ctx, opts->output, opts->files)) return;
    if (ctx.terminal) {
      options.progress = report_progress;
      options.progress_context = &ctx.err;
    }
    auto imported = import_files(opts->files, options);
    if (ctx.terminal) ctx.err << "\r\033[K" << std::flush;
    print_diagnostics(ctx, imported.diagnostics());
    if (!imported.ok()) {
      ctx.status = exit_status_for(imported.diagnostics().failure());
      return;
    }
    auto text = export_story(imported.value().value, *format);
    if (!text) {
      print_diagnostics(ctx, text.diagnostics());
      ctx.status = exit_status_for(text.diagnostics().failure());
      return;
    }
    if (!write_output(ctx, opts->output, text.value())) return;
    ctx.err << summary(imported.value().counts, opts->files.size()) << '\n';
    report_written(ctx, opts->output);
  });
}

}  // namespace eventgraph::cli
