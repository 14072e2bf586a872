#pragma once
// Story text on a terminal: the one escaper front ends need (the engine's other text rules,
// for its own outputs, stay inside it).

#include <string>
#include <string_view>

namespace eventgraph {

/// One line for a terminal: controls (line breaks and tabs too), DEL, C1 and bidi controls
/// shown as `\x1B` or `\u202E`, invalid UTF-8 bytes as `\xFF`, so story text cannot move the
/// cursor, clear the screen or reorder a line.
///
///     std::cout << escape_terminal(e.title()) << '\n';
[[nodiscard]] std::string escape_terminal(std::string_view text);

}  // namespace eventgraph
