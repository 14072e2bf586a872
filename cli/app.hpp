#pragma once
// The eventgraph command, as a library: tests call run() in-process with string streams.

#include <iosfwd>
#include <string>
#include <vector>

namespace eventgraph::cli {

/// Exit statuses: 0 ok, 1 bad data, 2 bad usage, 3 input/output failure.
enum exit_status : int { exit_ok = 0, exit_bad_data = 1, exit_bad_usage = 2, exit_io = 3 };

/// Runs one command line (without the program name) and returns its exit status.
/// `terminal` says whether `err` is a terminal, which turns on progress reports.
///
///     std::ostringstream out, err;
///     int status = run({"validate", "samples/story.yaml"}, out, err);
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        bool terminal = false);

}  // namespace eventgraph::cli
