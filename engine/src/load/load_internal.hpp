#pragma once
// The loader's stages, apart for their files: inputs, the NDJSON reader, resolution.

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "eventgraph/load.hpp"
#include "load/pending.hpp"
#include "load/plain_event.hpp"
#include "load/tree_reader.hpp"

namespace eventgraph::detail {

/// Newlines in a text, and whether it has a NUL byte (ndjson.cpp).
struct line_count {
  std::size_t lines = 0;
  bool has_nul = false;
};
[[nodiscard]] line_count count_lines(std::string_view text);

/// A copy of the text with the zero bytes simdjson may read past its end.
[[nodiscard]] std::string padded(std::string_view text);

/// True when the text is JSON values one per line: at least two lines that begin with '{'
/// and no line that begins with anything else but space (ndjson.cpp).
[[nodiscard]] bool looks_like_ndjson(std::string_view text);

/// Reads every line of an NDJSON input into the story through `reader`.
void read_ndjson(const input_view& input, tree_reader& reader, const load_options& options,
                 diagnostic_list& diags);

/// An NDJSON story made line by line rather than read from a text (the import's builder,
/// which would otherwise write a million lines only for the loader to parse them again). A
/// line is an event given as views, as the fast path reads it, or its JSON text; the same
/// story and the same diagnostics either way.
class line_source {
 public:
  virtual ~line_source() = default;
  /// About how many lines and how many bytes of event text: what the columns reserve.
  [[nodiscard]] virtual std::size_t size() const = 0;
  [[nodiscard]] virtual std::size_t text_bytes() const = 0;
  /// Goes to the next line; false at the end. True with `plain` filled when the line is a
  /// plain event (its views valid until the next call), else `plain_line` false.
  virtual bool next(plain_event& plain, bool& plain_line) = 0;
  /// The current line as JSON text followed by json_padding readable bytes (also for a plain
  /// line, when the fast path declines it): valid until the next call.
  virtual std::string_view text() = 0;
};

/// Reads every line of `lines` into the story, as read_ndjson reads a text's (ndjson.cpp).
void read_lines(const std::string& name, line_source& lines, tree_reader& reader,
                diagnostic_list& diags);

/// Loads a story from `lines` alone, named `name` in diagnostics (load.cpp).
[[nodiscard]] result<story> load_lines(const std::string& name, line_source& lines,
                                       const load_options& options);

/// Resolves every reference and checks what needs the whole story: ids, time order, cycles
/// (resolve.cpp).
void resolve_and_check(story& s, pending_events& pending,
                       std::vector<pending_actor>& pending_actors, const load_options& options,
                       diagnostic_list& diags);

/// Parses, merges and validates inputs already in memory (load.cpp).
[[nodiscard]] result<story> load_views(std::span<const input_view> inputs,
                                       const load_options& options);
/// load_views, with running out of memory reported as "too large to load" (load.cpp).
[[nodiscard]] result<story> load_guarded(std::span<const input_view> inputs,
                                         const load_options& options);

/// Reads each file (mapped when regular; `-` is standard input, named `<stdin>`) and calls
/// `use` with them all; an unreadable file is an io error, returned without calling `use`
/// (input_files.cpp). The views live only during the call.
[[nodiscard]] diagnostic_list with_input_files(
    std::span<const std::string> paths, std::size_t max_diagnostics,
    const std::function<void(std::span<const input_view>)>& use);

}  // namespace eventgraph::detail
