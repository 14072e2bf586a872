// import_format::mbox: mail archives (RFC 4155 mbox, as mail clients and list archives such as
// Mailman's and Pipermail's write them). The archive is split at its "From " separator lines
// here; each message is then read by GMime, which decodes RFC 2047 headers and converts every
// charset to UTF-8.
//
// Choices worth knowing:
// - A separator is a line starting "From " at the start of the file or after an empty line, or
//   one shaped like an envelope ("From sender ... 10:31:00 ..."), so a body line "From the
//   start" after a paragraph break would split a message only in a file that mboxo-escaping
//   tools wrote wrongly; mboxrd's ">From " is unescaped in the summary.
// - The key is `mid:` and the Message-ID without its angle brackets (RFC 2392's mid: URL); a
//   message without one is keyed by file and byte offset (`mbox:FILE:OFFSET`), which is stable
//   for the same file, and a warning says replies to it cannot be linked.
// - The subject is the title as written, `Re:` and `Fwd:` kept: the thread is in the links,
//   and stripping them would make a reply's title claim to be the original's. A message with
//   no subject is titled "(no subject)", as mail clients show it.
// - The summary is the first lines of the text/plain body (of the text/html one, read as text,
//   when there is no plain one); attachments and forwarded messages are not read.
// - The Date keeps the header's offset and what it states: no seconds written means minute
//   precision, no time at all means a day.

#include <gmime/gmime.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "core/text.hpp"
#include "import/reader_text.hpp"
#include "import/records.hpp"

namespace eventgraph::detail {
namespace {

using namespace reader_text;

struct g_object_deleter {
  void operator()(void* p) const {
    if (p) g_object_unref(p);
  }
};
template <typename T>
using g_ptr = std::unique_ptr<T, g_object_deleter>;

struct g_free_deleter {
  void operator()(char* p) const { g_free(p); }
};

void init_gmime() {
  // g_mime_init once per process (it is not thread-safe; a static's initializer is).
  static const bool initialized = [] {
    g_mime_init();
    return true;
  }();
  (void)initialized;
}

/// Summaries: this many lines of the body at most, and this many bytes.
constexpr std::size_t summary_lines = 5;
constexpr std::size_t summary_bytes = 500;

/// One message of the archive: where its separator is, and its text after the separator line.
struct mbox_message {
  std::uint32_t line = 0;
  std::size_t offset = 0;
  std::string_view text;
};

/// "From alice@example.org Tue Mar  5 15:31:00 2024": a sender, then a time of day somewhere.
bool looks_like_envelope(std::string_view line) {
  if (!line.starts_with("From ")) return false;
  const std::string_view rest = line.substr(5);
  const std::size_t space = rest.find(' ');
  if (space == 0 || space == std::string_view::npos) return false;
  const std::string_view when = rest.substr(space);
  for (std::size_t i = 1; i + 1 < when.size(); ++i)
    if (when[i] == ':' && std::isdigit(static_cast<unsigned char>(when[i - 1])) &&
        std::isdigit(static_cast<unsigned char>(when[i + 1])))
      return true;
  return false;
}

bool is_separator(std::string_view line, bool after_empty_line) {
  return line.starts_with("From ") && (after_empty_line || looks_like_envelope(line));
}

/// Where header `name` is in a message's header block, at its value; nothing when absent.
std::optional<import_location> find_header(const mbox_message& m, std::string_view name) {
  line_walk lines(m.text);
  std::string_view line;
  while (lines.next(line) && !line.empty()) {
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || !equals_ignoring_case(line.substr(0, colon), name))
      continue;
    std::size_t value = colon + 1;
    while (value < line.size() && (line[value] == ' ' || line[value] == '\t')) ++value;
    return import_location{m.line + lines.line(), static_cast<std::uint32_t>(value + 1)};
  }
  return std::nullopt;
}

/// A Date header's text without its comments ("(EST)"), which may hold colons.
std::string without_comments(std::string_view raw) {
  std::string out;
  int depth = 0;
  for (const char c : raw) {
    if (c == '(') ++depth;
    if (depth == 0) out += c;
    if (c == ')' && depth > 0) --depth;
  }
  return out;
}

struct mail_date {
  std::string edtf;
  std::string error;
};

/// The Date header as EDTF with its own offset: "2024-03-05T10:31:00-05:00".
mail_date read_date(const char* raw) {
  const std::string plain = without_comments(raw);
  const std::size_t colons = std::count(plain.begin(), plain.end(), ':');
  std::unique_ptr<GDateTime, decltype(&g_date_time_unref)> when(
      g_mime_utils_header_decode_date(raw), &g_date_time_unref);
  const int year = when ? g_date_time_get_year(when.get()) : 0;
  if (!when || year < 1 || year > 9999)
    return {"", fmt::format("the Date header \"{}\" is not an RFC 5322 date",
                            shorten(text::clean(raw), 80))};
  std::string out = fmt::format("{:04}-{:02}-{:02}", year, g_date_time_get_month(when.get()),
                                g_date_time_get_day_of_month(when.get()));
  if (colons > 0) {
    out += fmt::format("T{:02}:{:02}", g_date_time_get_hour(when.get()),
                       g_date_time_get_minute(when.get()));
    if (colons > 1) out += fmt::format(":{:02}", g_date_time_get_second(when.get()));
    const long offset =
        static_cast<long>(g_date_time_get_utc_offset(when.get()) / G_TIME_SPAN_MINUTE);
    if (offset == 0)
      out += 'Z';
    else
      out += fmt::format("{}{:02}:{:02}", offset < 0 ? '-' : '+', std::abs(offset) / 60,
                         std::abs(offset) % 60);
  }
  if (std::string error = date_error(out); !error.empty())
    return {"", fmt::format("the Date header \"{}\" gives {}: {}", shorten(text::clean(raw), 80),
                            out, error)};
  return {std::move(out), ""};
}

struct mailbox {
  std::string address, name;
};

/// The mailboxes of an address list, groups' members in their place. Groups hold mailboxes
/// only (RFC 5322), but a stack keeps any nesting GMime accepts from recursing.
std::vector<mailbox> mailboxes(InternetAddressList* list) {
  std::vector<mailbox> out;
  std::vector<std::pair<InternetAddressList*, int>> stack;
  if (list) stack.emplace_back(list, 0);
  while (!stack.empty()) {
    auto& [current, next] = stack.back();
    if (next >= internet_address_list_length(current)) {
      stack.pop_back();
      continue;
    }
    InternetAddress* a = internet_address_list_get_address(current, next++);
    if (INTERNET_ADDRESS_IS_GROUP(a)) {
      stack.emplace_back(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(a)), 0);
      continue;
    }
    if (!INTERNET_ADDRESS_IS_MAILBOX(a)) continue;
    const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
    std::string address = text::clean(trim(addr ? addr : ""));
    if (address.empty()) continue;
    // The domain is case-insensitive (RFC 5321): one sender, one key.
    if (const std::size_t at = address.rfind('@'); at != std::string::npos)
      for (std::size_t i = at + 1; i < address.size(); ++i)
        address[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(address[i])));
    const char* name = internet_address_get_name(a);
    out.push_back({std::move(address), text::clean(trim(name ? name : ""))});
  }
  return out;
}

/// The message's body text: its first text/plain part that is not an attachment, outside
/// forwarded messages; else the first such text/html part, read as text.
std::string body_text(GMimeObject* top) {
  GMimeTextPart* html = nullptr;
  std::vector<GMimeObject*> stack;
  if (top) stack.push_back(top);
  while (!stack.empty()) {
    GMimeObject* o = stack.back();
    stack.pop_back();
    if (GMIME_IS_MULTIPART(o)) {
      GMimeMultipart* parts = GMIME_MULTIPART(o);
      for (int i = g_mime_multipart_get_count(parts) - 1; i >= 0; --i)
        stack.push_back(g_mime_multipart_get_part(parts, i));
      continue;
    }
    if (!GMIME_IS_TEXT_PART(o) || g_mime_part_is_attachment(GMIME_PART(o))) continue;
    GMimeContentType* type = g_mime_object_get_content_type(o);
    if (g_mime_content_type_is_type(type, "text", "plain")) {
      const std::unique_ptr<char, g_free_deleter> text(
          g_mime_text_part_get_text(GMIME_TEXT_PART(o)));
      return text ? std::string(text.get()) : std::string();
    }
    if (!html && g_mime_content_type_is_type(type, "text", "html")) html = GMIME_TEXT_PART(o);
  }
  if (!html) return {};
  const std::unique_ptr<char, g_free_deleter> text(g_mime_text_part_get_text(html));
  return text ? html_to_text(text.get()).text : std::string();
}

bool is_quoted(std::string_view line) {
  return line.starts_with('>');
}

/// The body's first lines, joined as one paragraph: quoted lines, the "... wrote:" line before
/// them, and the signature after "-- " left out.
std::string mail_summary(std::string_view body) {
  std::vector<std::string_view> lines;
  line_walk walk(body);
  for (std::string_view line; walk.next(line);) {
    // mboxrd: ">From " in a body was "From ", any more '>' quote it.
    if (const std::size_t q = line.find_first_not_of('>');
        q > 0 && q != std::string_view::npos && line.substr(q).starts_with("From "))
      line.remove_prefix(1);
    const std::string_view trimmed = trim(line);
    if (line == "-- " || trimmed == "--" || trimmed.starts_with("-----Original Message-----"))
      break;
    if (is_quoted(line)) {
      // The attribution ("On Tue, Alice wrote:") belongs to the quote.
      if (!lines.empty() && lines.back().ends_with("wrote:")) lines.pop_back();
      continue;
    }
    if (!trimmed.empty()) lines.push_back(trimmed);
    if (lines.size() > summary_lines) break;
  }
  if (lines.size() > summary_lines) lines.resize(summary_lines);
  std::string joined;
  for (const std::string_view line : lines) {
    if (!joined.empty()) joined += ' ';
    joined += line;
  }
  return shorten(text::clean(joined), summary_bytes);
}

/// "<id>" of a header holding one, e.g. List-Id's "Dev list <dev.lists.example.org>".
std::string_view bracketed(std::string_view raw) {
  const std::size_t open = raw.rfind('<');
  const std::size_t close = raw.rfind('>');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open)
    return trim(raw);
  return raw.substr(open + 1, close - open - 1);
}

class mbox_reader {
 public:
  mbox_reader(const import_input& in, import_sink& sink) : in_(in), sink_(sink) {}
  void read(const mbox_message& m);

 private:
  /// Actor keys of the mailboxes, each actor handed on once (again if it gains a name).
  std::vector<std::string> actors(const std::vector<mailbox>& boxes, const mbox_message& m);
  void links(GMimeMessage* message, imported_event& e, const mbox_message& m);

  const import_input& in_;
  import_sink& sink_;
  std::unordered_map<std::string, bool> named_;  ///< actor key -> handed on with a name
};

std::vector<std::string> mbox_reader::actors(const std::vector<mailbox>& boxes,
                                             const mbox_message& m) {
  std::vector<std::string> keys;
  for (const mailbox& box : boxes) {
    std::string key = "mailto:" + box.address;
    const auto [it, first] = named_.try_emplace(key, !box.name.empty());
    if (first || (!it->second && !box.name.empty())) {
      it->second = !box.name.empty();
      sink_.actor({.key = key,
                   .id_hint = box.address,
                   .name = box.name,
                   .handle = box.address,
                   .url = "",
                   .kind = "",
                   .at = {m.line, 1}});
    }
    bool repeated = false;
    for (const auto& k : keys) repeated = repeated || k == key;
    if (!repeated) keys.push_back(std::move(key));
  }
  return keys;
}

/// In-Reply-To's ids are the parents; without it, the last of References.
void mbox_reader::links(GMimeMessage* message, imported_event& e, const mbox_message& m) {
  std::vector<std::string> parents;
  auto parse = [](const char* raw) {
    std::vector<std::string> ids;
    if (!raw) return ids;
    // Owned here: a failed allocation below must not leak it.
    const std::unique_ptr<GMimeReferences, decltype(&g_mime_references_free)> refs(
        g_mime_references_parse(nullptr, raw), &g_mime_references_free);
    if (!refs) return ids;
    for (int i = 0; i < g_mime_references_length(refs.get()); ++i)
      if (const char* id = g_mime_references_get_message_id(refs.get(), i); id && *id)
        ids.push_back(text::clean(id));
    return ids;
  };
  GMimeObject* object = GMIME_OBJECT(message);
  parents = parse(g_mime_object_get_header(object, "In-Reply-To"));
  if (parents.empty()) {
    std::vector<std::string> references = parse(g_mime_object_get_header(object, "References"));
    if (!references.empty()) parents.push_back(std::move(references.back()));
  }
  for (const std::string& id : parents) {
    std::string key = "mid:" + id;
    if (key == e.key) {
      sink_.warning(find_header(m, "In-Reply-To").value_or(import_location{m.line, 1}),
                    "self-reply", "the message names itself as the one it replies to");
      continue;
    }
    bool repeated = false;
    for (const auto& l : e.links) repeated = repeated || l.key == key;
    if (!repeated)
      e.links.push_back({relation_type::responds_to, std::move(key), "<" + id + ">", "", "", ""});
  }
}

void mbox_reader::read(const mbox_message& m) {
  g_ptr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(m.text.data(), m.text.size()));
  g_ptr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_ptr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!message) {
    sink_.bad_record({m.line, 1}, "GMime cannot read this message");
    return;
  }
  GMimeObject* object = GMIME_OBJECT(message.get());
  const char* raw_date = g_mime_object_get_header(object, "Date");
  if (!raw_date) {
    sink_.bad_record({m.line, 1}, "the message has no Date header");
    return;
  }
  mail_date date = read_date(raw_date);
  if (!date.error.empty()) {
    sink_.bad_record(find_header(m, "Date").value_or(import_location{m.line, 1}),
                     std::move(date.error));
    return;
  }
  imported_event e;
  e.at = {m.line, 1};
  e.date = std::move(date.edtf);
  e.kind = "email";
  const char* id = g_mime_message_get_message_id(message.get());
  if (id && *id) {
    e.key = "mid:" + text::clean(id);
  } else {
    e.key = fmt::format("mbox:{}:{}", in_.record_key_name(), m.offset);
    sink_.warning({m.line, 1}, "no-message-id",
                  "the message has no Message-ID: replies to it cannot be linked");
  }
  const char* subject = g_mime_message_get_subject(message.get());
  e.title = subject ? text::clean(trim(subject)) : std::string();
  if (e.title.empty()) e.title = "(no subject)";
  e.actors = actors(mailboxes(g_mime_message_get_from(message.get())), m);
  std::vector<mailbox> to = mailboxes(g_mime_message_get_to(message.get()));
  for (mailbox& box : mailboxes(g_mime_message_get_cc(message.get()))) to.push_back(std::move(box));
  e.addressees = actors(to, m);
  e.summary = mail_summary(body_text(g_mime_message_get_mime_part(message.get())));
  if (const char* list = g_mime_object_get_header(object, "List-Id"))
    e.channel = text::clean(bracketed(list));
  if (const char* archived = g_mime_object_get_header(object, "Archived-At")) {
    const std::string url = text::clean(bracketed(archived));
    if (text::is_link(url)) {
      source archive;
      archive.title = e.title;
      archive.url = url;
      e.sources.push_back(std::move(archive));
    }
  }
  links(message.get(), e, m);
  sink_.event(std::move(e));
}

}  // namespace

bool looks_like_mbox(std::string_view text) {
  line_walk lines(text);
  std::string_view first, second;
  if (!lines.next(first) || !looks_like_envelope(first) || !lines.next(second)) return false;
  // The first header field of the first message: a name of printable ASCII, then ':'.
  const std::size_t colon = second.find(':');
  if (colon == 0 || colon == std::string_view::npos) return false;
  for (const char c : second.substr(0, colon))
    if (c <= ' ' || c > '~') return false;
  return true;
}

void read_mbox(const import_input& in, const import_options&, import_sink& sink) {
  init_gmime();
  mbox_reader reader(in, sink);
  line_walk lines(in.text);
  std::optional<mbox_message> current;
  std::size_t text_start = 0;  // of the current message, past its separator line
  bool after_empty_line = true, preamble = false;
  auto finish = [&](std::size_t end) {
    if (!current) return;
    current->text = in.text.substr(text_start, end - text_start);
    reader.read(*current);
    sink.progress(end);
  };
  for (std::string_view line; lines.next(line);) {
    if (is_separator(line, after_empty_line)) {
      finish(lines.offset());
      current = mbox_message{lines.line(), lines.offset(), {}};
      text_start = lines.end();
      after_empty_line = false;
      continue;
    }
    if (!current && !preamble && !trim(line).empty()) {
      preamble = true;
      sink.bad_record({lines.line(), 1}, "an mbox file starts each message with a \"From \" line");
    }
    after_empty_line = line.empty();
  }
  finish(in.text.size());
}

}  // namespace eventgraph::detail
