#pragma once
// Synthetic stories for tests and benchmarks: many events, replies by preferential attachment.

#include <cstddef>
#include <cstdint>
#include <string>

#include "eventgraph/diagnostic.hpp"

namespace eventgraph {

struct generate_options {
  std::size_t events = 1000;
  std::size_t actors = 50;
  std::uint64_t seed = 1;
  std::string from = "2020-01-01";  ///< EDTF, read in UTC: the first event's earliest moment
  std::string to = "2025-12-31";    ///< EDTF, read in UTC: the last event's latest moment
  /// One chain: every event responds to the one before (a reply chain `events` long).
  bool deep_thread = false;
  /// Called now and then with events written so far and the total; may be empty.
  void (*progress)(std::size_t done, std::size_t total, void* context) = nullptr;
  void* progress_context = nullptr;
};

/// An NDJSON story (header line, actor lines, event lines in time order) that loads without
/// errors. Each event answers one earlier event chosen with probability proportional to the
/// responses it already has, plus one (preferential attachment: a few events draw many
/// responses), three times in four among the newest 1% of those weighted entries (replies
/// follow recent events); 4% start a new thread; 30% of replies are typed (rebuts, supports,
/// follows-up, repeats); 8% also cite another event. Dates are mostly minutes, some days, a few
/// months. The same options give byte-identical output on every machine (no std distributions).
///
///     generate_options o;
///     o.events = 100000;
///     auto text = generate_story(o);  // text.value() starts with {"eventgraph":1,...
[[nodiscard]] result<std::string> generate_story(const generate_options& options);

}  // namespace eventgraph
