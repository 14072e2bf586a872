#include "import/csv_own_sheets.hpp"

#include "core/csv_cells.hpp"

namespace eventgraph::detail {
namespace {

std::string field_or_empty(const std::vector<std::string>& fields, std::size_t i) {
  return i < fields.size() ? fields[i] : std::string();
}

}  // namespace

bool is_own_actors_sheet(const csv_header& h) {
  return h.find("id") && h.find("label") && h.find("role") && h.find("member of") &&
         !h.find("date");
}

bool is_own_story_sheet(const csv_header& h) {
  return h.find("story field") && h.find("value");
}

std::vector<source> own_sources(std::string_view cell) {
  std::vector<source> out;
  for (const auto& fields : split_cell_records(cell)) {
    source s;
    s.title = field_or_empty(fields, 0);
    s.publisher = field_or_empty(fields, 1);
    s.url = field_or_empty(fields, 2);
    s.date = field_or_empty(fields, 3);
    s.note = field_or_empty(fields, 4);
    out.push_back(std::move(s));
  }
  return out;
}

own_sheet_reader::own_sheet_reader(const csv_header& h, import_sink& sink)
    : h_(h), sink_(sink), story_(is_own_story_sheet(h)) {}

void own_sheet_reader::row(const csv_row& r) {
  if (story_)
    story_row(r);
  else
    actor_row(r);
}

void own_sheet_reader::actor_row(const csv_row& r) {
  auto text = [&](std::string_view name) {
    const auto col = h_.find(name);
    return col ? std::string(formula_unguarded(r.text(*col))) : std::string();
  };
  imported_actor a;
  a.id_hint = text("id");
  if (a.id_hint.empty()) {
    sink_.bad_record(r.at, "an actor needs an ID");
    return;
  }
  a.key = std::string(csv_actor_prefix) + a.id_hint;
  a.name = text("label");
  a.kind = text("type");
  a.role = text("role");
  a.notes = text("notes");
  for (const auto& id : split_cell_items(text("member of"), '|'))
    a.member_of.push_back(std::string(csv_actor_prefix) + id);
  a.at = r.at;
  sink_.actor(std::move(a));
}

void own_sheet_reader::story_row(const csv_row& r) {
  const std::string name = csv_header_key(r.text(*h_.find("story field")));
  const std::string value(formula_unguarded(r.text(*h_.find("value"))));
  if (name == "title") {
    header_.title = value;
  } else if (name == "description") {
    header_.description = value;
  } else if (name == "notes") {
    header_.notes = value;
  } else if (name == "time zone") {
    header_.timezone = value;
  } else if (name == "sources") {
    header_.sources = own_sources(value);
  } else {
    sink_.bad_record(r.location(*h_.find("story field")),
                     "unknown story field '" + std::string(r.text(*h_.find("story field"))) +
                         "' (fields: Title, Description, Notes, Time zone, Sources)");
  }
}

void own_sheet_reader::finish() {
  if (story_) sink_.header(std::move(header_));
}

}  // namespace eventgraph::detail
