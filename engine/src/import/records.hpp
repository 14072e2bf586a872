#pragma once
// What every importer hands the import pipeline: actors and events as the source has them,
// keyed by the source's own ids. The pipeline (import.cpp) merges repeated records, resolves
// links across inputs, makes placeholders for absent targets, chooses eventgraph ids and
// validates the story, so a reader only reads.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "eventgraph/import.hpp"
#include "eventgraph/model.hpp"

namespace eventgraph::detail {

/// Where a record starts in the input being read (1-based; CSV: row's line and the column's
/// byte column).
struct import_location {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

struct imported_actor {
  /// The source's stable key, unique across formats: "x:user:783214", "did:plc:abc",
  /// "https://mastodon.social/users/alice", "mailto:alice@example.org", "group:Governor".
  std::string key;
  /// A readable id to derive the eventgraph id from: "alice", "alice@mastodon.social".
  std::string id_hint;
  std::string name;    ///< display name; "" = the handle
  std::string handle;  ///< "@alice", "alice.bsky.social", "alice@example.org"
  std::string url;     ///< profile URL, if the source gives one
  std::string kind;    ///< person, organization, office, group; "" when the source does not say
  import_location at;
  // Fields few sources have (eventgraph's own actors sheet), initialized so that the readers'
  // designated initializers may leave them out.
  std::string role{};                    ///< what the source says the actor does
  std::string notes{};                   ///< the source's own notes on the actor
  std::vector<std::string> member_of{};  ///< actor keys of the groups the actor belongs to
};

struct imported_link {
  relation_type type = relation_type::responds_to;
  std::string key;  ///< the target event's key
  /// How the source names the target, to title a placeholder: a URL, a Message-ID.
  std::string known_as;
  std::string actor_key;  ///< the target's author when the source says (in_reply_to_user_id)
  std::string note;       ///< why the link holds, when the source says (a relations sheet's Note)
  /// The id hint the target's own record would give ("x-1101"), so that a placeholder is
  /// named as its event would be; "" = a readable known_as, else the key.
  std::string id_hint;
};

/// A quote an event carries; `by` is an actor key ("" = not said).
struct imported_quote {
  std::string text, by, note;
};

struct imported_event {
  /// The source's key of the record, unique across formats: "x:1050118621198921728",
  /// "at://did:plc:abc/app.bsky.feed.post/3k", an ActivityPub id, "mid:<id@host>".
  std::string key;
  std::string id_hint;   ///< a readable id: "x-1050118621198921728"; "" = from the key
  std::string date;      ///< EDTF, with the offset the source gave ("2018-10-10T20:19:24Z")
  std::string timezone;  ///< an IANA zone, only when the source gives local times in one
  std::vector<std::string> actors;      ///< actor keys, the author first; may be empty
  std::vector<std::string> addressees;  ///< actor keys
  std::string kind, channel, place, title, summary, notes;
  std::vector<imported_quote> quotes;
  /// Figures as the source writes them: `value_text` a number's text, `value` what it reads as.
  std::vector<figure> figures;
  std::vector<source> sources;
  std::vector<std::string> tags;
  std::vector<imported_link> links;
  import_location at;
};

/// Facts about the whole story some formats carry (a TimelineJS title slide, eventgraph's own
/// story sheet).
struct imported_header {
  std::string title, description, notes;
  std::vector<source> sources;
  std::string timezone{};  ///< the zone of events given without one; "" = UTC (own story sheet)
};

/// Receives what a reader reads, in order.
class import_sink {
 public:
  virtual ~import_sink() = default;
  virtual void header(imported_header&& h) = 0;
  virtual void actor(imported_actor&& a) = 0;
  virtual void event(imported_event&& e) = 0;
  /// A record that cannot be read: an error, or a warning counted as skipped under skip_bad.
  virtual void bad_record(import_location at, std::string message) = 0;
  virtual void warning(import_location at, std::string code, std::string message) = 0;
  /// Bytes of the input read so far, for progress.
  virtual void progress(std::size_t done) = 0;
};

struct import_input {
  std::string_view name;  ///< for diagnostics
  std::string_view text;  ///< the whole input, a UTF-8 byte order mark already skipped
  /// What keys of records without an id of their own ("timelinejs:<key_name>:<line>") call the
  /// input: its file name, so that ids do not change with the folder it was read from; the
  /// name as given when two inputs share a file name. "" = name.
  std::string_view key_name = {};

  [[nodiscard]] std::string_view record_key_name() const {
    return key_name.empty() ? name : key_name;
  }
};

/// One reader per format (import_<format>.cpp). Each reads the whole input, calling the sink
/// for every record, and never throws on bad input.
void read_csv(const import_input& in, const import_options& options, import_sink& sink);
void read_timelinejs(const import_input& in, const import_options& options, import_sink& sink);
void read_timesketch(const import_input& in, const import_options& options, import_sink& sink);
void read_x(const import_input& in, const import_options& options, import_sink& sink);
void read_activitystreams(const import_input& in, const import_options& options, import_sink& sink);
void read_bluesky(const import_input& in, const import_options& options, import_sink& sink);
void read_mbox(const import_input& in, const import_options& options, import_sink& sink);

/// Whether the text looks like the format, from its first bytes (FORMAT auto). Each is cheap
/// and strict enough that two never claim the same input.
[[nodiscard]] bool looks_like_csv(std::string_view text);
[[nodiscard]] bool looks_like_timelinejs(std::string_view text);
[[nodiscard]] bool looks_like_timesketch(std::string_view text);
[[nodiscard]] bool looks_like_x(std::string_view text);
[[nodiscard]] bool looks_like_activitystreams(std::string_view text);
[[nodiscard]] bool looks_like_bluesky(std::string_view text);
[[nodiscard]] bool looks_like_mbox(std::string_view text);

/// HTML (a post's content, a TimelineJS Text cell) as plain text, with the href of every link
/// in order (import/html_text.cpp, libxml2's HTML parser): block ends become line breaks,
/// entities are decoded, scripts and styles are dropped.
struct html_text {
  std::string text;
  std::vector<std::string> links;
};
[[nodiscard]] html_text html_to_text(std::string_view html);

}  // namespace eventgraph::detail
