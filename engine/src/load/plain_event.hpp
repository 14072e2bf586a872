#pragma once
// The NDJSON fast path: one event line read straight from simdjson, without building a
// document tree, when the line is plain. Anything unusual (an unknown or repeated field, a
// wrong type, a note, a quote...) makes it decline, and the general reader takes the line and
// reports whatever is wrong, so diagnostics are the same either way.

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "eventgraph/model.hpp"

namespace eventgraph::detail {

/// A plain event line, as views into the reader's buffers (valid until the next read), except
/// the ids of references: those point into the line itself.
struct plain_event {
  struct ref {
    std::string_view id;
    std::uint32_t column = 0;  ///< of the opening quote, 1-based, in bytes
  };
  struct link {
    relation_type type;
    ref to;
  };
  struct source {
    std::string_view title, publisher, url, date, note;
  };
  std::string_view id, date, kind, title;
  std::string_view channel, place, summary, notes;  ///< null views when absent
  std::uint32_t column = 1;                         ///< of the opening brace
  std::vector<ref> actors;
  std::vector<ref> addressees;  ///< `to`
  std::vector<std::string_view> tags;
  std::vector<link> relations;
  std::vector<source> sources;
};

class plain_event_reader {
 public:
  plain_event_reader();
  ~plain_event_reader();
  plain_event_reader(const plain_event_reader&) = delete;
  plain_event_reader& operator=(const plain_event_reader&) = delete;

  /// Reads `line` (followed by at least json_padding readable bytes) when it is a plain event:
  /// only the fields id, date, actor or actors, to, kind, channel, place, title, summary,
  /// notes, sources (title, publisher, url, date, note), tags, responds_to, relations (type and
  /// to) and type ("event"), each once and of the right JSON type. False otherwise.
  bool read(std::string_view line, plain_event& out);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace eventgraph::detail
