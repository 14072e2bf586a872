// The imported samples (samples/import/, one synthetic input per format, issue 11): each story
// committed beside its input is what `eventgraph import` writes today, byte for byte, and it
// validates, answers `chain` and renders as a timeline. After a deliberate change to an
// importer, `samples/import/regenerate.sh` writes them again (and the user guide's images).
// A row without an id of its own is keyed by its file's name (not the folder it was read from)
// and its line: the stories come out the same from any folder, which the test checks by reading
// the inputs by their absolute paths while regenerate.sh reads them by relative ones.
//
// The inputs follow each format's public documentation: the CSV sheet eventgraph's own import
// table (docs/import.md); the TimelineJS template's header row (timeline.knightlab.com, "Using
// the Google Sheets template"); Timesketch's "Create timeline from JSONL or CSV file"; X's
// "How to download your X archive" (data/tweets.js, `window.YTD.tweets.part0 = [...]`, v1.1
// tweet fields); W3C ActivityStreams 2.0 and Mastodon's ActivityPub documentation (an archive's
// outbox.json); the AT Protocol lexicons app.bsky.feed.getPostThread, app.bsky.feed.defs and
// app.bsky.richtext.facet; RFC 4155 (mbox), RFC 5322 and RFC 5064 (Archived-At).

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../support/helpers.hpp"

namespace {

struct sample {
  const char* format;
  const char* input;    ///< in samples/import/; its story is the same name ending in .yaml
  const char* summary;  ///< what the import says on standard error
  const char* root;     ///< an event to ask `chain` about
  unsigned chain_down;  ///< how many distinct events `chain` finds below it
};

const std::vector<sample> samples{
    {"csv", "newsroom-sheet.csv",
     "imported 8 events (1 placeholder for missing records), 4 actors from 1 file\n",
     "council-vote", 5},
    {"timelinejs", "harbor-timeline.csv", "imported 6 events, 3 actors from 1 file\n",
     "Agency-publishes-delay-report-16f94c99", 0},
    {"timesketch", "intrusion-timeline.jsonl", "imported 7 events, 0 actors from 1 file\n",
     "ev-0001", 0},
    // Dana's thread (2 replies below its first post); the reply to a council post the archive
    // lacks answers a placeholder.
    {"x", "elm-street-tweets.js",
     "imported 8 events (1 placeholder for missing records), 2 actors from 1 file\n",
     "x-1767000000000000001", 2},
    // Two City Hall posts (one replied to, one quoted) and a boosted post are placeholders.
    {"activitystreams", "riverside-outbox.json",
     "imported 10 events (3 placeholders for missing records), 2 actors from 1 file\n", "lena-205",
     2},
    // The board's post the thread starts from is gone (notFoundPost): every post is below it.
    {"bluesky", "garden-thread.json",
     "imported 8 events (1 placeholder for missing records), 4 actors from 1 file\n",
     "bsky-3lboardlottery", 7},
    {"mbox", "dev-list.mbox",
     "imported 7 events (1 placeholder for missing records), 5 actors from 1 file\n",
     "mid:plan-2.0-example.org-b1bccf25", 4},
};

std::string in_samples(const char* name) {
  return test::samples + "import/" + name;
}

/// The story beside `input`, relative to samples/.
std::string story_of(const char* input) {
  const std::string name = input;
  return "import/" + name.substr(0, name.rfind('.')) + ".yaml";
}

}  // namespace

TEST_CASE("import samples: each committed story is what importing its input writes") {
  for (const sample& s : samples) {
    CAPTURE(std::string(s.input));
    const auto r = test::run_cli({"import", s.format, in_samples(s.input)});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.err == s.summary);
    CHECK(r.out == test::slurp(test::samples + story_of(s.input)));
    // auto tells every sample's format from its content.
    const auto detected = test::run_cli({"import", "auto", in_samples(s.input)});
    CHECK(detected.out == r.out);
  }
}

TEST_CASE("import samples: each story validates, answers chain and renders as a timeline") {
  const auto dir = test::fresh_dir("import-samples");
  for (const sample& s : samples) {
    CAPTURE(std::string(s.input));
    const std::string story = test::samples + story_of(s.input);
    const auto valid = test::run_cli({"validate", story});
    INFO(valid.err);
    CHECK(valid.status == 0);
    const auto chain = test::run_cli({"chain", s.root, story, "--json"});
    INFO(chain.err);
    REQUIRE(chain.status == 0);
    CHECK(chain.json()["root"]["id"] == s.root);
    CHECK(chain.json()["distinct_down"] == s.chain_down);
    const auto svg = dir / (std::string(s.format) + ".svg");
    const auto render =
        test::run_cli({"render", story, "--layout", "timeline", "-o", svg.string()});
    INFO(render.err);
    CHECK(render.status == 0);
    CHECK(test::slurp(svg).find("</svg>") != std::string::npos);
  }
}
