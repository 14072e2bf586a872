#include "load/document_tree.hpp"

#include <cstring>

#include <fmt/format.h>
#include <simdjson.h>

namespace eventgraph::detail {

std::string_view type_name(tree_node::type t) {
  switch (t) {
    case tree_node::type::null:
      return "nothing (null)";
    case tree_node::type::boolean:
      return "true/false";
    case tree_node::type::integer:
      return "a whole number";
    case tree_node::type::number:
      return "a number";
    case tree_node::type::string:
      return "text";
    case tree_node::type::sequence:
      return "a list";
    case tree_node::type::mapping:
      return "a mapping";
  }
  return "a value";
}

bool check_encoding(std::string_view text, const std::string& file, diagnostic_list& diags,
                    bool known_nul_free) {
  // The common case, checked at SIMD speed; the byte loop below finds and places problems.
  if (simdjson::validate_utf8(text.data(), text.size()) &&
      (known_nul_free || std::memchr(text.data(), 0, text.size()) == nullptr))
    return true;
  const std::size_t errors_before = diags.error_count();
  bool nul_reported = false;  // one is enough: a UTF-16 or binary file has thousands
  std::uint32_t line = 1;
  std::size_t line_start = 0;
  auto report = [&](std::size_t at, std::string message) {
    diags.error({file, line, static_cast<std::uint32_t>(at - line_start + 1)}, "encoding",
                std::move(message));
  };
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = bytes[i];
    if (c < 0x80) {
      if (c == 0 && !nul_reported) {
        report(i, "NUL byte in text; the file may be UTF-16 or binary");
        nul_reported = true;
      }
      // A CR alone (old Mac files) ends a line too; CR LF is one line end.
      if (c == '\n' || (c == '\r' && (i + 1 == text.size() || bytes[i + 1] != '\n'))) {
        ++line;
        line_start = i + 1;
      }
      ++i;
      continue;
    }
    // Well-formed UTF-8 per Unicode table 3-7: no overlongs, no surrogates, max U+10FFFF.
    std::size_t length = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
      length = 2;
    else if (c == 0xE0)
      length = 3, lo = 0xA0;
    else if (c >= 0xE1 && c <= 0xEC)
      length = 3;
    else if (c == 0xED)
      length = 3, hi = 0x9F;
    else if (c >= 0xEE && c <= 0xEF)
      length = 3;
    else if (c == 0xF0)
      length = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3)
      length = 4;
    else if (c == 0xF4)
      length = 4, hi = 0x8F;
    bool valid = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
      unsigned char cc = bytes[i + k];
      valid = k == 1 ? (cc >= lo && cc <= hi) : (cc >= 0x80 && cc <= 0xBF);
    }
    if (!valid) {
      report(i, fmt::format("invalid UTF-8 (byte 0x{:02X}); save the file as UTF-8", c));
      ++i;
      continue;
    }
    i += length;
  }
  return diags.error_count() == errors_before;
}

}  // namespace eventgraph::detail
