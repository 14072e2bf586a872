#include "core/csv_cells.hpp"

namespace eventgraph::detail {
namespace {

constexpr std::string_view formula_starts = "=+-@\t\r";

/// The cell cut at every `separator` that no `\` escapes, pieces still escaped.
std::vector<std::string_view> split_escaped(std::string_view cell, char separator) {
  std::vector<std::string_view> out;
  if (cell.empty()) return out;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (cell[i] == '\\') {
      ++i;  // the escaped character is never a separator
    } else if (cell[i] == separator) {
      out.push_back(cell.substr(begin, i - begin));
      begin = i + 1;
    }
  }
  out.push_back(cell.substr(begin));
  return out;
}

std::string unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out.push_back(text[i]);
      continue;
    }
    const char next = text[++i];
    if (next == 'n') {
      out.push_back('\n');
    } else if (next == 'r') {
      out.push_back('\r');
    } else if (next == '\\' || next == '|') {
      out.push_back(next);
    } else {  // not an escape the export writes: kept as typed
      out.push_back('\\');
      out.push_back(next);
    }
  }
  return out;
}

}  // namespace

bool needs_formula_guard(std::string_view text) {
  const auto first = text.find_first_not_of('\'');
  return first != std::string_view::npos &&
         formula_starts.find(text[first]) != std::string_view::npos;
}

std::string formula_guarded(std::string_view text) {
  return needs_formula_guard(text) ? "'" + std::string(text) : std::string(text);
}

std::string_view formula_unguarded(std::string_view cell) {
  if (cell.starts_with('\'') && needs_formula_guard(cell.substr(1))) cell.remove_prefix(1);
  return cell;
}

std::string escape_cell_item(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      if (c == '\\' || c == '|') out.push_back('\\');
      out.push_back(c);
    }
  }
  return out;
}

std::vector<std::string> split_cell_items(std::string_view cell, char separator) {
  std::vector<std::string> out;
  for (const auto piece : split_escaped(cell, separator)) out.push_back(unescape(piece));
  return out;
}

std::string cell_record(std::initializer_list<std::string_view> fields) {
  std::size_t used = 0, i = 0;
  for (const auto f : fields) {
    ++i;
    if (!f.empty()) used = i;
  }
  std::string out;
  i = 0;
  for (const auto f : fields) {
    if (i == used) break;
    if (i++ > 0) out += " | ";
    out += escape_cell_item(f);
  }
  return out;
}

std::vector<std::vector<std::string>> split_cell_records(std::string_view cell) {
  std::vector<std::vector<std::string>> out;
  for (const auto line : split_escaped(cell, '\n')) {
    std::vector<std::string> fields;
    const auto pieces = split_escaped(line, '|');
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      std::string_view f = pieces[i];
      // The separator is " | ": one space each side belongs to it (a hand-typed "a|b" reads too).
      if (i > 0 && f.starts_with(' ')) f.remove_prefix(1);
      if (i + 1 < pieces.size() && f.ends_with(' ')) f.remove_suffix(1);
      fields.push_back(unescape(f));
    }
    out.push_back(std::move(fields));
  }
  return out;
}

}  // namespace eventgraph::detail
