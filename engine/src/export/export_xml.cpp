#include "export/export_xml.hpp"

#include <libxml/xmlwriter.h>

#include "core/text.hpp"
#include "export/export_common.hpp"

namespace eventgraph::detail {
namespace {

struct writer_deleter {
  void operator()(xmlTextWriterPtr writer) const { xmlFreeTextWriter(writer); }
};

/// libxml2 takes NUL-terminated `xmlChar*`; the cleaned text has no NUL (text::clean drops it).
const xmlChar* chars(const std::string& text) {
  return reinterpret_cast<const xmlChar*>(text.c_str());
}

/// libxml2's output callback: appends to the std::string passed as context.
int append_output(void* context, const char* data, int length) {
  static_cast<std::string*>(context)->append(data, static_cast<std::size_t>(length));
  return length;
}

}  // namespace

struct xml_writer::state {
  std::string text;  // declared first: the writer flushes into it when destroyed
  std::unique_ptr<xmlTextWriter, writer_deleter> writer;
  bool failed = false;

  void check(int status) { failed = failed || status < 0; }
};

xml_writer::xml_writer() : state_(std::make_unique<state>()) {
  // Streams into a std::string: no 2 GB limit of xmlBuffer, no second copy.
  xmlOutputBufferPtr output =
      xmlOutputBufferCreateIO(append_output, nullptr, &state_->text, nullptr);
  if (output == nullptr) {
    state_->failed = true;
    return;
  }
  state_->writer.reset(xmlNewTextWriter(output));  // owns `output` from here on
  if (!state_->writer) {
    xmlOutputBufferClose(output);
    state_->failed = true;
    return;
  }
  state_->check(xmlTextWriterSetIndent(state_->writer.get(), 1));
  state_->check(xmlTextWriterSetIndentString(state_->writer.get(), BAD_CAST "  "));
  state_->check(xmlTextWriterStartDocument(state_->writer.get(), nullptr, "UTF-8", nullptr));
}

xml_writer::~xml_writer() = default;

void xml_writer::start(std::string_view name) {
  if (state_->failed) return;
  state_->check(xmlTextWriterStartElement(state_->writer.get(), chars(std::string(name))));
}

void xml_writer::attribute(std::string_view name, std::string_view value) {
  if (state_->failed) return;
  state_->check(xmlTextWriterWriteAttribute(state_->writer.get(), chars(std::string(name)),
                                            chars(text::clean(value))));
}

void xml_writer::text(std::string_view value) {
  if (state_->failed) return;
  // Whitespace a reader could collapse (Boost's read_graphml normalizes it) goes out as
  // character references: newlines, tabs, and spaces that lead, trail or follow a space.
  const std::string clean = text::clean(value);
  std::string run;
  auto flush = [&] {
    if (!run.empty()) state_->check(xmlTextWriterWriteString(state_->writer.get(), chars(run)));
    run.clear();
  };
  for (std::size_t i = 0; i < clean.size(); ++i) {
    const char c = clean[i];
    const char* reference = nullptr;
    if (c == '\n') {
      reference = "&#10;";
    } else if (c == '\t') {
      reference = "&#9;";
    } else if (c == ' ' && (i == 0 || i + 1 == clean.size() || clean[i - 1] == ' ' ||
                            clean[i - 1] == '\n' || clean[i - 1] == '\t')) {
      reference = "&#32;";
    }
    if (reference == nullptr) {
      run.push_back(c);
      continue;
    }
    flush();
    state_->check(xmlTextWriterWriteRaw(state_->writer.get(), BAD_CAST reference));
  }
  flush();
}

void xml_writer::end() {
  if (state_->failed) return;
  state_->check(xmlTextWriterEndElement(state_->writer.get()));
}

void xml_writer::element(std::string_view name, std::string_view value) {
  start(name);
  text(value);
  end();
}

result<std::string> xml_writer::finish() {
  if (!state_->failed) state_->check(xmlTextWriterEndDocument(state_->writer.get()));
  if (!state_->failed) state_->check(xmlTextWriterFlush(state_->writer.get()));
  if (state_->failed) {
    diagnostic_list diags;
    diags.error({}, "xml", "libxml2 could not write the document (out of memory?)");
    return diags;
  }
  state_->writer.reset();  // closes the output, which flushes what is left
  return std::move(state_->text);
}

}  // namespace eventgraph::detail
