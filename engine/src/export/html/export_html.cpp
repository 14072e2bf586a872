#include "export/html/export_html.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/json_out.hpp"
#include "core/text.hpp"
#include "export/export_common.hpp"
#include "export/html/html_assets.hpp"
#include "export/html/sha256.hpp"

namespace eventgraph::detail {
namespace {

// The page's data, written as text straight from the story (no JSON value per event: at a
// million events that cost more than the rest of the export). Two blocks:
//
// - eventgraph-data: parallel arrays over the events in the story's order ("columnar"): ids,
//   titles and dates front-coded (each text as what it shares with the previous one and the
//   rest), the instants as seconds since 1970 written as differences (instant_columns), the
//   small fields of an event (precision, shape, flags, kind, how many actors, relations and
//   tags it has) as one code into a table of the combinations that occur, and the actors,
//   relations and tags of all events as flat lists of numbers.
// - eventgraph-details: one JSON object a line for each event that has longer text (summary,
//   notes, quotes, sources, place...), read by the page only when such an event is shown, and
//   whole only when a search first needs it.
//
// docs/exports.md#the-interactive-page describes both; at a million generated events the
// columns take about a third of what one JSON object per event did.

/// Writes the instant columns, as seconds since 1970. `earliest`: the difference from the
/// previous known earliest. `latest`: how much longer the event lasts (latest - earliest) than
/// the previous one with both ends did, so a run of days or minutes is a run of zeros; when the
/// start is open, latest itself. An open end is null.
class instant_columns {
 public:
  instant_columns() {
    earliest_.begin_array();
    latest_.begin_array();
  }
  void put(const event_time& t) {
    const std::int64_t from = t.earliest.time_since_epoch().count();
    const std::int64_t to = t.latest.time_since_epoch().count();
    if (t.open_start) {
      earliest_.raw("null");
    } else {
      earliest_.integer(from - previous_earliest_);
      previous_earliest_ = from;
    }
    if (t.open_end) {
      latest_.raw("null");
    } else if (t.open_start) {
      latest_.integer(to);
    } else {
      latest_.integer(to - from - previous_length_);
      previous_length_ = to - from;
    }
  }
  void write(json_out& out) {
    earliest_.end_array();
    latest_.end_array();
    out.key("earliest");
    out.raw(earliest_text_);
    out.key("latest");
    out.raw(latest_text_);
  }

 private:
  std::string earliest_text_, latest_text_;
  json_out earliest_{earliest_text_}, latest_{latest_text_};
  std::int64_t previous_earliest_ = 0, previous_length_ = 0;
};

/// What the start of `a` and `b` have in common: its bytes, and how many UTF-16 units
/// (JavaScript's string length) they are; cut before any invalid byte (written as U+FFFD,
/// whose length would differ).
struct common_start {
  std::size_t bytes = 0;
  std::size_t units = 0;
};
common_start shared_start(std::string_view a, std::string_view b) {
  std::size_t n = 0;
  const std::size_t limit = std::min(a.size(), b.size());
  while (n < limit && a[n] == b[n]) ++n;
  common_start out;
  while (out.bytes < n) {
    if (static_cast<unsigned char>(a[out.bytes]) < 0x80) {
      ++out.units;
      ++out.bytes;
      continue;
    }
    const text::code_point cp = text::next_code_point(a, out.bytes);
    if (!cp.valid || out.bytes + cp.bytes > n) break;
    out.units += cp.value >= 0x10000 ? 2 : 1;
    out.bytes += cp.bytes;
  }
  return out;
}

/// The digits of a front-coded column's shared lengths, one character for each length from
/// 0: the printable ASCII characters that need no escape in a JSON string in a script block.
constexpr std::string_view shared_digits =
    " !#$%'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

/// A text column front-coded: `{"shared": "...", "rest": [...]}`, each text being the first
/// n UTF-16 units of the one before followed by its `rest`, n given by the text's character in
/// `shared` (its place in shared_digits; a longer common start shares only what that says);
/// n is 0 for every 64th text.
class front_coded_column {
 public:
  front_coded_column() { rest_.begin_array(); }
  void put(std::string_view text) {
    // Every block_size texts start afresh, so the page decodes one block, not all before it.
    if (count_++ % block_size == 0) previous_.clear();
    common_start shared = shared_start(previous_, text);
    if (shared.units >= shared_digits.size()) {
      shared = {};  // within the valid common start: walk it again up to the last digit
      while (true) {
        const text::code_point cp = text::next_code_point(text, shared.bytes);
        const std::size_t units = cp.value >= 0x10000 ? 2 : 1;
        if (shared.units + units >= shared_digits.size()) break;
        shared.units += units;
        shared.bytes += cp.bytes;
      }
    }
    shared_ += shared_digits[shared.units];
    rest_.text(text.substr(shared.bytes));
    previous_.assign(text);
  }
  void write(json_out& out, std::string_view key) {
    rest_.end_array();
    out.key(key);
    out.begin_object();
    out.key("shared");
    out.text(shared_);
    out.key("rest");
    out.raw(rest_text_);
    out.end_object();
  }

 private:
  static constexpr std::size_t block_size = 64;  // page.js's FRONT_BLOCK
  std::string shared_, rest_text_, previous_;
  json_out rest_{rest_text_};
  std::size_t count_ = 0;
};

/// A list of numbers written as it grows.
struct number_column {
  std::string text;
  json_out out{text};
  number_column() { out.begin_array(); }
  void write(json_out& to, std::string_view key) {
    out.end_array();
    to.key(key);
    to.raw(text);
  }
};

/// Codes for values in first-seen order, and the table of values they index.
template <typename Key, typename Value = Key>
class code_table {
 public:
  std::size_t code(const Key& key) {
    const auto [at, added] = codes_.try_emplace(key, values_.size());
    if (added) values_.push_back(at->first);
    return at->second;
  }
  [[nodiscard]] const std::vector<Value>& values() const { return values_; }

 private:
  std::map<Key, std::size_t, std::less<>> codes_;
  std::vector<Value> values_;
};

/// An event's small fields, as one entry of the "forms" table.
using event_form = std::array<std::int64_t, 8>;

/// Whether the event has a line in the details block (`zone` is its e.timezone()).
bool has_details(const story& s, const event& e, std::string_view zone) {
  return zone != s.timezone || !e.summary().empty() || !e.notes().empty() || !e.channel().empty() ||
         !e.place().empty() || !e.addressees().empty() || !e.quotes().empty() ||
         !e.sources().empty() ||
         std::any_of(e.relations().begin(), e.relations().end(),
                     [](const relation& r) { return !r.note.empty(); });
}

template <typename Texts>
void put_texts(json_out& out, std::string_view key, const Texts& texts) {
  out.key(key);
  out.begin_array();
  for (std::string_view t : texts) out.text(t);
  out.end_array();
}

/// The eventgraph-data block's "events" member.
void put_event_columns(json_out& out, const story& s) {
  front_coded_column ids, titles, dates, edtfs;
  number_column form, actors, relations, tags;
  instant_columns instants;
  code_table<std::string_view> kinds, tag_names;
  code_table<event_form> forms;
  std::string previous_date, previous_zone, described;
  for (const event e : s.events) {
    const event_time time = e.time();
    ids.put(e.id());
    titles.put(e.title());
    // Dates repeat (a day has many events): described once for a run of the same.
    const std::string_view zone = e.timezone();
    if (e.date() != previous_date || zone != previous_zone) {
      previous_date.assign(e.date());
      previous_zone.assign(zone);
      described = describe_date(e.date(), zone);
    }
    dates.put(described);
    edtfs.put(e.date());
    instants.put(time);
    for (const actor_index a : e.actors()) actors.out.integer(a);
    const relation_list owned = e.relations();
    for (const relation r : owned) {
      // How far back the target is (the owner is the later event, so usually a small number),
      // and the type, as one number.
      const std::int64_t back =
          static_cast<std::int64_t>(e.index()) - static_cast<std::int64_t>(r.target);
      relations.out.integer(back * static_cast<std::int64_t>(relation_type_count) +
                            static_cast<std::int64_t>(r.type));
    }
    for (std::string_view tag : e.tags())
      tags.out.integer(static_cast<std::int64_t>(tag_names.code(tag)));
    const event_form f = {static_cast<int>(time.precision),
                          static_cast<int>(time.shape),
                          (time.uncertain ? 1 : 0) | (time.approximate ? 2 : 0),
                          static_cast<std::int64_t>(kinds.code(e.kind())),
                          static_cast<std::int64_t>(e.actors().size()),
                          static_cast<std::int64_t>(owned.size()),
                          static_cast<std::int64_t>(e.tags().size()),
                          has_details(s, e, zone) ? 1 : 0};
    form.out.integer(static_cast<std::int64_t>(forms.code(f)));
  }
  out.key("count");
  out.integer(static_cast<std::int64_t>(s.events.size()));
  put_texts(out, "kinds", kinds.values());
  put_texts(out, "tag_names", tag_names.values());
  out.key("forms");  // [precision, shape, flags, kind, actors, relations, tags, details]
  out.begin_array();
  for (const event_form& f : forms.values()) {
    out.begin_array();
    for (const std::int64_t v : f) out.integer(v);
    out.end_array();
  }
  out.end_array();
  form.write(out, "form");
  ids.write(out, "id");
  titles.write(out, "title");
  instants.write(out);
  actors.write(out, "actors");
  relations.write(out, "relations");
  tags.write(out, "tags");
  dates.write(out, "date");
  edtfs.write(out, "edtf");
}

std::string data_block(const story& s) {
  std::string text;
  text.reserve(s.events.text_bytes() + 24 * s.events.size() + 256 * s.actors.size() + 4096);
  json_out out(text);
  out.begin_object();
  out.key("format");
  out.text("eventgraph-html");
  out.key("version");
  out.integer(2);
  out.key("title");
  out.text(s.title);
  out.key("description");
  out.text(s.description);
  out.key("timezone");
  out.text(s.timezone.empty() ? "UTC" : s.timezone);
  out.key("relation_types");
  out.begin_array();
  for (std::size_t t = 0; t < relation_type_count; ++t)
    out.text(to_string(static_cast<relation_type>(t)));
  out.end_array();
  out.key("precisions");
  out.begin_array();
  for (auto p = time_precision::millennium; p <= time_precision::second;
       p = static_cast<time_precision>(static_cast<int>(p) + 1))
    out.text(to_string(p));
  out.end_array();
  out.key("shapes");
  out.begin_array();
  for (auto shape : {time_shape::point, time_shape::interval, time_shape::one_of})
    out.text(to_string(shape));
  out.end_array();
  out.key("actors");
  out.begin_array();
  for (const auto& a : s.actors) {
    out.begin_object();
    const std::string_view kind = a.kind ? to_string(*a.kind) : "";  // "": the source does not say
    for (auto [key, value] : {std::pair<std::string_view, std::string_view>{"id", a.id},
                              {"name", a.name},
                              {"kind", kind},
                              {"role", a.role}}) {
      out.key(key);
      out.text(value);
    }
    out.end_object();
  }
  out.end_array();
  // Events in the story's order, the one every export uses (earliest, latest, id), so the page
  // is the same whatever the order of the input. Relations point at events by index.
  out.key("events");
  out.begin_object();
  put_event_columns(out, s);
  out.end_object();
  out.end_object();
  return text;
}

/// `"key": [...]` with put(item) for each item; nothing when there are none.
template <typename Items, typename Put>
void put_list(json_out& out, std::string_view key, const Items& items, Put&& put) {
  if (items.empty()) return;
  out.key(key);
  out.begin_array();
  for (const auto& item : items) put(item);
  out.end_array();
}

/// One event's longer text for the details block; empty fields and lists are left out.
void put_details(json_out& out, const story& s, const event& e) {
  out.begin_object();
  if (e.timezone() != s.timezone) put_text(out, "timezone", zone_name(e));  // else the story's
  put_text(out, "summary", e.summary());
  put_text(out, "notes", e.notes());
  put_text(out, "channel", e.channel());
  put_text(out, "place", e.place());
  put_list(out, "to", e.addressees(), [&](actor_index a) { out.integer(a); });
  put_list(out, "quotes", e.quotes(), [&](const quote& q) {
    out.begin_object();
    out.key("text");
    out.text(q.text);
    if (q.by) put_text(out, "by", s.actors[*q.by].name);
    put_text(out, "note", q.note);
    out.end_object();
  });
  put_list(out, "sources", e.sources(), [&](const source& src) {
    out.begin_object();
    for (auto [key, text] :
         {std::pair{"title", &src.title}, std::pair{"publisher", &src.publisher},
          std::pair{"url", &src.url}, std::pair{"date", &src.date}, std::pair{"note", &src.note}})
      put_text(out, key, *text);
    out.end_object();
  });
  const relation_list relations = e.relations();
  if (std::any_of(relations.begin(), relations.end(),
                  [](const relation& r) { return !r.note.empty(); }))  // one per relation
    put_list(out, "relation_notes", relations, [&](const relation& r) { out.text(r.note); });
  out.end_object();
}

/// `[`, then a line per event that has details (in the story's order), then `]`.
std::string details_block(const story& s) {
  std::string text;
  text += '[';
  bool first = true;
  for (const event e : s.events) {
    if (!has_details(s, e, e.timezone())) continue;
    text += first ? "\n" : ",\n";
    first = false;
    json_out out(text);
    put_details(out, s, e);
  }
  text += "\n]";
  return text;
}

/// Appends JSON text made inert inside `<script type="application/json">`: `<`, `>` and `&`
/// (so no `</script>` or `<!--` can end or alter the block) and U+2028/U+2029 escaped. They
/// can only occur inside JSON strings, where `\uXXXX` means the same character.
void append_script_safe(std::string& out, std::string_view text) {
  std::size_t at = 0;  // copied up to here
  for (std::size_t i = 0; i < text.size(); ++i) {
#if defined(__SSE2__)
    // Sixteen bytes at a time past the runs with none of the four (nearly all the text).
    const __m128i lt = _mm_set1_epi8('<'), gt = _mm_set1_epi8('>'), amp = _mm_set1_epi8('&'),
                  e2 = _mm_set1_epi8('\xE2');
    while (i + 16 <= text.size()) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, gt)),
                                       _mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, e2)));
      if (const auto found = static_cast<unsigned>(_mm_movemask_epi8(hit))) {
        i += static_cast<std::size_t>(std::countr_zero(found));
        break;
      }
      i += 16;
    }
    if (i >= text.size()) break;
#endif
    const char c = text[i];
    if (c != '<' && c != '>' && c != '&' && c != '\xE2') continue;
    const bool separator = c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' &&
                           (text[i + 2] == '\xA8' || text[i + 2] == '\xA9');
    if (c == '\xE2' && !separator) continue;
    out.append(text, at, i - at);
    if (separator) {
      out += text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c == '<' ? "\\u003c" : c == '>' ? "\\u003e" : "\\u0026";
    }
    at = i + 1;
  }
  out.append(text, at);
}

/// A value for the template: text as it is, or JSON text to make script-safe on the way.
struct slot {
  std::string_view name;
  std::string_view text;
  bool json = false;
};

/// Replaces each `{{name}}` of the template in one pass, so replacement text is never rescanned.
std::string fill(std::string_view page, std::initializer_list<slot> values) {
  std::size_t size = page.size();
  for (const slot& v : values) size += v.text.size() + (v.json ? v.text.size() / 64 : 0);
  std::string out;
  out.reserve(size);
  std::size_t at = 0;
  while (true) {
    const std::size_t open = page.find("{{", at);
    if (open == std::string_view::npos) break;
    const std::size_t close = page.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(page.substr(at, open - at));
    const std::string_view name = page.substr(open + 2, close - open - 2);
    const auto value =
        std::find_if(values.begin(), values.end(), [&](const slot& v) { return v.name == name; });
    if (value == values.end())
      out.append(page.substr(open, close + 2 - open));
    else if (value->json)
      append_script_safe(out, value->text);
    else
      out.append(value->text);
    at = close + 2;
  }
  out.append(page.substr(at));
  return out;
}

}  // namespace

std::string export_html(const story& s) {
  const std::string_view script = html_assets::page_js();
  const std::string_view style = html_assets::page_css();
  // The policy allows exactly our inline script and style, by hash; nothing may be fetched.
  const std::string csp = "default-src 'none'; script-src 'sha256-" + sha256_base64(script) +
                          "'; style-src 'sha256-" + sha256_base64(style) +
                          "'; base-uri 'none'; form-action 'none'";
  const std::string title = text::escape_html(s.title.empty() ? "eventgraph timeline" : s.title);
  const std::string data = data_block(s);
  const std::string details = details_block(s);
  return fill(html_assets::page_html(), {{"csp", csp},
                                         {"title", title},
                                         {"style", style},
                                         {"data", data, true},
                                         {"details", details, true},
                                         {"script", script}});
}

}  // namespace eventgraph::detail
