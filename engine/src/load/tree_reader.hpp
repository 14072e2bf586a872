#pragma once
// Reads document trees into the story: the header, actors and events, and the NDJSON fast
// path's plain events. References are kept for resolution (resolve.cpp).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "load/node_checks.hpp"
#include "load/pending.hpp"
#include "load/plain_event.hpp"

namespace eventgraph::detail {

/// Reads one document tree into the story, collecting every problem it finds.
class tree_reader : private node_checks {
 public:
  tree_reader(std::string file, story& out, pending_events& pending_events,
              std::vector<pending_actor>& pending_actors, actor_id_index& known_actors,
              bool warnings, diagnostic_list& diags)
      : node_checks(std::move(file), static_cast<std::uint32_t>(out.files.size() - 1), warnings,
                    diags),
        story_(out),
        pending_events_(pending_events),
        pending_actors_(pending_actors),
        known_actors_(known_actors) {}

  void read_document(const tree_node& root);
  /// Title, description, zone and sources: the parts of a document that are not lists of ids.
  void read_header(const tree_node& root);
  void set_zone(std::string zone) { zone_ = std::move(zone); }
  /// `extra` names a key a bulk (NDJSON) line may carry besides the actor's own fields.
  void read_actor(const tree_node& n, std::span<const std::string_view> extra);
  void read_event(const tree_node& n, std::span<const std::string_view> extra);
  /// Takes an event from the NDJSON fast path when it needs no diagnostic at all; false, with
  /// nothing changed, when the general reader must read the line instead (ndjson.cpp).
  bool read_plain_event(const plain_event& p, std::uint32_t line);
  void add_plain_details(const plain_event& p, event_index e);

 private:
  /// A document's or an event's `timezone`, checked; false (and a diagnostic) when unusable.
  bool read_zone(const tree_node& n, std::string& out);
  bool read_ref(const tree_node& n, pending_ref& out);
  /// A list of ids; a single id is accepted where a list is expected.
  void read_refs(const tree_node& n, std::vector<pending_ref>& out);
  void read_date(const tree_node& n, event_record& e, pending_event& pending);
  bool read_source(const tree_node& n, source& out);
  void read_quote(const tree_node& n, event_record& e, pending_event& pending);
  void read_figure(const tree_node& n, event_record& e);
  void read_relation(const tree_node& n, pending_event& pending);

  story& story_;
  pending_events& pending_events_;
  std::vector<pending_actor>& pending_actors_;
  actor_id_index& known_actors_;  ///< actors read so far, for the NDJSON fast path
  std::string zone_;
  bool document_has_sources_ = false;
  std::vector<actor_index> placeholder_actors_;
  std::vector<actor_index> known_actor_list_, known_addressee_list_;
};

}  // namespace eventgraph::detail
