// A program outside the eventgraph tree: it sees only the installed headers and library.
//
//     app STORY EVENT   prints the library's version, the story's counts and what EVENT set off

#include <iostream>
#include <string>
#include <vector>

#include <eventgraph/graph.hpp>
#include <eventgraph/load.hpp>
#include <eventgraph/query.hpp>
#include <eventgraph/version.hpp>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: app STORY EVENT\n";
    return 2;
  }
  const std::vector<std::string> files{argv[1]};
  auto loaded = eventgraph::load_files(files);
  if (!loaded) {
    for (const auto& d : loaded.diagnostics().items())
      std::cerr << eventgraph::format_diagnostic(d) << '\n';
    return 1;
  }
  const eventgraph::story& s = loaded.value();
  const eventgraph::event_graph g(s);
  const auto root = g.find(argv[2]);
  if (!root) {
    std::cerr << "no event " << argv[2] << '\n';
    return 1;
  }
  std::cout << "version " << eventgraph::version() << " (headers " << EVENTGRAPH_VERSION << ")\n"
            << "events " << s.events.size() << '\n'
            << "actors " << s.actors.size() << '\n'
            << "relations " << g.relation_count() << '\n'
            << "chain " << s.events[*root].id();
  for (const auto& entry : eventgraph::chain(g, *root).down)
    std::cout << ' ' << entry.depth << ':' << s.events[entry.event].id();
  std::cout << '\n';
}
