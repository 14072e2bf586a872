// The Python module's native half, eventgraph._eventgraph: a story loaded by the engine and
// held with its graph, the engine's outputs as bytes, and the query commands' answers as the
// CLI's own --json text (cli/queries.hpp), so Python and the command agree byte for byte. The
// package (eventgraph/__init__.py) builds the Python API on it. Nothing here prints.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "eventgraph/export.hpp"
#include "eventgraph/graph.hpp"
#include "eventgraph/load.hpp"
#include "eventgraph/render.hpp"
#include "eventgraph/version.hpp"
#include "export/export_common.hpp"
#include "export/export_writers.hpp"
#include "output.hpp"
#include "queries.hpp"

namespace py = pybind11;
namespace eg = eventgraph;

namespace {

/// A loaded story and its graph, which points into it: neither ever moves.
struct held_story {
  eg::story data;
  std::unique_ptr<eg::event_graph> graph;
  eg::left_out_counts left_out;  ///< a view (select()): what it left out of its story

  const eg::event_graph& graph_of() {
    if (!graph) graph = std::make_unique<eg::event_graph>(data);
    return *graph;
  }
};
using story_ptr = std::shared_ptr<held_story>;

/// (file, line, column, level, code, message, the CLI's line) for eventgraph.Diagnostic.
using diagnostic_row = std::tuple<std::string, std::uint32_t, std::uint32_t, std::string,
                                  std::string, std::string, std::string>;

std::vector<diagnostic_row> rows_of(const eg::diagnostic_list& diags) {
  std::vector<diagnostic_row> rows;
  for (const eg::diagnostic& d : diags.items())
    rows.emplace_back(d.where.file, d.where.line, d.where.column,
                      std::string(eg::to_string(d.level)), d.code, d.message,
                      eg::format_diagnostic(d));
  return rows;
}

eg::input_format parse_format(const std::string& name) {
  static const std::map<std::string, eg::input_format> names = {
      {"", eg::input_format::detect},
      {"yaml", eg::input_format::yaml},
      {"json", eg::input_format::json},
      {"ndjson", eg::input_format::ndjson}};
  const auto found = names.find(name);
  if (found == names.end())
    throw py::value_error("format must be None, 'yaml', 'json' or 'ndjson', not '" + name + "'");
  return found->second;
}

/// (story or None, diagnostics, diagnostics past the cap).
using load_outcome = std::tuple<std::optional<story_ptr>, std::vector<diagnostic_row>, std::size_t>;

load_outcome outcome_of(eg::result<eg::story> loaded) {
  auto rows = rows_of(loaded.diagnostics());
  const std::size_t dropped = loaded.diagnostics().dropped();
  if (!loaded.ok()) return {std::nullopt, std::move(rows), dropped};
  auto held = std::make_shared<held_story>();
  held->data = std::move(loaded).value();
  return {std::move(held), std::move(rows), dropped};
}

load_outcome load_paths(const std::vector<std::string>& paths, const std::string& format,
                        bool warnings) {
  eg::load_options o;
  o.format = parse_format(format);
  o.warnings = warnings;
  py::gil_scoped_release unlocked;
  return outcome_of(eg::load_files(paths, o));
}

load_outcome load_texts(const std::vector<std::pair<std::string, std::string>>& texts,
                        const std::string& format, bool warnings) {
  eg::load_options o;
  o.format = parse_format(format);
  o.warnings = warnings;
  std::vector<eg::input_text> inputs;
  for (const auto& [name, text] : texts) inputs.push_back({name, text});
  py::gil_scoped_release unlocked;
  return outcome_of(eg::load_texts(inputs, o));
}

/// (exit status, standard output, standard error) of one query command on the held story.
using answer = std::tuple<int, py::bytes, std::string>;

template <typename Query, typename Answer>
answer ask(const story_ptr& s, const Query& q, Answer answer_query) {
  const eg::event_graph& g = s->graph_of();
  std::ostringstream out, err;
  eg::cli::context ctx{out, err};
  {
    py::gil_scoped_release unlocked;
    answer_query(ctx, g, q);
  }
  return {ctx.status, py::bytes(out.str()), err.str()};
}

eg::chain_direction parse_direction(const std::string& name) {
  if (name == "down") return eg::chain_direction::down;
  if (name == "up") return eg::chain_direction::up;
  if (name == "both") return eg::chain_direction::both;
  throw py::value_error("direction must be 'down', 'up' or 'both', not '" + name + "'");
}

std::vector<std::string> checked_relations(const std::vector<std::string>& names) {
  for (const auto& n : names)
    if (!eg::parse_relation_type(n)) throw py::value_error("no relation type '" + n + "'");
  return names;
}

answer chain(const story_ptr& s, const std::string& event, const std::string& direction,
             std::optional<std::uint32_t> depth, const std::vector<std::string>& relations) {
  return ask(s,
             eg::cli::chain_query{event, parse_direction(direction), depth,
                                  checked_relations(relations), true},
             eg::cli::answer_chain);
}

answer path(const story_ptr& s, const std::string& from, const std::string& to,
            const std::vector<std::string>& relations) {
  return ask(s, eg::cli::path_query{from, to, checked_relations(relations), true},
             eg::cli::answer_path);
}

answer events(const story_ptr& s, const std::string& from, const std::string& to, bool within,
              const std::vector<std::string>& actors, const std::vector<std::string>& kinds,
              const std::vector<std::string>& tags, const std::string& text) {
  eg::cli::events_query q;
  q.select.from = from;
  q.select.to = to;
  q.select.within = within;
  q.select.actors = actors;
  q.select.kinds = kinds;
  q.select.tags = tags;
  q.select.text = text;
  q.json = true;
  return ask(s, q, eg::cli::answer_events);
}

answer actors(const story_ptr& s, bool no_self) {
  return ask(s, eg::cli::actors_query{no_self, true}, eg::cli::answer_actors);
}

answer stats(const story_ptr& s) {
  return ask(s, eg::cli::stats_query{true}, eg::cli::answer_stats);
}

/// (status, the view or None, error, (events, relations, actors) left out): the selection of
/// `render`/`export` (--from... --around, --path), by the same code, as a story of its own.
std::tuple<int, std::optional<story_ptr>, std::string,
           std::tuple<std::size_t, std::size_t, std::size_t>>
select_view(const story_ptr& s, const std::string& from, const std::string& to, bool within,
            const std::vector<std::string>& actors, const std::vector<std::string>& kinds,
            const std::vector<std::string>& tags, const std::string& text,
            const std::string& around, const std::string& direction,
            std::optional<std::uint32_t> depth, const std::vector<std::string>& path) {
  eg::cli::selection_options o;
  o.from = from;
  o.to = to;
  o.within = within;
  o.actors = actors;
  o.kinds = kinds;
  o.tags = tags;
  o.text = text;
  o.around = around;
  o.direction = parse_direction(direction);
  o.depth = depth;
  o.path = path;
  if (!path.empty() && path.size() != 2) throw py::value_error("path is (FROM, TO)");
  std::ostringstream out, err;
  eg::cli::context ctx{out, err};
  std::optional<eg::story_part> part;
  {
    py::gil_scoped_release unlocked;
    part = eg::cli::select_part(ctx, s->data, o);
  }
  if (!part) return {ctx.status == 0 ? 1 : ctx.status, std::nullopt, err.str(), {0, 0, 0}};
  auto view = std::make_shared<held_story>();
  view->data = std::move(part->kept);
  view->left_out = {s->left_out.events + part->events_left_out,
                    s->left_out.relations + part->relations_left_out,
                    s->left_out.actors + part->actors_left_out};
  // The counts before the handle moves into the tuple (its elements' order is unspecified).
  const std::tuple<std::size_t, std::size_t, std::size_t> counts{
      view->left_out.events, view->left_out.relations, view->left_out.actors};
  return {0, std::move(view), {}, counts};
}

/// (status, ids, error): the engine's reachable(), ids checked as `chain` checks them.
std::tuple<int, std::vector<std::string>, std::string> reachable(
    const story_ptr& s, const std::string& event, const std::string& direction,
    std::optional<std::uint32_t> depth, const std::vector<std::string>& relations) {
  const eg::chain_direction d = parse_direction(direction);
  if (d == eg::chain_direction::both)
    throw py::value_error("reachable goes one way: direction 'down' or 'up'");
  const eg::event_graph& g = s->graph_of();
  std::ostringstream out, err;
  eg::cli::context ctx{out, err};
  const auto root = eg::cli::resolve_id(ctx, g, event, eg::cli::id_scope::events);
  if (!root) return {ctx.status, {}, err.str()};
  eg::chain_options o;
  o.direction = d;
  o.max_depth = depth;
  o.relations = eg::cli::parse_relations(checked_relations(relations));
  std::vector<eg::event_index> found;
  {
    py::gil_scoped_release unlocked;
    found = eg::reachable(g, root->front(), d, o);
  }
  std::vector<std::string> ids;
  ids.reserve(found.size());
  for (const eg::event_index e : found) ids.emplace_back(s->data.events[e].id());
  return {0, std::move(ids), {}};
}

template <typename T>
T from_name(const std::map<std::string, T>& names, const std::string& name, const char* what) {
  const auto found = names.find(name);
  if (found != names.end()) return found->second;
  std::string known;
  for (const auto& entry : names) known += (known.empty() ? "'" : ", '") + entry.first + "'";
  throw py::value_error(std::string(what) + " must be one of " + known + ", not '" + name + "'");
}

/// (bytes or None, diagnostics): render() with the `eventgraph render` option names.
std::tuple<std::optional<py::bytes>, std::vector<diagnostic_row>> render(
    const story_ptr& s, const std::string& layout, const std::string& format,
    const std::string& engine, const std::string& unit, const std::string& lanes, bool full_detail,
    bool compress_gaps, double width, const std::string& title, bool force) {
  eg::render_options o;
  o.layout = from_name<eg::render_layout>(
      {{"graphviz", eg::render_layout::graphviz}, {"timeline", eg::render_layout::timeline}},
      layout, "layout");
  o.format = from_name<eg::image_format>({{"dot", eg::image_format::dot},
                                          {"svg", eg::image_format::svg},
                                          {"png", eg::image_format::png},
                                          {"pdf", eg::image_format::pdf}},
                                         format, "format");
  o.engine = engine;
  o.unit = from_name<eg::time_unit>({{"auto", eg::time_unit::automatic},
                                     {"day", eg::time_unit::day},
                                     {"week", eg::time_unit::week},
                                     {"month", eg::time_unit::month},
                                     {"year", eg::time_unit::year}},
                                    unit, "unit");
  o.lanes = from_name<eg::lane_grouping>(
      {{"actor", eg::lane_grouping::actor}, {"org", eg::lane_grouping::organization}}, lanes,
      "lanes");
  o.full_detail = full_detail;
  o.compress_gaps = compress_gaps;
  o.width = width;
  o.title = title;
  o.force = force;
  o.left_out = s->left_out;  // a view's drawing says what it left out, as render's does
  eg::result<std::string> drawn = [&] {
    py::gil_scoped_release unlocked;
    return eg::render(s->data, o);
  }();
  if (!drawn.ok()) return {std::nullopt, rows_of(drawn.diagnostics())};
  return {py::bytes(drawn.value()), {}};
}

/// ([(file name, bytes)...] or None, diagnostics).
std::tuple<std::optional<std::vector<std::pair<std::string, py::bytes>>>,
           std::vector<diagnostic_row>>
export_story(const story_ptr& s, const std::string& format, bool mermaid_graph) {
  const auto f = eg::parse_export_format(format);
  if (!f) throw py::value_error("no export format '" + format + "'");
  eg::export_options o;
  o.mermaid_graph = mermaid_graph;
  eg::result<std::vector<eg::export_file>> files = [&] {
    py::gil_scoped_release unlocked;
    return eg::export_files(s->data, *f, o);
  }();
  if (!files.ok()) return {std::nullopt, rows_of(files.diagnostics())};
  std::vector<std::pair<std::string, py::bytes>> out;
  for (const eg::export_file& file : files.value())
    out.emplace_back(file.name, py::bytes(file.content));
  return {std::move(out), {}};
}

/// The export format a file name asks for (`eventgraph export -o`), or None.
std::optional<std::string> export_format_for(const std::string& path) {
  const auto f = eg::export_format_from_path(path);
  if (!f) return std::nullopt;
  return std::string(eg::to_string(*f));
}

/// (status, error): the bytes written where `-o` writes them (cli/output.hpp).
std::tuple<int, std::string> write_output(const std::string& path, const std::string& content) {
  std::ostringstream out, err;
  eg::cli::context ctx{out, err};
  py::gil_scoped_release unlocked;
  if (!eg::cli::write_output(ctx, path, content) && ctx.status == eg::cli::exit_ok)
    ctx.status = eg::cli::exit_io;
  return {ctx.status, err.str()};
}

py::tuple event_fields(const story_ptr& s, std::size_t i) {
  if (i >= s->data.events.size()) throw py::index_error("event index out of range");
  const eg::event e = s->data.events[static_cast<eg::event_index>(i)];
  const eg::event_time t = e.time();
  py::list actors, addressees, relations, tags;
  for (const eg::actor_index a : e.actors()) actors.append(s->data.actors[a].id);
  for (const eg::actor_index a : e.addressees()) addressees.append(s->data.actors[a].id);
  for (const eg::relation r : e.relations())
    relations.append(py::make_tuple(std::string(eg::to_string(r.type)),
                                    std::string(s->data.events[r.target].id())));
  for (const std::string_view tag : e.tags()) tags.append(std::string(tag));
  auto seconds = [](bool open, eg::instant at) -> py::object {
    if (open) return py::none();
    return py::int_(at.time_since_epoch().count());
  };
  return py::make_tuple(std::string(e.id()), std::string(e.date()), std::string(e.timezone()),
                        seconds(t.open_start, t.earliest), seconds(t.open_end, t.latest),
                        std::string(eg::detail::to_string(t.precision)),
                        std::string(eg::detail::to_string(t.shape)), t.uncertain, t.approximate,
                        std::string(e.title()), std::string(e.kind()), py::tuple(actors),
                        py::tuple(addressees), py::tuple(relations), py::tuple(tags),
                        eg::describe_date(e.date(), e.timezone()));
}

py::tuple actor_fields(const story_ptr& s, std::size_t i) {
  if (i >= s->data.actors.size()) throw py::index_error("actor index out of range");
  const eg::actor& a = s->data.actors[i];
  py::list member_of;
  for (const eg::actor_index m : a.member_of) member_of.append(s->data.actors[m].id);
  return py::make_tuple(
      a.id, a.name,
      a.kind ? py::object(py::str(std::string(eg::to_string(*a.kind)))) : py::object(py::none()),
      a.role, py::tuple(member_of), a.notes);
}

/// A column of text as a Python list (pandas keeps it as an object array of these strings).
/// A text column as a NumPy object array, filled in place: pandas takes it as it is (from a
/// list it would convert and infer a type, about as long again as making the strings).
class text_column {
 public:
  explicit text_column(std::size_t n)
      : array_(py::dtype("O"), std::vector<py::ssize_t>{static_cast<py::ssize_t>(n)}),
        cells_(static_cast<PyObject**>(array_.mutable_data())) {
    // NumPy zero-fills object arrays: every slot is NULL until set, so nothing to release.
  }
  void set(std::size_t i, std::string_view text) {
    // Most cells are empty or repeat the cell above (a kind, an actor, a day's date): those
    // share one Python string instead of making one each.
    PyObject* item;
    if (last_ && text == last_text_) {
      item = last_;
      Py_INCREF(item);
    } else {
      item = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace");
      if (!item) throw py::error_already_set();
      last_ = item;
      last_text_.assign(text);
    }
    cells_[i] = item;  // the array owns the reference
  }
  py::array& column() { return array_; }

 private:
  py::array array_;
  PyObject** cells_;
  PyObject* last_ = nullptr;  // borrowed: the array holds it
  std::string last_text_;
};

/// The events and relations sheets of the csv export as columns, for to_pandas: ({header:
/// column}, {header: column}, {category names}). Text cells are the sheet's (before CSV quoting
/// and its formula guard); Earliest and Latest are int64 nanoseconds from the event table
/// (NaT, the int64 minimum, for an open end or one outside what nanoseconds hold, 1677-2262),
/// Precision, Shape and a relation's Type codes into the category names, Uncertain, Approximate
/// and Response booleans.
py::tuple sheet_columns(const story_ptr& s) {
  const eg::story& st = s->data;
  const std::size_t n = st.events.size();
  const auto headers = eg::detail::events_sheet_headers();
  std::vector<text_column> text;
  for (std::size_t c = 0; c < headers.size(); ++c) text.emplace_back(n);
  const auto size = static_cast<py::ssize_t>(n);
  py::array_t<std::int64_t> earliest(size), latest(size);
  py::array_t<std::uint8_t> precision(size), shape(size);
  py::array_t<bool> uncertain(size), approximate(size);
  std::size_t relation_count = 0;
  {
    auto e_at = earliest.mutable_unchecked<1>();
    auto l_at = latest.mutable_unchecked<1>();
    auto p_at = precision.mutable_unchecked<1>();
    auto s_at = shape.mutable_unchecked<1>();
    auto u_at = uncertain.mutable_unchecked<1>();
    auto a_at = approximate.mutable_unchecked<1>();
    constexpr std::int64_t nat = std::numeric_limits<std::int64_t>::min();
    constexpr std::int64_t limit = std::numeric_limits<std::int64_t>::max() / 1'000'000'000;
    auto nanoseconds = [&](bool open, eg::instant at) {
      const std::int64_t sec = at.time_since_epoch().count();
      return open || sec > limit || sec < -limit ? nat : sec * 1'000'000'000;
    };
    for (std::size_t i = 0; i < n; ++i) {
      const eg::event e = st.events[static_cast<eg::event_index>(i)];
      const eg::event_time t = e.time();
      const auto k = static_cast<py::ssize_t>(i);
      e_at(k) = nanoseconds(t.open_start, t.earliest);
      l_at(k) = nanoseconds(t.open_end, t.latest);
      p_at(k) = static_cast<std::uint8_t>(t.precision);
      s_at(k) = static_cast<std::uint8_t>(t.shape);
      u_at(k) = t.uncertain;
      a_at(k) = t.approximate;
      relation_count += e.relations().size();
      const auto cells = eg::detail::events_sheet_cells(st, e);
      for (std::size_t c = 0; c < cells.size(); ++c) text[c].set(i, cells[c]);
    }
  }
  py::dict events;
  for (std::size_t c = 0; c < headers.size(); ++c)
    events[py::str(std::string(headers[c]))] = std::move(text[c].column());
  events["Earliest"] = earliest;
  events["Latest"] = latest;
  events["Precision"] = precision;
  events["Shape"] = shape;
  events["Uncertain"] = uncertain;
  events["Approximate"] = approximate;

  // From, To, Type, Response, Note, From label, To label.
  const auto relation_headers = eg::detail::relations_sheet_headers();
  std::vector<text_column> ends;
  for (int c = 0; c < 5; ++c) ends.emplace_back(relation_count);
  py::array_t<std::uint8_t> relation_type(static_cast<py::ssize_t>(relation_count));
  py::array_t<bool> response(static_cast<py::ssize_t>(relation_count));
  auto t_at = relation_type.mutable_unchecked<1>();
  auto r_at = response.mutable_unchecked<1>();
  std::size_t k = 0;
  for (const eg::event e : st.events)
    for (const eg::relation r : e.relations()) {
      const eg::event target = st.events[r.target];
      ends[0].set(k, e.id());
      ends[1].set(k, target.id());
      ends[2].set(k, r.note);
      ends[3].set(k, e.title());
      ends[4].set(k, target.title());
      t_at(static_cast<py::ssize_t>(k)) = static_cast<std::uint8_t>(r.type);
      r_at(static_cast<py::ssize_t>(k)) = eg::is_response(r.type);
      ++k;
    }
  py::dict relations;
  relations[py::str(std::string(relation_headers[0]))] = std::move(ends[0].column());
  relations[py::str(std::string(relation_headers[1]))] = std::move(ends[1].column());
  relations[py::str(std::string(relation_headers[2]))] = relation_type;
  relations[py::str(std::string(relation_headers[3]))] = response;
  relations[py::str(std::string(relation_headers[4]))] = std::move(ends[2].column());
  relations[py::str(std::string(relation_headers[5]))] = std::move(ends[3].column());
  relations[py::str(std::string(relation_headers[6]))] = std::move(ends[4].column());

  py::list precisions, shapes, relation_types;
  for (auto p = static_cast<int>(eg::time_precision::millennium);
       p <= static_cast<int>(eg::time_precision::second); ++p)
    precisions.append(std::string(eg::detail::to_string(static_cast<eg::time_precision>(p))));
  for (const auto sh : {eg::time_shape::point, eg::time_shape::interval, eg::time_shape::one_of})
    shapes.append(std::string(eg::detail::to_string(sh)));
  for (const std::string_view name : eg::relation_type_names())
    relation_types.append(std::string(name));
  py::dict categories;
  categories["Precision"] = precisions;
  categories["Shape"] = shapes;
  categories["Type"] = relation_types;
  return py::make_tuple(std::move(events), std::move(relations), std::move(categories));
}

/// The GraphML export's graph as networkx takes it: (graph attributes, [(id, attributes)],
/// [(source, target, key, attributes)]), with the GraphML writer's fields, names and rules
/// (export_graphml.cpp): empty text left out, booleans as bool, edges keyed by their GraphML id.
py::tuple networkx_parts(const story_ptr& s) {
  const eg::story& st = s->data;
  py::dict graph;
  for (const auto& [name, value] :
       {std::pair{"title", &st.title}, std::pair{"description", &st.description},
        std::pair{"notes", &st.notes}})
    if (!value->empty()) graph[name] = *value;
  graph["timezone"] = st.timezone.empty() ? std::string("UTC") : st.timezone;
  std::vector<py::str> names;
  for (const auto& a : eg::detail::event_attributes) names.emplace_back(std::string(a.name));
  py::list nodes(st.events.size());
  py::list edges;
  const py::str relation_key("relation"), response_key("response"), note_key("note");
  std::size_t i = 0;
  for (const eg::event e : st.events) {
    const auto values = eg::detail::event_attribute_values(st, e);
    py::dict attributes;
    for (std::size_t k = 0; k < values.size(); ++k) {
      if (eg::detail::event_attributes[k].type == eg::detail::attribute_type::boolean)
        attributes[names[k]] = py::bool_(values[k] == "true");
      else if (!values[k].empty())
        attributes[names[k]] = py::str(values[k]);
    }
    const py::str id(std::string(e.id()));
    nodes[i++] = py::make_tuple(id, std::move(attributes));
    const eg::relation_list relations = e.relations();
    for (std::size_t r = 0; r < relations.size(); ++r) {
      const eg::relation rel = relations[r];
      py::dict data;
      data[relation_key] = std::string(eg::to_string(rel.type));
      data[response_key] = py::bool_(eg::is_response(rel.type));
      if (!rel.note.empty()) data[note_key] = std::string(rel.note);
      edges.append(py::make_tuple(id, std::string(st.events[rel.target].id()),
                                  eg::detail::relation_id(e, r), std::move(data)));
    }
  }
  return py::make_tuple(std::move(graph), std::move(nodes), std::move(edges));
}

}  // namespace

PYBIND11_MODULE(_eventgraph, m) {
  m.doc() = "eventgraph's engine; use the eventgraph package, which wraps it.";
  m.attr("__version__") = std::string(eg::version());
  py::class_<held_story, story_ptr>(m, "StoryData")
      .def_property_readonly("event_count",
                             [](const story_ptr& s) { return s->data.events.size(); })
      .def_property_readonly("actor_count",
                             [](const story_ptr& s) { return s->data.actors.size(); })
      .def_property_readonly("title", [](const story_ptr& s) { return s->data.title; })
      .def_property_readonly("description", [](const story_ptr& s) { return s->data.description; })
      .def_property_readonly("timezone", [](const story_ptr& s) { return s->data.timezone; })
      .def_property_readonly("files", [](const story_ptr& s) { return s->data.files; })
      .def("find_event",
           [](const story_ptr& s, const std::string& id) -> std::optional<std::size_t> {
             const auto e = s->data.find_event(id);
             if (!e) return std::nullopt;
             return *e;
           })
      .def("event", &event_fields)
      .def("actor", &actor_fields)
      .def("chain", &chain)
      .def("path", &path)
      .def("events", &events)
      .def("actors", &actors)
      .def("stats", &stats)
      .def("reachable", &reachable)
      .def("render", &render)
      .def("export", &export_story)
      .def("sheet_columns", &sheet_columns)
      .def("select", &select_view)
      .def("networkx_parts", &networkx_parts);
  m.def("load_paths", &load_paths);
  m.def("load_texts", &load_texts);
  m.def("export_format_for", &export_format_for);
  m.def("write_output", &write_output);
  m.def("csv_sheet_path", &eg::cli::csv_sheet_path);
}
