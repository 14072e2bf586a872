#include "app.hpp"

#include <filesystem>
#include <new>
#include <ostream>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "command.hpp"
#include "eventgraph/text.hpp"
#include "eventgraph/version.hpp"

namespace eventgraph::cli {

int exit_status_for(category kind) {
  switch (kind) {
    case category::usage:
      return exit_bad_usage;
    case category::io:
      return exit_io;
    case category::data:
      break;
  }
  return exit_bad_data;
}

void print_diagnostics(context& ctx, const diagnostic_list& diags) {
  // Story text reaches the terminal inside messages: its controls are shown, never obeyed.
  for (const auto& d : diags.items()) ctx.err << escape_terminal(format_diagnostic(d)) << '\n';
  if (diags.dropped() > 0) ctx.err << fmt::format("... and {} more not shown\n", diags.dropped());
}

void report_out_of_memory(context& ctx, std::string what) {
  diagnostic_list diags;
  diags.error({}, "out-of-memory", std::move(what));
  print_diagnostics(ctx, diags);
  ctx.status = exit_status_for(diags.failure());
}

void report_progress(std::size_t done, std::size_t total, void* stream) {
  if (total == 0) return;
  auto& err = *static_cast<std::ostream*>(stream);
  err << fmt::format("\rreading {:3}% ({:.1f} of {:.1f} MB)", done * 100 / total,
                     static_cast<double>(done) / 1e6, static_cast<double>(total) / 1e6)
      << std::flush;
}

std::optional<story> load_story(context& ctx, const std::vector<std::string>& files,
                                bool warnings) {
  load_options options;
  options.warnings = warnings;
  if (ctx.terminal) {
    options.progress = report_progress;
    options.progress_context = &ctx.err;
  }
  auto loaded = load_files(files, options);
  if (ctx.terminal) ctx.err << "\r\033[K" << std::flush;
  print_diagnostics(ctx, loaded.diagnostics());
  if (!loaded.ok()) {
    ctx.status = exit_status_for(loaded.diagnostics().failure());
    return std::nullopt;
  }
  return std::move(loaded).value();
}

CLI::Option* add_input_files(CLI::App& command, std::vector<std::string>& files) {
  return command.add_option("files", files, "Story files: YAML, JSON or NDJSON")
      ->required()
      ->check(CLI::Validator(
          [](std::string& path) -> std::string {
            // Not CLI::ExistingFile: its check is noexcept yet allocates, so running out of
            // memory there would abort instead of failing cleanly. Same messages.
            if (path == "-") return {};
            std::error_code ec;
            const auto status = std::filesystem::status(path, ec);
            if (!std::filesystem::exists(status)) return "File does not exist: " + path;
            if (std::filesystem::is_directory(status))
              return "File is actually a directory: " + path;
            return {};
          },
          "FILE or - (standard input)"));
}

namespace {

int run_commands(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                 bool terminal) {
  context ctx{out, err, terminal};
  CLI::App app{"eventgraph: timelines and response graphs of public disputes", "eventgraph"};
  app.require_subcommand(1);
  app.set_version_flag("--version", fmt::format("eventgraph {}", version()));
  register_validate(app, ctx);
  register_export(app, ctx);
  register_chain(app, ctx);
  register_path(app, ctx);
  register_events(app, ctx);
  register_actors(app, ctx);
  register_stats(app, ctx);
  register_generate(app, ctx);
  register_render(app, ctx);
  register_import(app, ctx);

  // CLI11 parses in reverse order of a vector it owns.
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
    return ctx.status;
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" of code 0; CLI11's own codes (100+) are bad usage.
    return app.exit(e, out, err) == 0 ? exit_ok : exit_bad_usage;
  }
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bool terminal) {
  int status = exit_ok;
  // Commands that can need much memory say so themselves ("too large to draw..."); anywhere
  // else, running out of memory is still a clean failure of the data's size, never an abort.
  try {
    status = run_commands(args, out, err, terminal);
  } catch (const std::bad_alloc&) {
    err << "error: out of memory\n";
    return exit_bad_data;
  } catch (const std::length_error&) {
    err << "error: out of memory (a size past what this machine can hold)\n";
    return exit_bad_data;
  }
  // The one check of standard output: a full disk or a closed pipe must not exit 0.
  if (!out.flush()) {
    err << fmt::format("error: cannot write to standard output: {}\n", stream_failure(out));
    return exit_io;
  }
  return status;
}

}  // namespace eventgraph::cli
