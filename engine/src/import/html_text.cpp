// HTML as plain text, for a post's content or a spreadsheet's rich-text cell. libxml2's HTML
// parser builds the tree (it recovers from unclosed and stray tags as browsers do); the tree is
// walked with a loop over parent/child/sibling pointers, never recursion, so ten thousand nested
// divs need no deeper stack than one.
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <climits>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/text.hpp"
#include "import/records.hpp"

namespace eventgraph::detail {
namespace {

struct doc_deleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using doc_ptr = std::unique_ptr<xmlDoc, doc_deleter>;

/// libxml2 names are NUL-terminated UTF-8; HTML element names come lower-cased.
std::string_view name_of(const xmlNode* n) {
  return n->name ? std::string_view(reinterpret_cast<const char*>(n->name)) : std::string_view();
}

/// Elements whose content is not text a reader sees.
bool is_hidden(std::string_view name) {
  return name == "script" || name == "style" || name == "template" || name == "title";
}

/// Elements that start and end a line of their own.
bool is_block(std::string_view name) {
  static constexpr std::string_view blocks[] = {
      "p",     "div",     "li",      "ul",     "ol",      "h1",         "h2",
      "h3",    "h4",      "h5",      "h6",     "tr",      "blockquote", "pre",
      "table", "section", "article", "header", "footer",  "dd",         "dt",
      "dl",    "hr",      "aside",   "nav",    "figure",  "figcaption", "address",
      "main",  "details", "summary", "form",   "fieldset"};
  for (std::string_view b : blocks)
    if (name == b) return true;
  return false;
}

/// HTML's ASCII whitespace (HTML Living Standard, "ASCII whitespace").
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/// Appends text with whitespace runs collapsed to one space and line breaks merged: no leading
/// or trailing space on a line, no empty lines.
class text_builder {
 public:
  void add(std::string_view s) {
    for (char c : s) {
      if (is_space(c)) {
        pending_space_ = true;
        continue;
      }
      if (!out_.empty()) {
        if (pending_break_)
          out_ += '\n';
        else if (pending_space_)
          out_ += ' ';
      }
      pending_space_ = pending_break_ = false;
      out_ += c;
    }
  }
  void line_break() { pending_break_ = true; }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
  bool pending_space_ = false;
  bool pending_break_ = false;
};

/// An href as the HTML standard reads it: leading and trailing ASCII whitespace stripped.
std::string_view trimmed(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

class link_collector {
 public:
  explicit link_collector(std::vector<std::string>& links) : links_(links) {}
  void from(const xmlNode* n) {
    if (name_of(n) != "a") return;
    xmlChar* href = xmlGetProp(n, reinterpret_cast<const xmlChar*>("href"));
    if (!href) return;
    const std::string_view url = trimmed(reinterpret_cast<const char*>(href));
    // The one link rule decides: javascript:, data: and relative hrefs are not sources.
    if (text::is_link(url) && seen_.emplace(url).second) links_.emplace_back(url);
    xmlFree(href);
  }

 private:
  std::vector<std::string>& links_;
  std::unordered_set<std::string> seen_;
};

/// Entering an element: its line break, its link; whether its content is read.
bool enter(const xmlNode* n, text_builder& text, link_collector& links) {
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    // A script's or style's own text is dropped. Only its own: without implied html and body,
    // libxml2 nests what follows a leading <script> inside it, and that is the content.
    const bool hidden =
        n->parent && n->parent->type == XML_ELEMENT_NODE && is_hidden(name_of(n->parent));
    if (n->content && !hidden) text.add(reinterpret_cast<const char*>(n->content));
    return false;
  }
  if (n->type != XML_ELEMENT_NODE) return false;  // comments, processing instructions
  const std::string_view name = name_of(n);
  if (name == "template") return false;  // inert markup, never shown
  if (name == "br" || is_block(name)) text.line_break();
  links.from(n);
  return n->children != nullptr;
}

void leave(const xmlNode* n, text_builder& text) {
  if (n->type == XML_ELEMENT_NODE && is_block(name_of(n))) text.line_break();
}

}  // namespace

html_text html_to_text(std::string_view html) {
  html_text result;
  // The parser is told the input is UTF-8; cleaning first means it never has to guess, and
  // controls or bad bytes never reach the tree.
  const std::string input = text::clean(html);
  if (input.empty()) return result;
  if (input.size() > static_cast<std::size_t>(INT_MAX)) {  // beyond libxml2's int sizes
    text_builder text;
    text.add(input);
    result.text = text.take();
    return result;
  }
  const doc_ptr doc(htmlReadMemory(input.data(), static_cast<int>(input.size()), nullptr, "UTF-8",
                                   HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                       HTML_PARSE_RECOVER | HTML_PARSE_NOIMPLIED | XML_PARSE_HUGE));
  if (!doc) return result;

  text_builder text;
  link_collector links(result.links);
  const xmlNode* root = reinterpret_cast<const xmlNode*>(doc.get());
  const xmlNode* n = root->children;
  while (n) {
    if (enter(n, text, links)) {
      n = n->children;
      continue;
    }
    // No children to read: leave this node, then every ancestor whose last child this was.
    while (n != root) {
      leave(n, text);
      if (n->next) {
        n = n->next;
        break;
      }
      n = n->parent;
    }
    if (n == root) break;
  }
  // Character references can name controls (&#1;) or bad code points: clean once more.
  result.text = text::clean(text.take());
  return result;
}

}  // namespace eventgraph::detail
