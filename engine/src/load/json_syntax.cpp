#include "load/json_syntax.hpp"

#include <cstdint>
#include <vector>

#include <fmt/format.h>

namespace eventgraph::detail {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

class scanner {
 public:
  explicit scanner(std::string_view text) : text_(text) {}

  std::optional<json_syntax_error> run();

 private:
  // What may come next: a value, a key (or the closing brace), ':', ',' or a closing bracket.
  enum class expect : std::uint8_t { value, first_value, key, first_key, colon, after_value };

  [[nodiscard]] char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void skip_space() {
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
  }
  /// "'x'", "the end of the file", "a comment".
  [[nodiscard]] std::string found() const {
    if (pos_ >= text_.size()) return "the end of the text";
    const char c = text_[pos_];
    if (c == '/' && pos_ + 1 < text_.size() && (text_[pos_ + 1] == '/' || text_[pos_ + 1] == '*'))
      return "a comment (JSON has none)";
    if (static_cast<unsigned char>(c) < 0x20) return fmt::format("byte 0x{:02X}", c);
    std::size_t length = 1;  // a whole UTF-8 character (the text is valid UTF-8)
    while (pos_ + length < text_.size() &&
           (static_cast<unsigned char>(text_[pos_ + length]) & 0xC0) == 0x80)
      ++length;
    return fmt::format("'{}'", text_.substr(pos_, length));
  }
  std::optional<json_syntax_error> fail(std::string message) const {
    return json_syntax_error{pos_, std::move(message)};
  }
  std::optional<json_syntax_error> fail_found(std::string_view expected) const {
    return fail(fmt::format("expected {}, found {}", expected, found()));
  }
  std::optional<json_syntax_error> scalar();
  std::optional<json_syntax_error> string();
  std::optional<json_syntax_error> number();
  std::optional<json_syntax_error> step(expect& next);

  std::string_view text_;
  std::size_t pos_ = 0;
  std::vector<char> open_;  // '{' or '[' of each container around pos_
};

std::optional<json_syntax_error> scanner::string() {
  const std::size_t begin = pos_++;
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c == '"') {
      ++pos_;
      return std::nullopt;
    }
    if (static_cast<unsigned char>(c) < 0x20)
      return c == '\n' ? fail("a string is not closed before the end of the line")
                       : fail(fmt::format("byte 0x{:02X} in a string must be written as an "
                                          "escape such as \\u00{:02X}",
                                          c, c));
    if (c == '\\') {
      const char e = pos_ + 1 < text_.size() ? text_[pos_ + 1] : '\0';
      if (e == 'u') {
        for (std::size_t k = 2; k < 6; ++k) {
          const char h = pos_ + k < text_.size() ? text_[pos_ + k] : '\0';
          if (!is_digit(h) && !((h | 0x20) >= 'a' && (h | 0x20) <= 'f'))
            return fail("\\u must be followed by four hex digits");
        }
        pos_ += 6;
        continue;
      }
      if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos || e == '\0')
        return fail(fmt::format("'\\{}' is not a JSON escape; write a backslash as \\\\", e));
      pos_ += 2;
      continue;
    }
    ++pos_;
  }
  pos_ = begin;
  return fail("a string is not closed");
}

std::optional<json_syntax_error> scanner::number() {
  const std::size_t begin = pos_;
  if (peek() == '-') ++pos_;
  if (peek() == '0') {
    ++pos_;
    if (is_digit(peek())) return fail("a number cannot have a leading zero");
  } else if (is_digit(peek())) {
    while (is_digit(peek())) ++pos_;
  } else {
    pos_ = begin;
    return fail_found("a value");
  }
  if (peek() == '.') {
    ++pos_;
    if (!is_digit(peek())) return fail("expected a digit after '.'");
    while (is_digit(peek())) ++pos_;
  }
  if (peek() == 'e' || peek() == 'E') {
    ++pos_;
    if (peek() == '+' || peek() == '-') ++pos_;
    if (!is_digit(peek())) return fail("expected a digit in the exponent");
    while (is_digit(peek())) ++pos_;
  }
  return std::nullopt;
}

std::optional<json_syntax_error> scanner::scalar() {
  const char c = peek();
  if (c == '"') return string();
  if (c == '-' || is_digit(c)) return number();
  for (std::string_view word : {"true", "false", "null"}) {
    if (text_.substr(pos_, word.size()) == word) {
      pos_ += word.size();
      return std::nullopt;
    }
  }
  if (c == '\'') return fail("JSON strings take double quotes (\"...\"), not single quotes");
  return fail_found("a value");
}

std::optional<json_syntax_error> scanner::step(expect& next) {
  const char c = peek();
  switch (next) {
    case expect::first_value:
    case expect::value:
      if (c == ']' && next == expect::first_value) break;  // an empty list
      if (c == ']' && !open_.empty()) return fail("a ',' before ']' must be followed by a value");
      if (c == '{' || c == '[') {
        open_.push_back(c);
        ++pos_;
        next = c == '{' ? expect::first_key : expect::first_value;
        return std::nullopt;
      }
      if (auto error = scalar()) return error;
      next = expect::after_value;
      return std::nullopt;
    case expect::first_key:
    case expect::key:
      if (c == '}' && next == expect::first_key) break;  // an empty mapping
      if (c == '}') return fail("a ',' before '}' must be followed by a field");
      if (c != '"')
        return fail_found(next == expect::first_key ? "a field name in double quotes or '}'"
                                                    : "a field name in double quotes after ','");
      if (auto error = string()) return error;
      next = expect::colon;
      return std::nullopt;
    case expect::colon:
      if (c != ':') return fail_found("':' after the key");
      ++pos_;
      next = expect::value;
      return std::nullopt;
    case expect::after_value: {
      if (open_.empty()) return fail(fmt::format("unexpected {} after the JSON value", found()));
      const char close = open_.back() == '{' ? '}' : ']';
      if (c == ',') {
        ++pos_;
        next = open_.back() == '{' ? expect::key : expect::value;
        return std::nullopt;
      }
      if (c == close) break;
      return fail_found(close == '}' ? "',' or '}' after a value" : "',' or ']' after a value");
    }
  }
  // A container closes.
  ++pos_;
  open_.pop_back();
  next = expect::after_value;
  return std::nullopt;
}

std::optional<json_syntax_error> scanner::run() {
  skip_space();
  if (pos_ >= text_.size()) return fail("the text has no JSON value");
  expect next = expect::value;
  for (;;) {
    skip_space();
    if (next == expect::after_value && open_.empty() && pos_ >= text_.size()) return std::nullopt;
    if (auto error = step(next)) return error;
  }
}

}  // namespace

std::optional<json_syntax_error> find_json_syntax_error(std::string_view text) {
  return scanner(text).run();
}

}  // namespace eventgraph::detail
