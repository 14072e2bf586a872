// The import pipeline: each input read by its format's reader (detected from the content, or
// the one asked for) into one collector, then the story built and validated (import_build).

#include "eventgraph/import.hpp"

#include <array>
#include <filesystem>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "import/import_build.hpp"
#include "import/import_collect.hpp"
#include "load/document_tree.hpp"
#include "load/load_internal.hpp"

namespace eventgraph::detail {
namespace {

using reader_function = void (*)(const import_input&, const import_options&, import_sink&);

/// What a format's input must be before its reader sees it.
enum class input_encoding : std::uint8_t {
  utf8,  ///< checked as the loader checks a story (invalid UTF-8 and NUL bytes are errors)
  any,   ///< mail: each part declares its charset, and GMime converts it to UTF-8
};

/// One row a format: what import_formats() lists, its reader and its content test. A `generic`
/// format's test accepts many inputs, so detection tries it after every specific one.
struct format_row {
  import_format_info info;
  reader_function read;
  bool (*looks_like)(std::string_view);
  bool generic;
  input_encoding encoding = input_encoding::utf8;
};

// In enum order, one row per format but `detect` (checked below).
constexpr std::array<format_row, 7> format_table = {{
    {{import_format::csv, "csv",
      "eventgraph's events.csv + relations.csv, or any CSV sheet (common headers, --map)"},
     read_csv,
     looks_like_csv,
     true},
    {{import_format::timelinejs, "timelinejs",
      "a TimelineJS sheet (its CSV download) or TimelineJS JSON"},
     read_timelinejs,
     looks_like_timelinejs,
     false},
    {{import_format::timesketch, "timesketch",
      "a Timesketch timeline or export, CSV or JSONL (message, datetime, timestamp_desc)"},
     read_timesketch,
     looks_like_timesketch,
     false},
    {{import_format::x, "x", "an X/Twitter archive's tweets.js, or X API v2 / twarc2 JSON lines"},
     read_x,
     looks_like_x,
     false},
    {{import_format::activitystreams, "activitystreams",
      "ActivityStreams 2.0 / ActivityPub: a Mastodon outbox.json, collections, Note objects"},
     read_activitystreams,
     looks_like_activitystreams,
     false},
    {{import_format::bluesky, "bluesky",
      "Bluesky app.bsky.feed.post records (JSON lines) or a getPostThread response"},
     read_bluesky,
     looks_like_bluesky,
     false},
    {{import_format::mbox, "mbox", "mail archives in mbox form (mail clients, list archives)"},
     read_mbox,
     looks_like_mbox,
     false,
     input_encoding::any},
}};

constexpr bool rows_in_enum_order() {
  for (std::size_t i = 0; i < format_table.size(); ++i)
    if (format_table[i].info.format != static_cast<import_format>(i + 1)) return false;
  return format_table.back().info.format == import_format::mbox;  // the enum's last value
}
static_assert(rows_in_enum_order(), "one row per import_format but detect, in enum order");

const format_row* row_of(import_format format) {
  for (const auto& row : format_table)
    if (row.info.format == format) return &row;
  return nullptr;
}

const format_row* detect(std::string_view text) {
  for (const bool generic : {false, true})
    for (const auto& row : format_table)
      if (row.generic == generic && row.looks_like(text)) return &row;
  return nullptr;
}

std::string format_names() {
  std::string names;
  for (const auto& row : format_table)
    names += (names.empty() ? "" : ", ") + std::string(row.info.name);
  return names;
}

constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

/// Reads one input into the collector; false when it could not be read at all.
void read_one(const input_view& input, std::string_view key_name, const import_options& options,
              import_collector& sink, diagnostic_list& diags) {
  std::string_view text = input.text;
  if (text.starts_with(byte_order_mark)) text.remove_prefix(byte_order_mark.size());
  const format_row* row =
      options.format == import_format::detect ? detect(text) : row_of(options.format);
  if ((!row || row->encoding == input_encoding::utf8) && !check_encoding(text, input.name, diags))
    return;
  if (!row && options.format == import_format::detect) {
    diags.error({input.name, 0, 0}, "unknown-format",
                "cannot tell which format this is; give the format (" + format_names() + ")",
                category::usage);
    return;
  }
  if (!row) {
    diags.error({input.name, 0, 0}, "unknown-format",
                "this build cannot import " + std::string(to_string(options.format)),
                category::usage);
    return;
  }
  row->read({input.name, text, key_name}, options, sink);
}

/// Each input's name in keys of records without ids: its file name ("harbor.csv" for
/// "samples/import/harbor.csv"), or the name as given when another input has that file name.
std::vector<std::string> record_key_names(std::span<const input_view> inputs) {
  std::vector<std::string> names;
  std::unordered_map<std::string, std::string_view> first_with;  // file name -> name as given
  std::unordered_set<std::string> shared;
  for (const auto& input : inputs) {
    names.push_back(std::filesystem::path(input.name).filename().string());
    if (names.back().empty()) names.back() = input.name;
    const auto [it, fresh] = first_with.try_emplace(names.back(), input.name);
    if (!fresh && it->second != input.name) shared.insert(names.back());
  }
  for (std::size_t i = 0; i < inputs.size(); ++i)
    if (shared.contains(names[i])) names[i] = inputs[i].name;
  return names;
}

}  // namespace

result<imported_story> import_views(std::span<const input_view> inputs,
                                    const import_options& options) {
  diagnostic_list diags(options.max_diagnostics);
  import_counts counts;
  try {
    import_collector collector(options, diags, counts);
    std::size_t total = 0, done = 0;
    for (const auto& input : inputs) total += input.text.size();
    const std::vector<std::string> key_names = record_key_names(inputs);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      collector.begin_input(inputs[i].name, done, total);
      read_one(inputs[i], key_names[i], options, collector, diags);
      done += inputs[i].text.size();
    }
    if (options.progress) options.progress(total, total, options.progress_context);
    auto built = build_story(collector, options, counts, std::move(diags));
    if (!built.ok()) return std::move(built.diagnostics());
    diagnostic_list kept = std::move(built.diagnostics());
    kept.sort();
    return result<imported_story>(imported_story{std::move(built).value(), counts},
                                  std::move(kept));
  } catch (const std::bad_alloc&) {
  } catch (const std::length_error&) {
  }
  diagnostic_list too_large(options.max_diagnostics);
  too_large.error({inputs.empty() ? std::string() : inputs.front().name, 0, 0}, "too-large",
                  "the inputs are too large to import (out of memory)");
  return too_large;
}

}  // namespace eventgraph::detail

namespace eventgraph {

std::span<const import_format_info> import_formats() {
  static const std::vector<import_format_info> infos = [] {
    std::vector<import_format_info> out;
    for (const auto& row : detail::format_table) out.push_back(row.info);
    return out;
  }();
  return infos;
}

std::string_view to_string(import_format format) {
  if (format == import_format::detect) return "auto";
  return detail::format_table[static_cast<std::size_t>(format) - 1].info.name;
}

std::optional<import_format> parse_import_format(std::string_view name) {
  if (name == "auto") return import_format::detect;
  for (const auto& row : detail::format_table)
    if (row.info.name == name) return row.info.format;
  return std::nullopt;
}

result<imported_story> import_texts(std::span<const input_text> inputs,
                                    const import_options& options) {
  std::vector<detail::input_view> views;
  views.reserve(inputs.size());
  for (const auto& input : inputs) views.push_back({input.name, input.text});
  return detail::import_views(views, options);
}

result<imported_story> import_files(std::span<const std::string> paths,
                                    const import_options& options) {
  std::optional<result<imported_story>> imported;
  auto io_errors = detail::with_input_files(paths, options.max_diagnostics, [&](auto views) {
    imported.emplace(detail::import_views(views, options));
  });
  if (!imported) return io_errors;
  return std::move(*imported);
}

}  // namespace eventgraph
