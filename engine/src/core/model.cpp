#include "eventgraph/model.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "core/event_table.hpp"
#include "core/suggest.hpp"

namespace eventgraph {
namespace {

/// The one table of relation types: name as files write it, and whether it is a response.
struct relation_row {
  relation_type type;
  std::string_view name;
  bool response;
};
constexpr std::array<relation_row, relation_type_count> relation_table = {{
    {relation_type::responds_to, "responds-to", true},
    {relation_type::rebuts, "rebuts", true},
    {relation_type::supports, "supports", true},
    {relation_type::follows_up, "follows-up", true},
    {relation_type::repeats, "repeats", true},
    {relation_type::cites, "cites", false},
    {relation_type::part_of, "part-of", false},
}};
constexpr bool relation_rows_in_enum_order() {
  for (std::size_t i = 0; i < relation_table.size(); ++i)
    if (relation_table[i].type != static_cast<relation_type>(i)) return false;
  return relation_table.back().type == relation_type::part_of;  // the enum's last value
}
static_assert(relation_rows_in_enum_order(), "one row per relation_type, in enum order");
constexpr std::array<std::string_view, relation_type_count> relation_names = [] {
  std::array<std::string_view, relation_type_count> names{};
  for (std::size_t i = 0; i < names.size(); ++i) names[i] = relation_table[i].name;
  return names;
}();
constexpr std::array<std::string_view, 4> actor_kind_names = {"person", "organization", "office",
                                                              "group"};

}  // namespace

std::string_view to_string(relation_type type) {
  return relation_names[static_cast<std::size_t>(type)];
}

std::optional<relation_type> parse_relation_type(std::string_view text) {
  for (std::size_t i = 0; i < relation_names.size(); ++i)
    if (relation_names[i] == text) return static_cast<relation_type>(i);
  return std::nullopt;
}

std::span<const std::string_view> relation_type_names() {
  return relation_names;
}

bool is_response(relation_type type) {
  return relation_table[static_cast<std::size_t>(type)].response;
}

std::string_view to_string(actor_kind kind) {
  return actor_kind_names[static_cast<std::size_t>(kind)];
}

std::optional<actor_kind> parse_actor_kind(std::string_view text) {
  for (std::size_t i = 0; i < actor_kind_names.size(); ++i)
    if (actor_kind_names[i] == text) return static_cast<actor_kind>(i);
  return std::nullopt;
}

namespace detail {

std::uint32_t string_pool::intern(std::string_view text) {
  // A few strings (kinds, zones) repeated a million times: a small direct-mapped cache in front
  // of the hash map settles most lookups with one comparison.
  const std::size_t slot = text.empty()
                               ? 0
                               : (text.size() * 31 + static_cast<unsigned char>(text.front()) * 7u +
                                  static_cast<unsigned char>(text.back())) &
                                     (recent_.size() - 1);
  if (const std::uint32_t cached = recent_[slot]; cached != 0 && names_[cached - 1] == text)
    return cached - 1;
  std::uint32_t id = 0;
  if (auto it = ids_.find(text); it != ids_.end()) {
    id = it->second;
  } else {
    id = static_cast<std::uint32_t>(names_.size());
    names_.emplace_back(text);
    ids_.emplace(std::string(text), id);
  }
  recent_[slot] = id + 1;
  return id;
}

std::size_t string_pool::memory_bytes() const {
  std::size_t bytes = names_.capacity() * sizeof(std::string) +
                      ids_.bucket_count() * sizeof(void*) +
                      ids_.size() * (sizeof(std::string) + 2 * sizeof(void*) + 8);
  for (const auto& n : names_) bytes += 2 * (n.capacity() > 15 ? n.capacity() + 1 : 0);
  return bytes;
}

std::size_t string_pool::text_bytes() const {
  std::size_t bytes = 0;
  for (const auto& n : names_) bytes += n.size();
  return bytes;
}

}  // namespace detail

namespace {

char* put_varint(char* out, std::uint64_t v) {
  for (; v >= 0x80; v >>= 7) *out++ = static_cast<char>((v & 0x7F) | 0x80);
  *out++ = static_cast<char>(v);
  return out;
}

char* put_text(char* out, std::string_view text) {
  out = put_varint(out, text.size());
  std::memcpy(out, text.data(), text.size());
  return out + text.size();
}

template <typename T>
std::size_t bytes_of(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

std::size_t bytes_of(const std::string& s) {
  return s.capacity() > 15 ? s.capacity() + 1 : 0;
}

std::size_t bytes_of(const detail::byte_buffer& b) {
  return b.capacity();
}

}  // namespace

event_index event_table::impl::add(const event_fields& f) {
  const auto e = static_cast<event_index>(size());
  if (e % text_block == 0) text_base.push_back(text.size());
  const std::uint64_t offset = text.size() - text_base.back();
  if (offset > UINT32_MAX) throw std::length_error("eventgraph: event text too long");
  text_offset.push_back(static_cast<std::uint32_t>(offset));
  // One capacity check per event, then plain writes (a million events, nine fields each).
  const std::uint32_t kind_id = kinds.intern(f.kind), zone_id = zones.intern(f.timezone);
  char* out = text.make_room(6 * 10 + f.id.size() + f.date.size() + f.title.size() +
                             f.tags.size() * sizeof(std::uint32_t));
  out = put_text(out, f.id);
  out = put_text(out, f.date);
  out = put_text(out, f.title);
  out = put_varint(out, kind_id);
  out = put_varint(out, zone_id);
  out = put_varint(out, f.tags.size());
  for (auto tag : f.tags) {
    const std::uint32_t id = tags.intern(tag);
    std::memcpy(out, &id, sizeof id);
    out += sizeof id;
  }
  text.commit(out);
  text_payload += f.id.size() + f.date.size() + f.title.size();

  const std::int64_t first = f.time.earliest.time_since_epoch().count();
  const std::int64_t last = f.time.latest.time_since_epoch().count();
  std::uint16_t bits =
      static_cast<std::uint16_t>(f.time.precision) |
      static_cast<std::uint16_t>(static_cast<unsigned>(f.time.shape) << shape_shift);
  if (f.time.uncertain) bits |= uncertain;
  if (f.time.approximate) bits |= approximate;
  if (f.time.open_start) bits |= open_start;
  if (f.time.open_end) bits |= open_end;
  const bool fits = last >= first && static_cast<std::uint64_t>(last - first) < UINT32_MAX;
  earliest.push_back(first);
  span.push_back(fits ? static_cast<std::uint32_t>(last - first) : 0);
  if (!fits) {
    bits |= long_span;
    long_latest.emplace_back(e, last);
  }
  flags.push_back(bits);
  actor.push_back(f.actors.empty() ? 0 : f.actors.front());
  if (relation_begin.empty()) relation_begin.push_back(0);
  relation_begin.push_back(relation_begin.back());
  if (f.actors.empty()) flags.back() |= no_actor;
  if (f.actors.size() > 1) {
    flags.back() |= many_actors;
    many_actors_of.add(e, f.actors);
  }
  if (!f.addressees.empty()) {
    flags.back() |= has_addressees;
    addressees_of.add(e, f.addressees);
  }
  if (!defer_ids) {
    insert_id(e, f.id);
    ids_indexed = e + 1;
  }
  return e;
}

void event_table::impl::set_actors(event_index e, std::span<const actor_index> actors) {
  if (flags[e] & many_actors) {
    many_actors_of.overwrite(e, actors);
  } else if (!actors.empty()) {
    actor[e] = actors.front();
  }
}

event_details& event_table::impl::details_for(event_index e) {
  auto it = std::lower_bound(details_owner.begin(), details_owner.end(), e);
  const auto at = static_cast<std::size_t>(it - details_owner.begin());
  if (it != details_owner.end() && *it == e) return details[at];
  flags[e] |= has_details;
  details_owner.insert(it, e);  // events are added in order: this appends
  return *details.insert(details.begin() + static_cast<std::ptrdiff_t>(at), event_details{});
}

const event_details* event_table::impl::find_details(event_index e) const {
  if (!(flags[e] & has_details)) return nullptr;
  auto it = std::lower_bound(details_owner.begin(), details_owner.end(), e);
  return &details[static_cast<std::size_t>(it - details_owner.begin())];
}

std::int64_t event_table::impl::latest(event_index e) const {
  if (!(flags[e] & long_span)) return earliest[e] + span[e];
  auto it = std::lower_bound(long_latest.begin(), long_latest.end(),
                             std::pair<event_index, std::int64_t>{e, INT64_MIN});
  return it->second;
}

event_time event_table::impl::time(event_index e) const {
  const std::uint16_t bits = flags[e];
  event_time t;
  t.earliest = instant{std::chrono::seconds{earliest[e]}};
  t.latest = instant{std::chrono::seconds{latest(e)}};
  t.precision = static_cast<time_precision>(bits & precision_mask);
  t.shape = static_cast<time_shape>((bits >> shape_shift) & 3u);
  t.uncertain = bits & uncertain;
  t.approximate = bits & approximate;
  t.open_start = bits & open_start;
  t.open_end = bits & open_end;
  return t;
}

namespace {

/// Slot of a 32-bit tag in a table of `capacity` slots (Lemire's multiply-shift).
std::size_t tag_slot(std::uint32_t tag, std::size_t capacity) {
  return static_cast<std::size_t>((std::uint64_t{tag} * capacity) >> 32);
}

std::uint32_t tag_of(std::uint64_t hash) {
  return static_cast<std::uint32_t>(hash >> 32);
}

}  // namespace

void event_table::impl::reserve(std::size_t n, std::size_t text_bytes) {
  text.reserve(text_bytes);
  earliest.reserve(n);
  span.reserve(n);
  flags.reserve(n);
  text_offset.reserve(n);
  actor.reserve(n);
  relation_begin.reserve(n + 1);
  if (load_slots.size() < 2 * n) grow_load_slots(2 * n);
}

void event_table::impl::grow_load_slots(std::size_t capacity) {
  // Slots hold (tag << 32) | (index + 1): the tag settles most probes without reading the
  // arena, and rehashing needs only the tags.
  std::vector<std::uint64_t> entries;
  if (!load_slots.empty()) {
    entries.assign(load_slots.begin(), load_slots.end());
  } else {
    // From the compact index (a finished table taking more events): hash every id again.
    for (event_index e = 0; e < size(); ++e) {
      const char* p = text_of(e);
      const std::string_view id = detail::read_text(p);
      if (find(id) == e)
        entries.push_back((std::uint64_t{tag_of(detail::hash_id(id))} << 32) | (e + 1));
    }
    id_slots = {};
  }
  load_slots = detail::slot_table<std::uint64_t>(std::max<std::size_t>(64, capacity));
  for (std::uint64_t entry : entries) {
    if (entry == 0) continue;
    for (std::size_t s = tag_slot(static_cast<std::uint32_t>(entry >> 32), load_slots.size());;
         s = s + 1 == load_slots.size() ? 0 : s + 1)
      if (load_slots[s] == 0) {
        load_slots[s] = entry;
        break;
      }
  }
}

void event_table::impl::insert_id(event_index e, std::string_view id) {
  if ((size() + 1) * 2 > load_slots.size())
    grow_load_slots(std::max(load_slots.size() * 2, (size() + 1) * 2));
  insert_tagged(e, id, tag_of(detail::hash_id(id)));
}

void event_table::impl::insert_tagged(event_index e, std::string_view id, std::uint32_t tag) {
  for (std::size_t s = tag_slot(tag, load_slots.size());;
       s = s + 1 == load_slots.size() ? 0 : s + 1) {
    const std::uint64_t entry = load_slots[s];
    if (entry == 0) {
      load_slots[s] = (std::uint64_t{tag} << 32) | (e + 1);
      return;
    }
    if (static_cast<std::uint32_t>(entry >> 32) != tag) continue;
    const char* p = text_of(static_cast<event_index>(entry & 0xFFFFFFFFu) - 1);
    if (detail::same_id(detail::read_text(p), id)) {
      duplicate_ids = true;  // the first keeps the id
      return;
    }
  }
}

void event_table::impl::index_ids() {
  const auto n = static_cast<event_index>(size());
  if (std::size_t{n} * 2 > load_slots.size()) grow_load_slots(std::size_t{n} * 2);
  // In batches: hash a few ids and prefetch their slots, then insert them, so the cache misses
  // of one batch overlap instead of following each other.
  constexpr event_index batch = 16;
  std::array<std::uint32_t, batch> id_tags{};
  std::array<std::string_view, batch> ids;
  for (event_index first = ids_indexed; first < n; first += batch) {
    const event_index count = std::min(batch, n - first);
    for (event_index k = 0; k < count; ++k) {
      const char* p = text_of(first + k);
      ids[k] = detail::read_text(p);
      id_tags[k] = tag_of(detail::hash_id(ids[k]));
      __builtin_prefetch(&load_slots[tag_slot(id_tags[k], load_slots.size())], 1);
    }
    for (event_index k = 0; k < count; ++k) insert_tagged(first + k, ids[k], id_tags[k]);
  }
  ids_indexed = n;
  defer_ids = false;
}

void event_table::impl::find_batch(std::span<const std::string_view> ids,
                                   std::span<event_index> out) const {
  if (load_slots.empty()) {
    for (std::size_t i = 0; i < ids.size(); ++i) out[i] = find(ids[i]).value_or(not_found);
    return;
  }
  // A pipeline, so memory waits overlap instead of following each other. Each lookup waits
  // for three reads at random: its slot, the candidate's text offset, the candidate's text.
  // Lookup i is hashed and its slot prefetched; i - d reads its slot and prefetches the
  // offset; i - 2d prefetches the text; i - 3d compares.
  constexpr std::size_t d = 8, ring = 32;  // ring > 3 * d, a power of two
  std::array<std::uint32_t, ring> id_tags{};
  std::array<std::size_t, ring> slots{};
  std::array<event_index, ring> candidates{};
  const std::size_t n = ids.size();
  for (std::size_t i = 0; i < n + 3 * d; ++i) {
    if (i < n) {
      const std::size_t k = i % ring;
      id_tags[k] = tag_of(detail::hash_id(ids[i]));
      slots[k] = tag_slot(id_tags[k], load_slots.size());
      __builtin_prefetch(&load_slots[slots[k]]);
    }
    if (i >= d && i - d < n) {
      const std::size_t k = (i - d) % ring;
      const std::uint64_t entry = load_slots[slots[k]];
      candidates[k] = entry != 0 && static_cast<std::uint32_t>(entry >> 32) == id_tags[k]
                          ? static_cast<event_index>(entry & 0xFFFFFFFFu) - 1
                          : not_found;
      if (candidates[k] != not_found) __builtin_prefetch(&text_offset[candidates[k]]);
    }
    if (i >= 2 * d && i - 2 * d < n) {
      const std::size_t k = (i - 2 * d) % ring;
      if (candidates[k] != not_found) __builtin_prefetch(text_of(candidates[k]));
    }
    if (i >= 3 * d) {
      // Usually the first slot holds the id; a collision probes on.
      const std::size_t j = i - 3 * d, k = j % ring;
      const event_index e = candidates[k];
      out[j] = e != not_found && detail::same_id(detail::read_text_at(text_of(e)), ids[j])
                   ? e
                   : find_tagged(ids[j], id_tags[k], slots[k]);
    }
  }
}

event_index event_table::impl::find_tagged(std::string_view id, std::uint32_t tag,
                                           std::size_t slot) const {
  for (std::size_t s = slot;; s = s + 1 == load_slots.size() ? 0 : s + 1) {
    const std::uint64_t entry = load_slots[s];
    if (entry == 0) return not_found;
    if (static_cast<std::uint32_t>(entry >> 32) != tag) continue;
    const auto e = static_cast<event_index>(entry & 0xFFFFFFFFu) - 1;
    const char* p = text_of(e);
    if (detail::same_id(detail::read_text(p), id)) return e;
  }
}

std::optional<event_index> event_table::impl::find(std::string_view id) const {
  const std::uint64_t hash = detail::hash_id(id);
  if (!load_slots.empty()) {
    const std::uint32_t tag = tag_of(hash);
    for (std::size_t s = tag_slot(tag, load_slots.size());;
         s = s + 1 == load_slots.size() ? 0 : s + 1) {
      const std::uint64_t entry = load_slots[s];
      if (entry == 0) return std::nullopt;
      if (static_cast<std::uint32_t>(entry >> 32) != tag) continue;
      const auto e = static_cast<event_index>(entry & 0xFFFFFFFFu) - 1;
      const char* p = text_of(e);
      if (detail::same_id(detail::read_text(p), id)) return e;
    }
  }
  if (id_slots.empty()) return std::nullopt;
  for (std::size_t s = tag_slot(tag_of(hash), id_slots.size());;
       s = s + 1 == id_slots.size() ? 0 : s + 1) {
    if (id_slots[s] == 0) return std::nullopt;
    const char* p = text_of(id_slots[s] - 1);
    if (detail::same_id(detail::read_text(p), id)) return id_slots[s] - 1;
  }
}

void event_table::impl::rebuild_id_index(std::span<const event_index> new_index) {
  // The compact index a finished story keeps: about 1.4 slots of 4 bytes per event, each id at
  // the slot its tag picks (as in the loading index), so no id is read or hashed again.
  if (load_slots.empty()) {
    // Already compact (finished before, nothing added since): the slots stay, renumbered.
    for (std::size_t s = 0; s < id_slots.size(); ++s)
      if (id_slots[s] != 0) id_slots[s] = new_index[id_slots[s] - 1] + 1;
    if (id_slots.empty()) id_slots = detail::slot_table<std::uint32_t>(16);
    return;
  }
  id_slots = {};
  id_slots = detail::slot_table<std::uint32_t>(std::max<std::size_t>(16, size() + size() * 2 / 5));
  // Every id is in the loading index once (a repeat never entered it, the first keeps the id),
  // with its tag. In batches, so the misses on random slots overlap.
  constexpr std::size_t batch = 16;
  std::array<std::size_t, batch> slots{};
  std::array<event_index, batch> events{};
  for (std::size_t first = 0; first < load_slots.size(); first += batch) {
    std::size_t count = 0;
    for (std::size_t k = first; k < std::min(first + batch, load_slots.size()); ++k) {
      const std::uint64_t entry = load_slots[k];
      if (entry == 0) continue;
      events[count] = new_index[(entry & 0xFFFFFFFFu) - 1];
      slots[count] = tag_slot(static_cast<std::uint32_t>(entry >> 32), id_slots.size());
      __builtin_prefetch(&id_slots[slots[count]], 1);
      ++count;
    }
    for (std::size_t k = 0; k < count; ++k) {
      std::size_t s = slots[k];
      while (id_slots[s] != 0) s = s + 1 == id_slots.size() ? 0 : s + 1;
      id_slots[s] = events[k] + 1;
    }
  }
  load_slots = {};
}

event_table::event_table() : impl_(std::make_unique<impl>()) {}
event_table::~event_table() = default;
event_table::event_table(event_table&&) noexcept = default;
event_table& event_table::operator=(event_table&&) noexcept = default;

std::size_t event_table::size() const {
  return impl_->size();
}

event_index event_table::add(const event_record& r) {
  impl& d = *impl_;
  std::vector<std::string_view> tag_views(r.tags.begin(), r.tags.end());
  const event_index e =
      d.add({r.id, r.date, r.title, r.kind, r.timezone, r.time, r.actors, r.addressees, tag_views});
  for (const auto& rel : r.relations) d.add_relation(rel.type, rel.target);
  const bool notes = std::any_of(r.relations.begin(), r.relations.end(),
                                 [](const relation_record& x) { return !x.note.empty(); });
  if (!r.channel.empty() || !r.place.empty() || !r.summary.empty() || !r.notes.empty() ||
      !r.quotes.empty() || !r.figures.empty() || !r.sources.empty() || notes) {
    event_details& x = d.details_for(e);
    x.channel = r.channel;
    x.place = r.place;
    x.summary = r.summary;
    x.notes = r.notes;
    x.quotes = r.quotes;
    x.figures = r.figures;
    x.sources = r.sources;
    if (notes)
      for (const auto& rel : r.relations) x.relation_notes.push_back(rel.note);
  }
  return e;
}

std::optional<event_index> event_table::find(std::string_view id) const {
  return impl_->find(id);
}

std::size_t event_table::memory_bytes() const {
  const impl& d = *impl_;
  std::size_t bytes = sizeof(impl) + bytes_of(d.earliest) + bytes_of(d.span) + bytes_of(d.flags) +
                      bytes_of(d.text_offset) + bytes_of(d.actor) + bytes_of(d.relation_begin) +
                      bytes_of(d.relation_target) + bytes_of(d.relation_kind) + bytes_of(d.text) +
                      bytes_of(d.text_base) + bytes_of(d.long_latest) + bytes_of(d.details_owner) +
                      bytes_of(d.details) + d.id_slots.memory_bytes() + d.kinds.memory_bytes() +
                      d.zones.memory_bytes() + d.tags.memory_bytes();
  for (const auto& x : d.details) {
    bytes += bytes_of(x.channel) + bytes_of(x.place) + bytes_of(x.summary) + bytes_of(x.notes) +
             bytes_of(x.quotes) + bytes_of(x.figures) + bytes_of(x.sources) +
             bytes_of(x.relation_notes);
    for (const auto& q : x.quotes) bytes += bytes_of(q.text) + bytes_of(q.note);
    for (const auto& f : x.figures)
      bytes += bytes_of(f.label) + bytes_of(f.value_text) + bytes_of(f.unit) + bytes_of(f.note);
    for (const auto& s : x.sources)
      bytes += bytes_of(s.title) + bytes_of(s.publisher) + bytes_of(s.url) + bytes_of(s.date) +
               bytes_of(s.note);
    for (const auto& n : x.relation_notes) bytes += bytes_of(n);
  }
  return bytes;
}

std::size_t event_table::text_bytes() const {
  const impl& d = *impl_;
  std::size_t bytes =
      d.text_payload + d.kinds.text_bytes() + d.zones.text_bytes() + d.tags.text_bytes();
  for (const auto& x : d.details) {
    bytes += x.channel.size() + x.place.size() + x.summary.size() + x.notes.size();
    for (const auto& q : x.quotes) bytes += q.text.size() + q.note.size();
    for (const auto& f : x.figures)
      bytes += f.label.size() + f.value_text.size() + f.unit.size() + f.note.size();
    for (const auto& s : x.sources)
      bytes += s.title.size() + s.publisher.size() + s.url.size() + s.date.size() + s.note.size();
    for (const auto& n : x.relation_notes) bytes += n.size();
  }
  return bytes;
}

// The event handle: decodes the columns.

namespace {
const event_details* details_of(const event_table::impl& d, event_index e) {
  return d.find_details(e);
}
}  // namespace

std::string_view event::id() const {
  const char* p = table_->impl_->text_of(index_);
  return detail::read_text(p);
}

std::string_view event::date() const {
  const char* p = table_->impl_->text_of(index_);
  detail::read_text(p);
  return detail::read_text(p);
}

std::string_view event::title() const {
  const char* p = table_->impl_->text_of(index_);
  detail::read_text(p);
  detail::read_text(p);
  return detail::read_text(p);
}

std::string_view event::kind() const {
  const auto& d = *table_->impl_;
  const char* p = d.text_of(index_);
  for (int i = 0; i < 3; ++i) detail::read_text(p);
  return d.kinds[static_cast<std::uint32_t>(detail::read_varint(p))];
}

std::string_view event::timezone() const {
  const auto& d = *table_->impl_;
  const char* p = d.text_of(index_);
  for (int i = 0; i < 3; ++i) detail::read_text(p);
  detail::read_varint(p);
  return d.zones[static_cast<std::uint32_t>(detail::read_varint(p))];
}

tag_list event::tags() const {
  const auto& d = *table_->impl_;
  const char* p = d.text_of(index_);
  for (int i = 0; i < 3; ++i) detail::read_text(p);
  detail::read_varint(p);
  detail::read_varint(p);
  const auto count = static_cast<std::size_t>(detail::read_varint(p));
  return {table_, p, count};
}

std::string_view tag_list::operator[](std::size_t i) const {
  return table_->impl_->tags[detail::read_u32(ids_ + i * 4)];
}

event_time event::time() const {
  return table_->impl_->time(index_);
}

std::span<const actor_index> event::actors() const {
  const auto& d = *table_->impl_;
  if (d.flags[index_] & event_table::impl::no_actor) return {};
  if (d.flags[index_] & event_table::impl::many_actors) return d.many_actors_of.of(index_);
  return {&d.actor[index_], 1};
}

std::span<const actor_index> event::addressees() const {
  const auto& d = *table_->impl_;
  if (!(d.flags[index_] & event_table::impl::has_addressees)) return {};
  return d.addressees_of.of(index_);
}

std::string_view event::channel() const {
  const auto* x = details_of(*table_->impl_, index_);
  return x ? std::string_view(x->channel) : std::string_view{};
}

std::string_view event::place() const {
  const auto* x = details_of(*table_->impl_, index_);
  return x ? std::string_view(x->place) : std::string_view{};
}

std::string_view event::summary() const {
  const auto* x = details_of(*table_->impl_, index_);
  return x ? std::string_view(x->summary) : std::string_view{};
}

std::string_view event::notes() const {
  const auto* x = details_of(*table_->impl_, index_);
  return x ? std::string_view(x->notes) : std::string_view{};
}

std::span<const quote> event::quotes() const {
  const auto* x = details_of(*table_->impl_, index_);
  return x ? std::span<const quote>(x->quotes) : std::span<const quote>{};
}

std::span<const figure> event::figures() const {
  const auto* x = details_of(*table_->impl_, index_);
  return x ? std::span<const figure>(x->figures) : std::span<const figure>{};
}

std::span<const source> event::sources() const {
  const auto* x = details_of(*table_->impl_, index_);
  return x ? std::span<const source>(x->sources) : std::span<const source>{};
}

relation_list event::relations() const {
  const auto& d = *table_->impl_;
  return {table_, index_, d.relation_begin[index_], d.relation_begin[index_ + 1]};
}

relation relation_list::operator[](std::size_t i) const {
  const auto& d = *table_->impl_;
  const std::size_t at = begin_ + i;
  relation r{d.relation_kind[at], d.relation_target[at], {}};
  if (const auto* x = d.find_details(owner_); x && i < x->relation_notes.size())
    r.note = x->relation_notes[i];
  return r;
}

event_record event::record() const {
  event_record r;
  r.id = id();
  r.date = date();
  r.time = time();
  r.timezone = timezone();
  auto a = actors();
  r.actors.assign(a.begin(), a.end());
  auto to = addressees();
  r.addressees.assign(to.begin(), to.end());
  r.kind = kind();
  r.channel = channel();
  r.place = place();
  r.title = title();
  r.summary = summary();
  r.notes = notes();
  auto q = quotes();
  r.quotes.assign(q.begin(), q.end());
  auto f = figures();
  r.figures.assign(f.begin(), f.end());
  auto src = sources();
  r.sources.assign(src.begin(), src.end());
  for (auto t : tags()) r.tags.emplace_back(t);
  for (auto rel : relations()) r.relations.push_back({rel.type, rel.target, std::string(rel.note)});
  return r;
}

namespace {

/// Event indexes by earliest instant, then latest, ties in the order added. Bulk data comes
/// nearly in that order (sorted by date, but a day- or month-dated event starts before the
/// timed events of its day): the events already in order are kept as one run, only the rest
/// is sorted, then the two are merged.
std::vector<event_index> time_order(const event_table::impl& d) {
  const auto n = static_cast<event_index>(d.size());
  struct key {
    std::int64_t earliest, latest;
    event_index index;
    bool operator<(const key& other) const {
      if (earliest != other.earliest) return earliest < other.earliest;
      if (latest != other.latest) return latest < other.latest;
      return index < other.index;
    }
  };
  auto key_of = [&](event_index i) { return key{d.earliest[i], d.latest(i), i}; };
  // The run keeps indexes only (its keys are in the columns); the rest keeps its keys to sort.
  std::vector<event_index> order(n);
  std::vector<key> rest;
  event_index run_size = 0;
  key last{};
  for (event_index i = 0; i < n; ++i) {
    const key k = key_of(i);
    if (run_size == 0 || !(k < last)) {
      order[run_size++] = i;
      last = k;
    } else {
      rest.push_back(k);
    }
  }
  if (rest.empty()) return order;
  std::sort(rest.begin(), rest.end());  // keys are distinct (the index): no stability needed
  // Merge from the back, in place: the run occupies the front of `order`.
  std::size_t a = run_size, b = rest.size(), out = n;
  while (b > 0) {
    if (a > 0 && rest[b - 1] < key_of(order[a - 1]))
      order[--out] = order[--a];
    else
      order[--out] = rest[--b].index;
  }
  return order;
}

}  // namespace

std::vector<event_index> story::finish() {
  auto& d = *events.impl_;
  const auto n = static_cast<event_index>(d.size());
  if (d.ids_indexed < n) d.index_ids();  // the compact index is built from the loading one
  // By earliest instant, then latest; ties keep the order written (events of one day stay in
  // the order the author listed them).
  const std::vector<event_index> order = time_order(d);
  std::vector<event_index> new_index(n);
  bool moved = false;
  for (event_index i = 0; i < n; ++i) {
    new_index[order[i]] = i;
    moved = moved || order[i] != i;
  }
  if (!moved) {
    finish_in_place();
    events.impl_->rebuild_id_index(new_index);
    index_actor_ids();
    return new_index;
  }

  // Rebuild every column in the new order: exact sizes, no spare capacity.
  event_table::impl out;
  out.kinds = std::move(d.kinds);
  out.zones = std::move(d.zones);
  out.tags = std::move(d.tags);
  out.text_payload = d.text_payload;
  out.duplicate_ids = d.duplicate_ids;
  out.load_slots = std::move(d.load_slots);  // by tag and old index: rebuilt below
  out.id_slots = std::move(d.id_slots);
  auto gather = [&](auto& to, const auto& from) {
    to.resize(n);
    for (event_index i = 0; i < n; ++i) to[i] = from[order[i]];
  };
  gather(out.earliest, d.earliest);
  gather(out.span, d.span);
  gather(out.flags, d.flags);
  gather(out.actor, d.actor);
  // The text stays where it is when offsets from its start fit in 32 bits (under 4 GiB of
  // text): only the offsets move. Beyond that, it is copied in the new order.
  constexpr std::size_t block = event_table::impl::text_block;
  auto old_offset = [&](event_index e) { return d.text_base[e / block] + d.text_offset[e]; };
  out.text_offset.resize(n);
  if (d.text.size() <= UINT32_MAX) {
    out.text_base.assign((n + block - 1) / block, 0);  // add() may append after it
    for (event_index i = 0; i < n; ++i)
      out.text_offset[i] = static_cast<std::uint32_t>(old_offset(order[i]));
    d.text.shrink_to_fit();
    out.text = std::move(d.text);
  } else {
    out.text_base.reserve(n / block + 1);
    out.text.reserve(d.text.size());
    for (event_index i = 0; i < n; ++i) {
      const event_index old = order[i];
      if (i % block == 0) out.text_base.push_back(out.text.size());
      out.text_offset[i] = static_cast<std::uint32_t>(out.text.size() - out.text_base.back());
      // The encoded text of `old` runs to the next event's start (or the arena's end).
      const std::size_t from = old_offset(old);
      const std::size_t to = old + 1 < n ? old_offset(old + 1) : d.text.size();
      out.text.append(d.text.data() + from, to - from);
    }
  }
  for (event_index i = 0; i < n; ++i)
    if (out.flags[i] & event_table::impl::long_span)
      out.long_latest.emplace_back(i, d.latest(order[i]));

  out.relation_begin.resize(n + 1);
  out.relation_begin[0] = 0;
  for (event_index i = 0; i < n; ++i)
    out.relation_begin[i + 1] =
        out.relation_begin[i] + d.relation_begin[order[i] + 1] - d.relation_begin[order[i]];
  out.relation_target.resize(d.relation_target.size());
  out.relation_kind.resize(d.relation_kind.size());
  struct link {
    event_index target;
    relation_type type;
    std::uint32_t written;  // position as written, for the notes
  };
  std::vector<link> links;
  for (event_index i = 0; i < n; ++i) {
    const event_index old = order[i];
    // An event's relations, oldest target first (then by type), notes alongside.
    const std::uint32_t first = d.relation_begin[old], count = d.relation_begin[old + 1] - first;
    const std::uint32_t at = out.relation_begin[i];
    if (count == 1) {
      out.relation_target[at] = new_index[d.relation_target[first]];
      out.relation_kind[at] = d.relation_kind[first];
    } else if (count > 1) {
      links.clear();
      for (std::uint32_t r = 0; r < count; ++r)
        links.push_back({new_index[d.relation_target[first + r]], d.relation_kind[first + r], r});
      std::sort(links.begin(), links.end(), [](const link& a, const link& b) {
        return a.target != b.target ? a.target < b.target : a.type < b.type;
      });
      for (std::uint32_t r = 0; r < count; ++r) {
        out.relation_target[at + r] = links[r].target;
        out.relation_kind[at + r] = links[r].type;
      }
    }
    if (d.flags[old] & event_table::impl::many_actors)
      out.many_actors_of.add(i, d.many_actors_of.of(old));
    if (d.flags[old] & event_table::impl::has_addressees)
      out.addressees_of.add(i, d.addressees_of.of(old));
    if (d.flags[old] & event_table::impl::has_details) {
      out.details_owner.push_back(i);
      out.details.push_back(std::move(d.details[static_cast<std::size_t>(
          std::lower_bound(d.details_owner.begin(), d.details_owner.end(), old) -
          d.details_owner.begin())]));
      if (auto& written = out.details.back().relation_notes; !written.empty()) {
        std::vector<std::string> by_target(written.size());
        for (std::size_t r = 0; r < written.size(); ++r)
          by_target[r] = std::move(written[count > 1 ? links[r].written : r]);
        written = std::move(by_target);
      }
    }
  }
  out.long_latest.shrink_to_fit();
  out.details_owner.shrink_to_fit();
  out.details.shrink_to_fit();
  *events.impl_ = std::move(out);
  events.impl_->rebuild_id_index(new_index);
  index_actor_ids();
  return new_index;
}

void story::finish_in_place() {
  auto& d = *events.impl_;
  // Each event's relations, oldest target first (then by type), notes alongside. Most events
  // have one or two, already in order.
  struct link {
    event_index target;
    relation_type type;
    std::uint32_t written;
  };
  auto link_before = [](const link& a, const link& b) {
    return a.target != b.target ? a.target < b.target : a.type < b.type;
  };
  std::vector<link> links;
  for (event_index e = 0; e < d.size(); ++e) {
    const std::uint32_t first = d.relation_begin[e], last = d.relation_begin[e + 1];
    bool sorted = true;
    for (std::uint32_t r = first + 1; r < last && sorted; ++r)
      sorted = !link_before({d.relation_target[r], d.relation_kind[r], 0},
                            {d.relation_target[r - 1], d.relation_kind[r - 1], 0});
    if (sorted) continue;
    links.clear();
    for (std::uint32_t r = first; r < last; ++r)
      links.push_back({d.relation_target[r], d.relation_kind[r], r - first});
    std::sort(links.begin(), links.end(), link_before);
    for (std::uint32_t r = first; r < last; ++r) {
      d.relation_target[r] = links[r - first].target;
      d.relation_kind[r] = links[r - first].type;
    }
    if (d.flags[e] & event_table::impl::has_details) {
      if (auto& written = d.details_for(e).relation_notes; !written.empty()) {
        std::vector<std::string> by_target(written.size());
        for (std::size_t r = 0; r < links.size(); ++r)
          by_target[r] = std::move(written[links[r].written]);
        written = std::move(by_target);
      }
    }
  }
  // Give back what a load reserved and did not use: the text arena is sized for the whole
  // input (realloc shrinks it in place); a column is copied only when much is spare.
  d.text.shrink_to_fit();
  auto trim = [](auto& column) {
    if (column.capacity() - column.size() > column.size() / 8 + 64) column.shrink_to_fit();
  };
  trim(d.earliest);
  trim(d.span);
  trim(d.flags);
  trim(d.text_offset);
  trim(d.actor);
  trim(d.relation_begin);
  trim(d.relation_target);
  trim(d.relation_kind);
  trim(d.text_base);
  trim(d.long_latest);
  trim(d.details_owner);
  trim(d.details);
}

void story::index_actor_ids() {
  actor_ids_.clear();
  actor_ids_.reserve(actors.size());
  for (std::size_t i = 0; i < actors.size(); ++i)
    actor_ids_.emplace(actors[i].id, static_cast<actor_index>(i));
}

std::optional<actor_index> story::find_actor(std::string_view id) const {
  if (auto it = actor_ids_.find(id); it != actor_ids_.end()) return it->second;
  return std::nullopt;
}

std::vector<std::string> story::closest_ids(std::string_view id, id_kind kind,
                                            std::size_t limit) const {
  // Linear in the number of ids: called once per unknown id, never per event.
  std::vector<std::pair<std::size_t, std::string_view>> scored;
  auto consider = [&](std::string_view candidate) {
    if (std::size_t d = 0; detail::close_enough(id, candidate, d))
      scored.emplace_back(d, candidate);
  };
  if (kind != id_kind::event)
    for (const auto& a : actors) consider(a.id);
  if (kind != id_kind::actor)
    for (const event e : events) consider(e.id());
  std::sort(scored.begin(), scored.end());
  scored.erase(std::unique(scored.begin(), scored.end()), scored.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && out.size() < limit; ++i)
    out.emplace_back(scored[i].second);
  return out;
}

}  // namespace eventgraph
