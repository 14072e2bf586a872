#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "support/helpers.hpp"
#include "support/recording_sink.hpp"

using eventgraph::relation_type;
using eventgraph::detail::looks_like_bluesky;
using eventgraph::detail::read_bluesky;

namespace {

test::recording_sink read_fixture(const std::string& name, std::string& text) {
  return test::read_import_fixture(read_bluesky, "bluesky/" + name, text);
}

const std::string alice = "did:plc:alice0example";
const std::string bob = "did:plc:bob0example";

}  // namespace

TEST_CASE("import bluesky: a repo export's post records") {
  std::string text;
  const auto sink = read_fixture("repo.jsonl", text);
  const auto* post = sink.find("at://did:plc:alice0example/app.bsky.feed.post/3kalice1");
  REQUIRE(post);
  CHECK(post->date == "2026-03-02T08:15:00Z");
  CHECK(post->kind == "post");
  CHECK(post->channel == "Bluesky");
  CHECK(post->title == "Our port is not the bottleneck. news.example/port-delays #harbor");
  CHECK(post->actors == std::vector<std::string>{alice});
  CHECK(post->tags == std::vector<std::string>{"harbor"});
  REQUIRE(post->sources.size() == 2);
  CHECK(post->sources[0].url == "https://bsky.app/profile/did:plc:alice0example/post/3kalice1");
  CHECK(post->sources[1].url == "https://news.example/port-delays");
  CHECK(post->at.line == 1);
  CHECK(post->at.column == 1);
  const auto* a = sink.find_actor(alice);
  REQUIRE(a);
  CHECK(a->id_hint == alice);
  CHECK(a->url == "https://bsky.app/profile/did:plc:alice0example");
  CHECK(a->kind.empty());
}

TEST_CASE("import bluesky: replies to the parent, mentions as addressees, offsets kept") {
  std::string text;
  const auto sink = read_fixture("repo.jsonl", text);
  const auto* reply = sink.find("at://did:plc:alice0example/app.bsky.feed.post/3kalice2");
  REQUIRE(reply);
  CHECK(reply->date == "2026-03-02T09:30:00-05:00");
  CHECK(reply->title == "@bob.example.com see the figures <script>alert(1)</script>");
  REQUIRE(reply->links.size() == 1);
  CHECK(reply->links[0].type == relation_type::responds_to);
  CHECK(reply->links[0].key == "at://did:plc:bob0example/app.bsky.feed.post/3kbob2");
  CHECK(reply->links[0].actor_key == bob);
  // Ids by record key, the same for a post and for a link to it.
  CHECK(reply->id_hint == "bsky-3kalice2");
  CHECK(reply->links[0].id_hint == "bsky-3kbob2");
  CHECK(reply->addressees == std::vector<std::string>{bob});
  const auto* b = sink.find_actor(bob);
  REQUIRE(b);
  CHECK(b->handle == "bob.example.com");  // from the text the mention covers
  // The root only when the parent is not given; a quote of a post cites it.
  const auto* rooted = sink.find("at://did:plc:alice0example/app.bsky.feed.post/3kalice6");
  REQUIRE(rooted);
  REQUIRE(rooted->links.size() == 2);
  CHECK(rooted->links[0].key == "at://did:plc:bob0example/app.bsky.feed.post/3kbob1");
  CHECK(rooted->links[1].type == relation_type::cites);
  CHECK(rooted->links[1].key == "at://did:plc:carol0example/app.bsky.feed.post/3kcarol1");
}

TEST_CASE("import bluesky: recordWithMedia cites its record, and an empty post is titled so") {
  std::string text;
  const auto sink = read_fixture("repo.jsonl", text);
  const auto* quote = sink.find("at://did:plc:alice0example/app.bsky.feed.post/3kalice3");
  REQUIRE(quote);
  CHECK(quote->title == "(no text)");
  REQUIRE(quote->links.size() == 1);
  CHECK(quote->links[0].type == relation_type::cites);
  CHECK(quote->links[0].key == "at://did:plc:bob0example/app.bsky.feed.post/3kbob1");
}

TEST_CASE("import bluesky: bad records are reported, other collections skipped") {
  std::string text;
  const auto sink = read_fixture("repo.jsonl", text);
  REQUIRE(sink.bad.size() == 2);
  CHECK(sink.bad[0].at.line == 4);
  CHECK(sink.bad[0].message ==
        "post at://did:plc:alice0example/app.bsky.feed.post/3kalice4 has no \"createdAt\"");
  CHECK(sink.bad[1].at.line == 5);
  CHECK(sink.events.size() == 4);  // the like is not a post
}

TEST_CASE("import bluesky: a getPostThread response, walked parents and replies") {
  std::string text;
  const auto sink = read_fixture("thread.json", text);
  CHECK(sink.bad.empty());
  REQUIRE(sink.events.size() == 4);
  const auto* root = sink.find("at://did:plc:bob0example/app.bsky.feed.post/3kbob1");
  REQUIRE(root);
  CHECK(root->links.empty());
  CHECK(root->sources[0].url == "https://bsky.app/profile/bob.example.com/post/3kbob1");
  const auto* deep = sink.find("at://did:plc:carol0example/app.bsky.feed.post/3kcarol2");
  REQUIRE(deep);
  CHECK(deep->date == "2026-03-02T16:00:00Z");
  CHECK(deep->links[0].key == "at://did:plc:alice0example/app.bsky.feed.post/3kalice2");
  CHECK(deep->links[0].known_as == "https://bsky.app/profile/alice.example.com/post/3kalice2");
  const auto* b = sink.find_actor(bob);
  REQUIRE(b);
  CHECK(b->name == "Bob Example");
  CHECK(b->handle == "bob.example.com");
  CHECK(b->id_hint == "bob.example.com");
  CHECK(b->url == "https://bsky.app/profile/bob.example.com");
  const auto* post = sink.find("at://did:plc:bob0example/app.bsky.feed.post/3kbob2");
  REQUIRE(post);
  CHECK(post->at.line == 4);
  CHECK(post->at.column == 13);
}

TEST_CASE("import bluesky: a thread hundreds deep needs no recursion, deeper is a bad record") {
  // Each reply nested in the one before, as getPostThread nests a long chain of parents.
  const auto thread = [](int depth) {
    std::string text;
    for (int i = 0; i < depth; ++i)
      text += "{\"post\": {\"uri\": \"at://did:plc:a/app.bsky.feed.post/" + std::to_string(i) +
              "\", \"record\": {\"text\": \"t\", \"createdAt\": \"2026-01-01T00:00:00Z\"}}, "
              "\"parent\": ";
    text += "null";
    for (int i = 0; i < depth; ++i) text += "}";
    return "{\"thread\": " + text + "}";
  };
  const std::string deep = thread(900);  // below simdjson's nesting limit of 1024 levels
  test::recording_sink sink;
  read_bluesky({"deep.json", deep}, {}, sink);
  CHECK(sink.bad.empty());
  CHECK(sink.events.size() == 900);
  const std::string deeper = thread(5000);
  test::recording_sink too_deep;
  read_bluesky({"deeper.json", deeper}, {}, too_deep);
  CHECK(too_deep.bad.size() == 1);
}

TEST_CASE("import bluesky: looks_like_bluesky") {
  std::string text;
  for (const char* name : {"repo.jsonl", "thread.json"}) {
    (void)read_fixture(name, text);
    CHECK(looks_like_bluesky(text));
  }
  CHECK_FALSE(looks_like_bluesky("{\"type\": \"Note\", \"id\": \"https://a.example/1\"}"));
  CHECK_FALSE(looks_like_bluesky("window.YTD.tweets.part0 = []"));
  CHECK_FALSE(looks_like_bluesky(""));
}

TEST_CASE("import bluesky: a listRecords page and a getPosts response") {
  const std::string page =
      "{\"records\": [{\"uri\": \"at://did:plc:a/app.bsky.feed.post/1\", \"cid\": \"c\", "
      "\"value\": {\"$type\": \"app.bsky.feed.post\", \"text\": \"one\", \"createdAt\": "
      "\"2026-01-01T00:00:00Z\"}}, {\"uri\": \"at://did:plc:a/app.bsky.feed.post/2\", "
      "\"value\": {\"text\": \"two\", \"createdAt\": \"2026-01-02T00:00:00+09:00\"}}], "
      "\"cursor\": \"2\"}\n"
      "{\"posts\": [{\"uri\": \"at://did:plc:b/app.bsky.feed.post/3\", \"author\": {\"did\": "
      "\"did:plc:b\", \"handle\": \"b.example.com\"}, \"record\": {\"text\": \"three\", "
      "\"createdAt\": \"2026-01-03T00:00:00Z\"}}]}\n";
  test::recording_sink sink;
  read_bluesky({"pages.jsonl", page}, {}, sink);
  CHECK(sink.bad.empty());
  REQUIRE(sink.events.size() == 3);
  CHECK(sink.events[1].date == "2026-01-02T00:00:00+09:00");
  CHECK(sink.events[1].at.column == 168);  // the second record's brace
  CHECK(sink.events[2].sources[0].url == "https://bsky.app/profile/b.example.com/post/3");
}

TEST_CASE("import bluesky: a broken value where an object may be null is a bad record") {
  // Found by fuzz_import: `nope` where an embed's record goes made is_null() an error, which
  // threw when read as a bool.
  const std::string text =
      "{\"uri\": \"at://did:plc:alice0example/app.bsky.feed.post/3kalice1\", \"value\": "
      "{\"$type\": \"app.bsky.feed.post\", \"text\": \"hi\", \"createdAt\": "
      "\"2026-03-02T08:15:00.000Z\", \"embed\": {\"$type\": \"app.bsky.embed.record\", "
      "\"record\": nope}}}\n"
      "{\"uri\": \"at://did:plc:alice0example/app.bsky.feed.post/3kalice2\", \"value\": "
      "{\"$type\": \"app.bsky.feed.post\", \"text\": \"ho\", \"createdAt\": "
      "\"2026-03-02T08:16:00.000Z\"}}\n";
  const auto sink = test::read_with(read_bluesky, text, "broken.jsonl");
  CHECK(sink.events.size() == 1);
  CHECK(sink.bad.size() == 1);
}
