#pragma once
// A streaming XML writer for the GraphML and GEXF exports: libxml2's xmlTextWriter does the
// escaping; text is first cleaned of what XML 1.0 forbids (text::clean, core/text.hpp). libxml2
// stays in export_xml.cpp.

#include <memory>
#include <string>
#include <string_view>

#include "eventgraph/diagnostic.hpp"

namespace eventgraph::detail {

class xml_writer {
 public:
  xml_writer();
  ~xml_writer();
  xml_writer(const xml_writer&) = delete;
  xml_writer& operator=(const xml_writer&) = delete;

  /// `<name`; attributes follow until the first child or text.
  void start(std::string_view name);
  void attribute(std::string_view name, std::string_view value);
  void text(std::string_view value);
  /// Closes the innermost open element (`/>` when it is empty).
  void end();
  /// `<name>value</name>`.
  void element(std::string_view name, std::string_view value);
  /// The document, or a diagnostic (code "xml") if libxml2 reported a failure.
  [[nodiscard]] result<std::string> finish();

 private:
  struct state;
  std::unique_ptr<state> state_;
};

}  // namespace eventgraph::detail
