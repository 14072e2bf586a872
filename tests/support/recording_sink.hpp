#pragma once
// An import_sink that keeps what a reader hands it, for the readers' own tests (the pipeline's
// tests go through import_texts instead).

#include <string>
#include <string_view>
#include <vector>

#include "import/records.hpp"
#include "support/helpers.hpp"

namespace test {

struct recording_sink final : eventgraph::detail::import_sink {
  struct problem {
    eventgraph::detail::import_location at;
    std::string code;  ///< "bad-record" for bad_record
    std::string message;
  };
  std::vector<eventgraph::detail::imported_header> headers;
  std::vector<eventgraph::detail::imported_actor> actors;
  std::vector<eventgraph::detail::imported_event> events;
  std::vector<problem> bad, warnings;
  std::size_t last_progress = 0;

  void header(eventgraph::detail::imported_header&& h) override { headers.push_back(std::move(h)); }
  void actor(eventgraph::detail::imported_actor&& a) override { actors.push_back(std::move(a)); }
  void event(eventgraph::detail::imported_event&& e) override { events.push_back(std::move(e)); }
  void bad_record(eventgraph::detail::import_location at, std::string message) override {
    bad.push_back({at, "bad-record", std::move(message)});
  }
  void warning(eventgraph::detail::import_location at, std::string code,
               std::string message) override {
    warnings.push_back({at, std::move(code), std::move(message)});
  }
  void progress(std::size_t done) override { last_progress = done; }

  /// The event with this key, or nullptr.
  [[nodiscard]] const eventgraph::detail::imported_event* find(std::string_view key) const {
    for (const auto& e : events)
      if (e.key == key) return &e;
    return nullptr;
  }
  [[nodiscard]] const eventgraph::detail::imported_actor* find_actor(std::string_view key) const {
    for (const auto& a : actors)
      if (a.key == key) return &a;
    return nullptr;
  }
};

/// What a reader (read_mbox, read_timelinejs...) hands a recording sink for `text`, read as
/// the input `name`.
///
///     auto sink = test::read_with(eventgraph::detail::read_mbox, text, "test.mbox");
template <typename Reader>
recording_sink read_with(Reader reader, std::string_view text, std::string_view name,
                         const eventgraph::import_options& options = {}) {
  recording_sink sink;
  reader(eventgraph::detail::import_input{name, text}, options, sink);
  return sink;
}

/// Runs a reader over tests/data/import/<path> and keeps what it emits (`text` holds the
/// input, which the records' views may point into).
///
///     auto sink = test::read_import_fixture(read_x, "x/tweets.js", text);
template <typename Reader>
recording_sink read_import_fixture(Reader read, const std::string& path, std::string& text,
                                   const eventgraph::import_options& options = {}) {
  text = slurp(data + "import/" + path);
  recording_sink sink;
  read({path, text}, options, sink);
  return sink;
}

}  // namespace test
