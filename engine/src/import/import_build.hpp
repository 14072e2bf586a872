#pragma once
// From the collected records to a validated story: ids, links resolved across every input,
// placeholders (or dropped links) for absent targets, then the story handed to the loader
// line by line as its NDJSON would read (load_internal.hpp's line_source: plain events as
// views, other lines as text), so an import obeys every rule a file does; each diagnostic is
// put back at the record's own file:line:column.

#include "import/import_collect.hpp"
#include "load/pending.hpp"

namespace eventgraph::detail {

/// The whole pipeline over inputs in memory (import.cpp).
[[nodiscard]] result<imported_story> import_views(std::span<const input_view> inputs,
                                                  const import_options& options);

[[nodiscard]] result<story> build_story(import_collector& collected, const import_options& options,
                                        import_counts& counts, diagnostic_list diags);

/// The date of a placeholder for a record replied to at `reply_date`: open-ended, up to the
/// reply's start ("2026-02-12T10:30Z" -> "../2026-02-12T10:30Z", "2019/2026" -> "../2019").
[[nodiscard]] std::string placeholder_date(std::string_view reply_date);

}  // namespace eventgraph::detail
