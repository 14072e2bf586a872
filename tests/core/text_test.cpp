#include "core/text.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>

using namespace eventgraph::detail::text;

TEST_CASE("text: the UTF-8 walk decodes well-formed sequences and steps over bad bytes") {
  CHECK(next_code_point("a", 0).value == U'a');
  const code_point e = next_code_point("\xC3\xA9", 0);
  CHECK(e.value == U'\u00E9');
  CHECK(e.bytes == 2);
  CHECK(e.valid);
  CHECK(next_code_point("\xF0\x9F\x98\x80", 0).value == U'\U0001F600');
  // Overlong, surrogate, past U+10FFFF, cut short, stray continuation: one invalid byte each.
  for (const std::string bad :
       {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "\x80"}) {
    const code_point cp = next_code_point(bad, 0);
    CHECK_FALSE(cp.valid);
    CHECK(cp.bytes == 1);
  }
  CHECK(count_code_points("a\xC3\xA9\xFF") == 3);
  std::string out;
  for (char32_t cp : {U'a', U'\u00E9', U'\u20AC', U'\U0001F600'}) append_utf8(out, cp);
  CHECK(out == "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
}

TEST_CASE("text: clean drops what XML forbids or terminals obey, and bad UTF-8") {
  CHECK(clean("a\x01"
              "b\tc\nd\re") == "ab\tc\nd\re");
  CHECK(clean("x\xEF\xBF\xBEy\xEF\xBF\xBFz") == "xyz");  // U+FFFE, U+FFFF
  CHECK(clean("x\x7F\xC2\x85y") == "xy");                // DEL, C1 NEL
  CHECK(clean("x\xFFy\xC3") == "xy");                    // invalid bytes
  CHECK(clean("\xE2\x80\xAEok") == "\xE2\x80\xAEok");    // bidi stays text in documents
}

TEST_CASE("text: escapers for XML, HTML and DOT") {
  CHECK(escape_xml("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
  CHECK(escape_xml("a\xEF\xBF\xBE"
                   "b") == "ab");
  std::string line;
  append_xml(line, "a\nb\tc", line_breaks::as_space);
  CHECK(line == "a b c");
  CHECK(escape_html("it's <b>") == "it&#39;s &lt;b&gt;");
  CHECK(escape_html("a\x1b[31m") == "a[31m");
  CHECK(escape_dot("say \"\\N\"\nnext\r") == "say \\\"\\\\N\\\"\\nnext");
  CHECK(escape_dot("a\xEF\xBF\xBE") == "a");
}

TEST_CASE("text: JSON strings are escaped as nlohmann writes them, invalid bytes replaced") {
  const auto json = [](std::string_view s) {
    std::string out = "x";  // appends, never replaces
    append_json_string(out, s);
    return out;
  };
  CHECK(json("") == "x\"\"");
  CHECK(json("plain text") == "x\"plain text\"");
  CHECK(json("a\"b\\c") == "x\"a\\\"b\\\\c\"");
  CHECK(json("\b\t\n\f\r") == "x\"\\b\\t\\n\\f\\r\"");
  CHECK(json(std::string("\x01\x1b\x1f\x7f", 4)) == "x\"\\u0001\\u001b\\u001f\x7f\"");
  CHECK(json(std::string("nul\0here", 8)) == "x\"nul\\u0000here\"");
  CHECK(json("caf\xC3\xA9 \xF0\x9F\x98\x80") == "x\"caf\xC3\xA9 \xF0\x9F\x98\x80\"");
  // Each invalid byte one U+FFFD, the text around it kept.
  CHECK(json("a\xFF"
             "b\xC3") ==
        "x\"a\xEF\xBF\xBD"
        "b\xEF\xBF\xBD\"");
}

TEST_CASE("text: JSON strings of any length escape every special byte wherever it falls") {
  // Plain runs are scanned sixteen bytes at a time: each special byte, at each position of a
  // long string (inside a block, on its edges, in the tail), against nlohmann's own writer.
  using namespace std::string_literals;
  for (const std::string& special :
       {"\""s, "\\"s, "\n"s, "\0"s, "\x1f"s, "\x7f"s, "\xC3\xA9"s, "\xFF"s, "\xF0\x9F\x98\x80"s}) {
    for (std::size_t at = 0; at <= 40; ++at) {
      std::string s(40, 'a');
      s.insert(at, special);
      std::string out;
      append_json_string(out, s);
      INFO(at);
      CHECK(out ==
            nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
  }
}

TEST_CASE("text: terminal text shows controls instead of obeying them") {
  CHECK(escape_terminal("a\x1b[2Jb\x07") == "a\\x1B[2Jb\\x07");
  CHECK(escape_terminal("tab\tnew\nline") == "tab\\x09new\\x0Aline");
  CHECK(escape_terminal("\xE2\x80\xAE"
                        "abc") == "\\u202Eabc");
  CHECK(escape_terminal("\xC2\x9B"
                        "1m") == "\\u009B1m");
  CHECK(escape_terminal("bad\xFF") == "bad\\xFF");
  CHECK(escape_terminal("caf\xC3\xA9 \\ ok") == "caf\xC3\xA9 \\ ok");
}

TEST_CASE("text: one link rule") {
  CHECK(is_link("https://example.org/a"));
  CHECK(is_link("HTTPS://example.com/x"));
  CHECK(is_link("http://example.org"));
  CHECK(is_link("https://example.org/a'b"));
  CHECK(is_link("https://ex.org/caf\xC3\xA9"));
  CHECK_FALSE(is_link("https://"));
  CHECK_FALSE(is_link("https:///path"));
  CHECK_FALSE(is_link("javascript:alert(1)"));
  CHECK_FALSE(is_link("ftp://example.org"));
  CHECK_FALSE(is_link("example.org"));
  CHECK_FALSE(is_link("https://example.org/a b"));
  CHECK_FALSE(is_link("https://example.org/\x1b"));
  CHECK_FALSE(is_link("https://example.org/\xFF"));
  CHECK(is_link("https://e.org/" + std::string(max_link_length - 14, 'a')));
  CHECK_FALSE(is_link("https://e.org/" + std::string(max_link_length - 13, 'a')));
  CHECK(percent_encode_link("https://e.org/caf\xC3\xA9?a=1&b=\"") ==
        "https://e.org/caf%C3%A9?a=1&b=%22");
}
