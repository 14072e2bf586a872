#include <unistd.h>

#include <iostream>

#include "app.hpp"
#include "output.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const std::vector<std::string> args(argv + 1, argv + argc);
  // Our own buffer on standard output, so a failed write can say why (errno) at the end.
  eventgraph::cli::fd_buffer buffer(STDOUT_FILENO);
  std::ostream out(&buffer);
  return eventgraph::cli::run(args, out, std::cerr, isatty(STDERR_FILENO) == 1);
}
