#include "json_writer.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace eventgraph::cli {

namespace {
/// Above this much, the buffer goes to the stream: memory stays flat however long the output.
constexpr std::size_t spill_size = std::size_t{1} << 16;
}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  // Printable ASCII without quote or backslash is written as it is; nlohmann does the rest
  // (controls, UTF-8, invalid bytes), so there is one set of escaping rules.
  bool plain = true;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f || c == '"' || c == '\\') {
      plain = false;
      break;
    }
  }
  if (plain) {
    out += '"';
    out += text;
    out += '"';
    return;
  }
  out += nlohmann::json(std::string(text))
             .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void json_writer::indent() {
  buffer_.append(2 * has_items_.size(), ' ');
}

void json_writer::spill() {
  if (buffer_.size() < spill_size) return;
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

void json_writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_items_.empty()) return;  // the document itself
  buffer_ += has_items_.back() ? ",\n" : "\n";
  has_items_.back() = true;
  indent();
}

json_writer& json_writer::key(std::string_view name) {
  buffer_ += has_items_.back() ? ",\n" : "\n";
  has_items_.back() = true;
  indent();
  append_json_string(buffer_, name);
  buffer_ += ": ";
  after_key_ = true;
  return *this;
}

void json_writer::open(char bracket) {
  before_value();
  buffer_ += bracket;
  has_items_.push_back(false);
}

void json_writer::close(char bracket) {
  const bool had_items = has_items_.back();
  has_items_.pop_back();
  if (had_items) {
    buffer_ += '\n';
    indent();
  }
  buffer_ += bracket;
  spill();
}

json_writer& json_writer::begin_object() {
  open('{');
  return *this;
}
json_writer& json_writer::end_object() {
  close('}');
  return *this;
}
json_writer& json_writer::begin_array() {
  open('[');
  return *this;
}
json_writer& json_writer::end_array() {
  close(']');
  return *this;
}

json_writer& json_writer::string(std::string_view text) {
  before_value();
  append_json_string(buffer_, text);
  return *this;
}

json_writer& json_writer::number(std::int64_t n) {
  before_value();
  fmt::format_to(std::back_inserter(buffer_), "{}", n);
  return *this;
}

json_writer& json_writer::unsigned_number(std::uint64_t n) {
  before_value();
  fmt::format_to(std::back_inserter(buffer_), "{}", n);
  return *this;
}

json_writer& json_writer::boolean(bool b) {
  before_value();
  buffer_ += b ? "true" : "false";
  return *this;
}

json_writer& json_writer::null() {
  before_value();
  buffer_ += "null";
  return *this;
}

json_writer& json_writer::optional_string(const std::optional<std::string_view>& text) {
  return text ? string(*text) : null();
}

json_writer& json_writer::optional_number(const std::optional<std::int64_t>& n) {
  return n ? number(*n) : null();
}

void json_writer::finish() {
  buffer_ += '\n';
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

}  // namespace eventgraph::cli
