#include "eventgraph/diagnostic.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

namespace eventgraph {

std::string_view to_string(severity level) {
  switch (level) {
    case severity::error:
      return "error";
    case severity::warning:
      return "warning";
    case severity::note:
      break;
  }
  return "note";
}

std::string format_diagnostic(const diagnostic& d) {
  const std::string_view level = to_string(d.level);
  std::string out;
  if (!d.where.file.empty()) {
    out = d.where.file;
    if (d.where.line > 0) {
      out += fmt::format(":{}", d.where.line);
      if (d.where.column > 0) out += fmt::format(":{}", d.where.column);
    }
    out += ": ";
  }
  out += fmt::format("{}: {}", level, d.message);
  if (!d.code.empty()) out += fmt::format(" [{}]", d.code);
  return out;
}

void diagnostic_list::add(diagnostic d) {
  if (d.level == severity::error) ++errors_;
  if (d.level == severity::warning) ++warnings_;
  if (items_.size() >= cap_) {
    ++dropped_;
    return;
  }
  items_.push_back(std::move(d));
}

void diagnostic_list::error(source_location where, std::string code, std::string message,
                            category kind) {
  add({std::move(where), severity::error, std::move(code), std::move(message), kind});
}

category diagnostic_list::failure() const {
  bool any = false, all_io = true;
  for (const auto& d : items_) {
    if (d.level != severity::error) continue;
    if (d.kind == category::usage) return category::usage;
    any = true;
    all_io = all_io && d.kind == category::io;
  }
  return any && all_io ? category::io : category::data;
}

void diagnostic_list::warning(source_location where, std::string code, std::string message) {
  add({std::move(where), severity::warning, std::move(code), std::move(message)});
}

void diagnostic_list::append(const diagnostic_list& other) {
  for (const auto& d : other.items_) add(d);
  dropped_ += other.dropped_;
  // Diagnostics the other list dropped still count as errors or warnings here.
  std::size_t other_stored_errors = 0, other_stored_warnings = 0;
  for (const auto& d : other.items_) {
    other_stored_errors += d.level == severity::error;
    other_stored_warnings += d.level == severity::warning;
  }
  errors_ += other.errors_ - other_stored_errors;
  warnings_ += other.warnings_ - other_stored_warnings;
}

void diagnostic_list::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const diagnostic& a, const diagnostic& b) {
    return std::tie(a.where.file, a.where.line, a.where.column) <
           std::tie(b.where.file, b.where.line, b.where.column);
  });
}

}  // namespace eventgraph
