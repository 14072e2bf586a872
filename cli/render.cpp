// eventgraph render FILE... -o OUT: a diagram, laid out by Graphviz or drawn as our own timeline.

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "command.hpp"
#include "eventgraph/render.hpp"
#include "graph_common.hpp"

namespace eventgraph::cli {
namespace {

/// Above this many events a terminal shows what is going on while the layout runs.
constexpr std::size_t progress_threshold = 500;

std::optional<image_format> format_from_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".dot" || ext == ".gv") return image_format::dot;
  if (ext == ".svg") return image_format::svg;
  if (ext == ".png") return image_format::png;
  if (ext == ".pdf") return image_format::pdf;
  return std::nullopt;
}

std::string_view format_name(image_format f) {
  switch (f) {
    case image_format::dot:
      return "dot";
    case image_format::svg:
      return "svg";
    case image_format::png:
      return "png";
    case image_format::pdf:
      return "pdf";
  }
  return "";
}

}  // namespace

void register_render(CLI::App& app, context& ctx) {
  struct options {
    std::vector<std::string> files;
    std::string output;
    image_format format = image_format::svg;
    std::string detail = "auto";
    bool no_compress = false;
    render_options render;
    selection_options select;
  };
  auto opts = std::make_shared<options>();
  CLI::App* command = app.add_subcommand(
      "render", "Draw the story as a diagram: Graphviz (DOT, SVG, PNG, PDF) or a timeline");
  add_input_files(*command, opts->files);
  command->add_option("-o,--output", opts->output, "Output file; its extension sets the format")
      ->required();
  CLI::Option* format =
      command->add_option("--format", opts->format, "dot, svg, png or pdf (default: from -o)")
          ->transform(choice(std::map<std::string, image_format>{{"dot", image_format::dot},
                                                                 {"svg", image_format::svg},
                                                                 {"png", image_format::png},
                                                                 {"pdf", image_format::pdf}}));
  command->add_option("--layout", opts->render.layout, "graphviz (default) or timeline")
      ->transform(choice(std::map<std::string, render_layout>{
          {"graphviz", render_layout::graphviz}, {"timeline", render_layout::timeline}}));
  CLI::Option* engine =
      command->add_option("--engine", opts->render.engine, "Graphviz layout engine")
          ->check(CLI::IsMember(
              std::vector<std::string>(graphviz_engines().begin(), graphviz_engines().end())))
          ->capture_default_str();
  CLI::Option* unit =
      command
          ->add_option(
              "--unit", opts->render.unit,
              "Graphviz time axis: one column per day, week, month or year (auto: by span)")
          ->transform(choice(std::map<std::string, time_unit>{{"auto", time_unit::automatic},
                                                              {"day", time_unit::day},
                                                              {"week", time_unit::week},
                                                              {"month", time_unit::month},
                                                              {"year", time_unit::year}}));
  command->add_option("--lanes", opts->render.lanes, "One lane (or colour) per actor or per org")
      ->transform(choice(std::map<std::string, lane_grouping>{
          {"actor", lane_grouping::actor}, {"org", lane_grouping::organization}}));
  CLI::Option* detail =
      command
          ->add_option("--detail", opts->detail,
                       "Timeline: auto merges nearby events into counted clusters, full never does")
          ->check(CLI::IsMember({"auto", "full"}))
          ->capture_default_str();
  CLI::Option* no_compress =
      command->add_flag("--no-compress", opts->no_compress,
                        "Timeline: keep long empty stretches of time at full length");
  CLI::Option* width = command
                           ->add_option("--width", opts->render.width,
                                        "At most this wide in px (e.g. 600 for a print column): "
                                        "fewer boxes to a Graphviz row, narrower timeline labels")
                           ->check(CLI::Range(400.0, 20000.0));
  CLI::Option* force = command->add_flag("--force", opts->render.force,
                                         "Graphviz: lay out even above the size limit (slow)");
  command->add_option("--title", opts->render.title, "Title of the diagram (default: the story's)");
  add_selection_options(*command, opts->select);

  command->callback([&ctx, opts, format, engine, unit, detail, no_compress, width, force] {
    // The format: --format, else the extension; both given must agree.
    const std::optional<image_format> by_extension =
        opts->output == "-" ? std::nullopt : format_from_extension(opts->output);
    if (format->count() == 0 && !by_extension) {
      ctx.err << fmt::format(
          "error: cannot tell the format from '{}': use --format dot, svg, png or pdf\n",
          opts->output);
      ctx.status = exit_bad_usage;
      return;
    }
    if (format->count() > 0 && by_extension && *by_extension != opts->format) {
      ctx.err << fmt::format("error: --format {} does not match the extension of '{}'\n",
                             format_name(opts->format), opts->output);
      ctx.status = exit_bad_usage;
      return;
    }
    render_options o = opts->render;
    o.format = format->count() > 0 ? opts->format : *by_extension;
    o.full_detail = opts->detail == "full";
    o.compress_gaps = !opts->no_compress;
    // An option the chosen layout does not use is a mistake to report, not to drop.
    const bool timeline = o.layout == render_layout::timeline;
    for (const CLI::Option* ignored : timeline
                                          ? std::vector<const CLI::Option*>{engine, unit, force}
                                          : std::vector<const CLI::Option*>{detail, no_compress}) {
      if (ignored->count() == 0) continue;
      ctx.err << fmt::format("error: {} applies to the {} layout only, not --layout {}\n",
                             ignored->get_name(), timeline ? "graphviz" : "timeline",
                             timeline ? "timeline" : "graphviz");
      ctx.status = exit_bad_usage;
      return;
    }
    if (o.layout == render_layout::timeline && o.format == image_format::dot) {
      ctx.err << "error: the timeline layout writes SVG, PNG or PDF, not DOT\n";
      ctx.status = exit_bad_usage;
      return;
    }

    if (!output_is_not_input(ctx, opts->output, opts->files)) return;
    auto loaded = load_story(ctx, opts->files);
    if (!loaded) return;
    if (selects(opts->select)) {
      auto part = select_part(ctx, *loaded, opts->select);
      if (!part) return;
      *loaded = std::move(part->kept);
      o.left_out = {part->events_left_out, part->relations_left_out, part->actors_left_out};
    }
    const bool progress = ctx.terminal && loaded->events.size() > progress_threshold;
    if (progress)
      ctx.err << fmt::format("laying out {} events ({})...", loaded->events.size(),
                             o.layout == render_layout::timeline ? "timeline" : o.engine)
              << std::flush;
    auto image = render(*loaded, o);
    if (progress) ctx.err << "\r\033[K" << std::flush;
    print_diagnostics(ctx, image.diagnostics());
    if (!image) {
      ctx.status = exit_status_for(image.diagnostics().failure());
      return;
    }
    if (!write_output(ctx, opts->output, image.value())) return;
    report_written(ctx, opts->output);
  });
}

}  // namespace eventgraph::cli
