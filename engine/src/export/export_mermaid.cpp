// export_format::mermaid: a Mermaid `timeline` (one period per date as readers see it, its
// events in order) or, with `graph`, a `flowchart` of the relations: solid arrows for
// responses, dotted for cites and part-of, from the later event to the one it relates to.
// User text goes through mermaid_text(): Mermaid's entity codes (`#58;`) for every character
// its grammars treat as syntax, and no line breaks, so a title cannot end a statement, start a
// comment or close a label.

#include <fmt/format.h>

#include "export/export_common.hpp"
#include "export/export_writers.hpp"

namespace eventgraph::detail {

/// Text safe in any Mermaid label or timeline entry.
std::string mermaid_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t') {
      space = true;
      continue;
    }
    if (space) {
      if (!out.empty()) out.push_back(' ');
      space = false;
    }
    switch (c) {
      case '#':
      case ':':
      case ';':
      case '"':
      case '%':
      case '<':
      case '>':
      case '&':
      case '`':
      case '[':
      case ']':
      case '{':
      case '}':
      case '|':
      case '\\':
        out += fmt::format("#{};", static_cast<int>(c));
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20) out.push_back(c);
    }
  }
  return out;
}

namespace {

std::string actor_names(const story& s, const event& e) {
  std::vector<std::string_view> names;
  for (actor_index a : e.actors()) names.push_back(s.actors[a].name);
  return join(names, ", ");
}

std::string timeline(const story& s) {
  std::string out = "timeline\n";
  if (!s.title.empty()) out += "    title " + mermaid_text(s.title) + "\n";
  std::string period;
  for (const event e : s.events) {
    std::string when = mermaid_text(describe_date(e.date(), e.timezone()));
    const std::string what = mermaid_text(fmt::format("{} ({})", e.title(), actor_names(s, e)));
    if (when != period) {
      out += fmt::format("    {} : {}\n", when, what);
      period = std::move(when);
    } else {
      out += fmt::format("        : {}\n", what);
    }
  }
  return out;
}

/// Nodes are named by event index (`e0`, `e1`...), which is the event's rank in time.
std::string flowchart(const story& s) {
  std::string out = "flowchart LR\n";
  if (!s.title.empty()) out = "%% " + mermaid_text(s.title) + "\n" + out;
  for (const event e : s.events) {
    out += fmt::format("    e{}[\"{}<br/>{}<br/>{}\"]\n", e.index(),
                       mermaid_text(describe_date(e.date(), e.timezone())),
                       mermaid_text(actor_names(s, e)), mermaid_text(e.title()));
  }
  for (const event e : s.events) {
    for (const relation r : e.relations()) {
      out += fmt::format("    e{} {}|{}| e{}\n", e.index(), is_response(r.type) ? "-->" : "-.->",
                         to_string(r.type), r.target);
    }
  }
  return out;
}

}  // namespace

std::string export_mermaid(const story& s, bool graph) {
  return graph ? flowchart(s) : timeline(s);
}

}  // namespace eventgraph::detail
