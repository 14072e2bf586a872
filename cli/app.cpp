#include "app.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "command.hpp"
#include "eventgraph/text.hpp"

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

namespace {
void report_progress(std::size_t done, std::size_t total, void* stream) {
  if (total == 0) return;
  auto& err = *static_cast<std::ostream*>(stream);
  err << fmt::format("\rreading {:3}% ({:.1f} of {:.1f} MB)", done * 100 / total,
                     static_cast<double>(done) / 1e6, static_cast<double>(total) / 1e6)
      << std::flush;
}
}  // namespace

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

bool write_output(context& ctx, const std::string& path, std::string_view content) {
  if (path == "-") {
    ctx.out << content;
    return true;
  }
  namespace fs = std::filesystem;
  const fs::path target(path);
  std::random_device seed;
  const fs::path temporary =
      target.parent_path() / fmt::format(".{}.{:08x}.tmp", target.filename().string(), seed());
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    if (file) file.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!file || !file.flush()) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      ctx.err << fmt::format("{}: error: cannot write the file\n", path);
      ctx.status = exit_io;
      return false;
    }
  }
  std::error_code ec;
  fs::rename(temporary, target, ec);
  if (ec) {
    fs::remove(temporary, ec);
    ctx.err << fmt::format("{}: error: cannot write the file ({})\n", path, ec.message());
    ctx.status = exit_io;
    return false;
  }
  return true;
}

CLI::Option* add_input_files(CLI::App& command, std::vector<std::string>& files) {
  return command.add_option("files", files, "Story files: YAML, JSON or NDJSON")
      ->required()
      ->check(CLI::Validator(
          [](std::string& path) { return path == "-" ? std::string() : CLI::ExistingFile(path); },
          "FILE or - (standard input)"));
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bool terminal) {
  context ctx{out, err, terminal};
  CLI::App app{"eventgraph: timelines and response graphs of public disputes", "eventgraph"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "eventgraph 0.1.0");
  register_validate(app, ctx);
  register_export(app, ctx);
  register_chain(app, ctx);
  register_path(app, ctx);
  register_events(app, ctx);
  register_actors(app, ctx);
  register_stats(app, ctx);
  register_generate(app, ctx);
  register_render(app, ctx);

  // CLI11 parses in reverse order of a vector it owns.
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e, out, err);
    return e.get_exit_code() == 0 ? exit_ok : (code == 0 ? exit_ok : exit_bad_usage);
  }
  return ctx.status;
}

}  // namespace eventgraph::cli
