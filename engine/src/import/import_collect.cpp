#include "import/import_collect.hpp"

#include <algorithm>
#include <utility>

namespace eventgraph::detail {
namespace {

void fill(std::string& first, std::string& later) {
  if (first.empty()) first = std::move(later);
}

template <typename T>
void fill(std::vector<T>& first, std::vector<T>& later) {
  if (first.empty()) first = std::move(later);
}

/// The later copy of a record fills what the first lacks; the links of both are kept.
void merge_into(imported_event& first, imported_event& later) {
  fill(first.id_hint, later.id_hint);
  if (first.date.empty()) {
    first.date = std::move(later.date);
    first.timezone = std::move(later.timezone);
  }
  fill(first.actors, later.actors);
  fill(first.addressees, later.addressees);
  fill(first.kind, later.kind);
  fill(first.channel, later.channel);
  fill(first.place, later.place);
  fill(first.title, later.title);
  fill(first.summary, later.summary);
  fill(first.notes, later.notes);
  fill(first.quotes, later.quotes);
  fill(first.figures, later.figures);
  fill(first.sources, later.sources);
  fill(first.tags, later.tags);
  // Appended as they come, with no search (an event with many links stays linear): the
  // loader makes one relation of a link given twice.
  for (auto& link : later.links) first.links.push_back(std::move(link));
}

void merge_into(imported_actor& first, imported_actor& later) {
  fill(first.id_hint, later.id_hint);
  fill(first.name, later.name);
  fill(first.handle, later.handle);
  fill(first.url, later.url);
  fill(first.kind, later.kind);
  fill(first.role, later.role);
  fill(first.notes, later.notes);
  fill(first.member_of, later.member_of);
}

bool has_content(const imported_event& e) {
  return !e.date.empty() || !e.title.empty();
}

}  // namespace

import_collector::import_collector(const import_options& options, diagnostic_list& diags,
                                   import_counts& counts)
    : options_(options), diags_(diags), counts_(counts) {}

void import_collector::begin_input(std::string name, std::size_t done_before, std::size_t total) {
  files.push_back(std::move(name));
  done_before_ = done_before;
  total_ = total;
}

source_location import_collector::where(std::uint32_t file, import_location at) const {
  return {file < files.size() ? files[file] : std::string(), at.line, at.column};
}

void import_collector::header(imported_header&& h) {
  fill(story_header.title, h.title);
  fill(story_header.description, h.description);
  fill(story_header.notes, h.notes);
  fill(story_header.timezone, h.timezone);
  fill(story_header.sources, h.sources);
}

void import_collector::actor(imported_actor&& a) {
  const auto file = static_cast<std::uint32_t>(files.size() - 1);
  if (const auto found = actor_keys_.find(a.key, actor_key())) {
    collected_actor& first = actors[*found];
    merge_into(first.record, a);
    if (!first.defined) {
      first.defined = true;
      first.file = file;
      first.record.at = a.at;
    }
    return;
  }
  actors.push_back({std::move(a), file, true});
  actor_keys_.insert(static_cast<std::uint32_t>(actors.size() - 1), actor_key());
}

std::uint32_t import_collector::actor_for(std::string_view key, std::uint32_t file,
                                          import_location at) {
  if (const auto found = actor_keys_.find(key, actor_key())) return *found;
  imported_actor a;
  a.key = std::string(key);
  a.at = at;
  actors.push_back({std::move(a), file, false});
  const auto index = static_cast<std::uint32_t>(actors.size() - 1);
  actor_keys_.insert(index, actor_key());
  return index;
}

void import_collector::event(imported_event&& e) {
  const auto file = static_cast<std::uint32_t>(files.size() - 1);
  const bool content = has_content(e);
  if (content) ++counts_.records;
  if (const auto found = event_keys_.find(e.key, event_key())) {
    collected_event& first = events[*found];
    // A links-only record (a relations sheet's row) adds to an event; it repeats nothing.
    if (content && !first.links_only) ++counts_.merged;
    // The first copy is unpacked, merged into, and packed again (its old bytes stay unused:
    // repeats are few).
    imported_event merged = store.owned(first.record);
    if (content && first.links_only) {
      first.links_only = false;
      first.file = file;
      merged.at = e.at;
    }
    merge_into(merged, e);
    first.record = store.add(merged);
    return;
  }
  events.push_back({store.add(e), file, !content});
  event_keys_.insert(static_cast<std::uint32_t>(events.size() - 1), event_key());
}

std::optional<std::uint32_t> import_collector::find_event(std::string_view key) const {
  const auto found = event_keys_.find(key, event_key());
  if (!found) return std::nullopt;
  if (const auto& e = events[*found]; e.links_only || e.skipped) return std::nullopt;
  return found;
}

void import_collector::bad_record(import_location at, std::string message) {
  ++counts_.records;
  const auto file = static_cast<std::uint32_t>(files.size() - 1);
  if (options_.skip_bad) {
    ++counts_.skipped;
    diags_.warning(where(file, at), "skipped", "skipped: " + message);
  } else {
    diags_.error(where(file, at), "bad-record", std::move(message));
  }
}

void import_collector::warning(import_location at, std::string code, std::string message) {
  diags_.warning(where(static_cast<std::uint32_t>(files.size() - 1), at), std::move(code),
                 std::move(message));
}

void import_collector::progress(std::size_t done) {
  if (options_.progress) options_.progress(done_before_ + done, total_, options_.progress_context);
}

}  // namespace eventgraph::detail
