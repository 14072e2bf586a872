// X (Twitter): an account archive's data/tweets.js (and tweets-part1.js...), and X API v2
// responses as JSON lines (twarc2's output: one response page a line; `twarc2 flatten`: one
// tweet a line, its author inline). Field names from X's documentation: the v1.1 Tweet object
// (developer.x.com/en/docs/x-api/v1/data-dictionary/object-model/tweet), which the archive
// keeps, and the v2 Tweet and User objects with their `includes` expansions
// (developer.x.com/en/docs/x-api/data-dictionary/object-model/tweet; twarc's wiki, "Working
// with v2 Tweet Formats").
#include <date/date.h>

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "import/records.hpp"
#include "import/social_common.hpp"
#include "time/calendar_text.hpp"

namespace eventgraph::detail {
namespace {

using namespace social;

struct x_user {
  std::string id, username, name;
};

struct x_reference {
  relation_type type = relation_type::responds_to;
  std::string id;
};

/// A tweet as read, before its author and links are known by name.
struct x_tweet {
  std::string id, date, text, author_id;
  std::string reply_to_user, reply_to_name;  // in_reply_to_user_id(_str), in_reply_to_screen_name
  std::vector<x_reference> references;
  std::vector<x_user> mentions;
  std::vector<std::string> urls, tags;
  bool is_retweet_text = false;
  import_location at;
};

/// X's documented v1.1 created_at form, "Wed Oct 10 20:19:24 +0000 2018", as an EDTF UTC
/// instant; or nullopt.
std::optional<std::string> archive_time(std::string_view s) {
  // "Www Mmm DD HH:MM:SS ±hhmm YYYY": 30 bytes.
  if (s.size() != 30 || s[3] != ' ' || s[7] != ' ' || s[10] != ' ' || s[19] != ' ' || s[25] != ' ')
    return std::nullopt;
  unsigned month = 0;
  for (unsigned m = 1; m <= 12; ++m)
    if (s.substr(4, 3) == month_abbreviation(m)) month = m;
  if (month == 0) return std::nullopt;
  std::string iso;
  iso.reserve(25);
  iso.append(s.substr(26, 4)).append("-");
  if (month < 10) iso += '0';
  iso.append(std::to_string(month)).append("-").append(s.substr(8, 2)).append("T");
  iso.append(s.substr(11, 8)).append(s.substr(20, 5));
  return instant(iso, offset_rule::to_utc);
}

/// X escapes `&`, `<` and `>` in a tweet's text as HTML entities, and only those.
std::string unescape_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::string_view rest = s.substr(i);
    if (rest.starts_with("&amp;")) {
      out += '&';
      i += 4;
    } else if (rest.starts_with("&lt;")) {
      out += '<';
      i += 3;
    } else if (rest.starts_with("&gt;")) {
      out += '>';
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::optional<std::string> tweet_time(std::string_view s) {
  if (!s.empty() && s[0] >= '0' && s[0] <= '9') return instant(s, offset_rule::to_utc);
  return archive_time(s);
}

/// Reads a user object: v2 {id, username, name}, or v1.1 / archive mentions {id_str,
/// screen_name, name}.
bool read_user(od::object object, x_user& out) {
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return false;
    od::value v;
    if (field.value().get(v)) return false;
    if (key == "id_str" || (key == "id" && out.id.empty())) {
      if (auto id = id_of(v)) out.id = *id;
    } else if (key == "username" || key == "screen_name") {
      if (auto s = string_of(v)) out.username = *s;
    } else if (key == "name") {
      if (auto s = string_of(v)) out.name = *s;
    }
  }
  return true;
}

using line_map_fn = std::function<import_location(const char*)>;

/// The objects of an array, each read by `f(object, first byte)`; false on a JSON error.
template <typename F>
bool each_object(od::value v, F&& f) {
  od::array items;
  if (v.get_array().get(items)) return is_json_null(v);  // a null list is an empty one
  for (auto item : items) {
    od::value element;
    od::object object;
    if (item.get(element)) return false;
    const char* start = element.raw_json_token().data();
    if (element.get_object().get(object)) return false;
    if (!f(object, start)) return false;
  }
  return true;
}

bool read_entities(od::object object, x_tweet& out) {
  for (auto field : object) {
    std::string_view key;
    od::value v;
    if (field.unescaped_key().get(key) || field.value().get(v)) return false;
    bool ok = true;
    if (key == "urls") {
      ok = each_object(v, [&](od::object url, const char*) {
        std::string expanded, unwound;
        for (auto f : url) {
          std::string_view k;
          od::value value;
          if (f.unescaped_key().get(k) || f.value().get(value)) return false;
          if (k == "expanded_url" || k == "unwound_url")
            if (auto s = string_of(value)) (k == "expanded_url" ? expanded : unwound) = *s;
        }
        out.urls.push_back(!unwound.empty() ? unwound : expanded);
        return true;
      });
    } else if (key == "user_mentions" || key == "mentions") {
      ok = each_object(v, [&](od::object m, const char*) {
        x_user user;
        if (!read_user(m, user)) return false;
        out.mentions.push_back(std::move(user));
        return true;
      });
    } else if (key == "hashtags") {
      ok = each_object(v, [&](od::object h, const char*) {
        for (auto f : h) {
          std::string_view k;
          od::value value;
          if (f.unescaped_key().get(k) || f.value().get(value)) return false;
          if (k == "text" || k == "tag")
            if (auto s = string_of(value)) out.tags.emplace_back(*s);
        }
        return true;
      });
    }
    if (!ok) return false;
  }
  return true;
}

bool read_references(od::value v, x_tweet& out) {
  return each_object(v, [&](od::object r, const char*) {
    x_reference ref;
    std::string_view type;
    for (auto f : r) {
      std::string_view k;
      od::value value;
      if (f.unescaped_key().get(k) || f.value().get(value)) return false;
      if (k == "type") {
        if (auto s = string_of(value)) type = *s;
      } else if (k == "id") {
        if (auto id = id_of(value)) ref.id = *id;
      }
    }
    if (type == "replied_to")
      ref.type = relation_type::responds_to;
    else if (type == "quoted")
      ref.type = relation_type::cites;
    else if (type == "retweeted")
      ref.type = relation_type::repeats;
    else
      return true;  // a type X may add later: not a relation we know
    if (!ref.id.empty()) out.references.push_back(std::move(ref));
    return true;
  });
}

/// One tweet object, in either vocabulary; `author` receives an inline author (twarc2 flatten's
/// "author", v1.1's "user"). An empty string on success, else what is wrong.
std::string read_tweet(od::object object, x_tweet& out, x_user& author) {
  std::string_view created;
  std::string reply_to_status;
  for (auto field : object) {
    std::string_view key;
    od::value v;
    if (field.unescaped_key().get(key) || field.value().get(v))
      return "the tweet is not valid JSON";
    bool ok = true;
    if (key == "id_str" || (key == "id" && out.id.empty())) {
      if (auto id = id_of(v)) out.id = *id;
    } else if (key == "created_at") {
      ok = !v.get_string().get(created);
    } else if (key == "full_text" || (key == "text" && out.text.empty())) {
      std::string_view s;
      ok = !v.get_string().get(s);
      out.text = s;
    } else if (key == "author_id") {
      if (auto id = id_of(v)) out.author_id = *id;
    } else if (key == "in_reply_to_status_id_str") {
      if (auto id = id_of(v)) reply_to_status = *id;
    } else if (key == "in_reply_to_user_id_str" ||
               (key == "in_reply_to_user_id" && out.reply_to_user.empty())) {
      if (auto id = id_of(v)) out.reply_to_user = *id;
    } else if (key == "in_reply_to_screen_name") {
      if (auto s = string_of(v)) out.reply_to_name = *s;
    } else if (key == "referenced_tweets") {
      ok = read_references(v, out);
    } else if (key == "entities") {
      od::object entities;
      ok = !v.get_object().get(entities) && read_entities(entities, out);
    } else if (key == "author" || key == "user") {
      od::object user;
      ok = !v.get_object().get(user) && read_user(user, author);
    }
    if (!ok) return "\"" + std::string(key) + "\" is not what X writes there";
  }
  if (out.id.empty()) return "a tweet needs \"id_str\" (archive) or \"id\" (API v2)";
  const auto date = tweet_time(created);
  if (!date)
    return created.empty() ? "tweet " + out.id + " has no \"created_at\""
                           : "tweet " + out.id + " has a \"created_at\" X does not write: '" +
                                 std::string(created) + "'";
  out.date = *date;
  if (!reply_to_status.empty()) {
    bool known = false;
    for (const auto& r : out.references) known = known || r.id == reply_to_status;
    if (!known)
      out.references.insert(out.references.begin(), {relation_type::responds_to, reply_to_status});
  }
  if (!author.id.empty() && out.author_id.empty()) out.author_id = author.id;
  return {};
}

/// Turns tweets into events once their authors are known by name, and accounts into actors.
class x_writer {
 public:
  explicit x_writer(import_sink& sink) : sink_(sink) {}

  void user(const x_user& u) {
    if (u.id.empty()) return;
    auto& known = users_[u.id];
    if (known.username.empty()) known.username = u.username;
    if (known.name.empty()) known.name = u.name;
    known.id = u.id;
  }

  void emit(x_tweet& t) {
    imported_event e;
    e.key = "x:" + t.id;
    e.id_hint = "x-" + t.id;
    e.date = std::move(t.date);
    e.kind = "post";
    e.channel = "X";
    e.at = t.at;
    set_text(e, unescape_text(t.text));
    for (const auto& tag : t.tags) e.tags.push_back(tag);
    if (!t.author_id.empty()) e.actors.push_back(actor_key(t.author_id));
    add_source(e, post_url(t.author_id, t.id), "post on X");
    for (const auto& url : t.urls) add_source(e, url);
    bool replies = false;
    for (auto& r : t.references) {
      imported_link link;
      link.type = r.type;
      link.key = "x:" + r.id;
      link.id_hint = "x-" + r.id;  // as the post's own record names it (below)
      if (r.type == relation_type::responds_to) {
        replies = true;
        if (!t.reply_to_user.empty()) link.actor_key = actor_key(t.reply_to_user);
        if (!t.reply_to_name.empty()) user({t.reply_to_user, t.reply_to_name, {}});
        link.known_as = post_url(t.reply_to_user, r.id);
      } else {
        link.known_as = post_url({}, r.id);
      }
      if (r.type == relation_type::repeats) e.kind = "repost";
      e.links.push_back(std::move(link));
    }
    // A reply is addressed to the accounts it mentions (X puts the replied-to account first).
    if (replies) {
      for (const auto& m : t.mentions) {
        if (m.id.empty() || m.id == t.author_id) continue;
        user(m);
        const std::string key = actor_key(m.id);
        bool seen = false;
        for (const auto& a : e.addressees) seen = seen || a == key;
        if (!seen && e.addressees.size() < max_post_sources) e.addressees.push_back(key);
      }
    }
    for (const auto& a : e.actors) send_actor(a, t.at);
    for (const auto& a : e.addressees) send_actor(a, t.at);
    for (const auto& l : e.links)
      if (!l.actor_key.empty()) send_actor(l.actor_key, t.at);
    sink_.event(std::move(e));
  }

  const x_user* find(const std::string& id) const {
    const auto it = users_.find(id);
    return it == users_.end() ? nullptr : &it->second;
  }

 private:
  static std::string actor_key(std::string_view id) { return "x:user:" + std::string(id); }

  std::string post_url(const std::string& user_id, std::string_view id) const {
    const x_user* u = user_id.empty() ? nullptr : find(user_id);
    if (u && !u->username.empty())
      return "https://x.com/" + u->username + "/status/" + std::string(id);
    return "https://x.com/i/status/" + std::string(id);
  }

  void send_actor(const std::string& key, import_location at) {
    if (sent_.contains(key)) return;
    const std::string id = key.substr(7);
    const x_user* u = find(id);
    imported_actor a;
    a.key = key;
    a.at = at;
    if (u && !u->username.empty()) {
      a.id_hint = u->username;
      a.handle = "@" + u->username;
      a.url = "https://x.com/" + u->username;
      a.name = u->name;
    } else {
      a.id_hint = "x-user-" + id;  // X names the account by number only here
    }
    sent_.send(sink_, std::move(a));
  }

  import_sink& sink_;
  std::unordered_map<std::string, x_user> users_;
  actor_set sent_;
};

/// The archive's assignment, "window.YTD.tweets.part0 = " (older archives: "window.YTD.tweet.
/// part0 = "), before its JSON array; npos when the text has none.
std::size_t archive_array_start(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return first;
  const std::string_view rest = text.substr(first);
  if (!rest.starts_with("window.YTD.tweets.part") && !rest.starts_with("window.YTD.tweet.part"))
    return std::string_view::npos;
  const std::size_t equals = rest.find('=');
  if (equals == std::string_view::npos || equals > 64) return std::string_view::npos;
  return first + equals + 1;
}

/// The account the archive belongs to: its tweets carry no author, but a reply to one of its
/// own tweets names the account it answers, which is then the archive's own.
x_user archive_owner(const std::vector<x_tweet>& tweets) {
  std::unordered_set<std::string_view> ids;
  for (const auto& t : tweets) ids.insert(t.id);
  for (const auto& t : tweets)
    for (const auto& r : t.references)
      if (r.type == relation_type::responds_to && !t.reply_to_user.empty() && ids.contains(r.id))
        return {t.reply_to_user, t.reply_to_name, {}};
  return {};
}

void read_archive(const import_input& in, std::size_t start, import_sink& sink) {
  const std::string buffer = padded(in.text);
  line_map lines(in.text);
  od::parser parser;
  od::document doc;
  od::array items;
  const auto fail = [&](std::size_t offset, std::string_view what) {
    sink.bad_record(lines.at(offset), std::string(what));
  };
  if (iterate(parser, buffer.data() + start, in.text.size() - start, buffer.size() - start, doc) ||
      doc.get_array().get(items))
    return fail(start,
                "the archive's tweets must be a JSON array after \"window.YTD.tweets.part0 =\"");
  // Every tweet is read before any is sent: the archive's owner is known only from them all.
  std::vector<x_tweet> tweets;
  for (auto item : items) {
    od::value v;
    if (item.get(v))
      return fail(in.text.size(), "the archive is not valid JSON: reading stops here");
    const std::size_t offset = offset_of(v, buffer.data());
    x_tweet t;
    t.at = lines.at(offset);
    od::object record;
    if (v.get_object().get(record)) {
      fail(offset, "each archive record must be an object {\"tweet\": {...}}");
      continue;
    }
    // {"tweet": {...}}; an archive of an older form holds the tweet itself.
    od::object tweet;
    od::value inner;
    const bool wrapped = !record.find_field("tweet").get(inner) && !inner.get_object().get(tweet);
    if (!wrapped) record.reset();
    x_user author;
    if (std::string error = read_tweet(wrapped ? tweet : record, t, author); !error.empty()) {
      sink.bad_record(t.at, std::move(error));
      continue;
    }
    tweets.push_back(std::move(t));
    sink.progress(offset);
  }
  x_writer writer(sink);
  const x_user owner = archive_owner(tweets);
  writer.user(owner);
  for (auto& t : tweets) {
    for (const auto& m : t.mentions) writer.user(m);
    if (t.author_id.empty()) t.author_id = owner.id;
    writer.emit(t);
  }
}

/// Tweets read from one JSON line or one archive, before they are sent.
struct x_batch {
  std::vector<x_tweet> tweets;
  std::vector<x_user> users;
};

/// A tweet object at `start` (its first byte, at `at`): into the batch, or a bad record.
void read_one(od::object object, import_location at, x_batch& batch, import_sink& sink) {
  x_tweet t;
  t.at = at;
  x_user author;
  if (std::string error = read_tweet(object, t, author); !error.empty())
    return sink.bad_record(at, std::move(error));
  batch.users.push_back(std::move(author));
  batch.tweets.push_back(std::move(t));
}

/// A list of tweet objects (or, as GET /2/tweets/:id answers, one).
bool read_tweets(od::value v, const line_map_fn& where, x_batch& batch, import_sink& sink) {
  if (od::object one; v.type().value_unsafe() == od::json_type::object) {
    const char* start = v.raw_json_token().data();
    if (v.get_object().get(one)) return false;
    read_one(one, where(start), batch, sink);
    return true;
  }
  return each_object(v, [&](od::object o, const char* start) {
    read_one(o, where(start), batch, sink);
    return true;
  });
}

/// `includes`: the users and the referenced tweets of a page.
bool read_includes(od::object includes, const line_map_fn& where, x_batch& batch,
                   import_sink& sink) {
  for (auto field : includes) {
    std::string_view key;
    od::value v;
    if (field.unescaped_key().get(key) || field.value().get(v)) return false;
    if (key == "users") {
      const bool ok = each_object(v, [&](od::object o, const char*) {
        x_user u;
        if (!read_user(o, u)) return false;
        batch.users.push_back(std::move(u));
        return true;
      });
      if (!ok) return false;
    } else if (key == "tweets" && !read_tweets(v, where, batch, sink)) {
      return false;
    }
  }
  return true;
}

/// One line of X API v2 output: a response page {data, includes{users, tweets}}, or one tweet
/// (twarc2 flatten) with its author inline.
void read_api_line(std::string_view line, std::uint32_t number, od::parser& parser,
                   x_writer& writer, import_sink& sink) {
  const line_map_fn where = [&](const char* p) {
    return import_location{number, static_cast<std::uint32_t>(p - line.data() + 1)};
  };
  const char* first = line.data() + line.find_first_not_of(" \t");
  od::document doc;
  od::object page;
  if (iterate(parser, line.data(), line.size(), line.size() + padding, doc) ||
      doc.get_object().get(page))
    return sink.bad_record(where(first),
                           "each line must be a JSON object: an X API v2 response or a tweet");
  x_batch batch;
  od::value data;
  bool ok = true;
  if (page.find_field_unordered("data").get(data)) {
    page.reset();  // no "data": the line is one tweet
    read_one(page, where(first), batch, sink);
  } else {
    ok = read_tweets(data, where, batch, sink);
    page.reset();
    for (auto field : page) {
      std::string_view key;
      od::value v;
      od::object includes;
      if (!ok || field.unescaped_key().get(key) || field.value().get(v)) {
        ok = false;
        break;
      }
      if (key == "includes")
        ok = !v.get_object().get(includes) && read_includes(includes, where, batch, sink);
    }
  }
  if (!ok)
    return sink.bad_record(where(first),
                           "the line is not valid JSON (or not an X API v2 response)");
  for (const auto& u : batch.users) writer.user(u);
  for (auto& t : batch.tweets) {
    for (const auto& m : t.mentions) writer.user(m);
    writer.emit(t);
  }
}

}  // namespace
}  // namespace eventgraph::detail

namespace eventgraph::detail {

void read_x(const import_input& in, const import_options&, import_sink& sink) {
  if (const std::size_t start = archive_array_start(in.text); start != std::string_view::npos)
    return read_archive(in, start, sink);
  od::parser parser;
  x_writer writer(sink);
  std::size_t done = 0;
  for_each_json_line(in.text, [&](std::string_view line, std::uint32_t number) {
    read_api_line(line, number, parser, writer, sink);
    done += line.size() + 1;
    if ((number & 0x3FF) == 0) sink.progress(done);
  });
  sink.progress(in.text.size());
}

bool looks_like_x(std::string_view text) {
  if (archive_array_start(text) != std::string_view::npos) return true;
  const std::string_view head = text.substr(0, std::min<std::size_t>(text.size(), 1 << 16));
  const std::string_view line = head.substr(0, head.find('\n'));
  if (!line.starts_with('{') || line.find("\"text\"") == std::string_view::npos) return false;
  // Fields only X's API writes: every v2 tweet has edit_history_tweet_ids; twarc2 adds
  // __twarc; author_id with conversation_id is the v2 tweet's own pair.
  return line.find("\"edit_history_tweet_ids\"") != std::string_view::npos ||
         line.find("\"__twarc\"") != std::string_view::npos ||
         (line.find("\"author_id\"") != std::string_view::npos &&
          line.find("\"conversation_id\"") != std::string_view::npos);
}

}  // namespace eventgraph::detail
