#pragma once
// Compact JSON text written as it goes, commas placed by the writer: what the NDJSON writers
// (the import's story, the ndjson export) use instead of building a JSON value per record,
// which at a million events cost more than everything else they do.

#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "core/text.hpp"

namespace eventgraph::detail {

/// Appends to `out`. A value follows each key(); values in an array follow each other.
///
///     json_out j(line);
///     j.begin_object(); j.key("id"); j.text("a1"); j.end_object();  // {"id":"a1"}
class json_out {
 public:
  explicit json_out(std::string& out) : out_(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view name) {
    separate();
    text::append_json_string(out_, name);
    out_ += ':';
    comma_ = false;
  }
  void text(std::string_view value) {
    separate();
    text::append_json_string(out_, value);
  }
  void integer(std::int64_t value) {
    separate();
    out_ += fmt::format_int(value).str();
  }
  /// A value already written as JSON (a number as some other writer lays it out).
  void raw(std::string_view json) {
    separate();
    out_ += json;
  }

 private:
  void separate() {
    if (comma_) out_ += ',';
    comma_ = true;
  }
  void open(char c) {
    separate();
    out_ += c;
    comma_ = false;
  }
  void close(char c) {
    out_ += c;
    comma_ = true;
  }

  std::string& out_;
  bool comma_ = false;  ///< a value was written at this level: the next one needs a comma
};

/// A member only when it has text (eventgraph's format reads an absent field as empty); for
/// json_out or any writer with its key() and text().
template <typename Out>
void put_text(Out& out, std::string_view key, std::string_view text) {
  if (text.empty()) return;
  out.key(key);
  out.text(text);
}

}  // namespace eventgraph::detail
