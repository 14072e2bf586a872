#pragma once
// What every command shares: streams, loading with diagnostics, atomic output.

#include <CLI/CLI.hpp>

#include <cctype>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "app.hpp"
#include "eventgraph/load.hpp"
#include "output.hpp"

namespace eventgraph::cli {

struct context {
  std::ostream& out;
  std::ostream& err;
  bool terminal = false;
  int status = exit_ok;
};

/// The exit status for a failure of this kind.
[[nodiscard]] int exit_status_for(category kind);

/// Prints diagnostics as `file:line:column: error: message [code]`, then a count if any were cut.
void print_diagnostics(context& ctx, const diagnostic_list& diags);

/// Reports "error: <what>" as an out-of-memory diagnostic (a data error) and sets ctx.status.
void report_out_of_memory(context& ctx, std::string what);

/// A progress callback (load_options, import_options) writing "reading 42% (...)" to the
/// std::ostream passed as its context; for terminals only.
void report_progress(std::size_t done, std::size_t total, void* stream);

/// Loads and validates the files, printing diagnostics; sets ctx.status on failure.
[[nodiscard]] std::optional<story> load_story(context& ctx, const std::vector<std::string>& files,
                                              bool warnings = false);

/// Maps words to enum values, case-insensitively, with help that lists the words (CLI11 cannot
/// print the enum values themselves).
template <typename T>
CLI::Validator choice(std::map<std::string, T> words) {
  std::string names;
  for (const auto& entry : words) names += (names.empty() ? "" : ",") + entry.first;
  names = "{" + names + "}";
  return CLI::Validator(
      [words = std::move(words), names](std::string& input) -> std::string {
        std::string lower = input;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto found = words.find(lower);
        if (found == words.end()) return "'" + input + "' is not one of " + names;
        // CLI11 reads an enum from its underlying integer.
        input = std::to_string(static_cast<long long>(found->second));
        return {};
      },
      names);
}

/// Adds the `FILE...` positional option every reading command takes.
CLI::Option* add_input_files(CLI::App& command, std::vector<std::string>& files);

void register_validate(CLI::App& app, context& ctx);
void register_export(CLI::App& app, context& ctx);
void register_chain(CLI::App& app, context& ctx);
void register_path(CLI::App& app, context& ctx);
void register_events(CLI::App& app, context& ctx);
void register_actors(CLI::App& app, context& ctx);
void register_stats(CLI::App& app, context& ctx);
void register_generate(CLI::App& app, context& ctx);
void register_render(CLI::App& app, context& ctx);
void register_import(CLI::App& app, context& ctx);

}  // namespace eventgraph::cli
