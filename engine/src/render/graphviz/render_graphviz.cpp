// Graphviz layout and rendering of our DOT text. The only file that includes Graphviz.
//
// cgraph reads the DOT text (agmemread) and gvc lays it out and renders it to memory. Every
// handle is owned (graph, layout, render data) and torn down in Graphviz's order: gvFreeLayout,
// then agclose; the context lives as long as the process (see shared_context). Graphviz keeps
// global state (its error handler among it) and is not thread-safe, so one mutex serializes every
// use of it; its messages are caught and returned as diagnostics, never printed.

#include <gvc.h>
#undef TRUE
#undef FALSE

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "render/graphviz/render_graphviz.hpp"
#include "render/image_check.hpp"

namespace eventgraph::detail {
namespace {

std::mutex graphviz_mutex;
std::string* graphviz_messages = nullptr;  // guarded by graphviz_mutex

int catch_message(char* message) {
  if (graphviz_messages != nullptr && message != nullptr) graphviz_messages->append(message);
  return 0;
}

/// Routes Graphviz's messages into `sink` while alive.
class message_capture {
 public:
  explicit message_capture(std::string& sink) : previous_(agseterrf(catch_message)) {
    graphviz_messages = &sink;
  }
  ~message_capture() {
    graphviz_messages = nullptr;
    agseterrf(previous_);
  }
  message_capture(const message_capture&) = delete;
  message_capture& operator=(const message_capture&) = delete;

 private:
  agusererrf previous_;
};

/// The process's one Graphviz context, created on first use; call with graphviz_mutex held.
/// It is never freed: Graphviz 2.42's pango plugin keeps a pointer to the last font name it
/// measured, and that name lives in the context's font dictionary, so a render after a freed
/// context reads freed memory (AddressSanitizer caught it in the test suite).
GVC_t* shared_context() {
  static GVC_t* const gvc = gvContext();
  return gvc;
}
struct graph_deleter {
  void operator()(Agraph_t* g) const { agclose(g); }
};
struct render_data_deleter {
  void operator()(char* data) const { gvFreeRenderData(data); }
};

/// Frees a layout before its graph is closed (declare it after the graph).
class layout_guard {
 public:
  layout_guard(GVC_t* gvc, Agraph_t* g) : gvc_(gvc), graph_(g) {}
  ~layout_guard() { gvFreeLayout(gvc_, graph_); }
  layout_guard(const layout_guard&) = delete;
  layout_guard& operator=(const layout_guard&) = delete;

 private:
  GVC_t* gvc_;
  Agraph_t* graph_;
};

/// Graphviz's messages on one line each, without its "Error: " / "Warning: " prefixes.
std::string tidy(std::string text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    for (std::string_view prefix : {"Error: ", "Warning: "})
      if (line.substr(0, prefix.size()) == prefix) line.remove_prefix(prefix.size());
    if (!line.empty()) {
      if (!out.empty()) out += "; ";
      out.append(line);
    }
    start = end + 1;
  }
  return out.size() > 500 ? out.substr(0, 500) + "..." : out;
}

result<std::string> lay_out(const std::string& dot, const render_options& options) {
  const char* format = options.format == image_format::svg   ? "svg"
                       : options.format == image_format::png ? "png"
                                                             : "pdf";
  diagnostic_list diags;
  auto fail = [&](std::string_view what, const std::string& messages) {
    const std::string detail = tidy(messages);
    diags.error({}, "graphviz",
                detail.empty() ? std::string(what) : fmt::format("{}: {}", what, detail));
    return diags;
  };

  const std::lock_guard lock(graphviz_mutex);
  std::string messages;
  const message_capture capture(messages);
  GVC_t* const gvc = shared_context();
  if (!gvc) return fail("Graphviz could not start", messages);
  const std::unique_ptr<Agraph_t, graph_deleter> graph(agmemread(dot.c_str()));
  if (!graph) return fail("Graphviz could not read the diagram", messages);
  if (gvLayout(gvc, graph.get(), options.engine.c_str()) != 0)
    return fail(fmt::format("Graphviz layout '{}' failed", options.engine), messages);
  const layout_guard layout(gvc, graph.get());
  char* data = nullptr;
  unsigned int length = 0;
  const int status = gvRenderData(gvc, graph.get(), format, &data, &length);
  const std::unique_ptr<char, render_data_deleter> owned(data);
  if (status != 0 || data == nullptr || length == 0)
    return fail(fmt::format("Graphviz could not render {}", format), messages);
  // Graphviz's cairo plugin reports its own failures only on standard error, and returns a
  // file anyway (a PDF without its page): check what came back.
  const std::string_view bytes(data, length);
  if (auto problem = image_problem(bytes, options.format))
    return fail(fmt::format("Graphviz could not render {}: {}", format, *problem), messages);
  if (const std::string warnings = tidy(messages); !warnings.empty())
    diags.warning({}, "graphviz", warnings);
  return {std::string(bytes), std::move(diags)};
}

}  // namespace

result<std::string> render_graphviz(const story& s, const render_options& options) {
  if (auto bad = check_engine(options.engine)) return std::move(*bad);
  // The size guard needs only the axis: it refuses before any text is written.
  const dot::axis_plan plan =
      dot::plan_axis(s, options.unit, graphviz_layout_limit, boxes_per_row(options.width));
  if (options.format != image_format::dot && !options.force &&
      plan.layout_nodes > graphviz_layout_limit) {
    std::size_t rows = 0;
    for (const std::uint32_t r : plan.rows) rows += r;
    diagnostic_list diags;
    diags.error(
        {}, "too-large",
        fmt::format("too large for a Graphviz layout: {} event{} in {} row{}, their "
                    "relations crossing {} more, make {} layout nodes (limit {}; dot "
                    "would take minutes): use the timeline layout (--layout timeline), a "
                    "coarser --unit, a selection (--from, --to, --actor, --around...), or --force",
                    s.events.size(), s.events.size() == 1 ? "" : "s", rows, rows == 1 ? "" : "s",
                    plan.layout_nodes - s.events.size(), plan.layout_nodes, graphviz_layout_limit));
    return diags;
  }
  std::string dot = write_dot(s, options, plan);
  if (options.format == image_format::dot) return dot;
  return lay_out(dot, options);
}

}  // namespace eventgraph::detail
