#pragma once
// JSON written as it is produced, for outputs that can hold millions of events: the bytes are
// those of nlohmann's dump(2) of the same document, without building the document.

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace eventgraph::cli {

/// Writes one JSON document, 2-space indented, to a stream; call finish() at the end.
///
///     json_writer w(ctx.out);
///     w.begin_object();
///     w.key("count").number(3);
///     w.end_object();
///     w.finish();
class json_writer {
 public:
  explicit json_writer(std::ostream& out) : out_(out) {}
  json_writer(const json_writer&) = delete;
  json_writer& operator=(const json_writer&) = delete;

  /// The key of the next value, inside an object.
  json_writer& key(std::string_view name);
  json_writer& begin_object();
  json_writer& end_object();
  json_writer& begin_array();
  json_writer& end_array();
  json_writer& string(std::string_view text);
  json_writer& number(std::int64_t n);
  json_writer& unsigned_number(std::uint64_t n);
  json_writer& boolean(bool b);
  json_writer& null();
  /// The string, or null when there is none.
  json_writer& optional_string(const std::optional<std::string_view>& text);
  /// The number, or null when there is none.
  json_writer& optional_number(const std::optional<std::int64_t>& n);
  /// The closing newline, and everything still buffered to the stream.
  void finish();

 private:
  void before_value();
  void open(char bracket);
  void close(char bracket);
  void indent();
  void spill();

  std::ostream& out_;
  std::string buffer_;
  std::vector<bool> has_items_;  // per open container: whether it has a member yet
  bool after_key_ = false;
};

/// `text` as a JSON string literal, quotes included, as nlohmann writes it (UTF-8 kept as is,
/// invalid bytes replaced): the one string escaper of the CLI's JSON.
void append_json_string(std::string& out, std::string_view text);

}  // namespace eventgraph::cli
