#include "import/csv_rows.hpp"

#include <csv.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <utility>

namespace eventgraph::detail {

std::string_view csv_row::text(std::size_t column) const {
  return column < fields.size() ? std::string_view(fields[column].text) : std::string_view();
}

import_location csv_row::location(std::size_t column) const {
  return column < fields.size() ? fields[column].at : at;
}

namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// RFC 4180: spaces are part of a field, so libcsv must not trim them.
int no_space(unsigned char) {
  return 0;
}

struct csv_parser_handle {
  csv_parser parser{};
  bool live = false;
  ~csv_parser_handle() {
    if (live) csv_free(&parser);
  }
  [[nodiscard]] bool reset() {
    if (live) csv_free(&parser);
    live = csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) == 0;
    if (live) csv_set_space_func(&parser, no_space);
    return live;
  }
};

// Byte offsets to 1-based line:column, for offsets that only grow.
class line_counter {
 public:
  line_counter(std::string_view text, std::size_t first) : text_(text), at_(first), start_(first) {}
  import_location at(std::size_t offset) {
    for (; at_ < offset && at_ < text_.size(); ++at_) {
      const char c = text_[at_];
      if (c == '\n' || (c == '\r' && (at_ + 1 == text_.size() || text_[at_ + 1] != '\n'))) {
        ++line_;
        start_ = at_ + 1;
      }
    }
    return {line_, static_cast<std::uint32_t>(offset - start_ + 1)};
  }

 private:
  std::string_view text_;
  std::size_t at_;
  std::size_t start_;
  std::uint32_t line_ = 1;
};

// What libcsv's callbacks see. They only collect: rows are handed to the caller between
// csv_parse calls, so no caller code (or exception) runs inside the C library.
struct parse_state {
  std::string_view text;
  line_counter lines;
  csv_row row;
  std::size_t field_count = 0;  // fields of `row` in use (their strings are reused)
  std::size_t next_start = 0;   // where the next field starts
  bool row_start = true;        // next_start is after a row end: skip blank lines
  std::size_t segment_end = 0;  // the byte libcsv is at when a callback fires
  bool row_done = false;
  std::exception_ptr failure;

  std::size_t field_start() {
    if (row_start) {
      while (next_start < text.size() && (text[next_start] == '\r' || text[next_start] == '\n'))
        ++next_start;
    }
    return next_start;
  }
};

void on_field(void* data, std::size_t length, void* context) {
  auto& s = *static_cast<parse_state*>(context);
  try {
    const std::size_t start = s.field_start();
    if (s.field_count == s.row.fields.size()) s.row.fields.emplace_back();
    csv_field& f = s.row.fields[s.field_count++];
    f.text.assign(static_cast<const char*>(data), data ? length : 0);
    f.at = s.lines.at(start);
    if (s.field_count == 1) s.row.at = f.at;
  } catch (...) {
    s.failure = std::current_exception();
  }
  s.next_start = s.segment_end;
  s.row_start = false;
}

void on_row_end(int, void* context) {
  auto& s = *static_cast<parse_state*>(context);
  s.row_done = true;
  s.next_start = s.segment_end;
  s.row_start = true;
}

std::string parse_error_message(parse_state& s, std::size_t error_at) {
  const std::size_t start = s.field_start();
  const bool quoted = start < s.text.size() && s.text[start] == '"';
  if (error_at >= s.text.size()) return "a quoted field has no closing quote";
  if (quoted)
    return "text after a quoted field's closing quote (a quote inside one is written \"\")";
  return "a quote inside an unquoted field (quote the whole field and write the quote as \"\")";
}

}  // namespace

std::size_t for_each_csv_row(std::string_view text,
                             const std::function<void(const csv_row&)>& on_row,
                             const std::function<void(const csv_error&)>& on_error) {
  const std::size_t first = text.starts_with(utf8_bom) ? utf8_bom.size() : 0;
  parse_state s{text, line_counter(text, first), {}, 0, first, true, 0, false, {}};
  csv_parser_handle parser;
  if (!parser.reset()) throw std::bad_alloc();
  std::size_t rows = 0;
  auto deliver = [&](std::size_t end) {
    if (s.failure) std::rethrow_exception(s.failure);
    if (!s.row_done) return;
    s.row.fields.resize(s.field_count);
    s.row.end_offset = end;
    on_row(s.row);
    ++rows;
    s.row_done = false;
    s.field_count = 0;
  };
  auto fail = [&](std::size_t error_at, std::string message) {
    on_error({s.lines.at(error_at), std::move(message)});
    // Resume at the next line: the rest of this one cannot be trusted.
    std::size_t next = text.find_first_of("\r\n", std::min(error_at, text.size()));
    next = next == std::string_view::npos ? text.size() : next;
    s.field_count = 0;
    s.row_done = false;
    s.next_start = next;
    s.row_start = true;
    if (!parser.reset()) throw std::bad_alloc();
    return next;
  };

  std::size_t pos = first;
  while (pos < text.size()) {
    // Each piece ends at a byte that can end a field, so a callback fires at the piece's end.
    std::size_t end = text.find_first_of(",\r\n", pos);
    end = end == std::string_view::npos ? text.size() : end + 1;
    s.segment_end = end;
    const std::size_t used =
        csv_parse(&parser.parser, text.data() + pos, end - pos, on_field, on_row_end, &s);
    if (used < end - pos) {
      pos = fail(pos + used, parse_error_message(s, pos + used));
      continue;
    }
    deliver(end);
    pos = end;
  }
  s.segment_end = text.size();
  if (csv_fini(&parser.parser, on_field, on_row_end, &s) != 0) {
    on_error({s.lines.at(s.field_start()), parse_error_message(s, text.size())});
    return rows;
  }
  deliver(text.size());
  return rows;
}

std::string csv_header_key(std::string_view name) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!name.empty() && is_space(name.front())) name.remove_prefix(1);
  while (!name.empty() && is_space(name.back())) name.remove_suffix(1);
  std::string key(name);
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return key;
}

csv_header::csv_header(const csv_row& row) {
  names_.reserve(row.fields.size());
  keys_.reserve(row.fields.size());
  for (const auto& f : row.fields) {
    keys_.push_back(csv_header_key(f.text));
    std::string_view n = f.text;
    // The trimmed name: the key's length and place within the text as written.
    const std::size_t lead = n.find_first_not_of(" \t\r\n");
    n = lead == std::string_view::npos ? std::string_view() : n.substr(lead, keys_.back().size());
    names_.emplace_back(n);
  }
}

std::optional<std::size_t> csv_header::find(std::string_view name) const {
  const std::string key = csv_header_key(name);
  const auto it = std::find(keys_.begin(), keys_.end(), key);
  if (it == keys_.end()) return std::nullopt;
  return static_cast<std::size_t>(it - keys_.begin());
}

std::optional<std::size_t> csv_header::find_any(
    std::initializer_list<std::string_view> names) const {
  for (const auto name : names)
    if (auto column = find(name)) return column;
  return std::nullopt;
}

}  // namespace eventgraph::detail
