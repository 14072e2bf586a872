#include "import/record_store.hpp"

#include <algorithm>
#include <cstring>

namespace eventgraph::detail {
namespace {

constexpr std::size_t chunk_bytes = std::size_t{16} << 20;

// The packing: unsigned LEB128 numbers; a text is its length, then its bytes; a list is its
// count, then its items; a double its eight bytes.

void put_number(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

void put_text(std::string& out, std::string_view text) {
  put_number(out, text.size());
  out += text;
}

template <typename Items, typename Put>
void put_list(std::string& out, const Items& items, Put&& put) {
  put_number(out, items.size());
  for (const auto& item : items) put(item);
}

std::uint64_t get_number(const char*& p) {
  std::uint64_t v = 0;
  for (int shift = 0;; shift += 7) {
    const auto byte = static_cast<unsigned char>(*p++);
    v |= std::uint64_t{byte & 0x7Fu} << shift;
    if (!(byte & 0x80u)) return v;
  }
}

std::string_view get_text(const char*& p) {
  const auto size = static_cast<std::size_t>(get_number(p));
  const std::string_view text(p, size);
  p += size;
  return text;
}

template <typename Item, typename Get>
void get_list(const char*& p, std::vector<Item>& out, Get&& get) {
  out.resize(static_cast<std::size_t>(get_number(p)));
  for (auto& item : out) get(item);
}

}  // namespace

record_store::handle record_store::add(const imported_event& e) {
  std::string& out = scratch_;
  out.clear();
  put_text(out, e.key);  // first: key() reads it alone
  for (const std::string* text : {&e.id_hint, &e.date, &e.timezone, &e.kind, &e.channel, &e.place,
                                  &e.title, &e.summary, &e.notes})
    put_text(out, *text);
  for (const auto* list : {&e.actors, &e.addressees, &e.tags})
    put_list(out, *list, [&](const std::string& s) { put_text(out, s); });
  put_list(out, e.quotes, [&](const imported_quote& q) {
    put_text(out, q.text);
    put_text(out, q.by);
    put_text(out, q.note);
  });
  put_list(out, e.figures, [&](const figure& f) {
    put_text(out, f.label);
    char bytes[sizeof(double)];
    std::memcpy(bytes, &f.value, sizeof bytes);
    out.append(bytes, sizeof bytes);
    put_text(out, f.value_text);
    put_text(out, f.unit);
    put_text(out, f.note);
  });
  put_list(out, e.sources, [&](const source& s) {
    for (const std::string* text : {&s.title, &s.publisher, &s.url, &s.date, &s.note})
      put_text(out, *text);
  });
  put_list(out, e.links, [&](const imported_link& l) {
    out += static_cast<char>(l.type);
    for (const std::string* text : {&l.key, &l.known_as, &l.actor_key, &l.note, &l.id_hint})
      put_text(out, *text);
  });
  put_number(out, e.at.line);
  put_number(out, e.at.column);

  if (chunks_.empty() || used_ + out.size() > capacity_) {
    capacity_ = std::max(chunk_bytes, out.size());
    chunks_.push_back(std::make_unique_for_overwrite<char[]>(capacity_));
    used_ = 0;
  }
  const handle h = (std::uint64_t{chunks_.size() - 1} << 32) | used_;
  std::memcpy(chunks_.back().get() + used_, out.data(), out.size());
  used_ += out.size();
  return h;
}

std::string_view record_store::key(handle h) const {
  const char* p = at(h);
  return get_text(p);
}

void record_store::read(handle h, event_view& e) const {
  const char* p = at(h);
  for (std::string_view* text : {&e.key, &e.id_hint, &e.date, &e.timezone, &e.kind, &e.channel,
                                 &e.place, &e.title, &e.summary, &e.notes})
    *text = get_text(p);
  for (auto* list : {&e.actors, &e.addressees, &e.tags})
    get_list(p, *list, [&](std::string_view& s) { s = get_text(p); });
  get_list(p, e.quotes, [&](event_view::quote& q) {
    q.text = get_text(p);
    q.by = get_text(p);
    q.note = get_text(p);
  });
  get_list(p, e.figures, [&](event_view::figure& f) {
    f.label = get_text(p);
    std::memcpy(&f.value, p, sizeof(double));
    p += sizeof(double);
    f.value_text = get_text(p);
    f.unit = get_text(p);
    f.note = get_text(p);
  });
  get_list(p, e.sources, [&](event_view::source& s) {
    for (std::string_view* text : {&s.title, &s.publisher, &s.url, &s.date, &s.note})
      *text = get_text(p);
  });
  get_list(p, e.links, [&](event_view::link& l) {
    l.type = static_cast<relation_type>(*p++);
    for (std::string_view* text : {&l.key, &l.known_as, &l.actor_key, &l.note, &l.id_hint})
      *text = get_text(p);
  });
  e.at.line = static_cast<std::uint32_t>(get_number(p));
  e.at.column = static_cast<std::uint32_t>(get_number(p));
}

imported_event record_store::owned(handle h) const {
  event_view v;
  read(h, v);
  imported_event e;
  for (auto [to, from] : {std::pair{&e.key, v.key}, std::pair{&e.id_hint, v.id_hint},
                          std::pair{&e.date, v.date}, std::pair{&e.timezone, v.timezone},
                          std::pair{&e.kind, v.kind}, std::pair{&e.channel, v.channel},
                          std::pair{&e.place, v.place}, std::pair{&e.title, v.title},
                          std::pair{&e.summary, v.summary}, std::pair{&e.notes, v.notes}})
    *to = from;
  e.actors.assign(v.actors.begin(), v.actors.end());
  e.addressees.assign(v.addressees.begin(), v.addressees.end());
  e.tags.assign(v.tags.begin(), v.tags.end());
  for (const auto& q : v.quotes)
    e.quotes.push_back({std::string(q.text), std::string(q.by), std::string(q.note)});
  for (const auto& f : v.figures)
    e.figures.push_back({std::string(f.label), f.value, std::string(f.value_text),
                         std::string(f.unit), std::string(f.note)});
  for (const auto& s : v.sources)
    e.sources.push_back({std::string(s.title), std::string(s.publisher), std::string(s.url),
                         std::string(s.date), std::string(s.note)});
  for (const auto& l : v.links)
    e.links.push_back({l.type, std::string(l.key), std::string(l.known_as),
                       std::string(l.actor_key), std::string(l.note), std::string(l.id_hint)});
  e.at = v.at;
  return e;
}

void record_store::release_before(std::uint32_t chunk) {
  for (; released_ < chunk && released_ < chunks_.size(); ++released_) chunks_[released_].reset();
}

void record_store::clear() {
  chunks_.clear();
  used_ = capacity_ = 0;
  released_ = 0;
  scratch_ = {};
}

}  // namespace eventgraph::detail
