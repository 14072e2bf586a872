// The loader's pipeline: each input read into the story in its format, then resolved.

#include "eventgraph/load.hpp"

#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "load/load_internal.hpp"

namespace eventgraph::detail {
namespace {

constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

input_format detect_format(const input_view& input) {
  auto ends_with = [&](std::string_view suffix) { return input.name.ends_with(suffix); };
  if (ends_with(".yaml") || ends_with(".yml")) return input_format::yaml;
  if (ends_with(".ndjson") || ends_with(".jsonl")) return input_format::ndjson;
  if (ends_with(".json")) return input_format::json;
  // By content (standard input, other names): JSON values one per line, one JSON value, YAML.
  std::string_view text = input.text;
  if (text.starts_with(byte_order_mark)) text.remove_prefix(byte_order_mark.size());
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || text[first] != '{') return input_format::yaml;
  return looks_like_ndjson(text) ? input_format::ndjson : input_format::json;
}

/// One input in its format into the story. A byte order mark is skipped, as yaml-cpp skips it.
void read_input(input_view input, input_format format, tree_reader& reader,
                const load_options& options, diagnostic_list& diags) {
  if (format == input_format::ndjson || format == input_format::json)
    if (input.text.starts_with(byte_order_mark)) input.text.remove_prefix(byte_order_mark.size());
  if (format == input_format::ndjson) {
    read_ndjson(input, reader, options, diags);
    return;
  }
  tree_node root;
  bool parsed = false;
  if (format == input_format::json) {
    const std::string buffer = padded(input.text);
    parsed =
        read_json(std::string_view(buffer.data(), input.text.size()), input.name, 0, root, diags);
  } else {
    parsed = read_yaml(input.text, input.name, root, diags);
  }
  if (parsed) reader.read_document(root);
}

/// What every load shares: the story being built, the references still to resolve, the
/// diagnostics; sized once for the lines to come, then resolved and finished.
struct load_state {
  diagnostic_list diags;
  story s;
  pending_events pending;
  std::vector<pending_actor> pending_actors;
  actor_id_index known_actors{s.actors};

  explicit load_state(std::size_t max_diagnostics) : diags(max_diagnostics) {}

  /// NDJSON: about one event per line, and the events' text is part of the lines', so the
  /// columns and the text arena are sized once.
  void reserve(std::size_t lines, std::size_t text_bytes) {
    s.events.columns().reserve(lines, text_bytes);
    s.events.columns().defer_ids = true;  // indexed in one batch before references resolve
    pending.events.reserve(lines);
    pending.refs.reserve(lines);
    // Events often answer more than one event: room for half as many again (reserved memory
    // that is never written costs no page; growing past it would copy every relation).
    pending.relations.reserve(lines + lines / 2);
    // About one entry a line in each: mapped now, in a few calls, not page by page.
    auto& c = s.events.columns();
    auto map = [&](const auto& v) { prefault(v.data(), lines * sizeof(v[0])); };
    map(c.earliest), map(c.span), map(c.flags), map(c.text_offset), map(c.actor);
    map(c.relation_begin), map(pending.events), map(pending.relations);
  }

  tree_reader reader(const std::string& name, const load_options& options) {
    s.files.push_back(name);
    return {name, s, pending, pending_actors, known_actors, options.warnings, diags};
  }

  result<story> finish(const load_options& options) {
    resolve_and_check(s, pending, pending_actors, options, diags);
    diags.sort();
    if (diags.has_errors()) return std::move(diags);
    pending = {};  // free the scratch before the sort's copy
    s.finish();
    return {std::move(s), std::move(diags)};
  }
};

}  // namespace

result<story> load_views(std::span<const input_view> inputs, const load_options& options) {
  load_state state(options.max_diagnostics);
  std::size_t total_bytes = 0, done_bytes = 0;
  std::size_t lines = 0, ndjson_bytes = 0;
  std::vector<bool> nul_free(inputs.size(), false);  // known to have no NUL byte
  std::vector<input_format> formats(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto& input = inputs[i];
    total_bytes += input.text.size();
    formats[i] = options.format == input_format::detect ? detect_format(input) : options.format;
    if (formats[i] == input_format::ndjson) {
      const line_count counted = count_lines(input.text);
      lines += counted.lines, ndjson_bytes += input.text.size();
      nul_free[i] = !counted.has_nul;
    }
  }
  state.reserve(lines, ndjson_bytes);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto& input = inputs[i];
    tree_reader reader = state.reader(input.name, options);
    if (!check_encoding(input.text, input.name, state.diags, nul_free[i])) continue;
    read_input(input, formats[i], reader, options, state.diags);
    done_bytes += input.text.size();
    if (options.progress) options.progress(done_bytes, total_bytes, options.progress_context);
  }
  return state.finish(options);
}

result<story> load_lines(const std::string& name, line_source& lines, const load_options& options) {
  load_state state(options.max_diagnostics);
  state.reserve(lines.size(), lines.text_bytes());
  tree_reader reader = state.reader(name, options);
  read_lines(name, lines, reader, state.diags);
  return state.finish(options);
}

/// load_views, with running out of memory as an error: a file too large to load is bad data,
/// not a crash.
result<story> load_guarded(std::span<const input_view> inputs, const load_options& options) {
  try {
    return load_views(inputs, options);
  } catch (const std::bad_alloc&) {
  } catch (const std::length_error&) {
  }
  diagnostic_list diags(options.max_diagnostics);
  diags.error({inputs.empty() ? std::string() : inputs.front().name, 0, 0}, "too-large",
              inputs.size() == 1 ? "the input is too large to load (out of memory)"
                                 : "the inputs are too large to load together (out of memory)");
  return diags;
}

}  // namespace eventgraph::detail

namespace eventgraph {

result<story> load_texts(std::span<const input_text> inputs, const load_options& options) {
  std::vector<detail::input_view> views;
  views.reserve(inputs.size());
  for (const auto& input : inputs) views.push_back({input.name, input.text});
  return detail::load_guarded(views, options);
}

}  // namespace eventgraph
