// The mbox reader through the recording sink. Fixture tests/data/import/mbox/thread.mbox is
// synthetic, written from RFC 4155 (the mbox form), RFC 5322 (headers, dates, threads),
// RFC 2047 (encoded words), RFC 2369/2919 (List-Id) and RFC 5064 (Archived-At).

#include <doctest/doctest.h>

#include <string>

#include "import/records.hpp"
#include "support/helpers.hpp"
#include "support/recording_sink.hpp"

namespace {

using eventgraph::relation_type;
using eventgraph::detail::looks_like_mbox;
using eventgraph::detail::read_mbox;

test::recording_sink read(std::string_view text, std::string_view name = "test.mbox") {
  return test::read_with(read_mbox, text, name);
}

const std::string thread = test::slurp(test::data + "import/mbox/thread.mbox");

}  // namespace

TEST_CASE("import mbox: every header of a message is mapped") {
  const auto sink = read(thread);
  const auto* e = sink.find("mid:20240305103100.1@example.org");
  REQUIRE(e != nullptr);
  CHECK(e->date == "2024-03-05T10:31:00-05:00");
  CHECK(e->kind == "email");
  CHECK(e->title == "Release plan for 2.0");
  CHECK(e->summary ==
        "Hi all, Here is the plan for 2.0: freeze on Friday, release the week after.");
  CHECK(e->channel == "dev.lists.example.org");
  REQUIRE(e->sources.size() == 1);
  CHECK(e->sources[0].url == "https://lists.example.org/archives/dev/2024-March/000001.html");
  CHECK(e->sources[0].title == "Release plan for 2.0");
  CHECK(e->at.line == 1);
  CHECK(e->at.column == 1);
  CHECK(e->actors == std::vector<std::string>{"mailto:alice@example.org"});
  // Cc's group members are addressees in their place.
  CHECK(e->addressees == std::vector<std::string>{"mailto:dev@lists.example.org",
                                                  "mailto:bob@example.net",
                                                  "mailto:carol@example.com"});
  CHECK(e->links.empty());
  const auto* alice = sink.find_actor("mailto:alice@example.org");
  REQUIRE(alice != nullptr);
  CHECK(alice->name == "Alice Example");
  CHECK(alice->handle == "alice@example.org");
  CHECK(alice->kind.empty());
}

TEST_CASE("import mbox: encoded headers and charsets become UTF-8, the reply links its parent") {
  const auto sink = read(thread);
  const auto* e = sink.find("mid:bob.1@example.net");
  REQUIRE(e != nullptr);
  CHECK(e->date == "2024-03-05T17:02:10+01:00");
  CHECK(e->title == "Re: Release plan for 2.0");  // as written
  // The attribution line and the quote are left out; ISO-8859-1 quoted-printable decoded.
  CHECK(e->summary == "Friday is fine. Caf\u00e9 after?");
  REQUIRE(e->links.size() == 1);
  CHECK(e->links[0].type == relation_type::responds_to);
  CHECK(e->links[0].key == "mid:20240305103100.1@example.org");
  CHECK(e->links[0].known_as == "<20240305103100.1@example.org>");
  // Bob is first seen in Alice's Cc, named "Bob B.": an actor is handed on once, unless it
  // had no name then and gains one later.
  const auto* bob = sink.find_actor("mailto:bob@example.net");
  REQUIRE(bob != nullptr);
  CHECK(bob->name == "Bob B.");
}

TEST_CASE("import mbox: References' last id is the parent without In-Reply-To") {
  const auto sink = read(thread);
  const auto* e = sink.find("mid:carol.7@example.com");
  REQUIRE(e != nullptr);
  REQUIRE(e->links.size() == 1);
  CHECK(e->links[0].key == "mid:bob.1@example.net");
  // No seconds in the Date: minute precision; a zero offset as Z.
  CHECK(e->date == "2024-03-05T18:00Z");
  // The text/plain alternative, mboxrd's ">From " unescaped, markup kept as text.
  CHECK(e->summary ==
        "From what I hear, Friday works. <script>alert(1)</script> javascript:alert(2)");
  CHECK(e->sources.empty());
}

TEST_CASE("import mbox: a message without Date is a bad record and the next is still read") {
  const auto sink = read(thread);
  REQUIRE(sink.bad.size() == 1);
  CHECK(sink.bad[0].at.line == 60);
  CHECK(sink.bad[0].message == "the message has no Date header");
  CHECK(sink.find("mid:dave.1@example.org") == nullptr);
  // No Message-ID: a key from file and offset, with a warning; no Subject: "(no subject)".
  const auto* erin = sink.find("mbox:test.mbox:" + std::to_string(thread.find("From erin")));
  REQUIRE(erin != nullptr);
  CHECK(erin->title == "(no subject)");
  CHECK(erin->summary == "Short note.");
  REQUIRE(sink.warnings.size() == 1);
  CHECK(sink.warnings[0].code == "no-message-id");
  CHECK(sink.events.size() == 4);
  CHECK(sink.last_progress == thread.size());
}

TEST_CASE("import mbox: an unreadable Date is a bad record at the header's value") {
  const std::string text =
      "From a@example.org Tue Mar  5 15:31:00 2024\n"
      "From: a@example.org\n"
      "Date:   yesterday, around noon\n"
      "Message-ID: <x@example.org>\n"
      "\n"
      "body\n";
  const auto sink = read(text);
  REQUIRE(sink.bad.size() == 1);
  CHECK(sink.bad[0].at.line == 3);
  CHECK(sink.bad[0].at.column == 9);
  CHECK(sink.bad[0].message ==
        "the Date header \"yesterday, around noon\" is not an RFC 5322 date");
  CHECK(sink.events.empty());
}

TEST_CASE("import mbox: a Date without a time of day stays a day") {
  const auto sink = read(
      "From a@example.org Tue Mar  5 15:31:00 2024\nFrom: a@example.org\n"
      "Date: Tue, 5 Mar 2024 (no time)\nMessage-ID: <d@example.org>\n\nbody\n");
  REQUIRE(sink.events.size() == 1);
  CHECK(sink.events[0].date == "2024-03-05");
}

TEST_CASE("import mbox: text before the first separator is a bad record") {
  const auto sink = read(
      "not mail\nFrom a@example.org Tue Mar  5 15:31:00 2024\nFrom: a@example.org\n"
      "Date: Tue, 5 Mar 2024 10:00:00 +0000\nMessage-ID: <p@example.org>\n\nbody\n");
  REQUIRE(sink.bad.size() == 1);
  CHECK(sink.bad[0].at.line == 1);
  CHECK(sink.events.size() == 1);
  CHECK(sink.events[0].at.line == 2);
}

TEST_CASE("import mbox: hostile headers stay text") {
  const auto sink = read(
      "From a@example.org Tue Mar  5 15:31:00 2024\n"
      "From: \"<b>Mallory</b>\x01\" <m@example.org>\n"
      "Subject: =?UTF-8?B?PGltZyBzcmM9eCBvbmVycm9yPWFsZXJ0KDEpPgc=?=\n"
      "Date: Tue, 5 Mar 2024 10:00:00 +0000\n"
      "Message-ID: <h@example.org>\n"
      "Archived-At: <javascript:alert(1)>\n"
      "In-Reply-To: <h@example.org>\n"
      "\n"
      "body\n");
  REQUIRE(sink.events.size() == 1);
  const auto& e = sink.events[0];
  CHECK(e.title == "<img src=x onerror=alert(1)>");  // the BEL (U+0007) dropped
  CHECK(e.sources.empty());                          // not a link: no source
  CHECK(e.links.empty());                            // a message cannot answer itself
  REQUIRE(sink.warnings.size() == 1);
  CHECK(sink.warnings[0].code == "self-reply");
  CHECK(sink.warnings[0].at.line == 7);
  REQUIRE(sink.actors.size() == 1);
  CHECK(sink.actors[0].name == "<b>Mallory</b>");
}

TEST_CASE("import mbox: an HTML-only body is read as text, attachments are not") {
  const auto sink = read(
      "From a@example.org Tue Mar  5 15:31:00 2024\n"
      "From: a@example.org\n"
      "Date: Tue, 5 Mar 2024 10:00:00 +0000\n"
      "Message-ID: <html@example.org>\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"m\"\n"
      "\n"
      "--m\n"
      "Content-Type: text/plain\n"
      "Content-Disposition: attachment; filename=notes.txt\n"
      "\n"
      "attached, not the body\n"
      "--m\n"
      "Content-Type: text/html; charset=utf-8\n"
      "\n"
      "<p>Hello <b>list</b> &amp; all</p><script>alert(1)</script>\n"
      "--m--\n");
  REQUIRE(sink.events.size() == 1);
  CHECK(sink.events[0].summary == "Hello list & all");
}

TEST_CASE("import mbox: a long thread is read without recursion") {
  // Each message replies to the one before: 20000 deep, read in one pass.
  std::string text;
  constexpr int messages = 20000;
  for (int i = 0; i < messages; ++i) {
    text += "From a@example.org Tue Mar  5 15:31:00 2024\nFrom: a@example.org\n";
    text += "Date: Tue, 5 Mar 2024 10:00:00 +0000\nMessage-ID: <" + std::to_string(i) + "@t>\n";
    if (i > 0) text += "In-Reply-To: <" + std::to_string(i - 1) + "@t>\n";
    text += "\nstep\n\n";
  }
  const auto sink = read(text);
  CHECK(sink.bad.empty());
  REQUIRE(sink.events.size() == messages);
  CHECK(sink.events.back().links.at(0).key == "mid:" + std::to_string(messages - 2) + "@t");
  CHECK(sink.actors.size() == 1);
}

TEST_CASE("import mbox: looks_like_mbox wants an envelope line and a header") {
  CHECK(looks_like_mbox(thread));
  CHECK(looks_like_mbox("From a@b Tue Mar  5 15:31:00 2024\r\nReturn-Path: <a@b>\r\n"));
  CHECK_FALSE(looks_like_mbox("From here on, a letter\nDear Sir,\n"));
  CHECK_FALSE(looks_like_mbox("From,To,Date\nalice,bob,2024\n"));
  CHECK_FALSE(looks_like_mbox("From a@b Tue Mar  5 15:31:00 2024\n\nbody\n"));
  CHECK_FALSE(looks_like_mbox(""));
}
