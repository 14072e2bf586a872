// YAML to document tree, with yaml-cpp. Only this file includes yaml-cpp.

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include "document_tree.hpp"

namespace eventgraph::detail {
namespace {

bool all_of(std::string_view s, bool (*pred)(char)) {
  if (s.empty()) return false;
  for (char c : s)
    if (!pred(c)) return false;
  return true;
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_octal(char c) {
  return c >= '0' && c <= '7';
}

// YAML 1.2 core schema: what an unquoted scalar means.
tree_node::type resolve_plain(std::string_view s) {
  using t = tree_node::type;
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return t::null;
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE")
    return t::boolean;
  std::string_view body = s;
  if (body.front() == '-' || body.front() == '+') body.remove_prefix(1);
  if (all_of(body, is_digit)) return t::integer;
  if (s.size() > 2 && s[0] == '0' && s[1] == 'x' && all_of(s.substr(2), is_hex)) return t::integer;
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o' && all_of(s.substr(2), is_octal))
    return t::integer;
  if (body == ".inf" || body == ".Inf" || body == ".INF" || s == ".nan" || s == ".NaN" ||
      s == ".NAN")
    return t::number;
  // [0-9]* ( . [0-9]* )? ( [eE] [-+]? [0-9]+ )? with at least one digit before the exponent
  std::size_t i = 0, digits = 0;
  while (i < body.size() && is_digit(body[i])) ++i, ++digits;
  if (i < body.size() && body[i] == '.') {
    ++i;
    while (i < body.size() && is_digit(body[i])) ++i, ++digits;
  }
  if (digits == 0) return t::string;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    if (i < body.size() && (body[i] == '-' || body[i] == '+')) ++i;
    std::size_t exp_start = i;
    while (i < body.size() && is_digit(body[i])) ++i;
    if (i == exp_start) return t::string;
  }
  return i == body.size() ? t::number : t::string;
}

class converter {
 public:
  converter(const std::string& file, std::size_t budget, diagnostic_list& diags)
      : file_(file), budget_(budget), diags_(diags) {}

  bool convert(const YAML::Node& in, tree_node& out, int depth) {
    const YAML::Mark mark = in.Mark();
    out.line = mark.line >= 0 ? static_cast<std::uint32_t>(mark.line + 1) : 0;
    out.column = mark.column >= 0 ? static_cast<std::uint32_t>(mark.column + 1) : 0;
    if (depth > max_tree_depth) {
      fail(out, "too-deep",
           fmt::format("values nested more than {} levels deep (or an alias that contains "
                       "itself)",
                       max_tree_depth));
      return false;
    }
    if (++visited_ > budget_) {
      fail(out, "too-large",
           "the document expands to far more values than it has bytes (an alias bomb?)");
      return false;
    }
    switch (in.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out.kind = tree_node::type::null;
        return true;
      case YAML::NodeType::Scalar: {
        const std::string& s = in.Scalar();
        if (s.size() > max_string_bytes) {
          fail(out, "too-large",
               fmt::format("a text of {} bytes; the limit is {}", s.size(), max_string_bytes));
          return false;
        }
        out.quoted = in.Tag() == "!";
        out.kind = out.quoted ? tree_node::type::string : resolve_plain(s);
        out.text = s;
        return true;
      }
      case YAML::NodeType::Sequence:
        out.kind = tree_node::type::sequence;
        out.items.reserve(in.size());
        for (const auto& item : in) {
          out.items.emplace_back();
          if (!convert(item, out.items.back(), depth + 1)) return false;
        }
        return true;
      case YAML::NodeType::Map:
        out.kind = tree_node::type::mapping;
        out.items.reserve(in.size());
        out.keys.reserve(in.size());
        for (const auto& pair : in) {
          out.keys.emplace_back();
          out.items.emplace_back();
          if (!convert(pair.first, out.keys.back(), depth + 1)) return false;
          if (!convert(pair.second, out.items.back(), depth + 1)) return false;
        }
        return true;
    }
    return true;
  }

 private:
  void fail(const tree_node& at, const char* code, std::string message) {
    diags_.error({file_, at.line, at.column}, code, std::move(message));
  }
  const std::string& file_;
  std::size_t budget_;
  std::size_t visited_ = 0;
  diagnostic_list& diags_;
};

}  // namespace

bool read_yaml(std::string_view text, const std::string& file, tree_node& root,
               diagnostic_list& diags) {
  YAML::Node doc;
  try {
    std::vector<YAML::Node> docs = YAML::LoadAll(std::string(text));
    if (docs.size() > 1) {
      const YAML::Mark m = docs[1].Mark();
      diags.error(
          {file, static_cast<std::uint32_t>(m.line + 1), static_cast<std::uint32_t>(m.column + 1)},
          "syntax", "one document per file: split this into another file");
      return false;
    }
    if (!docs.empty()) doc = docs.front();
  } catch (const YAML::Exception& e) {
    std::string message = e.msg;
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(message[0]));
    diags.error({file, static_cast<std::uint32_t>(e.mark.line + 1),
                 static_cast<std::uint32_t>(e.mark.column + 1)},
                "syntax", message);
    return false;
  }
  if (!doc.IsDefined() || doc.IsNull()) {
    root.kind = tree_node::type::null;
    root.line = root.column = 1;
    return true;
  }
  // An honest document has fewer values than bytes; anything far beyond is alias expansion.
  converter conv(file, text.size() + 10'000, diags);
  return conv.convert(doc, root, 0);
}

}  // namespace eventgraph::detail
