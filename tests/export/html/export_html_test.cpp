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

nlohmann::json embedded_details(std::string_view page) {
  return nlohmann::json::parse(
      between(page, R"(<script type="application/json" id="eventgraph-details">)", "</script>"));
}

/// A front-coded column read back: each text is the first n UTF-16 units of the one before
/// and `rest`, n the place of its character of `shared` in the list of digits (the test texts
/// are ASCII but for one, where units and bytes agree).
std::vector<std::string> front_decoded(const nlohmann::json& column) {
  const std::string_view digits =
      " !#$%'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
  const auto shared = column["shared"].get<std::string>();
  std::vector<std::string> out;
  std::string previous;
  for (std::size_t i = 0; i < column["rest"].size(); ++i) {
    previous = previous.substr(0, digits.find(shared[i])) + column["rest"][i].get<std::string>();
    out.push_back(previous);
  }
  return out;
}

/// The page's columns read back as one object per event (what page.js reads): instants as
/// seconds since 1970 (null when open), codes as their texts, relations as {type, to}, with the
/// event's details merged in. Decoded here independently of the exporter's code.
std::vector<nlohmann::json> decoded_events(std::string_view page) {
  const nlohmann::json data = embedded(page);
  const nlohmann::json details = embedded_details(page);
  const auto& c = data["events"];
  const std::size_t n = c["count"];
  const std::vector<std::string> ids = front_decoded(c["id"]), titles = front_decoded(c["title"]),
                                 dates = front_decoded(c["date"]), edtfs = front_decoded(c["edtf"]);
  REQUIRE(ids.size() == n);
  std::vector<nlohmann::json> out(n);
  std::int64_t earliest = 0, length = 0;
  std::size_t actor_at = 0, relation_at = 0, tag_at = 0, detail_at = 0;
  const std::size_t types = data["relation_types"].size();
  for (std::size_t i = 0; i < n; ++i) {
    // [precision, shape, flags, kind, actors, relations, tags, details]
    const auto& f = c["forms"][c["form"][i].get<std::size_t>()];
    nlohmann::json e = f[7] == 1 ? details[detail_at++] : nlohmann::json::object();
    e["id"] = ids[i];
    e["title"] = titles[i];
    e["date"] = dates[i];
    e["edtf"] = edtfs[i];
    if (!e.contains("timezone")) e["timezone"] = data["timezone"];
    // earliest: the difference from the previous known one; latest: the length's difference
    // from the previous event with both ends, or itself after an open start.
    const bool open_start = c["earliest"][i].is_null();
    e["earliest"] = open_start ? nlohmann::json()
                               : nlohmann::json(earliest += c["earliest"][i].get<std::int64_t>());
    if (c["latest"][i].is_null())
      e["latest"] = nullptr;
    else if (open_start)
      e["latest"] = c["latest"][i];
    else
      e["latest"] = earliest + (length += c["latest"][i].get<std::int64_t>());
    e["precision"] = data["precisions"][f[0].get<std::size_t>()];
    e["shape"] = data["shapes"][f[1].get<std::size_t>()];
    e["uncertain"] = (f[2].get<int>() & 1) != 0;
    e["approximate"] = (f[2].get<int>() & 2) != 0;
    e["kind"] = c["kinds"][f[3].get<std::size_t>()];
    e["actors"] = nlohmann::json::array();
    for (std::size_t k = 0; k < f[4].get<std::size_t>(); ++k)
      e["actors"].push_back(c["actors"][actor_at++]);
    e["relations"] = nlohmann::json::array();
    for (std::size_t k = 0; k < f[5].get<std::size_t>(); ++k, ++relation_at) {
      const auto code = c["relations"][relation_at].get<std::int64_t>();
      const auto type_count = static_cast<std::int64_t>(types);
      // A negative distance: a later target.
      const std::int64_t type = (code % type_count + type_count) % type_count;
      e["relations"].push_back({{"type", data["relation_types"][static_cast<std::size_t>(type)]},
                                {"to", static_cast<std::int64_t>(i) - (code - type) / type_count}});
    }
    e["tags"] = nlohmann::json::array();
    for (std::size_t k = 0; k < f[6].get<std::size_t>(); ++k)
      e["tags"].push_back(c["tag_names"][c["tags"][tag_at++].get<std::size_t>()]);
    out[i] = std::move(e);
  }
  CHECK(actor_at == c["actors"].size());
  CHECK(relation_at == c["relations"].size());
  CHECK(tag_at == c["tags"].size());
  CHECK(detail_at == details.size());
  return out;
}

const nlohmann::json& event_by_id(const std::vector<nlohmann::json>& events, std::string_view id) {
  for (const auto& e : events)
    if (e["id"] == id) return e;
  FAIL("no event " << id);
  return events.front();
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
  CHECK(occurrences(page, "<script") == 3);  // the data, its details, the script
  CHECK(page.find("{{") == std::string::npos);
  CHECK(page == detail::export_html(s));  // deterministic
}

TEST_CASE("export_html: the columns carry dates as instants, described and at precision") {
  const story s = test::load_or_fail(test::seed);
  const std::string page = detail::export_html(s);
  const nlohmann::json data = embedded(page);
  const std::vector<nlohmann::json> events = decoded_events(page);
  CHECK(data["version"] == 2);
  CHECK(data["title"] == s.title);
  CHECK(data["timezone"] == "America/Los_Angeles");
  CHECK(events.size() == s.events.size());
  CHECK(data["actors"].size() == s.actors.size());

  const auto& post = event_by_id(events, "noem-x-post");
  CHECK(post["date"] == "Feb 6, 2026 (year uncertain)");
  CHECK(post["edtf"] == "2026?-02-06");
  CHECK(post["precision"] == "day");
  CHECK(post["shape"] == "point");
  CHECK(post["earliest"] == 1770364800);  // 2026-02-06T08:00:00Z, midnight in Los Angeles
  CHECK(post["latest"] == 1770451199);    // 2026-02-07T07:59:59Z
  CHECK(post["timezone"] == "America/Los_Angeles");
  CHECK(data["actors"][post["actors"][0].get<std::size_t>()]["id"] == "noem");
  CHECK(data["actors"][post["to"][0].get<std::size_t>()]["id"] == "newsom");

  const auto& reply = event_by_id(events, "governors-office-response");
  CHECK(reply["date"] == "between Feb 6 and Feb 12, 2026 (year uncertain)");
  CHECK(reply["shape"] == "one-of");
  REQUIRE(reply["relations"].size() == 2);  // oldest target first
  CHECK(reply["relations"][0]["type"] == "cites");
  CHECK(events[reply["relations"][0]["to"].get<std::size_t>()]["id"] ==
        "california-transfers-since-2019");
  CHECK(reply["relations"][1]["type"] == "rebuts");
  CHECK(events[reply["relations"][1]["to"].get<std::size_t>()]["id"] == "noem-x-post");

  const auto& policy = event_by_id(events, "biden-catch-and-release");
  CHECK(policy["earliest"].is_null());    // `..`: no instant, not the library's stand-in
  CHECK(policy["latest"] == 1770969599);  // 2026-02-13T07:59:59Z
  const auto& banks = event_by_id(events, "banks-remarks");
  CHECK(banks["uncertain"] == true);
  CHECK(banks["date"] == "Feb 12, 2026?");
}

TEST_CASE("export_html: every event reads back from the columns as the story has it") {
  // The hostile story has relations to later (enclosing) events, a negative distance back.
  for (const std::string& path : {test::seed, std::string(EVENTGRAPH_TEST_DATA "/hostile.yaml")}) {
    INFO(path);
    const story s = test::load_or_fail(path);
    const std::vector<nlohmann::json> events = decoded_events(detail::export_html(s));
    REQUIRE(events.size() == s.events.size());
    for (const event e : s.events) {
      const nlohmann::json& got = events[e.index()];
      INFO(e.id());
      const event_time t = e.time();
      CHECK(got["id"] == e.id());
      CHECK(got["title"] == e.title());
      CHECK(got.value("summary", "") == e.summary());
      CHECK(got["tags"].size() == e.tags().size());
      if (t.open_start)
        CHECK(got["earliest"].is_null());
      else
        CHECK(got["earliest"] == t.earliest.time_since_epoch().count());
      if (t.open_end)
        CHECK(got["latest"].is_null());
      else
        CHECK(got["latest"] == t.latest.time_since_epoch().count());
      CHECK(got["kind"] == e.kind());
      CHECK(got["actors"].size() == e.actors().size());
      REQUIRE(got["relations"].size() == e.relations().size());
      std::size_t k = 0;
      for (const relation r : e.relations()) {
        CHECK(got["relations"][k]["to"] == r.target);
        CHECK(got["relations"][k]["type"] == to_string(r.type));
        ++k;
      }
      CHECK(got.value("sources", nlohmann::json::array()).size() == e.sources().size());
    }
  }
}

TEST_CASE("export_html: years outside 0..9999 are seconds like any other") {
  const story s = test::load_text_or_fail(R"(eventgraph: 1
actors: [{id: caesar, name: Julius Caesar, kind: person}]
events:
  - {id: ides, date: "-0043-03-15", actor: caesar, title: Ides of March}
  - {id: late, date: "2000-01-01T00:00:00Z", actor: caesar, title: Millennium}
)");
  const std::string page = detail::export_html(s);
  CHECK(embedded(page)["timezone"] == "UTC");
  const std::vector<nlohmann::json> events = decoded_events(page);
  // Mar 15 of year -43 (44 BCE, proleptic Gregorian) is day -735160 of 1970's count.
  CHECK(event_by_id(events, "ides")["earliest"] == -735160LL * 86400);
  CHECK(event_by_id(events, "ides")["date"] == "Mar 15, 44 BCE");
  CHECK(event_by_id(events, "late")["earliest"] == 946684800);
}

TEST_CASE("export_html: hostile text stays inert data") {
  const story s = test::load_or_fail(EVENTGRAPH_TEST_DATA "/hostile.yaml");
  const std::string page = detail::export_html(s);
  // Only our own three blocks open and close; nothing of the story is markup.
  CHECK(occurrences(page, "<script") == 3);
  CHECK(occurrences(page, "</script") == 3);
  CHECK(page.find("<img") == std::string::npos);
  CHECK(page.find("<svg") == std::string::npos);  // the chart is a canvas
  CHECK(page.find("<!--") == std::string::npos);
  CHECK(page.find("\xE2\x80\xA8") == std::string::npos);  // U+2028
  CHECK(page.find("\xE2\x80\xA9") == std::string::npos);  // U+2029
  CHECK(page.find(R"(\u003c/script\u003e\u003cscript\u003e)") != std::string::npos);
  CHECK(page.find("<title>&lt;/title&gt;&lt;script&gt;window.__pwned=&#39;title&#39;;alert(1)"
                  "&lt;/script&gt; &amp; friends</title>") != std::string::npos);
  // ...and the data reads back exactly as written.
  const nlohmann::json data = embedded(page);
  const std::vector<nlohmann::json> events = decoded_events(page);
  CHECK(data["title"] == s.title);
  CHECK(events[0]["title"] == "</script><script>window.__pwned='script';alert(1)</script>");
  CHECK(events[0]["notes"].get<std::string>().find("line\u2028separator") != std::string::npos);
  CHECK(events[0]["sources"][0]["url"] == "javascript:window.__pwned='link';alert(1)");
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

TEST_CASE("export_html: front coding counts what texts share in UTF-16 units, as JavaScript") {
  const story s = test::load_text_or_fail(R"(eventgraph: 1
actors: [{id: a, name: A, kind: person}]
events:
  - {id: e1, date: "2026-01-01", actor: a, title: "é😀 one"}
  - {id: e2, date: "2026-01-02", actor: a, title: "é😀 two"}
  - {id: e3, date: "2026-01-03", actor: a, title: "é😁 three"}
)");
  const nlohmann::json titles = embedded(detail::export_html(s))["events"]["title"];
  // é is one unit, 😀 two (a surrogate pair), the space one; 😀 and 😁 share bytes but no unit.
  CHECK(titles["shared"] == " %!");  // 0, 4, 1
  CHECK(titles["rest"] == nlohmann::json::array({"é😀 one", "two", "😁 three"}));
}
