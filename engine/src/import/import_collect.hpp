#pragma once
// The import pipeline's sink: what every reader hands over, kept once per source key. A record
// whose key was seen before is merged into the first (which wins; the later copy only fills
// what the first lacks, and adds links), so an input read twice, or a post both present and
// quoted, is one event.

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/key_index.hpp"
#include "import/record_store.hpp"
#include "import/records.hpp"

namespace eventgraph::detail {

struct collected_actor {
  imported_actor record;
  std::uint32_t file = 0;
  bool defined = true;  ///< false: only referenced (an event names the key, no record does)
};

struct collected_event {
  record_store::handle record = 0;  ///< in import_collector::store
  std::uint32_t file = 0;
  /// Only links were given so far (a relations sheet's rows): not an event until a record with
  /// a date or title arrives.
  bool links_only = false;
  /// Left out by skip_bad after the loader rejected it (links to it then find no target).
  bool skipped = false;
};

class import_collector final : public import_sink {
 public:
  import_collector(const import_options& options, diagnostic_list& diags, import_counts& counts);

  /// The input the next records come from; `done_before`: bytes of the inputs before it.
  void begin_input(std::string name, std::size_t done_before, std::size_t total);

  void header(imported_header&& h) override;
  void actor(imported_actor&& a) override;
  void event(imported_event&& e) override;
  void bad_record(import_location at, std::string message) override;
  void warning(import_location at, std::string code, std::string message) override;
  void progress(std::size_t done) override;

  /// The actor with this key, made (named by its key) when only events mention it.
  std::uint32_t actor_for(std::string_view key, std::uint32_t file, import_location at);
  /// The index of the event with this key, if there is one (not links only, not skipped).
  [[nodiscard]] std::optional<std::uint32_t> find_event(std::string_view key) const;
  [[nodiscard]] source_location where(std::uint32_t file, import_location at) const;

  std::vector<std::string> files;
  imported_header story_header;
  // A deque: the actors' records are added one by one, and never move.
  std::deque<collected_actor> actors;
  std::vector<collected_event> events;
  record_store store;  ///< the events' records

 private:
  const import_options& options_;
  diagnostic_list& diags_;
  import_counts& counts_;
  key_index actor_keys_, event_keys_;
  [[nodiscard]] auto actor_key() const {
    return [this](std::uint32_t i) -> std::string_view { return actors[i].record.key; };
  }
  [[nodiscard]] auto event_key() const {
    return [this](std::uint32_t i) -> std::string_view { return store.key(events[i].record); };
  }
  std::size_t done_before_ = 0, total_ = 0;
};

}  // namespace eventgraph::detail
