// NDJSON: one JSON object per line, the header first. Plain event lines go through the fast
// path (plain_event.hpp) straight into the story; every other line through a document tree.

#include <array>
#include <bit>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/event_table.hpp"
#include "core/text.hpp"
#include "load/load_internal.hpp"

namespace eventgraph::detail {
namespace {

/// The next newline at or after `from`, or npos. Inline, sixteen bytes at a time: lines are
/// short, and a call to memchr per line cost more than the search.
std::size_t find_newline(std::string_view text, std::size_t from) {
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  for (; from + 16 <= text.size(); from += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + from));
    if (const auto found = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, newline))))
      return from + static_cast<std::size_t>(std::countr_zero(found));
  }
#endif
  for (; from < text.size(); ++from)
    if (text[from] == '\n') return from;
  return std::string_view::npos;
}

/// A line the fast path did not take: a document tree, then the header, an actor or an event.
void read_tree_line(std::string_view content, const std::string& file, std::uint32_t line,
                    bool first_document, tree_reader& reader, diagnostic_list& diags) {
  static constexpr std::array<std::string_view, 1> type_key = {"type"};
  tree_node root;
  if (!read_json(content, file, line - 1, root, diags, true)) return;
  if (root.kind != node_type::mapping) {
    diags.error({file, line, 1}, "type",
                "each NDJSON line must be one JSON object (an event, an actor or the header)");
    return;
  }
  const tree_node* kind = nullptr;
  for (std::size_t i = 0; i < root.keys.size(); ++i)
    if (root.keys[i].text == "type") kind = &root.items[i];
  bool is_header = false;
  for (const auto& k : root.keys) is_header = is_header || k.text == "eventgraph";
  if (is_header) {
    if (!first_document)
      diags.error({file, line, 1}, "ndjson",
                  "the header line (with \"eventgraph\") must be the first line");
    reader.read_document(root);
  } else if (kind && kind->kind == node_type::string && kind->text == "actor") {
    reader.read_actor(root, type_key);
  } else if (!kind || (kind->kind == node_type::string && kind->text == "event")) {
    reader.read_event(root, type_key);
  } else {
    diags.error({file, kind->line, kind->column}, "type",
                "\"type\" must be \"event\" or \"actor\"");
  }
}

}  // namespace

/// Newlines in a text, and whether it has a NUL byte, in one pass: sixteen bytes at a time
/// where SSE2 is there (every x86-64). The columns are sized from the count before the first
/// line is read; the encoding check then need not look for NULs again.
line_count count_lines(std::string_view text) {
  line_count out;
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i zero = _mm_setzero_si128();
  __m128i nuls = _mm_setzero_si128();
  while (i + 16 <= text.size()) {
    // Up to 255 blocks into byte counters (a match compares as -1), then their sum.
    __m128i counts = _mm_setzero_si128();
    const std::size_t blocks = std::min<std::size_t>(255, (text.size() - i) / 16);
    for (std::size_t b = 0; b < blocks; ++b, i += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(bytes, newline));
      nuls = _mm_or_si128(nuls, _mm_cmpeq_epi8(bytes, zero));
    }
    const __m128i sums = _mm_sad_epu8(counts, zero);
    out.lines += static_cast<std::size_t>(_mm_cvtsi128_si64(sums)) +
                 static_cast<std::size_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
  }
  out.has_nul = _mm_movemask_epi8(nuls) != 0;
#endif
  for (; i < text.size(); ++i) {
    out.lines += text[i] == '\n';
    out.has_nul = out.has_nul || text[i] == '\0';
  }
  return out;
}

std::string padded(std::string_view text) {
  std::string out;
  out.reserve(text.size() + json_padding);
  out.append(text);
  out.append(json_padding, '\0');
  return out;
}

void read_ndjson(const input_view& input, tree_reader& reader, const load_options& options,
                 diagnostic_list& diags) {
  // simdjson reads up to json_padding bytes past a line's end: every line but the last few has
  // the rest of the text there, so only those are copied (into `tail`), not the whole file.
  const std::string_view text = input.text;
  std::string tail;
  std::uint32_t line = 0;
  bool first_document = true;
  bool any_line = false;  // the fast path never takes the first line: it sets this
  plain_event_reader plain;
  plain_event event;
  for (std::size_t start = 0; start < text.size() && diags.error_count() < 1000000;) {
    std::size_t end = find_newline(text, start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view content = text.substr(start, end - start);
    const std::size_t line_start = start;
    start = end + 1;
    ++line;
    if (content.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const bool padded_in_place = end + json_padding <= text.size();
    // The fast path keeps views into the text, so it takes only lines read in place.
    if (options.ndjson_fast_path && padded_in_place && !first_document &&
        plain.read(content, event) && reader.read_plain_event(event, line)) {
      if (options.progress && (line & 0xFFFF) == 0)
        options.progress(line_start, text.size(), options.progress_context);
      continue;
    }
    any_line = true;
    if (!padded_in_place) {
      tail = padded(content);
      content = std::string_view(tail.data(), content.size());
    }
    read_tree_line(content, input.name, line, first_document, reader, diags);
    first_document = false;
    if (options.progress && (line & 0xFFFF) == 0)
      options.progress(line_start, text.size(), options.progress_context);
  }
  if (!any_line)
    diags.error({input.name, 1, 1}, "syntax",
                "the file has no JSON lines; an NDJSON story needs its header line, "
                "{\"eventgraph\": 1}, and a line for each actor and event");
}

void read_lines(const std::string& name, line_source& lines, tree_reader& reader,
                diagnostic_list& diags) {
  plain_event event;
  bool first_document = true;
  for (std::uint32_t line = 1; diags.error_count() < 1000000; ++line) {
    bool plain_line = false;
    if (!lines.next(event, plain_line)) break;
    if (plain_line && !first_document && reader.read_plain_event(event, line)) continue;
    const std::string_view text = lines.text();
    read_tree_line(text, name, line, first_document, reader, diags);
    first_document = false;
  }
}

/// Takes an event from the NDJSON fast path when it needs no diagnostic at all; false, with
/// nothing changed, when the general reader must read the line instead.
bool tree_reader::read_plain_event(const plain_event& p, std::uint32_t line) {
  // A kind that is present must be a valid word; an absent one is a null view.
  if (!valid_id(p.id) || (p.kind.data() && !valid_kind_word(p.kind))) return false;
  const date_parse_result parsed = parse_date(p.date, zone_);
  if (!parsed.time || !parsed.warning.empty()) return false;
  // What read_source would report: an unreadable date (an error), a link that is not http(s)
  // (a warning).
  for (const auto& src : p.sources) {
    if (!src.date.empty() && !parse_date(src.date, zone_).time) return false;
    if (!src.url.empty() && !text::is_link(src.url)) return false;
  }
  auto& store = pending_events_;
  pending_events::entry entry;
  entry.where = {file_index_, line, p.column};
  entry.dated = true;
  entry.document_has_sources = document_has_sources_;
  entry.relation_count = static_cast<std::uint32_t>(p.relations.size());
  for (const auto& r : p.relations)
    store.relations.push_back({{r.to.id, {file_index_, line, r.to.column}}, r.type});
  // Actors read before the event (the usual order: actor lines first) are resolved now, as
  // the end would resolve them (the first actor with an id keeps it); an event naming an
  // actor not yet read keeps its references for the end.
  auto resolve_now = [&](const std::vector<plain_event::ref>& refs, std::vector<actor_index>& out) {
    out.clear();
    for (const auto& r : refs) {
      const auto a = known_actors_.find(r.id);
      if (!a) return false;
      out.push_back(*a);
    }
    return true;
  };
  if (resolve_now(p.actors, known_actor_list_) &&
      resolve_now(p.addressees, known_addressee_list_)) {
    entry.actors_resolved = true;
    auto& used = store.actor_used;
    if (used.size() < story_.actors.size()) used.resize(story_.actors.size(), false);
    for (actor_index a : known_actor_list_) used[a] = true;
    for (actor_index a : known_addressee_list_) used[a] = true;
    const event_index e =
        story_.events.columns().add({p.id, p.date, p.title, p.kind, zone_, *parsed.time,
                                     known_actor_list_, known_addressee_list_, p.tags});
    add_plain_details(p, e);
    store.events.push_back(entry);
    return true;
  }
  entry.actor_count = static_cast<std::uint32_t>(p.actors.size());
  entry.addressee_count = static_cast<std::uint32_t>(p.addressees.size());
  for (const auto& a : p.actors) store.refs.push_back({a.id, {file_index_, line, a.column}});
  for (const auto& a : p.addressees) store.refs.push_back({a.id, {file_index_, line, a.column}});
  placeholder_actors_.assign(std::max(p.actors.size(), p.addressees.size()), 0);
  const std::span<const actor_index> placeholders(placeholder_actors_);
  const event_index e = story_.events.columns().add(
      {p.id, p.date, p.title, p.kind, zone_, *parsed.time, placeholders.first(p.actors.size()),
       placeholders.first(p.addressees.size()), p.tags});
  add_plain_details(p, e);
  store.events.push_back(std::move(entry));
  return true;
}

/// The rare fields, kept as event_table::add keeps an event_record's: only when one is given.
void tree_reader::add_plain_details(const plain_event& p, event_index e) {
  if (p.channel.empty() && p.place.empty() && p.summary.empty() && p.notes.empty() &&
      p.sources.empty())
    return;
  event_details& x = story_.events.columns().details_for(e);
  x.channel = p.channel;
  x.place = p.place;
  x.summary = p.summary;
  x.notes = p.notes;
  x.sources.reserve(p.sources.size());
  for (const auto& src : p.sources)
    x.sources.push_back({std::string(src.title), std::string(src.publisher), std::string(src.url),
                         std::string(src.date), std::string(src.note)});
}

bool looks_like_ndjson(std::string_view text) {
  std::size_t objects = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = find_newline(text, start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) continue;
    if (line[first] != '{') return false;  // a JSON document spread over lines
    ++objects;
  }
  return objects >= 2;
}

}  // namespace eventgraph::detail
