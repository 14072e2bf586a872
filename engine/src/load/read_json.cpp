// JSON to document tree, with simdjson's On-Demand API. Only this file includes simdjson.

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "load/document_tree.hpp"
#include "load/json_syntax.hpp"

namespace eventgraph::detail {
namespace {

namespace od = simdjson::ondemand;
static_assert(simdjson::SIMDJSON_PADDING <= json_padding, "callers pad by json_padding");

class json_converter {
 public:
  json_converter(std::string_view text, const std::string& file, std::uint32_t line_offset,
                 bool one_line, diagnostic_list& diags)
      : text_(text), file_(file), line_offset_(line_offset), diags_(diags) {
    // Every value asks for its position: a table of line starts keeps that logarithmic.
    line_starts_.push_back(0);
    if (one_line) return;
    if (std::memchr(text.data(), '\r', text.size()) != nullptr) {
      // A CR alone (old Mac files) ends a line too; CR LF is one line end.
      for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
          line_starts_.push_back(i + 1);
      return;
    }
    for (const char* p = text.data();
         (p = static_cast<const char*>(
              std::memchr(p, '\n', text.size() - static_cast<std::size_t>(p - text.data()))));
         ++p)
      line_starts_.push_back(static_cast<std::size_t>(p - text.data()) + 1);
  }

  void locate(const char* where, tree_node& out) const {
    std::size_t offset = where && where >= text_.data() && where <= text_.data() + text_.size()
                             ? static_cast<std::size_t>(where - text_.data())
                             : text_.size();
    auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const std::size_t line = static_cast<std::size_t>(next - line_starts_.begin());
    out.line = static_cast<std::uint32_t>(line) + line_offset_;
    out.column = static_cast<std::uint32_t>(offset - line_starts_[line - 1] + 1);
  }

  /// On the error path only: the grammar scan says where the text breaks and what it found,
  /// which simdjson's error codes (often placed at the document's start) do not.
  bool fail(const char* where, simdjson::error_code error) {
    std::string message = describe(error);
    if (error != simdjson::DEPTH_ERROR) {
      if (auto found = find_json_syntax_error(text_)) {
        where = text_.data() + found->offset;
        message = std::move(found->message);
      }
    }
    tree_node at;
    locate(where, at);
    diags_.error({file_, at.line, at.column}, "syntax", std::move(message));
    return false;
  }

  static std::string describe(simdjson::error_code error) {
    switch (error) {
      case simdjson::DEPTH_ERROR:
        return fmt::format("values nested more than {} levels deep", max_tree_depth);
      case simdjson::STRING_ERROR:
      case simdjson::UNCLOSED_STRING:
        return "a string is not closed or has a bad escape";
      case simdjson::UTF8_ERROR:
        return "invalid UTF-8";
      case simdjson::NUMBER_ERROR:
        return "a number is malformed or out of range";
      case simdjson::TAPE_ERROR:
      case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
        return "malformed JSON: a bracket, comma or colon is missing or extra";
      case simdjson::EMPTY:
        return "the file has no JSON value";
      case simdjson::TRAILING_CONTENT:
        return "unexpected text after the JSON value";
      default:
        return fmt::format("malformed JSON ({})", simdjson::error_message(error));
    }
  }

  template <typename Value>
  bool convert(Value& in, tree_node& out, int depth) {
    const char* where = nullptr;
    if (in.current_location().get(where) != simdjson::SUCCESS) where = text_.data() + text_.size();
    locate(where, out);
    if (depth > max_tree_depth) {
      diags_.error({file_, out.line, out.column}, "too-deep",
                   fmt::format("values nested more than {} levels deep", max_tree_depth));
      return false;
    }
    od::json_type type;
    if (auto error = in.type().get(type)) return fail(where, error);
    switch (type) {
      case od::json_type::null: {
        bool is_null = false;
        if (auto error = in.is_null().get(is_null); error || !is_null)
          return fail(where, error ? error : simdjson::N_ATOM_ERROR);
        out.kind = tree_node::type::null;
        return true;
      }
      case od::json_type::boolean: {
        bool b = false;
        if (auto error = in.get_bool().get(b)) return fail(where, error);
        out.kind = tree_node::type::boolean;
        out.text = b ? "true" : "false";
        return true;
      }
      case od::json_type::number: {
        std::string_view raw = in.raw_json_token();
        while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' ||
                                raw.back() == '\t'))
          raw.remove_suffix(1);
        od::number_type number_type;
        if (auto error = in.get_number_type().get(number_type)) return fail(where, error);
        out.kind = number_type == od::number_type::floating_point_number ? tree_node::type::number
                                                                         : tree_node::type::integer;
        out.text = std::string(raw);
        return true;
      }
      case od::json_type::string: {
        std::string_view s;
        if (auto error = in.get_string().get(s)) return fail(where, error);
        if (s.size() > max_string_bytes) {
          diags_.error(
              {file_, out.line, out.column}, "too-large",
              fmt::format("a text of {} bytes; the limit is {}", s.size(), max_string_bytes));
          return false;
        }
        out.kind = tree_node::type::string;
        out.quoted = true;
        out.text = std::string(s);
        return true;
      }
      case od::json_type::array: {
        out.kind = tree_node::type::sequence;
        od::array array;
        if (auto error = in.get_array().get(array)) return fail(where, error);
        for (auto element : array) {
          od::value item;
          if (auto error = element.get(item)) return fail(where, error);
          out.items.emplace_back();
          if (!convert(item, out.items.back(), depth + 1)) return false;
        }
        return true;
      }
      case od::json_type::object: {
        out.kind = tree_node::type::mapping;
        od::object object;
        if (auto error = in.get_object().get(object)) return fail(where, error);
        for (auto field_result : object) {
          od::field field;
          if (auto error = std::move(field_result).get(field)) return fail(where, error);
          // The key's raw text begins just after its opening quote; unescaping consumes it.
          const char* key_start = field.key().raw();
          std::string_view key;
          if (auto error = field.unescaped_key().get(key)) return fail(where, error);
          tree_node key_node;
          locate(key_start ? key_start - 1 : where, key_node);
          key_node.kind = tree_node::type::string;
          key_node.quoted = true;
          key_node.text = std::string(key);
          od::value item = field.value();
          out.keys.push_back(std::move(key_node));
          out.items.emplace_back();
          if (!convert(item, out.items.back(), depth + 1)) return false;
        }
        return true;
      }
    }
    return true;
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
  const std::string& file_;
  std::uint32_t line_offset_;
  diagnostic_list& diags_;
};

}  // namespace

bool read_json(std::string_view text, const std::string& file, std::uint32_t line_offset,
               tree_node& root, diagnostic_list& diags, bool one_line) {
  // Reused across documents: NDJSON parses one document per line.
  thread_local od::parser parser(simdjson::SIMDJSON_MAXSIZE_BYTES);
  json_converter conv(text, file, line_offset, one_line, diags);
  od::document doc;
  if (auto error =
          parser.iterate(text.data(), text.size(), text.size() + simdjson::SIMDJSON_PADDING)
              .get(doc))
    return conv.fail(text.data(), error);
  od::value value;
  // A scalar root cannot be read as a value in On-Demand; only objects make sense here anyway.
  od::json_type type;
  if (auto error = doc.type().get(type)) {
    const char* where = text.data();
    if (doc.current_location().get(where) != simdjson::SUCCESS) where = text.data();
    return conv.fail(where, error);
  }
  if (type != od::json_type::object && type != od::json_type::array) {
    root.kind = tree_node::type::string;  // reported by the caller as "expected a mapping"
    root.line = line_offset + 1;
    root.column = 1;
    return true;
  }
  if (auto error = doc.get_value().get(value)) return conv.fail(text.data(), error);
  if (!conv.convert(value, root, 0)) return false;
  // At the end, current_location() fails with OUT_OF_BOUNDS; succeeding means more text follows.
  if (const char* where = nullptr; doc.current_location().get(where) == simdjson::SUCCESS)
    return conv.fail(where, simdjson::TRAILING_CONTENT);
  return true;
}

}  // namespace eventgraph::detail
