#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "import/records.hpp"

using eventgraph::detail::html_to_text;

TEST_CASE("html_text: paragraphs, breaks and list items become lines, whitespace collapses") {
  CHECK(html_to_text("<p>Hello   <b>world</b></p><p>second\n\n  line</p>").text ==
        "Hello world\nsecond line");
  CHECK(html_to_text("one<br>two<br/><br>three").text == "one\ntwo\nthree");
  CHECK(html_to_text("<ul><li>a</li><li> b </li></ul><h2>Title</h2>tail").text ==
        "a\nb\nTitle\ntail");
  CHECK(html_to_text("before<div>inside</div>after").text == "before\ninside\nafter");
  CHECK(html_to_text("  plain text, no markup  ").text == "plain text, no markup");
  CHECK(html_to_text("").text.empty());
  CHECK(html_to_text("<p></p><div> </div>").text.empty());
}

TEST_CASE("html_text: entities are decoded once, and markup in them stays text") {
  CHECK(html_to_text("caf&eacute; &amp; &lt;b&gt;bold&lt;/b&gt; &#x1F600; &#233;").text ==
        "caf\xC3\xA9 & <b>bold</b> \xF0\x9F\x98\x80 \xC3\xA9");
  CHECK(html_to_text("&amp;lt;").text == "&lt;");
}

TEST_CASE("html_text: scripts, styles and comments are dropped") {
  CHECK(html_to_text("a<script>alert('x')</script>b<style>p{color:red}</style>c<!-- hidden -->d")
            .text == "abcd");
  CHECK(html_to_text("<script>never closed").text.empty());
}

TEST_CASE("html_text: text after a leading script or style is kept") {
  // libxml2 opens a head for a leading script or style and puts what follows there too.
  CHECK(html_to_text("<script>x</script>hello").text == "hello");
  CHECK(html_to_text("<style>p{}</style>hello <b>world</b>").text == "hello world");
  CHECK(html_to_text("<title>T</title><p>body</p>").text == "body");
}

TEST_CASE("html_text: links the link rule accepts are collected in order, once each") {
  const auto r = html_to_text(
      "<p>See <a href=\"https://example.com/a\">this</a> and "
      "<a href=' http://example.org/b '>that</a>, "
      "<a href=\"javascript:alert(1)\">click</a> <a href=\"/relative\">rel</a> "
      "<a href=\"data:text/html,x\">d</a> <a href=\"https://example.com/a\">again</a></p>");
  CHECK(r.text == "See this and that, click rel d again");
  CHECK(r.links == std::vector<std::string>{"https://example.com/a", "http://example.org/b"});
}

TEST_CASE("html_text: Mastodon content keeps the visible text of a link") {
  // Mastodon's status HTML: the scheme and the tail of a long link are in spans of their own.
  const auto r = html_to_text(
      "<p>Read <a href=\"https://news.example/2026/01/story\" rel=\"nofollow noopener\" "
      "target=\"_blank\"><span class=\"invisible\">https://</span><span class=\"ellipsis\">"
      "news.example/2026</span><span class=\"invisible\">/01/story</span></a> "
      "<a href=\"https://mastodon.example/tags/budget\" class=\"mention hashtag\">#"
      "<span>budget</span></a></p>");
  CHECK(r.text == "Read https://news.example/2026/01/story #budget");
  CHECK(r.links.size() == 2);
}

TEST_CASE("html_text: hostile HTML stays text") {
  // Unclosed and stray tags recover as a browser would.
  CHECK(html_to_text("<p>one<p>two</b></i><div>three").text == "one\ntwo\nthree");
  // Controls, raw and as character references, and bad UTF-8 are dropped.
  CHECK(html_to_text("a\x01"
                     "b&#1;c&#x7F;d\xFF"
                     "e\x1B[2J")
            .text == "abcde[2J");
  // An attribute's markup never becomes text, nor text markup.
  CHECK(html_to_text("<a href=\"https://x.example/\" title=\"<script>\">t</a>").text == "t");
  // Ten thousand nested divs: no recursion, and the text inside is read.
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "<div>";
  deep += "deep<a href=\"https://deep.example/\">link</a>";
  for (int i = 0; i < 10000; ++i) deep += "</div>";
  const auto r = html_to_text(deep);
  CHECK(r.text == "deeplink");
  CHECK(r.links == std::vector<std::string>{"https://deep.example/"});
  // Unclosed nesting, never closed at all.
  std::string open;
  for (int i = 0; i < 10000; ++i) open += "<span><b>";
  open += "x";
  CHECK(html_to_text(open).text == "x");
}
