#include "load/plain_event.hpp"

#include <cstring>

#include <simdjson.h>

#include "load/document_tree.hpp"

namespace eventgraph::detail {
namespace {

namespace od = simdjson::ondemand;

enum field_bit : std::uint32_t {
  id_bit = 1,
  date_bit = 2,
  actor_bit = 4,
  actors_bit = 8,
  kind_bit = 16,
  title_bit = 32,
  tags_bit = 64,
  responds_to_bit = 128,
  relations_bit = 256,
  type_bit = 512,
  to_bit = 1024,
  channel_bit = 2048,
  place_bit = 4096,
  summary_bit = 8192,
  notes_bit = 16384,
  sources_bit = 32768,
};

}  // namespace

struct plain_event_reader::impl {
  od::parser parser{simdjson::SIMDJSON_MAXSIZE_BYTES};
  const char* line_start = nullptr;
  const char* line_end = nullptr;
  std::vector<plain_event::ref> responds_to;

  std::uint32_t column_of(const char* p) const {
    return static_cast<std::uint32_t>(p - line_start + 1);
  }

  /// A key as written, without simdjson decoding it (keys have no escape in plain lines; one
  /// with a backslash makes the line decline).
  template <typename Field>
  bool raw_key(Field& field, std::string_view& key) {
    if (field.error()) return false;  // e.g. a key without its colon
    const char* first = field.value_unsafe().key().raw();
    const char* last = first;
    while (last < line_end && *last != '"' && *last != '\\') ++last;
    if (last == line_end || *last != '"') return false;
    key = std::string_view(first, static_cast<std::size_t>(last - first));
    return true;
  }

  /// A string's text. Most strings have no escape: their text is a view into the line, which
  /// simdjson need not decode. One with an escape is decoded into the parser's buffer, which
  /// lasts until the next line.
  bool text(od::value& v, std::string_view& out) {
    std::string_view token = v.raw_json_token();
    while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\r' ||
                              token.back() == '\n'))
      token.remove_suffix(1);
    if (token.size() >= 2 && token.front() == '"' && token.back() == '"' &&
        std::memchr(token.data() + 1, '\\', token.size() - 2) == nullptr) {
      // Still consumed, as get_string would: On-Demand checks what follows a value only once
      // it is consumed (a value merely peeked at let `["a", "b": 1]` through).
      od::raw_json_string raw;
      if (v.get_raw_json_string().get(raw)) return false;
      out = token.substr(1, token.size() - 2);
      return out.size() <= max_string_bytes;
    }
    if (v.get_string().get(out)) return false;
    return out.size() <= max_string_bytes;
  }

  /// An id as a view into the line itself (it outlives the parser's buffers); ids with an
  /// escape are left to the general reader.
  bool ref(od::value& v, plain_event::ref& out) {
    std::string_view id;
    if (!text(v, id)) return false;
    if (id.data() <= line_start || id.data() > line_end) return false;  // decoded: an escape
    out.column = column_of(id.data() - 1);
    out.id = id;
    return true;
  }

  /// One id, or a list of ids (as the general reader accepts).
  bool refs(od::value& v, std::vector<plain_event::ref>& out) {
    od::json_type type;
    if (v.type().get(type)) return false;
    if (type == od::json_type::string) {
      plain_event::ref r;
      if (!ref(v, r)) return false;
      out.push_back(r);
      return true;
    }
    od::array items;
    if (type != od::json_type::array || v.get_array().get(items)) return false;
    for (auto item : items) {
      plain_event::ref r;
      od::value element;
      if (item.get(element) || !ref(element, r)) return false;
      out.push_back(r);
    }
    return true;
  }

  bool relations(od::value& v, std::vector<plain_event::link>& out) {
    od::array items;
    if (v.get_array().get(items)) return false;
    for (auto item : items) {
      od::object object;
      if (item.get_object().get(object)) return false;
      bool has_type = false, has_to = false;
      plain_event::link link{relation_type::responds_to, {}};
      for (auto field : object) {
        std::string_view key;
        od::value value;
        if (!raw_key(field, key) || field.value().get(value)) return false;
        if (key == "type" && !has_type) {
          std::string_view name;
          if (!text(value, name)) return false;
          const auto type = parse_relation_type(name);
          if (!type) return false;
          link.type = *type;
          has_type = true;
        } else if (key == "to" && !has_to) {
          if (!ref(value, link.to)) return false;
          has_to = true;
        } else {
          return false;
        }
      }
      if (!has_type || !has_to) return false;
      out.push_back(link);
    }
    return true;
  }

  /// A source's fields, each once; `title` is required (the general reader says so).
  bool sources(od::value& v, std::vector<plain_event::source>& out) {
    od::array items;
    if (v.get_array().get(items)) return false;
    for (auto item : items) {
      od::object object;
      if (item.get_object().get(object)) return false;
      plain_event::source source;
      std::uint32_t seen = 0;
      for (auto field : object) {
        std::string_view key;
        od::value value;
        if (!raw_key(field, key) || field.value().get(value)) return false;
        std::string_view* target = nullptr;
        std::uint32_t bit = 0;
        if (key == "title") {
          target = &source.title, bit = 1;
        } else if (key == "publisher") {
          target = &source.publisher, bit = 2;
        } else if (key == "url") {
          target = &source.url, bit = 4;
        } else if (key == "date") {
          target = &source.date, bit = 8;
        } else if (key == "note") {
          target = &source.note, bit = 16;
        }
        if (!target || (seen & bit) || !text(value, *target)) return false;
        seen |= bit;
      }
      if (!(seen & 1)) return false;
      out.push_back(source);
    }
    return true;
  }

  bool read(std::string_view line, plain_event& out) {
    out.id = out.date = out.kind = out.title = {};
    out.channel = out.place = out.summary = out.notes = {};
    out.sources.clear();
    out.actors.clear();
    out.addressees.clear();
    out.tags.clear();
    out.relations.clear();
    responds_to.clear();
    line_start = line.data();
    line_end = line.data() + line.size();
    od::document doc;
    if (parser.iterate(line.data(), line.size(), line.size() + json_padding).get(doc)) return false;
    const char* brace = nullptr;
    if (doc.current_location().get(brace)) return false;
    out.column = column_of(brace);
    od::object object;
    if (doc.get_object().get(object)) return false;
    std::uint32_t seen = 0;
    for (auto field : object) {
      std::string_view key;
      if (!raw_key(field, key)) return false;
      auto once = [&](field_bit bit) {
        if (seen & bit) return false;
        seen |= bit;
        return true;
      };
      od::value value;
      if (field.value().get(value)) return false;
      bool ok = false;
      if (key == "id") {
        ok = once(id_bit) && text(value, out.id);
      } else if (key == "date") {
        ok = once(date_bit) && text(value, out.date);
      } else if (key == "actor") {
        plain_event::ref r;
        ok = once(actor_bit) && ref(value, r);
        out.actors.push_back(r);
      } else if (key == "actors") {
        ok = once(actors_bit) && refs(value, out.actors);
      } else if (key == "to") {
        ok = once(to_bit) && refs(value, out.addressees);
      } else if (key == "kind") {
        ok = once(kind_bit) && text(value, out.kind);
      } else if (key == "title") {
        ok = once(title_bit) && text(value, out.title) && !out.title.empty();
      } else if (key == "channel") {
        ok = once(channel_bit) && text(value, out.channel);
      } else if (key == "place") {
        ok = once(place_bit) && text(value, out.place);
      } else if (key == "summary") {
        ok = once(summary_bit) && text(value, out.summary);
      } else if (key == "notes") {
        ok = once(notes_bit) && text(value, out.notes);
      } else if (key == "sources") {
        ok = once(sources_bit) && sources(value, out.sources);
      } else if (key == "tags") {
        od::array items;
        ok = once(tags_bit) && !value.get_array().get(items);
        if (ok) {
          for (auto item : items) {
            std::string_view tag;
            od::value element;
            if (item.get(element) || !text(element, tag)) return false;
            out.tags.push_back(tag);
          }
        }
      } else if (key == "responds_to") {
        ok = once(responds_to_bit) && refs(value, responds_to);
      } else if (key == "relations") {
        ok = once(relations_bit) && relations(value, out.relations);
      } else if (key == "type") {
        std::string_view type;
        ok = once(type_bit) && text(value, type) && type == "event";
      }
      if (!ok) return false;
    }
    // Nothing may follow the object on the line.
    if (const char* rest = nullptr; !doc.current_location().get(rest)) return false;
    // As the general reader does: `responds_to` first, then `relations`.
    out.relations.insert(out.relations.begin(), responds_to.size(), {});
    for (std::size_t i = 0; i < responds_to.size(); ++i)
      out.relations[i] = {relation_type::responds_to, responds_to[i]};
    // No actor field at all is an event without actors (a warning, given at the end).
    const bool both_actor_fields = (seen & actor_bit) && (seen & actors_bit);
    return (seen & (id_bit | date_bit | title_bit)) == (id_bit | date_bit | title_bit) &&
           !both_actor_fields;
  }
};

plain_event_reader::plain_event_reader() : impl_(std::make_unique<impl>()) {}
plain_event_reader::~plain_event_reader() = default;

bool plain_event_reader::read(std::string_view line, plain_event& out) {
  return impl_->read(line, out);
}

}  // namespace eventgraph::detail
