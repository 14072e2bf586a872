// Text measurement for the timeline: DejaVu Sans advance widths, cutting with "…", wrapping.

#include <algorithm>
#include <array>
#include <cstdint>

#include "core/text.hpp"
#include "render/timeline/timeline_layout.hpp"

namespace eventgraph::detail::timeline {
namespace {

// Advance widths of ASCII 32..126 in DejaVu Sans and DejaVu Sans Bold, in font units (2048/em),
// read from the fonts' hmtx tables.
constexpr std::array<std::uint16_t, 95> regular_widths = {
    651,  821,  942,  1716, 1303, 1946, 1597, 563,  799,  799,  1024, 1716, 651,  739,  651,  690,
    1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690,  690,  1716, 1716, 1716, 1087,
    2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604,  604,  1343, 1141, 1767, 1532, 1612,
    1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799,  690,  799,  1716, 1024,
    1024, 1255, 1300, 1126, 1300, 1260, 721,  1300, 1298, 569,  569,  1186, 569,  1995, 1298, 1253,
    1300, 1300, 842,  1067, 803,  1298, 1212, 1675, 1212, 1212, 1075, 1303, 690,  1303, 1716};
constexpr std::array<std::uint16_t, 95> bold_widths = {
    713,  934,  1067, 1716, 1425, 2052, 1786, 627,  936,  936,  1071, 1716, 778,  850,  778,  748,
    1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 819,  819,  1716, 1716, 1716, 1188,
    2048, 1585, 1561, 1503, 1700, 1399, 1399, 1681, 1714, 762,  762,  1587, 1305, 2038, 1714, 1741,
    1501, 1741, 1577, 1475, 1397, 1663, 1585, 2259, 1579, 1483, 1485, 936,  748,  936,  1716, 1024,
    1024, 1382, 1466, 1214, 1466, 1389, 891,  1466, 1458, 702,  702,  1362, 702,  2134, 1458, 1407,
    1466, 1466, 1010, 1219, 979,  1458, 1335, 1892, 1321, 1335, 1192, 1458, 748,  1458, 1716};

/// Width of one code point in font units.
double advance(char32_t cp, bool bold) {
  if (cp >= 32 && cp < 127) return (bold ? bold_widths : regular_widths)[cp - 32];
  if (cp < 32 || (cp >= 0x7F && cp < 0xA0)) return 0;  // control: removed on output
  if (cp >= 0x300 && cp < 0x370) return 0;             // combining marks
  if ((cp >= 0x1100 && cp < 0x1160) || (cp >= 0x2E80 && cp < 0xA4D0) ||
      (cp >= 0xAC00 && cp < 0xD7A4) || (cp >= 0xF900 && cp < 0xFB00) ||
      (cp >= 0xFE30 && cp < 0xFE50) || (cp >= 0xFF00 && cp < 0xFF61) || cp >= 0x1F300)
    return 2048;              // wide: CJK, Hangul, fullwidth forms, emoji
  return bold ? 1460 : 1302;  // Latin-1, Latin Extended, Greek, Cyrillic: DejaVu's average
}

constexpr double font_units = 2048.0;

double advance_at(std::string_view s, std::size_t& i, bool bold) {
  const text::code_point cp = text::next_code_point(s, i);
  i += cp.bytes;
  return advance(cp.value, bold);
}

}  // namespace

double text_width(std::string_view utf8, double font_px, bool bold) {
  double units = 0;
  for (std::size_t i = 0; i < utf8.size();) units += advance_at(utf8, i, bold);
  return units * font_px / font_units;
}

std::string fit_text(std::string_view text, double font_px, double max_px, bool bold) {
  if (text_width(text, font_px, bold) <= max_px) return std::string(text);
  const double budget = (max_px * font_units / font_px) - 2048;  // room for "…"
  double units = 0;
  std::size_t i = 0;
  std::size_t cut = 0;
  while (i < text.size()) {
    units += advance_at(text, i, bold);
    if (units > budget) break;
    cut = i;
  }
  std::string out(text.substr(0, cut));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  out += "\xE2\x80\xA6";
  return out;
}

std::vector<std::string> wrap_text(std::string_view text, double font_px, double max_px,
                                   std::size_t max_lines, bool bold) {
  std::vector<std::string> lines;
  while (!text.empty() && lines.size() + 1 < max_lines &&
         text_width(text, font_px, bold) > max_px) {
    // The longest prefix ending before a space that fits.
    std::size_t best = std::string_view::npos;
    for (std::size_t pos = text.find(' '); pos != std::string_view::npos;
         pos = text.find(' ', pos + 1)) {
      if (text_width(text.substr(0, pos), font_px, bold) > max_px) break;
      best = pos;
    }
    if (best == std::string_view::npos || best == 0) break;  // one long word: cut below
    lines.emplace_back(text.substr(0, best));
    text.remove_prefix(best + 1);
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  }
  if (!text.empty() || lines.empty()) lines.push_back(fit_text(text, font_px, max_px, bold));
  return lines;
}

}  // namespace eventgraph::detail::timeline
