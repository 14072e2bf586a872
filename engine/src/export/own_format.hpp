#pragma once
// eventgraph's own format as JSON values, one per record: what the json, yaml and ndjson
// exports write (one home for which fields are written, in docs/format.md's order, and when a
// field is left out). Only those three writers include this header (it includes nlohmann/json).

#include <string>

#include <nlohmann/json.hpp>

#include "eventgraph/model.hpp"

namespace eventgraph::detail {

using ordered_json = nlohmann::ordered_json;

/// `{"eventgraph": 1, "title", "description", "notes", "timezone", "sources"}`, the empty
/// ones left out: the document's fields other than its actors and events.
ordered_json header_value(const story& s);
/// An actor's fields: id, name, kind, role, member_of, notes.
ordered_json actor_value(const story& s, const actor& a);
/// An event's fields, from id and date to relations; `timezone` only when it is not the
/// story's.
ordered_json event_value(const story& s, const event& e);

/// JSON text of a value, compact (`indent` < 0) or as nlohmann's dump(indent); invalid UTF-8
/// replaced by U+FFFD.
std::string dump_json(const ordered_json& value, int indent = -1);

}  // namespace eventgraph::detail
