#include "core/text.hpp"

#include "eventgraph/text.hpp"

#include <bit>

#include <fmt/format.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace eventgraph::detail::text {
namespace {

/// The end of the run of plain JSON string bytes (ASCII, not a control, not `"` or `\`)
/// starting at `i`. Sixteen bytes at a time where SSE2 is there: an export of a million
/// events is mostly such runs.
std::size_t plain_json_run(std::string_view s, std::size_t i) {
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'),
                backslash = _mm_set1_epi8('\\');
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    // Signed: bytes from 0x80 are negative, so below 0x20 catches them with the controls.
    const __m128i special =
        _mm_or_si128(_mm_cmplt_epi8(v, space),
                     _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    if (const auto found = static_cast<unsigned>(_mm_movemask_epi8(special)))
      return i + static_cast<std::size_t>(std::countr_zero(found));
  }
#endif
  for (; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
  }
  return i;
}

}  // namespace

code_point next_code_point(std::string_view s, std::size_t at) {
  constexpr code_point invalid{0xFFFD, 1, false};
  const auto b0 = static_cast<unsigned char>(s[at]);
  if (b0 < 0x80) return {b0, 1, true};
  std::uint32_t length = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if ((b0 & 0xE0) == 0xC0) {
    length = 2, value = b0 & 0x1Fu, minimum = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3, value = b0 & 0x0Fu, minimum = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4, value = b0 & 0x07u, minimum = 0x10000;
  } else {
    return invalid;
  }
  if (s.size() - at < length) return invalid;
  for (std::uint32_t k = 1; k < length; ++k) {
    const auto b = static_cast<unsigned char>(s[at + k]);
    if ((b & 0xC0) != 0x80) return invalid;
    value = (value << 6) | (b & 0x3Fu);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return invalid;
  return {value, length, true};
}

std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for_each_code_point(s, [&](code_point, std::string_view) { ++n; });
  return n;
}

void append_utf8(std::string& out, char32_t cp) {
  auto byte = [&](char32_t b) { out += static_cast<char>(static_cast<unsigned char>(b)); };
  if (cp < 0x80) {
    byte(cp);
  } else if (cp < 0x800) {
    byte(0xC0 | (cp >> 6)), byte(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    byte(0xE0 | (cp >> 12)), byte(0x80 | ((cp >> 6) & 0x3F)), byte(0x80 | (cp & 0x3F));
  } else {
    byte(0xF0 | (cp >> 18)), byte(0x80 | ((cp >> 12) & 0x3F));
    byte(0x80 | ((cp >> 6) & 0x3F)), byte(0x80 | (cp & 0x3F));
  }
}

bool is_dropped(char32_t cp) {
  if (cp < 0x20) return cp != '\t' && cp != '\n' && cp != '\r';
  return (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF;
}

bool is_bidi_control(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

namespace {

/// Walks the cleaned text: `f(cp, bytes)` for each code point that is kept.
template <typename F>
void for_each_kept(std::string_view s, F&& f) {
  for_each_code_point(s, [&](code_point cp, std::string_view bytes) {
    if (cp.valid && !is_dropped(cp.value)) f(cp.value, bytes);
  });
}

void append_markup(std::string& out, std::string_view s, line_breaks breaks,
                   std::string_view apostrophe) {
  out.reserve(out.size() + s.size());
  for_each_kept(s, [&](char32_t cp, std::string_view bytes) {
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += apostrophe;
        break;
      case '\n':
      case '\t':
        out += breaks == line_breaks::keep ? static_cast<char>(cp) : ' ';
        break;
      default:
        out += bytes;
    }
  });
}

}  // namespace

std::string clean(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for_each_kept(s, [&](char32_t, std::string_view bytes) { out += bytes; });
  return out;
}

void append_xml(std::string& out, std::string_view s, line_breaks breaks) {
  append_markup(out, s, breaks, "&apos;");
}

std::string escape_xml(std::string_view s) {
  std::string out;
  append_xml(out, s);
  return out;
}

std::string escape_html(std::string_view s) {
  std::string out;
  append_markup(out, s, line_breaks::keep, "&#39;");
  return out;
}

std::string escape_dot(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for_each_kept(s, [&](char32_t cp, std::string_view bytes) {
    if (cp == '\\' || cp == '"') {
      out += '\\';
      out += bytes;
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp != '\r') {
      out += bytes;
    }
  });
  return out;
}

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    if (const std::size_t end = plain_json_run(s, i); end > i) {  // copied at once: most text
      out.append(s, i, end - i);
      i = end;
      if (i == s.size()) break;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\f':
          out += "\\f";
          break;
        case '\r':
          out += "\\r";
          break;
        default:
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
      }
      ++i;
      continue;
    }
    const code_point cp = next_code_point(s, i);
    if (cp.valid)
      out.append(s, i, cp.bytes);
    else
      out += "\xEF\xBF\xBD";
    i += cp.bytes;
  }
  out += '"';
}

std::string escape_terminal(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for_each_code_point(s, [&](code_point cp, std::string_view bytes) {
    if (!cp.valid) {
      for (const char b : bytes) out += fmt::format("\\x{:02X}", static_cast<unsigned char>(b));
    } else if (cp.value < 0x20 || cp.value == 0x7F) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned>(cp.value));
    } else if ((cp.value >= 0x80 && cp.value <= 0x9F) || is_bidi_control(cp.value) ||
               cp.value == 0x2028 || cp.value == 0x2029) {
      out += fmt::format("\\u{:04X}", static_cast<unsigned>(cp.value));
    } else {
      out += bytes;
    }
  });
  return out;
}

namespace {

/// Bytes after the scheme's `://`, or npos when the scheme is neither http nor https.
std::size_t authority_start(std::string_view url) {
  auto starts_with_nocase = [&](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      char c = url[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != prefix[i]) return false;
    }
    return true;
  };
  if (starts_with_nocase("https://")) return 8;
  if (starts_with_nocase("http://")) return 7;
  return std::string_view::npos;
}

}  // namespace

bool is_link(std::string_view url) {
  const std::size_t host = authority_start(url);
  if (host == std::string_view::npos || url.size() > max_link_length) return false;
  // A host: something before the path, query or fragment starts.
  if (host == url.size() || url[host] == '/' || url[host] == '?' || url[host] == '#') return false;
  bool ok = true;
  for_each_code_point(url, [&](code_point cp, std::string_view) {
    ok = ok && cp.valid && cp.value > 0x20 && !(cp.value >= 0x7F && cp.value <= 0x9F) &&
         !is_bidi_control(cp.value) && cp.value != 0x2028 && cp.value != 0x2029 &&
         !is_dropped(cp.value);
  });
  return ok;
}

std::string percent_encode_link(std::string_view url) {
  constexpr std::string_view allowed = "-._~:/?#[]@!$&'()*+,;=%";
  std::string out;
  out.reserve(url.size());
  for (const char c : url) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum || allowed.find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
  }
  return out;
}

}  // namespace eventgraph::detail::text

namespace eventgraph {

std::string escape_terminal(std::string_view text) {
  return detail::text::escape_terminal(text);
}

}  // namespace eventgraph
