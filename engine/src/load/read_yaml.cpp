// YAML to document tree, with yaml-cpp. Only this file includes yaml-cpp.

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include <cctype>
#include <sstream>
#include <vector>

#include "load/document_tree.hpp"

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

/// Thrown from the event handler to stop the parser on a limit; never leaves this file.
struct limit_reached {
  std::uint32_t line, column;
  const char* code;
  std::string message;
};

/// Builds the tree straight from parser events, with an explicit stack: no YAML::Node graph
/// (which an alias loop makes cyclic) and no recursion. Aliases are copied, within a budget, so
/// an alias bomb stops early instead of expanding to billions of values.
class tree_builder final : public YAML::EventHandler {
 public:
  tree_builder(tree_node& root, std::size_t budget) : root_(root), budget_(budget) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1)
      throw limit_reached{line(mark), column(mark), "syntax",
                          "the document ended here, yet more follows (a file holds one document)"};
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    tree_node& n = add(mark);
    n.kind = tree_node::type::null;
    remember(anchor, n);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (anchor == 0 || anchor > anchors_.size() || !anchors_[anchor - 1].complete)
      throw limit_reached{line(mark), column(mark), "alias",
                          "an alias cannot refer to the value that contains it"};
    const anchored& source = anchors_[anchor - 1];
    count(mark, source.size);
    tree_node& n = add(mark, false);
    const std::uint32_t at_line = n.line, at_column = n.column;
    n = source.node;
    n.line = at_line;
    n.column = at_column;
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (value.size() > max_string_bytes)
      throw limit_reached{
          line(mark), column(mark), "too-large",
          fmt::format("a text of {} bytes; the limit is {}", value.size(), max_string_bytes)};
    tree_node& n = add(mark);
    n.quoted = tag == "!";
    n.kind = n.quoted ? tree_node::type::string : resolve_plain(value);
    n.text = value;
    remember(anchor, n);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, tree_node::type::sequence, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, tree_node::type::mapping, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct frame {
    tree_node* node;
    YAML::anchor_t anchor;
    std::size_t first_count;  // nodes counted before this one, to size it for aliases
  };
  struct anchored {
    tree_node node;
    std::size_t size = 0;
    bool complete = false;
  };

  static std::uint32_t line(const YAML::Mark& m) {
    return m.line >= 0 ? static_cast<std::uint32_t>(m.line + 1) : 0;
  }
  static std::uint32_t column(const YAML::Mark& m) {
    return m.column >= 0 ? static_cast<std::uint32_t>(m.column + 1) : 0;
  }

  void count(const YAML::Mark& mark, std::size_t nodes) {
    counted_ += nodes;
    if (counted_ > budget_)
      throw limit_reached{line(mark), column(mark), "too-large",
                          "the document expands to far more values than it has bytes (an alias "
                          "bomb?)"};
  }

  /// A new value in the current container (a key or a value of a mapping, or a list item).
  tree_node& add(const YAML::Mark& mark, bool counts = true) {
    if (counts) count(mark, 1);
    tree_node* n = nullptr;
    if (stack_.empty()) {
      n = &root_;
    } else {
      tree_node& parent = *stack_.back().node;
      if (parent.kind == tree_node::type::mapping && parent.keys.size() == parent.items.size())
        n = &parent.keys.emplace_back();
      else
        n = &parent.items.emplace_back();
    }
    n->line = line(mark);
    n->column = column(mark);
    return *n;
  }

  void open(const YAML::Mark& mark, tree_node::type kind, YAML::anchor_t anchor) {
    if (stack_.size() >= static_cast<std::size_t>(max_tree_depth))
      throw limit_reached{line(mark), column(mark), "too-deep",
                          fmt::format("values nested more than {} levels deep", max_tree_depth)};
    const std::size_t before = counted_;
    tree_node& n = add(mark);
    n.kind = kind;
    if (anchor > 0) reserve_anchor(anchor);
    stack_.push_back({&n, anchor, before});
  }

  void close() {
    if (stack_.empty()) return;
    const frame top = stack_.back();
    stack_.pop_back();
    if (top.anchor > 0) {
      anchored& a = anchors_[top.anchor - 1];
      a.node = *top.node;
      a.size = counted_ - top.first_count;
      a.complete = true;
    }
  }

  void reserve_anchor(YAML::anchor_t anchor) {
    if (anchors_.size() < anchor) anchors_.resize(anchor);
    anchors_[anchor - 1].complete = false;
  }

  void remember(YAML::anchor_t anchor, const tree_node& n) {
    if (anchor == 0) return;
    reserve_anchor(anchor);
    anchors_[anchor - 1] = {n, 1, true};
  }

  tree_node& root_;
  std::size_t budget_;
  std::size_t counted_ = 0;
  int documents_ = 0;
  std::vector<frame> stack_;
  std::vector<anchored> anchors_;
};

}  // namespace

bool read_yaml(std::string_view text, const std::string& file, tree_node& root,
               diagnostic_list& diags) {
  root = tree_node{};
  root.line = root.column = 1;
  // An honest document has fewer values than bytes; anything far beyond is alias expansion.
  tree_builder builder(root, text.size() + 10'000);
  std::string copy(text);
  // yaml-cpp ends lines at LF only; YAML (and old Mac files) also end them at a CR alone.
  // Same length, so every column stays where it was.
  if (copy.find('\r') != std::string::npos)
    for (std::size_t i = 0; i < copy.size(); ++i)
      if (copy[i] == '\r' && (i + 1 == copy.size() || copy[i + 1] != '\n')) copy[i] = '\n';
  try {
    std::istringstream stream{std::move(copy)};
    YAML::Parser parser(stream);
    // Debian's yaml-cpp 0.7 can report "another document" forever after some syntax errors
    // (fixed upstream in 2024); the builder stops at the second document, so this ends.
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const limit_reached& limit) {
    diags.error({file, limit.line, limit.column}, limit.code, limit.message);
    return false;
  } catch (const YAML::Exception& e) {
    std::string message = e.msg;
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(message[0]));
    diags.error({file, static_cast<std::uint32_t>(e.mark.line + 1),
                 static_cast<std::uint32_t>(e.mark.column + 1)},
                "syntax", message);
    return false;
  }
  return true;
}

}  // namespace eventgraph::detail
