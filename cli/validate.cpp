// eventgraph validate FILE...: every problem at once, then a one-line summary.

#include <fmt/format.h>

#include "command.hpp"
#include "words.hpp"

namespace eventgraph::cli {

void register_validate(CLI::App& app, context& ctx) {
  struct options {
    std::vector<std::string> files;
    bool quiet = false;
  };
  auto opts = std::make_shared<options>();
  CLI::App* command = app.add_subcommand(
      "validate", "Check story files and report every problem as file:line:column");
  add_input_files(*command, opts->files);
  command->add_flag("-q,--no-warnings", opts->quiet, "Report errors only");
  command->callback([&ctx, opts] {
    auto loaded = load_story(ctx, opts->files, !opts->quiet);
    if (!loaded) return;
    std::size_t relations = 0;
    for (const event e : loaded->events) relations += e.relations().size();
    ctx.out << fmt::format("ok: {}, {}, {} in {}\n", counted(loaded->events.size(), "event"),
                           counted(loaded->actors.size(), "actor"), counted(relations, "relation"),
                           counted(opts->files.size(), "file"));
  });
}

}  // namespace eventgraph::cli
