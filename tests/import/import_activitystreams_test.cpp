#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "support/helpers.hpp"
#include "support/recording_sink.hpp"

using eventgraph::relation_type;
using eventgraph::detail::looks_like_activitystreams;
using eventgraph::detail::read_activitystreams;

namespace {

test::recording_sink read_fixture(const std::string& name, std::string& text) {
  return test::read_import_fixture(read_activitystreams, "activitystreams/" + name, text);
}

const std::string alice = "https://mastodon.example/users/alice";
const std::string bob = "https://other.example/users/bob";

}  // namespace

TEST_CASE("import activitystreams: a Mastodon outbox's Create of a Note") {
  std::string text;
  const auto sink = read_fixture("outbox.json", text);
  const auto* note = sink.find("https://mastodon.example/users/alice/statuses/101");
  REQUIRE(note);
  CHECK(note->date == "2026-03-02T08:15:00Z");
  CHECK(note->kind == "post");
  CHECK(note->title == "Our port is not the bottleneck. https://news.example/port-delays #harbor");
  CHECK(note->actors == std::vector<std::string>{alice});
  CHECK(note->addressees.empty());  // Public and followers are not actors
  CHECK(note->tags == std::vector<std::string>{"harbor"});
  REQUIRE(note->sources.size() == 2);  // the tag page is not a source
  CHECK(note->sources[0].url == "https://mastodon.example/@alice/101");
  CHECK(note->sources[1].url == "https://news.example/port-delays");
  CHECK(note->links.empty());
  CHECK(note->at.line == 7);
  CHECK(note->at.column == 5);
  const auto* a = sink.find_actor(alice);
  REQUIRE(a);
  CHECK(a->handle == "@alice@mastodon.example");
  CHECK(a->id_hint == "alice@mastodon.example");
  CHECK(a->kind.empty());
}

TEST_CASE("import activitystreams: replies, mentions, quotes and content warnings") {
  std::string text;
  const auto sink = read_fixture("outbox.json", text);
  const auto* reply = sink.find("https://mastodon.example/users/alice/statuses/102");
  REQUIRE(reply);
  CHECK(reply->date == "2026-03-02T10:00:00+01:00");  // the offset as published
  CHECK(reply->addressees == std::vector<std::string>{bob});
  CHECK(reply->notes == "Content warning: port politics");
  // Script dropped, the javascript: link stays text and is no source, the control dropped.
  CHECK(reply->title == "@bob see this");
  CHECK(reply->summary == "@bob see this\nsecond paragraph");
  CHECK(reply->sources.size() == 1);
  REQUIRE(reply->links.size() == 2);
  CHECK(reply->links[0].type == relation_type::responds_to);
  CHECK(reply->links[0].key == "https://other.example/users/bob/statuses/900");
  CHECK(reply->links[0].known_as == "https://other.example/users/bob/statuses/900");
  // Ids read as Mastodon names posts, the same for a post and for a link to it.
  CHECK(reply->id_hint == "alice-102");
  CHECK(reply->links[0].id_hint == "bob-900");
  CHECK(reply->links[0].actor_key == bob);  // the account its id names: a placeholder's author
  CHECK(reply->links[1].type == relation_type::cites);
  CHECK(reply->links[1].key == "https://other.example/users/bob/statuses/800");
  const auto* b = sink.find_actor(bob);
  REQUIRE(b);
  CHECK(b->handle == "@bob@other.example");
  CHECK(b->url == bob);
}

TEST_CASE("import activitystreams: an Announce repeats its object, an Article keeps its name") {
  std::string text;
  const auto sink = read_fixture("outbox.json", text);
  const auto* boost = sink.find("https://mastodon.example/users/alice/statuses/103/activity");
  REQUIRE(boost);
  CHECK(boost->kind == "repost");
  CHECK(boost->actors == std::vector<std::string>{alice});
  REQUIRE(boost->links.size() == 1);
  CHECK(boost->links[0].type == relation_type::repeats);
  CHECK(boost->id_hint == "alice-103");  // the activity is the boost's own status
  CHECK(boost->links[0].key == "https://other.example/users/bob/statuses/900");
  const auto* article = sink.find("https://mastodon.example/users/alice/statuses/105");
  REQUIRE(article);
  CHECK(article->kind == "article");
  CHECK(article->title == "Why the port figures are wrong");
  CHECK(article->summary == "Berths\nThe agency counts berths.");
}

TEST_CASE("import activitystreams: a bad item is reported at its place, the next still reads") {
  std::string text;
  const auto sink = read_fixture("outbox.json", text);
  REQUIRE(sink.bad.size() == 1);
  CHECK(sink.bad[0].at.line == 59);
  CHECK(sink.bad[0].at.column == 5);
  CHECK(sink.bad[0].message ==
        "Note https://mastodon.example/users/alice/statuses/104 has a \"published\" date that "
        "is not an ISO 8601 instant: 'yesterday'");
  CHECK(sink.events.size() == 4);
}

TEST_CASE("import activitystreams: an actor object names the account and says its kind") {
  std::string text;
  const auto sink = read_fixture("actor.json", text);
  REQUIRE(sink.actors.size() == 1);
  const auto& a = sink.actors[0];
  CHECK(a.key == alice);
  CHECK(a.name == "Alice Example");
  CHECK(a.handle == "@alice@mastodon.example");
  CHECK(a.url == "https://mastodon.example/@alice");
  CHECK(a.kind == "person");
  CHECK(sink.events.empty());
}

TEST_CASE("import activitystreams: JSON lines of objects, bad lines among them") {
  std::string text;
  const auto sink = read_fixture("notes.jsonl", text);
  REQUIRE(sink.bad.size() == 2);
  CHECK(sink.bad[0].at.line == 2);
  CHECK(sink.bad[0].at.column == 1);
  CHECK(sink.bad[1].at.line == 3);
  CHECK(sink.bad[1].message ==
        "Note https://other.example/users/bob/statuses/902 has no \"published\" date");
  const auto* quote = sink.find("https://misskey.example/notes/9x");
  REQUIRE(quote);
  CHECK(quote->date == "2026-03-02T12:00:00Z");
  REQUIRE(quote->links.size() == 1);
  CHECK(quote->links[0].type == relation_type::cites);
  CHECK(quote->addressees == std::vector<std::string>{bob});
  CHECK(sink.find_actor("https://misskey.example/users/9a")->handle == "@9a@misskey.example");
  // The same post as in the outbox: the same key, for the pipeline to merge.
  CHECK(sink.find("https://mastodon.example/users/alice/statuses/101"));
}

TEST_CASE("import activitystreams: looks_like_activitystreams") {
  std::string text;
  for (const char* name : {"outbox.json", "actor.json", "notes.jsonl"}) {
    (void)read_fixture(name, text);
    CHECK(looks_like_activitystreams(text));
  }
  CHECK_FALSE(looks_like_activitystreams("{\"data\": [{\"id\": \"1\", \"text\": \"x\"}]}"));
  CHECK_FALSE(looks_like_activitystreams("window.YTD.tweets.part0 = []"));
  CHECK_FALSE(looks_like_activitystreams(""));
}

TEST_CASE("import activitystreams: an object broken after a member is a bad record, no crash") {
  // Found by fuzz_import: after simdjson gave up on the object while looking for
  // "orderedItems", looking for "items" went through the parser it had let go.
  const std::string text =
      "{\"id\": \"https://other.example/users/bob/statuses/900\", \"type\": \"Note\", "
      "\"attributedTo\": \"" +
      bob +
      "\", \"published\": \"2026-03-02T07:00:00Z\", "
      "\"content\": \"<p>one</p>\"}\n"
      "{\"id\": \"https://other.example/users/bob/statuses/901\", \"type\": \"Note\", "
      "\"attributedTo\": \"https://x\": \"y\", \"published\": \"2026-03-02T07:00:00Z\"}\n";
  const auto sink = test::read_with(read_activitystreams, text, "cut.jsonl");
  CHECK(sink.events.size() == 1);
  REQUIRE(sink.bad.size() == 1);
  CHECK(sink.bad[0].at.line == 2);
  CHECK(sink.bad[0].message == "the object is not valid JSON");
}
