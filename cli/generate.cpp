// eventgraph generate: a synthetic NDJSON story, for trying things at scale and benchmarks.

#include <fmt/format.h>

#include "command.hpp"
#include "eventgraph/generate.hpp"

namespace eventgraph::cli {
namespace {

void report_generated(std::size_t done, std::size_t total, void* stream) {
  if (total == 0) return;
  *static_cast<std::ostream*>(stream)
      << fmt::format("\rgenerating {:3}% ({} of {} events)", done * 100 / total, done, total)
      << std::flush;
}

}  // namespace

void register_generate(CLI::App& app, context& ctx) {
  auto opts = std::make_shared<generate_options>();
  auto output = std::make_shared<std::string>("-");
  CLI::App* command = app.add_subcommand(
      "generate",
      "Write a synthetic story (NDJSON): replies by preferential attachment, same seed same file");
  command->add_option("--events", opts->events, "Number of events")
      ->required()
      ->check(CLI::Range(std::size_t{0}, std::size_t{100'000'000}));
  command->add_option("--actors", opts->actors, "Number of actors")
      ->required()
      ->check(CLI::Range(std::size_t{1}, std::size_t{10'000'000}));
  command->add_option("--seed", opts->seed, "Random seed")->capture_default_str();
  command->add_option("--from", opts->from, "First date (EDTF, UTC)")->capture_default_str();
  command->add_option("--to", opts->to, "Last date (EDTF, UTC)")->capture_default_str();
  command->add_flag("--deep-thread", opts->deep_thread,
                    "One reply chain as long as --events: each event answers the one before");
  command->add_option("-o,--output", *output, "Output file; - for standard output")
      ->capture_default_str();
  command->callback([&ctx, opts, output] {
    generate_options o = *opts;
    if (ctx.terminal) {
      o.progress = report_generated;
      o.progress_context = &ctx.err;
    }
    auto text = generate_story(o);
    if (ctx.terminal) ctx.err << "\r\033[K" << std::flush;
    if (!text) {
      for (const auto& d : text.diagnostics().items()) ctx.err << "error: " << d.message << '\n';
      ctx.status = exit_status_for(text.diagnostics().failure());
      return;
    }
    if (write_output(ctx, *output, text.value())) report_written(ctx, *output);
  });
}

}  // namespace eventgraph::cli
