#pragma once
// RFC 4180 rows for the CSV-based importers (csv, timelinejs, timesketch), parsed by libcsv
// (Debian's libcsv-dev): quoted fields, doubled quotes, embedded newlines, CRLF or LF rows,
// a leading byte order mark. Each field keeps the line and column it starts at, so a bad cell
// is reported at file:line:column.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/records.hpp"

namespace eventgraph::detail {

struct csv_field {
  std::string text;    ///< unquoted, doubled quotes undone, spaces kept (RFC 4180)
  import_location at;  ///< the field's first byte (its opening quote, when quoted)
};

struct csv_row {
  std::vector<csv_field> fields;
  import_location at;          ///< where the row's first field starts
  std::size_t end_offset = 0;  ///< bytes of the input consumed through this row, for progress

  /// The field's text, or "" when the row is shorter.
  [[nodiscard]] std::string_view text(std::size_t column) const;
  /// Where the field starts; past the row's end, where the row starts.
  [[nodiscard]] import_location location(std::size_t column) const;
};

/// A row that cannot be read (a stray quote, an unterminated quoted field): where, and why.
struct csv_error {
  import_location at;
  std::string message;
};

/// Calls on_row for every row (empty lines are skipped), reusing one csv_row so memory stays
/// that of the longest row; a malformed row calls on_error instead and reading resumes at the
/// next line. Returns the number of rows read.
///
///     for_each_csv_row(text, [&](const csv_row& r) { ... }, [&](const csv_error& e) { ... });
std::size_t for_each_csv_row(std::string_view text,
                             const std::function<void(const csv_row&)>& on_row,
                             const std::function<void(const csv_error&)>& on_error);

/// A header row as a column index: names compared trimmed and case-insensitively (ASCII), the
/// first of two equal names wins.
class csv_header {
 public:
  csv_header() = default;
  explicit csv_header(const csv_row& row);

  /// The column named `name` ("in reply to" finds "In Reply To "), if any.
  [[nodiscard]] std::optional<std::size_t> find(std::string_view name) const;
  /// The first of `names` present.
  [[nodiscard]] std::optional<std::size_t> find_any(
      std::initializer_list<std::string_view> names) const;
  [[nodiscard]] std::size_t size() const { return names_.size(); }
  /// The name as written, trimmed.
  [[nodiscard]] std::string_view name(std::size_t column) const { return names_[column]; }

 private:
  std::vector<std::string> names_;  ///< trimmed, as written
  std::vector<std::string> keys_;   ///< trimmed, lower-cased
};

/// `name` trimmed of ASCII spaces and lower-cased, the form csv_header compares.
[[nodiscard]] std::string csv_header_key(std::string_view name);

}  // namespace eventgraph::detail
