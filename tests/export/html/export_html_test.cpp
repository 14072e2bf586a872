// The html export's file: SHA-256 and the CSP, the embedded data block, escaping. The page's
// behaviour is tested in a browser by tests/js/html_page.test.mjs.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "../../support/helpers.hpp"
#include "eventgraph/load.hpp"
#include "export/html/export_html.hpp"
#include "export/html/html_assets.hpp"
#include "export/html/sha256.hpp"

using namespace eventgraph;

namespace {

std::string hex(const std::array<std::uint8_t, 32>& digest) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (auto b : digest) {
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

/// The text between `open` (the n-th occurrence, from 0) and the next `close`.
std::string_view between(std::string_view page, std::string_view open, std::string_view close,
                         std::size_t n = 0) {
  std::size_t at = page.find(open);
  for (std::size_t i = 0; i < n && at != std::string_view::npos; ++i) at = page.find(open, at + 1);
  REQUIRE(at != std::string_view::npos);
  at += open.size();
  const std::size_t end = page.find(close, at);
  REQUIRE(end != std::string_view::npos);
  return page.substr(at, end - at);
}

std::size_t occurrences(std::string_view text, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string_view::npos;
       at = text.find(needle, at + 1))
    ++n;
  return n;
}

nlohmann::json embedded(std::string_view page) {
  return nlohmann::json::parse(
      between(page, R"(<script type="application/json" id="eventgraph-data">)", "</script>"));
}

const nlohmann::json& event_by_id(const nlohmann::json& data, std::string_view id) {
  for (const auto& e : data["events"])
    if (e["id"] == id) return e;
  FAIL("no event " << id);
  return data;
}

}  // namespace

TEST_CASE("export_html: sha256 matches the FIPS 180-4 examples") {
  CHECK(hex(detail::sha256("")) ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(hex(detail::sha256("abc")) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(hex(detail::sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(hex(detail::sha256(std::string(1000000, 'a'))) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  CHECK(detail::sha256_base64("") == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  CHECK(detail::sha256_base64("abc") == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
}

TEST_CASE("export_html: the policy allows exactly the inline script and style, by hash") {
  const story s = test::load_or_fail(test::seed);
  const std::string page = detail::export_html(s);
  const std::string_view csp =
      between(page, R"(http-equiv="Content-Security-Policy" content=")", "\"");
  const std::string_view script = between(page, "<script>", "</script>");
  const std::string_view style = between(page, "<style>", "</style>");
  CHECK(script == detail::html_assets::page_js());
  CHECK(style == detail::html_assets::page_css());
  CHECK(csp == "default-src 'none'; script-src 'sha256-" + detail::sha256_base64(script) +
                   "'; style-src 'sha256-" + detail::sha256_base64(style) +
                   "'; base-uri 'none'; form-action 'none'");
  CHECK(occurrences(page, "<script") == 2);
  CHECK(page.find("{{") == std::string::npos);
  CHECK(page == detail::export_html(s));  // deterministic
}

TEST_CASE("export_html: the data block carries dates as instants, described and at precision") {
  const story s = test::load_or_fail(test::seed);
  const nlohmann::json data = embedded(detail::export_html(s));
  CHECK(data["title"] == s.title);
  CHECK(data["timezone"] == "America/Los_Angeles");
  CHECK(data["events"].size() == s.events.size());
  CHECK(data["actors"].size() == s.actors.size());

  const auto& post = event_by_id(data, "noem-x-post");
  CHECK(post["date"] == "Feb 6, 2026");
  CHECK(post["edtf"] == "2026-02-06");
  CHECK(post["precision"] == "day");
  CHECK(post["shape"] == "point");
  CHECK(post["earliest"] == "2026-02-06T08:00:00Z");  // midnight in Los Angeles
  CHECK(post["latest"] == "2026-02-07T07:59:59Z");
  CHECK(data["actors"][post["actors"][0].get<std::size_t>()]["id"] == "noem");
  CHECK(data["actors"][post["to"][0].get<std::size_t>()]["id"] == "newsom");

  const auto& reply = event_by_id(data, "governors-office-response");
  CHECK(reply["date"] == "between Feb 6 and Feb 12, 2026");
  CHECK(reply["shape"] == "one-of");
  REQUIRE(reply["relations"].size() == 2);  // oldest target first
  CHECK(reply["relations"][0]["type"] == "cites");
  CHECK(data["events"][reply["relations"][0]["to"].get<std::size_t>()]["id"] ==
        "california-transfers-since-2019");
  CHECK(reply["relations"][1]["type"] == "rebuts");
  CHECK(data["events"][reply["relations"][1]["to"].get<std::size_t>()]["id"] == "noem-x-post");

  const auto& policy = event_by_id(data, "biden-catch-and-release");
  CHECK(policy["earliest"].is_null());  // `..`: no instant, not the library's stand-in
  CHECK(policy["latest"] == "2026-02-13T07:59:59Z");
  const auto& banks = event_by_id(data, "banks-remarks");
  CHECK(banks["uncertain"] == true);
  CHECK(banks["date"] == "Feb 12, 2026?");
}

TEST_CASE("export_html: years outside 0..9999 use ECMAScript's six-digit form") {
  const story s = test::load_text_or_fail(R"(eventgraph: 1
actors: [{id: caesar, name: Julius Caesar, kind: person}]
events:
  - {id: ides, date: "-0043-03-15", actor: caesar, title: Ides of March}
  - {id: late, date: "2000-01-01T00:00:00Z", actor: caesar, title: Millennium}
)");
  const nlohmann::json data = embedded(detail::export_html(s));
  CHECK(data["timezone"] == "UTC");
  CHECK(event_by_id(data, "ides")["earliest"] == "-000043-03-15T00:00:00Z");
  CHECK(event_by_id(data, "ides")["date"] == "Mar 15, 44 BCE");
  CHECK(event_by_id(data, "late")["earliest"] == "2000-01-01T00:00:00Z");
}

TEST_CASE("export_html: hostile text stays inert data") {
  const story s = test::load_or_fail(EVENTGRAPH_TEST_DATA "/hostile.yaml");
  const std::string page = detail::export_html(s);
  // Only our own two blocks open and close; nothing of the story is markup.
  CHECK(occurrences(page, "<script") == 2);
  CHECK(occurrences(page, "</script") == 2);
  CHECK(page.find("<img") == std::string::npos);
  CHECK(occurrences(page, "<svg") == 1);  // the chart's, in the template
  CHECK(page.find("<!--") == std::string::npos);
  CHECK(page.find("\xE2\x80\xA8") == std::string::npos);  // U+2028
  CHECK(page.find("\xE2\x80\xA9") == std::string::npos);  // U+2029
  CHECK(page.find(R"(\u003c/script\u003e\u003cscript\u003e)") != std::string::npos);
  CHECK(page.find("<title>&lt;/title&gt;&lt;script&gt;window.__pwned=&#39;title&#39;;alert(1)"
                  "&lt;/script&gt; &amp; friends</title>") != std::string::npos);
  // ...and the data reads back exactly as written.
  const nlohmann::json data = embedded(page);
  CHECK(data["title"] == s.title);
  CHECK(data["events"][0]["title"] == "</script><script>window.__pwned='script';alert(1)</script>");
  CHECK(data["events"][0]["notes"].get<std::string>().find("line\u2028separator") !=
        std::string::npos);
  CHECK(data["events"][0]["sources"][0]["url"] == "javascript:window.__pwned='link';alert(1)");
  CHECK(data["actors"][1]["name"] == "Trudy &amp; Co </script>");
}

TEST_CASE("export_html: the page's script never builds markup from strings") {
  const std::string_view script = detail::html_assets::page_js();
  for (std::string_view sink : {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                                "eval(", "new Function", "setTimeout(\"", "srcdoc"}) {
    INFO(sink);
    CHECK(script.find(sink) == std::string_view::npos);
  }
  CHECK(script.find("</script") == std::string_view::npos);
  // Nothing is fetched: no URL but the SVG namespace name, and no url() or @import in the style.
  CHECK(occurrences(script, "http://") == 1);
  CHECK(script.find("http://www.w3.org/2000/svg") != std::string_view::npos);
  CHECK(script.find("fetch(") == std::string_view::npos);
  CHECK(script.find("XMLHttpRequest") == std::string_view::npos);
  const std::string_view style = detail::html_assets::page_css();
  CHECK(style.find("url(") == std::string_view::npos);
  CHECK(style.find("@import") == std::string_view::npos);
  CHECK(style.find("</style") == std::string_view::npos);
}
