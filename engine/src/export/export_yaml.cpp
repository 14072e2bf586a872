// export_format::yaml: eventgraph's own format as YAML, for a story a person goes on editing:
// block style, fields in docs/format.md's order, a blank line between events, dates quoted.
// A string is written plain only when every YAML reader (1.1 or 1.2) takes it for that same
// text; multi-line text is a literal block when it can be one; anything else is double-quoted
// with escapes, so control characters and line separators survive the round trip.

#include <algorithm>
#include <array>

#include "core/text.hpp"
#include "export/export_writers.hpp"
#include "export/own_format.hpp"

namespace eventgraph::detail {
namespace {

/// Code points written as `\uXXXX` inside double quotes: those YAML does not allow raw (C0,
/// DEL, C1, U+FFFE/U+FFFF) and those some readers take for line breaks or a byte order mark.
bool needs_escape(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
         cp == 0xFFFE || cp == 0xFFFF;
}

bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// Plain scalars are letters first, then letters, digits, spaces and `._-/'()?!&;%` (no `: `,
/// ` #`, `"` or flow indicators to misread; `,` only outside a flow list), not ending in a
/// space, and not a word YAML 1.1
/// reads as a boolean or null (`yes`, `Off`, `null`...). Non-ASCII letters are fine after
/// the first character.
enum class scalar_context : std::uint8_t { block, flow };

bool is_plain_safe(std::string_view s, scalar_context context) {
  if (s.empty() || !is_ascii_letter(s.front()) || s.back() == ' ') return false;
  if (s.size() <= 5) {
    std::string lower(s);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    static constexpr std::array<std::string_view, 9> words = {"y",   "n",    "yes",   "no",  "on",
                                                              "off", "true", "false", "null"};
    if (std::find(words.begin(), words.end(), lower) != words.end()) return false;
  }
  bool ok = true;
  text::for_each_code_point(s, [&](text::code_point cp, std::string_view) {
    const char32_t c = cp.value;
    const bool ascii_ok =
        (c < 0x80) &&
        (is_ascii_letter(static_cast<char>(c)) || (c >= '0' && c <= '9') ||
         std::string_view(" ._-/'()?!&;%").find(static_cast<char>(c)) != std::string_view::npos ||
         (c == ',' && context == scalar_context::block));
    if (!cp.valid || (c < 0x80 && !ascii_ok) || (c >= 0x80 && (needs_escape(c) || c == 0xA0)))
      ok = false;
  });
  return ok;
}

void append_hex4(std::string& out, char32_t cp) {
  static constexpr char digits[] = "0123456789ABCDEF";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += digits[(cp >> shift) & 0xF];
}

/// A double-quoted scalar; invalid UTF-8 becomes U+FFFD, as in the JSON export.
void append_quoted(std::string& out, std::string_view s) {
  out += '"';
  text::for_each_code_point(s, [&](text::code_point cp, std::string_view bytes) {
    if (!cp.valid) {
      text::append_utf8(out, U'\uFFFD');
    } else if (cp.value == '"' || cp.value == '\\') {
      out += '\\';
      out += static_cast<char>(cp.value);
    } else if (cp.value == '\n') {
      out += "\\n";
    } else if (cp.value == '\t') {
      out += "\\t";
    } else if (cp.value == '\r') {
      out += "\\r";
    } else if (needs_escape(cp.value)) {
      append_hex4(out, cp.value);
    } else {
      out += bytes;
    }
  });
  out += '"';
}

/// Whether text reads back the same from a literal block (`|-`, or `|` with one final line
/// break): several lines, the first neither empty nor indented (the block's indentation is
/// taken from it), no tab, carriage return or character that needs an escape.
bool fits_literal_block(std::string_view s) {
  const std::size_t newline = s.find('\n');
  if (newline == std::string_view::npos || newline + 1 == s.size()) return false;
  if (s.front() == ' ' || s.front() == '\n') return false;
  if (s.size() >= 2 && s[s.size() - 1] == '\n' && s[s.size() - 2] == '\n') return false;
  bool ok = true;
  text::for_each_code_point(s, [&](text::code_point cp, std::string_view) {
    if (!cp.valid || cp.value == '\t' || cp.value == '\r' ||
        (cp.value != '\n' && needs_escape(cp.value)))
      ok = false;
  });
  return ok;
}

/// A literal block whose lines are indented by `indent` (empty lines stay empty).
void append_literal(std::string& out, std::string_view s, std::size_t indent) {
  const bool final_break = s.back() == '\n';
  if (final_break) s.remove_suffix(1);
  out += final_break ? "|\n" : "|-\n";
  while (true) {
    const std::size_t end = std::min(s.find('\n'), s.size());
    if (end > 0) out.append(indent, ' ').append(s.substr(0, end));
    out += '\n';
    if (end == s.size()) break;
    s.remove_prefix(end + 1);
  }
}

enum class quoting : std::uint8_t { as_needed, always };

class yaml_writer {
 public:
  explicit yaml_writer(std::string& out) : out_(out) {}

  /// The fields of `object`, one per line at `indent`; the first line's indentation is
  /// already written (after a sequence's "- ").
  void mapping(const ordered_json& object, std::size_t indent) {
    bool first = true;
    for (const auto& [key, value] : object.items()) {
      if (!first) out_.append(indent, ' ');
      first = false;
      out_ += key;
      out_ += ':';
      value_after_key(value, indent, key == "date" ? quoting::always : quoting::as_needed);
    }
  }

  /// A block sequence of mappings at `indent`, each item after "- "; `gap` puts a blank line
  /// between items.
  void sequence(const ordered_json& items, std::size_t indent, bool gap) {
    bool first = true;
    for (const auto& item : items) {
      if (!first && gap) out_ += '\n';
      first = false;
      out_.append(indent, ' ');
      out_ += "- ";
      if (item.is_object()) {
        mapping(item, indent + 2);
      } else {
        scalar(item, quoting::as_needed);
        out_ += '\n';
      }
    }
  }

  void value_after_key(const ordered_json& value, std::size_t indent, quoting q) {
    if (value.is_array()) {
      if (value.empty()) {
        out_ += " []\n";
      } else if (std::all_of(value.begin(), value.end(),
                             [](const ordered_json& v) { return v.is_primitive(); })) {
        // Lists of ids and tags on one line, as people write them: [vale, westport].
        out_ += " [";
        bool first = true;
        for (const auto& item : value) {
          if (!first) out_ += ", ";
          first = false;
          scalar(item, quoting::as_needed, scalar_context::flow);
        }
        out_ += "]\n";
      } else {
        out_ += '\n';
        sequence(value, indent + 2, false);
      }
    } else if (value.is_object()) {
      out_ += '\n';
      out_.append(indent + 2, ' ');
      mapping(value, indent + 2);
    } else if (value.is_string() && q == quoting::as_needed &&
               fits_literal_block(value.get_ref<const std::string&>())) {
      out_ += ' ';
      append_literal(out_, value.get_ref<const std::string&>(), indent + 2);
    } else {
      out_ += ' ';
      scalar(value, q);
      out_ += '\n';
    }
  }

  /// A one-line scalar: numbers as JSON writes them (YAML reads them back as numbers), text
  /// plain or double-quoted.
  void scalar(const ordered_json& value, quoting q,
              scalar_context context = scalar_context::block) {
    if (!value.is_string()) {
      std::string number = dump_json(value);
      // YAML 1.1 reads `1e+20` as text: its floats need a point (`1.0e+20`), which 1.2 takes too.
      if (const std::size_t e = number.find('e');
          e != std::string::npos && number.find('.') == std::string::npos)
        number.insert(e, ".0");
      out_ += number;
      return;
    }
    const auto& text = value.get_ref<const std::string&>();
    if (q == quoting::as_needed && is_plain_safe(text, context))
      out_ += text;
    else
      append_quoted(out_, text);
  }

 private:
  std::string& out_;
};

}  // namespace

std::string export_yaml(const story& s) {
  std::string out;
  yaml_writer writer(out);
  writer.mapping(header_value(s), 0);
  auto list = [&](const char* key, const auto& items, auto&& to_value, bool gap) {
    out += '\n';
    out += key;
    if (items.empty()) {
      out += ": []\n";
      return;
    }
    out += ":\n";
    // One record at a time: a million events never make one value of a million objects.
    bool first = true;
    for (const auto& item : items) {
      if (!first && gap) out += '\n';
      first = false;
      ordered_json one = ordered_json::array();
      one.push_back(to_value(item));
      writer.sequence(one, 2, false);
    }
  };
  list(
      "actors", s.actors, [&](const actor& a) { return actor_value(s, a); }, false);
  list(
      "events", s.events, [&](const event& e) { return event_value(s, e); }, true);
  return out;
}

}  // namespace eventgraph::detail
