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
  if (f.time.coarse_qualifier) bits |= coarse_qualifier;
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
  if (details_owner.empty() || details_owner.back() < e) {  // the usual case: the newest event
    flags[e] |= has_details;
    details_owner.push_back(e);
    return *details.emplace_back(std::make_unique<event_details>());
  }
  auto it = std::lower_bound(details_owner.begin(), details_owner.end(), e);
  const auto at = static_cast<std::size_t>(it - details_owner.begin());
  if (it != details_owner.end() && *it == e) return *details[at];
  flags[e] |= has_details;
  details_owner.insert(it, e);
  return **details.insert(details.begin() + static_cast<std::ptrdiff_t>(at),
                          std::make_unique<event_details>());
}

const event_details* event_table::impl::find_details(event_index e) const {
  if (!(flags[e] & has_details)) return nullptr;
  auto it = std::lower_bound(details_owner.begin(), details_owner.end(), e);
  return details[static_cast<std::size_t>(it - details_owner.begin())].get();
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
  t.coarse_qualifier = bits & coarse_qualifier;
  t.open_start = bits & open_start;
  t.open_end = bits & open_end;
  return t;
}

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
                      d.zones.memory_bytes() + d.tags.memory_bytes() +
                      d.details.size() * sizeof(event_details);
  for (const auto& held : d.details) {
    const event_details& x = *held;
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
  for (const auto& held : d.details) {
    const event_details& x = *held;
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

}  // namespace eventgraph
