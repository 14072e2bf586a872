#pragma once
// Diagnostics: failures on user input are values, never exceptions or prints.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace eventgraph {

/// Where something is in an input file. Lines and columns are 1-based; 0 means unknown.
struct source_location {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

enum class severity : std::uint8_t { error, warning, note };

/// "error", "warning", "note": as diagnostics are printed.
[[nodiscard]] std::string_view to_string(severity level);

/// What kind of failure an error is; it decides a command's exit status (data 1, usage 2,
/// io 3). A resource limit (too large to load, lay out or write) is a data error.
enum class category : std::uint8_t { data, usage, io };

/// One problem found in user input.
///
///     diagnostic{{"story.yaml", 12, 9}, severity::error, "date", "no February 30 in 2026"}
struct diagnostic {
  source_location where;
  severity level = severity::error;
  std::string code;  // short stable key, e.g. "date", "unknown-field", "cycle"
  std::string message;
  category kind = category::data;  // decides the exit status
};

/// `file:line:column: error: message [code]`, the form compilers and editors understand.
std::string format_diagnostic(const diagnostic& d);

/// Collects diagnostics up to a cap, so a hostile file cannot flood memory or the terminal.
class diagnostic_list {
 public:
  static constexpr std::size_t default_cap = 100;
  explicit diagnostic_list(std::size_t cap = default_cap) : cap_(cap) {}

  void add(diagnostic d);
  void error(source_location where, std::string code, std::string message,
             category kind = category::data);
  void warning(source_location where, std::string code, std::string message);
  void append(const diagnostic_list& other);

  [[nodiscard]] bool has_errors() const { return errors_ > 0; }
  [[nodiscard]] std::size_t error_count() const { return errors_; }
  /// What the errors are, for the exit status: usage if any is, else io if every stored error
  /// is, else data.
  [[nodiscard]] category failure() const;
  [[nodiscard]] std::size_t warning_count() const { return warnings_; }
  /// Diagnostics past the cap are counted here but not stored.
  [[nodiscard]] std::size_t dropped() const { return dropped_; }
  [[nodiscard]] const std::vector<diagnostic>& items() const { return items_; }
  /// Sorts by file, line, column so reports read top to bottom.
  void sort();

 private:
  std::vector<diagnostic> items_;
  std::size_t cap_;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
  std::size_t dropped_ = 0;
};

/// A value, or the diagnostics explaining why there is none (warnings may accompany a value).
template <typename T>
class [[nodiscard]] result {
 public:
  result(T value, diagnostic_list diags = diagnostic_list())
      : value_(std::move(value)), diags_(std::move(diags)) {}
  result(diagnostic_list diags) : diags_(std::move(diags)) {}

  [[nodiscard]] bool ok() const { return value_.has_value() && !diags_.has_errors(); }
  explicit operator bool() const { return ok(); }
  [[nodiscard]] T& value() & { return *value_; }
  [[nodiscard]] const T& value() const& { return *value_; }
  [[nodiscard]] T&& value() && { return std::move(*value_); }
  [[nodiscard]] const diagnostic_list& diagnostics() const { return diags_; }
  [[nodiscard]] diagnostic_list& diagnostics() { return diags_; }

 private:
  std::optional<T> value_;
  diagnostic_list diags_;
};

}  // namespace eventgraph
