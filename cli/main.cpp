#include <unistd.h>

#include <iostream>

#include "app.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const std::vector<std::string> args(argv + 1, argv + argc);
  return eventgraph::cli::run(args, std::cout, std::cerr, isatty(STDERR_FILENO) == 1);
}
