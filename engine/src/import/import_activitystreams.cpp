// ActivityStreams 2.0 / ActivityPub: an OrderedCollection (or a page of one) of activities, a
// Mastodon account export's outbox.json (and its actor.json), or JSON lines of activities,
// objects and actors. Vocabulary from the W3C ActivityStreams 2.0 Vocabulary
// (www.w3.org/TR/activitystreams-vocabulary: Create, Announce, Note, Article, Mention,
// Hashtag, attributedTo, inReplyTo, to, cc, tag, url, published) and ActivityPub (Public
// addressing, followers collections); quote posts as Mastodon documents them
// (docs.joinmastodon.org/spec/activitypub: `quote`, `quoteUri`, `_misskey_quote`, `quoteUrl`).
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"
#include "import/records.hpp"
#include "import/social_common.hpp"

namespace eventgraph::detail {
namespace {

using namespace social;

struct as_tag {
  std::string type, name, href;
};

/// The fields of an activity, an object or an actor that the reader maps, as written.
struct as_item {
  std::string type, id, actor, attributed_to, published, in_reply_to, content, name, summary;
  std::string url, quote, preferred_username;
  std::vector<std::string> to, cc;
  std::vector<as_tag> tags;
  std::unique_ptr<as_item> object;  ///< an activity's object, when given inline
  std::string object_id;            ///< an activity's object, by id or inline
};

/// A reference given as a string, or as an object's `id` (a Link's `href`).
std::string scalar_ref(od::value v, od::json_type type) {
  if (type == od::json_type::string) return std::string(string_of(v).value_or(""));
  od::object object;
  if (type != od::json_type::object || v.get_object().get(object)) return {};
  std::string out;
  for (auto field : object) {
    std::string_view key;
    od::value value;
    if (field.unescaped_key().get(key) || field.value().get(value)) return {};
    if ((key == "id" || key == "href") && out.empty())
      out = std::string(string_of(value).value_or(""));
  }
  return out;
}

/// A reference: a string, an object's `id` (or a Link's `href`), or the first of a list.
std::string ref_of(od::value v) {
  od::json_type type;
  if (v.type().get(type)) return {};
  if (type != od::json_type::array) return scalar_ref(v, type);
  od::array items;
  if (v.get_array().get(items)) return {};
  for (auto item : items) {
    od::value first;
    if (item.get(first) || first.type().get(type)) return {};
    return scalar_ref(first, type);
  }
  return {};
}

/// `to` and `cc`: one address or a list of them.
bool read_addresses(od::value v, std::vector<std::string>& out) {
  od::json_type type;
  if (v.type().get(type)) return false;
  if (type != od::json_type::array) {
    if (auto s = ref_of(v); !s.empty()) out.push_back(std::move(s));
    return true;
  }
  od::array items;
  if (v.get_array().get(items)) return false;
  for (auto item : items) {
    od::value value;
    if (item.get(value)) return false;
    if (auto s = ref_of(value); !s.empty() && out.size() < max_post_sources)
      out.push_back(std::move(s));
  }
  return true;
}

bool read_tags(od::value v, std::vector<as_tag>& out) {
  od::array items;
  if (v.get_array().get(items)) return true;  // a tag that is not a list: nothing we map
  for (auto item : items) {
    od::object object;
    if (item.get_object().get(object)) continue;
    as_tag tag;
    for (auto field : object) {
      std::string_view key;
      od::value value;
      if (field.unescaped_key().get(key) || field.value().get(value)) return false;
      if (key == "type") tag.type = string_of(value).value_or("");
      if (key == "name") tag.name = string_of(value).value_or("");
      if (key == "href") tag.href = string_of(value).value_or("");
    }
    if (out.size() < max_post_sources) out.push_back(std::move(tag));
  }
  return true;
}

/// Reads an item's fields; an activity's inline object one level down (depth 1), no deeper.
bool read_item(od::object object, as_item& out, int depth) {
  for (auto field : object) {
    std::string_view key;
    od::value v;
    if (field.unescaped_key().get(key) || field.value().get(v)) return false;
    bool ok = true;
    const auto text = [&](std::string& into) {
      od::json_type type;
      if (v.type().get(type)) return false;
      if (type == od::json_type::string) into = string_of(v).value_or("");
      return true;
    };
    if (key == "type") {
      out.type = ref_of(v);  // a list of types: the first
    } else if (key == "id") {
      ok = text(out.id);
    } else if (key == "actor") {
      out.actor = ref_of(v);
    } else if (key == "attributedTo") {
      out.attributed_to = ref_of(v);
    } else if (key == "published") {
      ok = text(out.published);
    } else if (key == "inReplyTo") {
      out.in_reply_to = ref_of(v);
    } else if (key == "content") {
      ok = text(out.content);
    } else if (key == "name") {
      ok = text(out.name);
    } else if (key == "summary") {
      ok = text(out.summary);
    } else if (key == "url") {
      out.url = ref_of(v);
    } else if (key == "preferredUsername") {
      ok = text(out.preferred_username);
    } else if (key == "quote" || key == "quoteUri" || key == "quoteUrl" ||
               key == "_misskey_quote") {
      if (out.quote.empty()) out.quote = ref_of(v);
    } else if (key == "to") {
      ok = read_addresses(v, out.to);
    } else if (key == "cc") {
      ok = read_addresses(v, out.cc);
    } else if (key == "tag") {
      ok = read_tags(v, out.tags);
    } else if (key == "object") {
      od::json_type type;
      od::object inner;
      if (v.type().get(type)) return false;
      if (type == od::json_type::object && depth == 0) {
        out.object = std::make_unique<as_item>();
        ok = !v.get_object().get(inner) && read_item(inner, *out.object, depth + 1);
        out.object_id = out.object->id;
      } else {
        out.object_id = ref_of(v);
      }
    }
    if (!ok) return false;
  }
  return true;
}

bool is_post_type(std::string_view type) {
  return type == "Note" || type == "Article" || type == "Page" || type == "Question" ||
         type == "Event" || type == "Video" || type == "Image" || type == "Audio";
}

bool is_actor_type(std::string_view type) {
  return type == "Person" || type == "Organization" || type == "Group" || type == "Service" ||
         type == "Application";
}

/// Addresses that are not actors: the Public collection, followers and following lists.
bool is_collection_address(std::string_view address) {
  return address == "https://www.w3.org/ns/activitystreams#Public" || address == "as:Public" ||
         address == "Public" || address.ends_with("/followers") || address.ends_with("/following");
}

/// A post's id hint from its ActivityPub id alone, so that a placeholder for an absent post is
/// named as the post would be: "alice-101" for Mastodon's ".../users/alice/statuses/101" (an
/// activity's ".../activity" too) or ".../@alice/101"; "" (the id itself, made an id) else.
std::string post_id_hint(std::string_view id) {
  if (id.ends_with("/activity")) id.remove_suffix(9);
  const std::size_t last = id.rfind('/');
  if (last == std::string_view::npos || last + 1 == id.size()) return {};
  const std::string_view number = id.substr(last + 1);
  std::string_view before = id.substr(0, last);
  if (before.ends_with("/statuses")) before.remove_suffix(9);
  const std::size_t user_at = before.rfind('/');
  if (user_at == std::string_view::npos) return {};
  std::string_view user = before.substr(user_at + 1);
  const bool mastodon_path = user.starts_with('@') || before.substr(0, user_at).ends_with("/users");
  if (user.starts_with('@')) user.remove_prefix(1);
  if (!mastodon_path || user.empty()) return {};
  return std::string(user) + "-" + std::string(number);
}

/// The account a Mastodon post's id names (".../users/alice" for ".../users/alice/statuses/101"),
/// so that a placeholder for an absent post keeps its author; "" when the id says nothing.
std::string author_of_post(std::string_view id) {
  const std::size_t statuses = id.rfind("/statuses/");
  if (statuses == std::string_view::npos) return {};
  const std::string_view account = id.substr(0, statuses);
  const std::size_t users = account.rfind("/users/");
  if (users == std::string_view::npos || users + 7 >= account.size() ||
      account.find('/', users + 7) != std::string_view::npos)
    return {};
  return std::string(account);
}

/// "@alice@mastodon.example" from "https://mastodon.example/users/alice" (or "/@alice").
std::string handle_of(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  const std::size_t slash = rest.find('/');
  std::string_view host = rest.substr(0, slash);
  if (const std::size_t at = host.rfind('@'); at != std::string_view::npos)
    host.remove_prefix(at + 1);
  if (slash == std::string_view::npos || host.empty()) return {};
  std::string_view path = rest.substr(slash);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  std::string_view user = path.substr(path.rfind('/') + 1);
  if (user.starts_with('@')) user.remove_prefix(1);
  if (user.empty()) return {};
  return "@" + std::string(user) + "@" + std::string(host);
}

class as_writer {
 public:
  explicit as_writer(import_sink& sink) : sink_(sink) {}

  /// One item of a collection, or a line: an activity, a post or an actor.
  void item(as_item& it, import_location at) {
    if (it.type == "Create" && it.object && is_post_type(it.object->type)) {
      as_item& post = *it.object;
      if (post.attributed_to.empty()) post.attributed_to = it.actor;
      if (post.published.empty()) post.published = it.published;
      if (post.to.empty() && post.cc.empty()) {
        post.to = std::move(it.to);
        post.cc = std::move(it.cc);
      }
      return this->post(post, at);
    }
    if (it.type == "Announce") return announce(it, at);
    if (is_post_type(it.type)) return post(it, at);
    if (is_actor_type(it.type)) return profile(it, at);
    // Likes, follows, deletes, a Create whose object is only its id: not events of a story.
  }

 private:
  void post(as_item& p, import_location at) {
    if (p.id.empty()) return sink_.bad_record(at, "a " + p.type + " needs its \"id\"");
    imported_event e;
    e.key = p.id;
    e.id_hint = post_id_hint(p.id);
    e.at = at;
    e.kind = p.type == "Article" ? "article" : "post";
    e.channel = "ActivityPub";
    if (!date_of(p, e, at)) return;
    const html_text body = html_to_text(p.content);
    if (!p.name.empty() && p.type != "Note") {
      e.title = text::clean(p.name);
      e.summary = body.text;
    } else {
      set_text(e, body.text);
    }
    if (!p.summary.empty()) e.notes = "Content warning: " + text::clean(p.summary);
    const std::string author = p.attributed_to;
    if (!author.empty()) {
      e.actors.push_back(author);
      send_actor(author, {}, at);
    }
    add_source(e, !p.url.empty() ? p.url : p.id, "post");
    // Links in the text, but not the profile and tag pages its mentions and hashtags link to.
    // A mention links to the profile page ("https://other.example/@bob"), whose handle is the
    // mention's name; a hashtag to its tag page, the tag's href.
    for (const auto& link : body.links) {
      const std::string handle = handle_of(link);
      bool is_tag = false;
      for (const auto& t : p.tags) is_tag = is_tag || t.href == link || t.name == handle;
      if (!is_tag) add_source(e, link);
    }
    for (const auto& t : p.tags) {
      if (t.type == "Hashtag" && t.name.size() > 1)
        e.tags.push_back(t.name.starts_with('#') ? t.name.substr(1) : t.name);
      if (t.type == "Mention" && !t.href.empty()) address(e, t.href, t.name, at);
    }
    for (const auto& a : p.to) address(e, a, {}, at);
    for (const auto& a : p.cc) address(e, a, {}, at);
    if (!p.in_reply_to.empty()) link_to(e, relation_type::responds_to, p.in_reply_to, at);
    if (!p.quote.empty()) link_to(e, relation_type::cites, p.quote, at);
    sink_.event(std::move(e));
  }

  void announce(as_item& a, import_location at) {
    if (a.id.empty() || a.object_id.empty())
      return sink_.bad_record(at, "an Announce needs its \"id\" and its \"object\"");
    imported_event e;
    e.key = a.id;
    e.id_hint = post_id_hint(a.id);
    e.at = at;
    e.kind = "repost";
    e.channel = "ActivityPub";
    if (!date_of(a, e, at)) return;
    e.title = "Repost of " + text::clean(a.object_id);
    if (!a.actor.empty()) {
      e.actors.push_back(a.actor);
      send_actor(a.actor, {}, at);
    }
    add_source(e, a.object_id, "reposted post");
    link_to(e, relation_type::repeats, a.object_id, at);
    sink_.event(std::move(e));
    // The reposted post, when given inline, is an event of its own.
    if (a.object && is_post_type(a.object->type)) post(*a.object, at);
  }

  /// An actor object (Mastodon's actor.json): the account by its own words.
  void profile(const as_item& p, import_location at) {
    if (p.id.empty()) return sink_.bad_record(at, "a " + p.type + " needs its \"id\"");
    imported_actor a = actor_of(p.id, {}, at);
    a.name = text::clean(p.name);
    if (!p.preferred_username.empty()) {
      const std::string host_handle = handle_of(p.id);
      const std::size_t host = host_handle.rfind('@');
      a.handle = "@" + p.preferred_username +
                 (host != std::string::npos && host > 0 ? host_handle.substr(host) : "");
      a.id_hint = a.handle.substr(1);
    }
    if (!p.url.empty() && text::is_link(p.url)) a.url = p.url;
    // ActivityStreams actor types say what the account is, where they can.
    if (p.type == "Person") a.kind = "person";
    if (p.type == "Organization") a.kind = "organization";
    if (p.type == "Group") a.kind = "group";
    sink_.actor(std::move(a));
  }

  bool date_of(const as_item& p, imported_event& e, import_location at) {
    const auto date = instant(p.published, offset_rule::keep);
    if (!date) {
      sink_.bad_record(at, p.published.empty() ? p.type + " " + p.id + " has no \"published\" date"
                                               : p.type + " " + p.id +
                                                     " has a \"published\" date that is not "
                                                     "an ISO 8601 instant: '" +
                                                     p.published + "'");
      return false;
    }
    e.date = *date;
    return true;
  }

  void address(imported_event& e, const std::string& url, std::string_view mention,
               import_location at) {
    if (is_collection_address(url) || !text::is_link(url)) return;
    for (const auto& a : e.actors)
      if (a == url) return;
    for (const auto& a : e.addressees)
      if (a == url) return;
    e.addressees.push_back(url);
    send_actor(url, mention, at);
  }

  imported_actor actor_of(const std::string& url, std::string_view mention, import_location at) {
    imported_actor a;
    a.key = url;
    a.at = at;
    // A mention names the account as its server does: "@bob@other.example".
    a.handle = mention.starts_with('@') && mention.find('@', 1) != std::string_view::npos
                   ? std::string(mention)
                   : handle_of(url);
    a.id_hint = a.handle.empty() ? std::string() : a.handle.substr(1);
    if (text::is_link(url)) a.url = url;
    return a;
  }

  /// A link to the post with this id, named and attributed as the post itself would be, so a
  /// placeholder for it (when no input holds it) reads "lena-205" in @lena's lane.
  void link_to(imported_event& e, relation_type type, const std::string& id, import_location at) {
    imported_link link{type, id, id, author_of_post(id), {}, post_id_hint(id)};
    if (!link.actor_key.empty()) send_actor(link.actor_key, {}, at);
    e.links.push_back(std::move(link));
  }

  void send_actor(const std::string& url, std::string_view mention, import_location at) {
    if (!sent_.contains(url)) sent_.send(sink_, actor_of(url, mention, at));
  }

  import_sink& sink_;
  actor_set sent_;
};

/// A collection's items, or the value itself as one item.
void read_value(od::value root, const std::function<import_location(const char*)>& where,
                as_writer& writer, import_sink& sink) {
  const char* start = root.raw_json_token().data();
  od::object object;
  if (root.get_object().get(object))
    return sink.bad_record(where(start),
                           "expected a JSON object: an activity, a post, an actor or a collection");
  od::value items;
  auto found = object.find_field_unordered("orderedItems").get(items);
  if (found == simdjson::NO_SUCH_FIELD) {
    object.reset();
    found = object.find_field_unordered("items").get(items);
  }
  // Any other error left the object unreadable: simdjson has let its parser go, so nothing
  // more may be asked of it.
  if (found && found != simdjson::NO_SUCH_FIELD)
    return sink.bad_record(where(start), "the object is not valid JSON");
  if (found) {
    object.reset();
    as_item it;
    if (!read_item(object, it, 0))
      return sink.bad_record(where(start), "the object is not valid JSON");
    return writer.item(it, where(start));
  }
  od::array list;
  if (items.get_array().get(list))
    return sink.bad_record(where(start), "a collection's items must be a list");
  for (auto element : list) {
    od::value v;
    if (element.get(v))
      return sink.bad_record(where(start), "the collection is not valid JSON: reading stops here");
    const char* at = v.raw_json_token().data();
    od::object o;
    as_item it;
    if (v.get_object().get(o) || !read_item(o, it, 0)) {
      sink.bad_record(where(at), "each item must be an activity or an object");
      continue;
    }
    writer.item(it, where(at));
    sink.progress(static_cast<std::size_t>(at - start));
  }
}

}  // namespace

void read_activitystreams(const import_input& in, const import_options&, import_sink& sink) {
  od::parser parser;
  as_writer writer(sink);
  if (is_json_lines(in.text)) {
    for_each_json_line(in.text, [&](std::string_view line, std::uint32_t number) {
      const auto where = [&](const char* p) {
        return import_location{number, static_cast<std::uint32_t>(p - line.data() + 1)};
      };
      od::document doc;
      od::value root;
      if (iterate(parser, line.data(), line.size(), line.size() + padding, doc) ||
          doc.get_value().get(root))
        return sink.bad_record(where(line.data()), "the line is not valid JSON");
      read_value(root, where, writer, sink);
    });
    return sink.progress(in.text.size());
  }
  const std::string buffer = padded(in.text);
  line_map lines(in.text);
  const auto where = [&](const char* p) { return lines.at(p, buffer.data()); };
  od::document doc;
  od::value root;
  if (iterate(parser, buffer.data(), in.text.size(), buffer.size(), doc) ||
      doc.get_value().get(root))
    return sink.bad_record({1, 1}, "the file is not valid JSON");
  read_value(root, where, writer, sink);
  sink.progress(in.text.size());
}

bool looks_like_activitystreams(std::string_view text) {
  const std::string_view head = text.substr(0, std::min<std::size_t>(text.size(), 4096));
  if (head.find_first_not_of(" \t\r\n") == std::string_view::npos ||
      head[head.find_first_not_of(" \t\r\n")] != '{')
    return false;
  // Every ActivityStreams document names its context; Mastodon's exports do on line one.
  if (head.find("https://www.w3.org/ns/activitystreams") != std::string_view::npos) return true;
  return head.find("\"attributedTo\"") != std::string_view::npos ||
         (head.find("\"type\":\"Create\"") != std::string_view::npos ||
          head.find("\"type\": \"Create\"") != std::string_view::npos);
}

}  // namespace eventgraph::detail
