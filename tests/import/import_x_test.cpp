#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "support/helpers.hpp"
#include "support/recording_sink.hpp"

using eventgraph::relation_type;
using eventgraph::detail::looks_like_x;
using eventgraph::detail::read_x;

namespace {

test::recording_sink read_fixture(const std::string& name, std::string& text) {
  return test::read_import_fixture(read_x, "x/" + name, text);
}

}  // namespace

TEST_CASE("import x: an archive's tweets.js, its owner known from a reply to its own tweet") {
  std::string text;
  const auto sink = read_fixture("tweets.js", text);
  REQUIRE(sink.events.size() == 4);
  const auto* first = sink.find("x:1100");
  REQUIRE(first);
  CHECK(first->id_hint == "x-1100");
  CHECK(first->date == "2026-03-02T08:15:00Z");
  CHECK(first->title == "Our port is not the bottleneck. Thread #harbor https://t.co/abc");
  CHECK(first->kind == "post");
  CHECK(first->channel == "X");
  CHECK(first->actors == std::vector<std::string>{"x:user:1001"});
  CHECK(first->tags == std::vector<std::string>{"harbor"});
  REQUIRE(first->sources.size() == 2);
  CHECK(first->sources[0].url == "https://x.com/alice_example/status/1100");
  CHECK(first->sources[1].url == "https://news.example/port-delays");
  CHECK(first->at.line == 2);
  CHECK(first->at.column == 3);

  const auto* reply = sink.find("x:1101");
  REQUIRE(reply);
  REQUIRE(reply->links.size() == 1);
  CHECK(reply->links[0].type == relation_type::responds_to);
  CHECK(reply->links[0].key == "x:1100");
  CHECK(reply->links[0].actor_key == "x:user:1001");
  CHECK(reply->links[0].known_as == "https://x.com/alice_example/status/1100");

  const auto* owner = sink.find_actor("x:user:1001");
  REQUIRE(owner);
  CHECK(owner->handle == "@alice_example");
  CHECK(owner->url == "https://x.com/alice_example");
  CHECK(owner->kind.empty());  // X does not say what an account is
}

TEST_CASE("import x: a reply is addressed to the accounts it mentions, hostile text stays text") {
  std::string text;
  const auto sink = read_fixture("tweets.js", text);
  const auto* reply = sink.find("x:1102");
  REQUIRE(reply);
  CHECK(reply->addressees == std::vector<std::string>{"x:user:1002"});
  REQUIRE(reply->links.size() == 1);
  CHECK(reply->links[0].key == "x:900");
  CHECK(reply->links[0].known_as == "https://x.com/bob_example/status/900");
  CHECK(reply->links[0].id_hint == "x-900");  // a placeholder is named as the post would be
  // X's own &amp; is decoded; markup stays text; the control character is dropped; the
  // javascript: link is not a source.
  CHECK(reply->title == "@bob_example <script>alert(1)</script>  read the report & see");
  REQUIRE(reply->sources.size() == 1);
  CHECK(reply->sources[0].url == "https://x.com/alice_example/status/1102");
  const auto* bob = sink.find_actor("x:user:1002");
  REQUIRE(bob);
  CHECK(bob->name == "Bob Example");
  CHECK(bob->handle == "@bob_example");
}

TEST_CASE("import x: bad archive records are reported at their place and the rest still reads") {
  std::string text;
  const auto sink = read_fixture("tweets.js", text);
  REQUIRE(sink.bad.size() == 2);
  CHECK(sink.bad[0].message == "tweet 1103 has no \"created_at\"");
  CHECK(sink.bad[0].at.line == 55);
  CHECK(sink.bad[0].at.column == 3);
  CHECK(sink.bad[1].message ==
        "tweet 1104 has a \"created_at\" X does not write: 'Mon Feb 30 09:00:00 +0000 2026'");
  CHECK(sink.find("x:1105"));
}

TEST_CASE("import x: an archive without a reply to itself names no author") {
  const std::string text =
      "window.YTD.tweets.part1 = [ {\"tweet\": {\"id_str\": \"5\", \"created_at\": "
      "\"Wed Oct 10 20:19:24 +0000 2018\", \"full_text\": \"hello\"}} ]";
  test::recording_sink sink;
  read_x({"tweets-part1.js", text}, {}, sink);
  REQUIRE(sink.events.size() == 1);
  CHECK(sink.events[0].actors.empty());
  CHECK(sink.events[0].date == "2018-10-10T20:19:24Z");
  CHECK(sink.events[0].sources[0].url == "https://x.com/i/status/5");
  CHECK(sink.actors.empty());
}

TEST_CASE("import x: API v2 pages with includes, references as relations") {
  std::string text;
  const auto sink = read_fixture("search.jsonl", text);
  const auto* reply = sink.find("x:2001");
  REQUIRE(reply);
  CHECK(reply->date == "2026-03-02T10:00:00Z");
  CHECK(reply->actors == std::vector<std::string>{"x:user:1002"});
  CHECK(reply->addressees == std::vector<std::string>{"x:user:1001"});
  CHECK(reply->tags == std::vector<std::string>{"ports"});
  REQUIRE(reply->links.size() == 1);
  CHECK(reply->links[0].type == relation_type::responds_to);
  CHECK(reply->links[0].key == "x:1101");
  CHECK(reply->links[0].known_as == "https://x.com/alice_example/status/1101");
  CHECK(reply->sources[0].url == "https://x.com/bob_example/status/2001");
  CHECK(reply->sources[1].url == "https://agency.example/report");
  CHECK(reply->at.line == 1);
  CHECK(reply->at.column == 11);

  const auto* quote = sink.find("x:2002");
  REQUIRE(quote);
  CHECK(quote->date == "2026-03-02T11:30:05Z");
  REQUIRE(quote->links.size() == 1);
  CHECK(quote->links[0].type == relation_type::cites);
  CHECK(quote->links[0].key == "x:2001");

  const auto* repost = sink.find("x:2003");
  REQUIRE(repost);
  CHECK(repost->kind == "repost");
  REQUIRE(repost->links.size() == 1);
  CHECK(repost->links[0].type == relation_type::repeats);

  // The referenced tweet in includes is an event too, with the same key as the data's.
  std::size_t copies = 0;
  for (const auto& e : sink.events) copies += e.key == "x:2001";
  CHECK(copies == 2);

  const auto* carol = sink.find_actor("x:user:1003");
  REQUIRE(carol);
  CHECK(carol->name == "Carol Example");
  CHECK(carol->id_hint == "carol_example");
  std::size_t carols = 0;
  for (const auto& a : sink.actors) carols += a.key == "x:user:1003";
  CHECK(carols == 1);
}

TEST_CASE("import x: a bad API line or tweet is reported and the next ones still read") {
  std::string text;
  const auto sink = read_fixture("search.jsonl", text);
  REQUIRE(sink.bad.size() == 2);
  CHECK(sink.bad[0].at.line == 2);
  CHECK(sink.bad[0].at.column == 1);
  CHECK(sink.bad[1].at.line == 3);
  CHECK(sink.bad[1].at.column == 11);
  CHECK(sink.bad[1].message == "tweet 2005 has a \"created_at\" X does not write: 'March 2 2026'");
  CHECK(sink.find("x:2006"));
  const auto* flat = sink.find("x:2007");
  REQUIRE(flat);
  CHECK(flat->actors == std::vector<std::string>{"x:user:1004"});
  CHECK(flat->sources[0].url == "https://x.com/dan_example/status/2007");
  CHECK(sink.find_actor("x:user:1004")->handle == "@dan_example");
}

TEST_CASE("import x: looks_like_x knows an archive and API output, nothing else") {
  std::string text;
  (void)read_fixture("tweets.js", text);
  CHECK(looks_like_x(text));
  (void)read_fixture("search.jsonl", text);
  CHECK(looks_like_x(text));
  CHECK_FALSE(looks_like_x("{\"text\": \"hi\", \"id\": \"1\"}\n"));
  CHECK_FALSE(looks_like_x("window.YTD.like.part0 = []"));
  CHECK_FALSE(looks_like_x("id,date,title\n"));
  CHECK_FALSE(looks_like_x(""));
}

TEST_CASE("import x: JSON nested past simdjson's limit is a bad record, not a crash") {
  std::string line = "{\"data\": ";
  for (int i = 0; i < 5000; ++i) line += "[";
  for (int i = 0; i < 5000; ++i) line += "]";
  line +=
      "}\n{\"id\": \"7\", \"author_id\": \"1\", \"created_at\": \"2026-01-01T00:00:00Z\", "
      "\"text\": \"next\"}\n";
  test::recording_sink sink;
  read_x({"deep.jsonl", line}, {}, sink);
  REQUIRE(sink.bad.size() == 1);
  CHECK(sink.bad[0].at.line == 1);
  CHECK(sink.find("x:7"));
}
