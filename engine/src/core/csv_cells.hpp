#pragma once
// How eventgraph's own CSV sheets write what a cell cannot hold plainly, shared by the csv
// export and the csv importer so the two cannot drift (docs/user-guide.md, "CSV"):
// - a text cell a spreadsheet would run as a formula gets a leading `'`;
// - a list cell holds items apart by a separator (`|` for ids and tags, as Kumu reads them; a
//   line break for sources, quotes and figures), and a described item's fields apart by " | ";
//   a `\`, `|`, line feed or carriage return inside an item is written `\\`, `\|`, `\n`, `\r`.

#include <string>
#include <string_view>
#include <vector>

namespace eventgraph::detail {

/// Whether a spreadsheet would read the text as a formula: its first character other than `'`
/// is =, +, -, @, tab or CR (OWASP's list). Looking past leading quotes makes the guard
/// reversible: a text that itself starts `'=` is written `''=`.
///
///     needs_formula_guard("=SUM(A1)") == true; needs_formula_guard("'tis") == false
[[nodiscard]] bool needs_formula_guard(std::string_view text);
/// The text with a leading `'` when needs_formula_guard says so.
[[nodiscard]] std::string formula_guarded(std::string_view text);
/// The text of a cell formula_guarded wrote: the `'` taken off only where it was added.
[[nodiscard]] std::string_view formula_unguarded(std::string_view cell);

/// An item's text with `\`, `|`, LF and CR escaped, so it can sit in a list cell.
[[nodiscard]] std::string escape_cell_item(std::string_view text);
/// The items of a list cell written with `separator` (`|` or '\n'), unescaped; an empty cell
/// has none.
///
///     split_cell_items("a|b\\|c", '|') == {"a", "b|c"}
[[nodiscard]] std::vector<std::string> split_cell_items(std::string_view cell, char separator);

/// A described item as one line: its fields escaped and joined by " | ", empty fields at the
/// end left out ("Report | Example Co | https://example.org").
[[nodiscard]] std::string cell_record(std::initializer_list<std::string_view> fields);
/// The lines of a cell of described items, each split into its fields (as many as written).
[[nodiscard]] std::vector<std::vector<std::string>> split_cell_records(std::string_view cell);

}  // namespace eventgraph::detail
