// Bluesky (AT Protocol): app.bsky.feed.post records as JSON lines (a repo export, each line
// {uri, cid, value}; com.atproto.repo.listRecords pages {records: [...]}) and the JSON of
// app.bsky.feed.getPostThread ({thread: {post, parent, replies}}), getPosts ({posts}) and
// getAuthorFeed ({feed: [{post}]}). Field names from the app.bsky.feed.post and
// app.bsky.feed.defs lexicons and docs.bsky.app ("Posts": text, createdAt, reply.parent/root,
// embed app.bsky.embed.record / recordWithMedia / external, richtext facets).
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/text.hpp"
#include "import/records.hpp"
#include "import/social_common.hpp"

namespace eventgraph::detail {
namespace {

using namespace social;

struct bsky_author {
  std::string did, handle, name;
};

struct bsky_mention {
  std::string did, handle;  // handle: the text the facet covers, without its "@"
};

/// A post as read: the record's fields, and the view's author when a view gives it.
struct bsky_post {
  std::string uri, type, text, created_at, parent, root, quoted;
  bsky_author author;
  std::vector<std::string> links, tags;
  std::vector<bsky_mention> mentions;
  bool has_record = false;  // a record (or a bare record's fields) was read
};

/// The parts of "at://did:plc:abc/app.bsky.feed.post/3k2a": repo, collection, record key.
struct at_uri {
  std::string_view repo, collection, rkey;
};

std::optional<at_uri> parse_at_uri(std::string_view uri) {
  if (!uri.starts_with("at://")) return std::nullopt;
  std::string_view rest = uri.substr(5);
  const std::size_t a = rest.find('/');
  if (a == std::string_view::npos) return std::nullopt;
  const std::size_t b = rest.find('/', a + 1);
  if (b == std::string_view::npos || rest.find('/', b + 1) != std::string_view::npos)
    return std::nullopt;
  at_uri out{rest.substr(0, a), rest.substr(a + 1, b - a - 1), rest.substr(b + 1)};
  if (out.repo.empty() || out.collection.empty() || out.rkey.empty()) return std::nullopt;
  return out;
}

bool is_post_uri(std::string_view uri) {
  const auto u = parse_at_uri(uri);
  return u && u->collection == "app.bsky.feed.post";
}

/// A post's id hint from its URI alone ("bsky-3kalice1" for at://did/app.bsky.feed.post/3kalice1),
/// so that a placeholder for an absent post is named as the post would be.
std::string post_id_hint(std::string_view uri) {
  const auto u = parse_at_uri(uri);
  return u ? "bsky-" + std::string(u->rkey) : std::string();
}

/// The web address of a post: https://bsky.app/profile/<handle or DID>/post/<rkey>.
std::string post_url(std::string_view uri, std::string_view handle) {
  const auto u = parse_at_uri(uri);
  if (!u) return {};
  return "https://bsky.app/profile/" + std::string(handle.empty() ? u->repo : handle) + "/post/" +
         std::string(u->rkey);
}

/// Calls f(key, value) for each field of an object; false on a JSON error.
template <typename F>
bool each_field(od::value v, F&& f) {
  od::object object;
  if (v.get_object().get(object)) return is_json_null(v);
  for (auto field : object) {
    std::string_view key;
    od::value value;
    if (field.unescaped_key().get(key) || field.value().get(value) || !f(key, value)) return false;
  }
  return true;
}

template <typename F>
bool each_element(od::value v, F&& f) {
  od::array items;
  if (v.get_array().get(items)) return is_json_null(v);
  for (auto item : items) {
    od::value value;
    if (item.get(value) || !f(value)) return false;
  }
  return true;
}

/// {uri, cid}: a strong reference's uri.
std::string ref_uri(od::value v) {
  std::string out;
  (void)each_field(v, [&](std::string_view key, od::value value) {
    if (key == "uri") out = string_of(value).value_or("");
    return true;
  });
  return out;
}

/// An embed: app.bsky.embed.record (a quoted post), recordWithMedia (its record's record),
/// external (a link card).
bool read_embed(od::value v, bsky_post& out) {
  std::string type, record, nested, external;
  const bool ok = each_field(v, [&](std::string_view key, od::value value) {
    if (key == "$type") {
      type = string_of(value).value_or("");
    } else if (key == "record") {
      // embed.record: {uri, cid}; recordWithMedia's record: {record: {uri, cid}}.
      return each_field(value, [&](std::string_view k, od::value inner) {
        if (k == "uri") record = string_of(inner).value_or("");
        if (k == "record") nested = ref_uri(inner);
        return true;
      });
    } else if (key == "external") {
      return each_field(value, [&](std::string_view k, od::value inner) {
        if (k == "uri") external = string_of(inner).value_or("");
        return true;
      });
    }
    return true;
  });
  if (type == "app.bsky.embed.record") out.quoted = record;
  if (type == "app.bsky.embed.recordWithMedia") out.quoted = nested;
  if (!is_post_uri(out.quoted)) out.quoted.clear();  // a feed, a list: not a post it cites
  if (!external.empty()) out.links.push_back(external);
  return ok;
}

/// Facets: links as sources, tags, mentions (the handle from the text the facet covers).
bool read_facets(od::value v, bsky_post& out) {
  return each_element(v, [&](od::value facet) {
    std::int64_t start = -1, end = -1;
    return each_field(facet, [&](std::string_view key, od::value value) {
      if (key == "index") {
        return each_field(value, [&](std::string_view k, od::value n) {
          if (k == "byteStart" && n.get_int64().get(start)) start = -1;
          if (k == "byteEnd" && n.get_int64().get(end)) end = -1;
          return true;
        });
      }
      if (key != "features") return true;
      return each_element(value, [&](od::value feature) {
        std::string type, uri, did, tag;
        const bool ok = each_field(feature, [&](std::string_view k, od::value f) {
          if (k == "$type") type = string_of(f).value_or("");
          if (k == "uri") uri = string_of(f).value_or("");
          if (k == "did") did = string_of(f).value_or("");
          if (k == "tag") tag = string_of(f).value_or("");
          return true;
        });
        if (type == "app.bsky.richtext.facet#link" && out.links.size() < max_post_sources)
          out.links.push_back(uri);
        if (type == "app.bsky.richtext.facet#tag" && !tag.empty()) out.tags.push_back(tag);
        if (type == "app.bsky.richtext.facet#mention" && !did.empty() &&
            out.mentions.size() < max_post_sources) {
          bsky_mention m{did, {}};
          // The index is into the UTF-8 text; "text" comes before "facets" in records.
          if (start >= 0 && end > start && static_cast<std::size_t>(end) <= out.text.size() &&
              out.text[static_cast<std::size_t>(start)] == '@')
            m.handle = out.text.substr(static_cast<std::size_t>(start) + 1,
                                       static_cast<std::size_t>(end - start - 1));
          out.mentions.push_back(std::move(m));
        }
        return ok;
      });
    });
  });
}

/// A record's field (of app.bsky.feed.post); false on a JSON error.
bool read_record_field(std::string_view key, od::value v, bsky_post& out) {
  if (key == "$type") {
    out.type = string_of(v).value_or("");
  } else if (key == "text") {
    out.text = string_of(v).value_or("");
    out.has_record = true;
  } else if (key == "createdAt") {
    out.created_at = string_of(v).value_or("");
    out.has_record = true;
  } else if (key == "reply") {
    return each_field(v, [&](std::string_view k, od::value r) {
      if (k == "parent") out.parent = ref_uri(r);
      if (k == "root") out.root = ref_uri(r);
      return true;
    });
  } else if (key == "embed") {
    return read_embed(v, out);
  } else if (key == "facets") {
    return read_facets(v, out);
  } else if (key == "tags") {
    return each_element(v, [&](od::value t) {
      if (auto s = string_of(t); s && !s->empty()) out.tags.emplace_back(*s);
      return true;
    });
  }
  return true;
}

class bsky_writer {
 public:
  explicit bsky_writer(import_sink& sink) : sink_(sink) {}

  void emit(bsky_post& p, import_location at) {
    const auto uri = parse_at_uri(p.uri);
    if (!uri)
      return sink_.bad_record(
          at, p.uri.empty() ? "a post needs its \"uri\" (at://did/app.bsky.feed.post/rkey)"
                            : "'" + p.uri + "' is not an at:// record URI");
    if (uri->collection != "app.bsky.feed.post") return;  // likes, follows, reposts...
    const auto date = instant(p.created_at, offset_rule::keep);
    if (!date)
      return sink_.bad_record(at, p.created_at.empty() ? "post " + p.uri + " has no \"createdAt\""
                                                       : "post " + p.uri +
                                                             " has a \"createdAt\" that is not an "
                                                             "ISO 8601 instant: '" +
                                                             p.created_at + "'");
    // The repo in the URI is the author's DID; a view may name the account too.
    const std::string did(uri->repo);
    if (p.author.did.empty() || p.author.did == did) remember(did, p.author);
    const std::string& handle = handles_[did];
    imported_event e;
    e.key = p.uri;
    e.id_hint = post_id_hint(p.uri);
    e.at = at;
    e.date = *date;
    e.kind = "post";
    e.channel = "Bluesky";
    set_text(e, p.text);
    e.actors.push_back(did);
    add_source(e, post_url(p.uri, handle), "post on Bluesky");
    for (const auto& l : p.links) add_source(e, l);
    e.tags = std::move(p.tags);
    // The parent is what the post answers; the root only when the parent is not given.
    const std::string& target = !p.parent.empty() ? p.parent : p.root;
    if (!target.empty())
      e.links.push_back({relation_type::responds_to,
                         target,
                         link_name(target),
                         repo_of(target),
                         {},
                         post_id_hint(target)});
    if (!p.quoted.empty())
      e.links.push_back({relation_type::cites,
                         p.quoted,
                         link_name(p.quoted),
                         repo_of(p.quoted),
                         {},
                         post_id_hint(p.quoted)});
    send_actor(did, at);
    for (const auto& m : p.mentions) {
      if (m.did == did) continue;
      if (!m.handle.empty()) remember(m.did, {m.did, m.handle, {}});
      bool seen = false;
      for (const auto& a : e.addressees) seen = seen || a == m.did;
      if (seen) continue;
      e.addressees.push_back(m.did);
      send_actor(m.did, at);
    }
    sink_.event(std::move(e));
  }

 private:
  static std::string repo_of(std::string_view uri) {
    const auto u = parse_at_uri(uri);
    return u ? std::string(u->repo) : std::string();
  }

  std::string link_name(std::string_view uri) {
    const auto u = parse_at_uri(uri);
    if (!u) return std::string(uri);
    const auto h = handles_.find(std::string(u->repo));
    return post_url(uri, h == handles_.end() ? std::string_view() : std::string_view(h->second));
  }

  void remember(const std::string& did, const bsky_author& a) {
    auto& handle = handles_[did];
    if (handle.empty()) handle = a.handle;
    if (!a.name.empty()) names_.try_emplace(did, a.name);
  }

  void send_actor(const std::string& did, import_location at) {
    if (sent_.contains(did)) return;
    imported_actor a;
    a.key = did;
    a.at = at;
    const std::string& handle = handles_[did];
    a.handle = handle;
    a.id_hint = handle.empty() ? did : handle;
    if (const auto n = names_.find(did); n != names_.end()) a.name = text::clean(n->second);
    a.url = "https://bsky.app/profile/" + (handle.empty() ? did : handle);
    sent_.send(sink_, std::move(a));
  }

  import_sink& sink_;
  std::unordered_map<std::string, std::string> handles_, names_;
  actor_set sent_;
};

/// What is being read, innermost last: an object (a post view, a thread node, a repo line, a
/// response) or a list of them. The thread's parents and replies nest as deep as the thread
/// goes, so they are walked with this stack, never by recursion.
struct frame {
  bool is_list = false;
  od::object_iterator field, fields_end;
  od::array_iterator item, items_end;
  bool started = false;
  bsky_post post;
  const char* start = nullptr;
};

/// An object frame for the value, or false when it is not an object.
bool push_object(std::vector<frame>& stack, od::value v) {
  frame f;
  f.start = v.raw_json_token().data();
  od::object object;
  if (v.get_object().get(object) || object.begin().get(f.field) || object.end().get(f.fields_end))
    return false;
  stack.push_back(std::move(f));
  return true;
}

bool push_list(std::vector<frame>& stack, od::value v) {
  frame f;
  f.is_list = true;
  od::array array;
  if (v.get_array().get(array) || array.begin().get(f.item) || array.end().get(f.items_end))
    return false;
  stack.push_back(std::move(f));
  return true;
}

/// One field of an object frame; may push a frame for its value.
bool read_field(std::vector<frame>& stack, std::string_view key, od::value v) {
  bsky_post& p = stack.back().post;
  if (key == "uri") {
    p.uri = string_of(v).value_or("");
  } else if (key == "value" || key == "record") {  // a repo line's record, a post view's record
    return each_field(v,
                      [&](std::string_view k, od::value r) { return read_record_field(k, r, p); });
  } else if (key == "author") {
    return each_field(v, [&](std::string_view k, od::value a) {
      if (k == "did") p.author.did = string_of(a).value_or("");
      if (k == "handle") p.author.handle = string_of(a).value_or("");
      if (k == "displayName") p.author.name = string_of(a).value_or("");
      return true;
    });
  } else if (key == "thread" || key == "post" || key == "parent") {
    od::json_type type;
    return v.type().get(type) || type != od::json_type::object || push_object(stack, v);
  } else if (key == "replies" || key == "feed" || key == "posts" || key == "records") {
    od::json_type type;
    return v.type().get(type) || type != od::json_type::array || push_list(stack, v);
  } else {
    return read_record_field(key, v, p);  // a bare record, its fields at the top
  }
  return true;
}

/// Reads one JSON value (a line, or the whole file) and sends every post in it.
void read_value(od::value root, const std::function<import_location(const char*)>& where,
                bsky_writer& writer, import_sink& sink) {
  std::vector<frame> stack;
  const char* first = root.raw_json_token().data();
  if (!push_object(stack, root))
    return sink.bad_record(where(first), "expected a JSON object: a post record or a response");
  while (!stack.empty()) {
    frame& f = stack.back();
    if (f.started) f.is_list ? (void)++f.item : (void)++f.field;
    f.started = true;
    if (f.is_list ? f.item == f.items_end : f.field == f.fields_end) {
      frame done = std::move(stack.back());
      stack.pop_back();
      if (!done.is_list && (done.post.has_record || !done.post.created_at.empty()))
        writer.emit(done.post, where(done.start));
      continue;
    }
    bool ok = true;
    if (f.is_list) {
      auto element = *f.item;
      ok = !element.error() && push_object(stack, element.value_unsafe());
    } else {
      auto field = *f.field;
      std::string_view key;
      od::value v;
      ok = !field.unescaped_key().get(key) && !field.value().get(v) && read_field(stack, key, v);
    }
    if (!ok)
      return sink.bad_record(where(stack.back().start),
                             "the JSON is not valid here (or not what Bluesky writes): reading "
                             "stops");
  }
}

}  // namespace

void read_bluesky(const import_input& in, const import_options&, import_sink& sink) {
  od::parser parser;
  bsky_writer writer(sink);
  const auto read = [&](const char* data, std::size_t size, std::size_t capacity,
                        const std::function<import_location(const char*)>& where) {
    od::document doc;
    od::value root;
    if (const auto error = iterate(parser, data, size, capacity, doc);
        error || doc.get_value().get(root))
      return sink.bad_record(where(data), error == simdjson::DEPTH_ERROR
                                              ? "the JSON nests deeper than 1000 levels"
                                              : "not valid JSON");
    read_value(root, where, writer, sink);
  };
  if (is_json_lines(in.text)) {
    std::size_t done = 0;
    for_each_json_line(in.text, [&](std::string_view line, std::uint32_t number) {
      read(line.data(), line.size(), line.size() + padding, [&](const char* p) {
        return import_location{number, static_cast<std::uint32_t>(p - line.data() + 1)};
      });
      done += line.size() + 1;
      if ((number & 0x3FF) == 0) sink.progress(done);
    });
  } else {
    const std::string buffer = padded(in.text);
    line_map lines(in.text);
    read(buffer.data(), in.text.size(), buffer.size(),
         [&](const char* p) { return lines.at(p, buffer.data()); });
  }
  sink.progress(in.text.size());
}

bool looks_like_bluesky(std::string_view text) {
  const std::string_view head = text.substr(0, std::min<std::size_t>(text.size(), 4096));
  const std::size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || head[first] != '{') return false;
  // A post's at:// URI, or the record type, is in the first lines of every form we read.
  return head.find("\"at://did:") != std::string_view::npos ||
         head.find("\"app.bsky.feed.post\"") != std::string_view::npos;
}

}  // namespace eventgraph::detail
