#pragma once
// One writer per export format, each in its own file (export_<format>.cpp); export.cpp
// dispatches. The interactive page is declared in export_html.hpp.

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "eventgraph/diagnostic.hpp"
#include "eventgraph/export.hpp"
#include "eventgraph/model.hpp"

namespace eventgraph::detail {

result<std::string> export_graphml(const story& s);
result<std::string> export_gexf(const story& s);
std::string export_cytoscape(const story& s);
std::string export_vis(const story& s);
std::string export_timelinejs(const story& s);
std::string export_mermaid(const story& s, bool graph);
std::string export_jgf(const story& s);
std::vector<export_file> export_csv(const story& s);
std::string export_json(const story& s);
std::string export_yaml(const story& s);
std::string export_ndjson(const story& s);

/// Text safe in any Mermaid label or timeline entry: syntax characters as entity codes
/// (`:` is `#58;`), line breaks as spaces, other control characters dropped.
std::string mermaid_text(std::string_view text);

/// One CSV field (RFC 4180): quoted when it holds `"`, `,`, CR or LF, quotes doubled.
std::string csv_field(std::string_view text);
/// The events sheet (events.csv) has one column per header, in this order: "ID", "Label",
/// "Type", "Date", ... "Source URLs".
inline constexpr std::size_t events_sheet_columns = 27;
std::span<const std::string_view> events_sheet_headers();
/// One event's row of the events sheet, before CSV quoting and the formula guard (what a cell
/// says; to_pandas in the Python module reads these).
std::array<std::string, events_sheet_columns> events_sheet_cells(const story& s, const event& e);
/// "From", "To", "Type", "Response", "Note", "From label", "To label".
std::span<const std::string_view> relations_sheet_headers();

/// A text cell a spreadsheet must not run as a formula: `'` before a leading =, +, -, @, tab
/// or CR (OWASP's advice), then csv_field.
std::string csv_text_field(std::string_view text);

}  // namespace eventgraph::detail
