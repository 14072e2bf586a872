#pragma once
// Importing the data analysts already have: spreadsheets, timeline tools, social threads and
// mail archives, each read as its source documents it, into a story every command reads.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eventgraph/diagnostic.hpp"
#include "eventgraph/load.hpp"
#include "eventgraph/model.hpp"

namespace eventgraph {

/// Each value has one row in import_formats() (import.cpp's table, in enum order).
enum class import_format : std::uint8_t {
  detect,           ///< from the content of each input
  csv,              ///< eventgraph's events.csv + relations.csv, or any CSV with a column map
  timelinejs,       ///< the TimelineJS sheet as CSV, or TimelineJS JSON
  timesketch,       ///< Timesketch CSV or JSONL (message, datetime, timestamp_desc)
  x,                ///< an X/Twitter archive's tweets.js, or X API v2 / twarc2 JSONL
  activitystreams,  ///< ActivityStreams 2.0 collections, Mastodon's outbox.json, Note objects
  bluesky,          ///< app.bsky.feed.post records (JSON lines) or a getPostThread response
  mbox,             ///< mail archives in mbox form
};

struct import_format_info {
  import_format format;
  std::string_view name;         ///< as the command takes it: "timelinejs"
  std::string_view description;  ///< one line for --help and docs
};

/// Every format but `detect`, in enum order.
[[nodiscard]] std::span<const import_format_info> import_formats();
[[nodiscard]] std::string_view to_string(import_format format);
[[nodiscard]] std::optional<import_format> parse_import_format(std::string_view name);

/// What to do with a link to a record the inputs do not hold (a reply to a post not exported).
enum class missing_policy : std::uint8_t {
  placeholder,  ///< keep it: the target becomes an event of kind "missing", dated up to the reply
  drop,         ///< drop the link, and count it
};

struct import_options {
  import_format format = import_format::detect;
  missing_policy missing = missing_policy::placeholder;
  /// Records that cannot be read become warnings (and are counted) instead of errors.
  bool skip_bad = false;
  /// CSV: eventgraph field -> column header, from `--map field=Column`; fields not mapped are
  /// found by common header names (Date, Headline, Author, ...).
  std::vector<std::pair<std::string, std::string>> column_map;
  std::size_t max_diagnostics = diagnostic_list::default_cap;
  /// Called now and then with bytes read so far and the total; may be empty.
  void (*progress)(std::size_t done, std::size_t total, void* context) = nullptr;
  void* progress_context = nullptr;
};

/// What an import did, for the command's summary line.
struct import_counts {
  std::size_t records = 0;  ///< records read (rows, posts, messages)
  std::size_t events = 0;   ///< events in the story, placeholders included
  std::size_t actors = 0;
  std::size_t merged = 0;         ///< records that repeated one already read
  std::size_t skipped = 0;        ///< bad records turned into warnings by skip_bad
  std::size_t placeholders = 0;   ///< events of kind "missing" made for absent targets
  std::size_t dropped_links = 0;  ///< links to absent targets dropped (missing_policy::drop)
};

struct imported_story {
  story value;
  import_counts counts;
};

/// Reads every input in its format (each detected when options.format is detect), merges them
/// (a reply in one input to a post in another resolves), and validates the result as a loaded
/// story is validated. Every unreadable record is an error at its file:line:column.
[[nodiscard]] result<imported_story> import_texts(std::span<const input_text> inputs,
                                                  const import_options& options = {});

/// Reads the files (`-` is standard input) and calls import_texts.
[[nodiscard]] result<imported_story> import_files(std::span<const std::string> paths,
                                                  const import_options& options = {});

}  // namespace eventgraph
