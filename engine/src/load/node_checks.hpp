#pragma once
// Checks on the nodes of a document tree that every record reader shares: types, known and
// repeated fields, required fields, text and ids. Each problem becomes a diagnostic.

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>

#include "eventgraph/diagnostic.hpp"
#include "eventgraph/model.hpp"
#include "load/document_tree.hpp"

namespace eventgraph::detail {

class node_checks {
 public:
  node_checks(std::string file, std::uint32_t file_index, bool warnings, diagnostic_list& diags)
      : file_(std::move(file)), file_index_(file_index), warnings_(warnings), diags_(diags) {}

 protected:
  [[nodiscard]] source_location where(const tree_node& n) const {
    return {file_, n.line, n.column};
  }
  [[nodiscard]] position at(const tree_node& n) const { return {file_index_, n.line, n.column}; }

  /// A warning, once per place: a YAML alias repeats the values it copies, positions included.
  void warn(source_location at, const char* code, std::string message);
  void error(const tree_node& n, const char* code, std::string message);

  /// "; did you mean 'title'?" when a name is close to one of `names`, else "".
  static std::string suggest(std::string_view name, std::initializer_list<std::string_view> names);
  static std::string suggest(std::string_view name, std::span<const std::string_view> names);

  bool expect_mapping(const tree_node& n, std::string_view what);
  bool expect_list(const tree_node& n, std::string_view what);
  /// Every key is text, appears once, and is one of `allowed` or `extra`.
  void check_keys(const tree_node& n, std::span<const std::string_view> allowed,
                  std::span<const std::string_view> extra = {});
  std::string comma_hint(const tree_node& n, std::size_t i,
                         std::span<const std::string_view> allowed) const;
  [[nodiscard]] static const tree_node* field(const tree_node& n, std::string_view key);
  const tree_node* required(const tree_node& n, std::string_view key, std::string_view what);
  bool read_text(const tree_node& n, std::string& out);
  void read_id(const tree_node& n, std::string& out, std::string_view what);

  std::string file_;
  std::uint32_t file_index_;  // of file_ in story::files
  bool warnings_;
  std::unordered_set<std::uint64_t> warned_at_;
  diagnostic_list& diags_;
};

}  // namespace eventgraph::detail
