#include "import/json_records.hpp"

#include "eventgraph/diagnostic.hpp"

namespace eventgraph::detail {

bool read_json_record(std::string_view text, const import_input& in, std::uint32_t line_offset,
                      tree_node& root, import_sink& sink, std::string& buffer) {
  buffer.assign(text);
  buffer.append(json_padding, ' ');
  diagnostic_list diags;
  root = tree_node{};
  if (read_json(std::string_view(buffer.data(), text.size()), std::string(in.name), line_offset,
                root, diags))
    return true;
  for (const diagnostic& d : diags.items())
    sink.bad_record({d.where.line, d.where.column}, d.message);
  return false;
}

const tree_node* member(const tree_node& object, std::string_view key) {
  if (object.kind != tree_node::type::mapping) return nullptr;
  for (std::size_t i = 0; i < object.keys.size(); ++i)
    if (object.keys[i].text == key) return &object.items[i];
  return nullptr;
}

std::string_view scalar_text(const tree_node* n) {
  if (!n || n->kind == tree_node::type::null || n->kind == tree_node::type::mapping ||
      n->kind == tree_node::type::sequence)
    return {};
  return n->text;
}

}  // namespace eventgraph::detail
