// export_format::json: eventgraph's own format (docs/format.md), so that loading the output and
// exporting again gives the same bytes. Laid out as nlohmann's dump(2) would lay out the whole
// document, but written one actor and one event at a time. The values each record is written
// from (header_value, actor_value, event_value) are also what the yaml and ndjson exports write.

#include "export/export_common.hpp"
#include "export/export_writers.hpp"
#include "export/own_format.hpp"

namespace eventgraph::detail {
namespace {

using ordered = ordered_json;

std::string dump(const ordered& value) {
  return dump_json(value, 2);
}

/// An own_format writer that builds a JSON value.
class value_builder {
 public:
  void begin_object() { open(ordered::object()); }
  void end_object() { open_.pop_back(); }
  void begin_array() { open(ordered::array()); }
  void end_array() { open_.pop_back(); }
  void key(std::string_view name) { key_ = name; }
  void text(std::string_view value) { put(ordered(value)); }
  void integer(std::int64_t value) { put(ordered(value)); }
  void number(double value) { put(ordered(value)); }
  ordered take() { return std::move(root_); }

 private:
  ordered& put(ordered&& value) {
    if (open_.empty()) return root_ = std::move(value);
    ordered& parent = *open_.back();
    if (parent.is_array()) return parent.emplace_back(std::move(value));
    return parent[key_] = std::move(value);
  }
  void open(ordered&& value) { open_.push_back(&put(std::move(value))); }

  ordered root_;
  std::vector<ordered*> open_;  // pointers stay valid: only the innermost container grows
  std::string key_;
};

template <typename Write>
ordered value_of(Write&& write) {
  value_builder builder;
  write(builder);
  return builder.take();
}

}  // namespace

std::string dump_json(const ordered_json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

ordered_json header_value(const story& s) {
  return value_of([&](value_builder& out) { own_format::header(out, s); });
}

ordered_json actor_value(const story& s, const actor& a) {
  return value_of([&](value_builder& out) { own_format::actor_fields(out, s, a); });
}

ordered_json event_value(const story& s, const event& e) {
  return value_of([&](value_builder& out) { own_format::event_fields(out, s, e); });
}

namespace {

std::string fmt_key(std::string_view key) {
  return "  \"" + std::string(key) + "\": ";
}

template <typename Items, typename ToJson>
void append_array(std::string& out, const char* key, const Items& items, ToJson&& to_json,
                  bool last) {
  out += fmt_key(key);
  if (items.empty()) {
    out += "[]";
  } else {
    out += "[\n";
    bool first = true;
    for (const auto& item : items) {
      if (!first) out += ",\n";
      first = false;
      append_indented(out, dump(to_json(item)), 4);
    }
    out += "\n  ]";
  }
  out += last ? "\n" : ",\n";
}

}  // namespace

std::string export_json(const story& s) {
  std::string out = "{\n";
  const ordered header = header_value(s);
  for (const auto& [key, value] : header.items()) {
    std::string text;
    append_indented(text, dump(value), 2);
    out += fmt_key(key) + text.substr(2) + ",\n";
  }
  append_array(
      out, "actors", s.actors, [&](const actor& a) { return actor_value(s, a); }, false);
  append_array(
      out, "events", s.events, [&](const event& e) { return event_value(s, e); }, true);
  out += "}\n";
  return out;
}

}  // namespace eventgraph::detail
