#include "render/image_check.hpp"

namespace eventgraph::detail {
namespace {

/// A page object (`/Type /Page`, not `/Type /Pages`): cairo writes one per page, and none when
/// drawing failed.
bool has_pdf_page(std::string_view pdf) {
  constexpr std::string_view key = "/Type /Page";
  for (std::size_t at = pdf.find(key); at != std::string_view::npos;
       at = pdf.find(key, at + key.size())) {
    const std::size_t next = at + key.size();
    if (next < pdf.size() && pdf[next] != 's') return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> image_problem(std::string_view bytes, image_format f) {
  switch (f) {
    case image_format::png: {
      constexpr std::string_view signature = "\x89PNG\r\n\x1a\n";
      constexpr std::string_view end = "IEND\xae\x42\x60\x82";
      if (bytes.empty()) return "the PNG is empty";
      if (bytes.substr(0, signature.size()) != signature) return "the PNG has no PNG signature";
      if (bytes.size() < end.size() || bytes.substr(bytes.size() - end.size()) != end)
        return "the PNG is cut short";
      return std::nullopt;
    }
    case image_format::pdf: {
      if (bytes.empty()) return "the PDF is empty";
      if (bytes.substr(0, 5) != "%PDF-") return "the PDF has no PDF header";
      if (bytes.find("%%EOF", bytes.size() > 64 ? bytes.size() - 64 : 0) == std::string_view::npos)
        return "the PDF is cut short";
      if (!has_pdf_page(bytes)) return "the PDF has no page";
      return std::nullopt;
    }
    case image_format::dot:
    case image_format::svg:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace eventgraph::detail
