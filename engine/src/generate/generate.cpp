// Synthetic NDJSON stories. Deterministic: our own PRNG and arithmetic, never std distributions
// (their output differs between standard libraries).

#include "eventgraph/generate.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "eventgraph/model.hpp"
#include "eventgraph/time.hpp"

namespace eventgraph {
namespace {

/// splitmix64: tiny, fast and the same everywhere.
class random_source {
 public:
  explicit random_source(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// In [0, n); the modulo bias is below 2^-40 for the sizes used here.
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  /// Uniform in [0, 1000): percentages with a decimal.
  unsigned permille() { return static_cast<unsigned>(below(1000)); }

 private:
  std::uint64_t state_;
};

constexpr std::array<std::string_view, 6> kinds = {"statement", "post",      "letter",
                                                   "remarks",   "interview", "press-conference"};
constexpr std::array<std::string_view, 5> tags = {"border", "funding", "courts", "health",
                                                  "energy"};
constexpr std::array<std::string_view, 12> words = {"detainers", "budget",   "ruling",   "hearing",
                                                    "vaccine",   "pipeline", "governor", "congress",
                                                    "agency",    "report",   "lawsuit",  "tariff"};
constexpr std::array<std::string_view, 4> actor_kinds = {"person", "organization", "office",
                                                         "group"};

/// "2024-03-05T10:31Z", "2024-03-05" or "2024-03": the date of second `t` at a precision.
void append_date(std::string& out, std::int64_t t, time_precision precision) {
  const auto seconds = date::sys_seconds{std::chrono::seconds{t}};
  const auto day = date::floor<date::days>(seconds);
  const date::year_month_day ymd{day};
  const int y = static_cast<int>(ymd.year());
  const unsigned m = static_cast<unsigned>(ymd.month());
  const unsigned d = static_cast<unsigned>(ymd.day());
  if (precision == time_precision::month) {
    fmt::format_to(std::back_inserter(out), "{:04}-{:02}", y, m);
  } else if (precision == time_precision::day) {
    fmt::format_to(std::back_inserter(out), "{:04}-{:02}-{:02}", y, m, d);
  } else {
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(seconds - day).count();
    fmt::format_to(std::back_inserter(out), "{:04}-{:02}-{:02}T{:02}:{:02}Z", y, m, d, minutes / 60,
                   minutes % 60);
  }
}

}  // namespace

result<std::string> generate_story(const generate_options& options) {
  diagnostic_list diags;
  const auto from = parse_date(options.from, "UTC");
  const auto to = parse_date(options.to, "UTC");
  if (!from.time)
    diags.error({}, "option", fmt::format("--from '{}': {}", options.from, from.error),
                category::usage);
  if (!to.time)
    diags.error({}, "option", fmt::format("--to '{}': {}", options.to, to.error), category::usage);
  if (from.time && (from.time->open_start || from.time->open_end))
    diags.error({}, "option", "--from must be a bounded date", category::usage);
  if (to.time && (to.time->open_start || to.time->open_end))
    diags.error({}, "option", "--to must be a bounded date", category::usage);
  if (from.time && to.time && to.time->latest < from.time->earliest)
    diags.error({}, "option",
                fmt::format("--to '{}' is before --from '{}'", options.to, options.from),
                category::usage);
  if (options.events > 0 && options.actors == 0)
    diags.error({}, "option", "events need at least one actor", category::usage);
  if (options.events > 100'000'000)
    diags.error({}, "option", "at most 100,000,000 events", category::usage);
  if (diags.has_errors()) return diags;

  const std::int64_t start = from.time->earliest.time_since_epoch().count();
  const std::int64_t end = to.time->latest.time_since_epoch().count();
  const std::int64_t span = std::max<std::int64_t>(1, end - start);
  const auto n = static_cast<std::int64_t>(options.events);

  random_source rng(options.seed);
  std::string out;
  out.reserve(64 + options.actors * 70 + options.events * 150);
  fmt::format_to(
      std::back_inserter(out),
      "{{\"eventgraph\":1,\"title\":\"Synthetic story: {} events, {} actors, seed "
      "{}{}\",\"timezone\":\"UTC\",\"sources\":[{{\"title\":\"eventgraph generate\"}}]}}\n",
      options.events, options.actors, options.seed, options.deep_thread ? ", one thread" : "");
  for (std::size_t a = 0; a < options.actors; ++a)
    fmt::format_to(std::back_inserter(out),
                   "{{\"type\":\"actor\",\"id\":\"a{}\",\"name\":\"Actor {}\",\"kind\":\"{}\"}}\n",
                   a, a, actor_kinds[a % actor_kinds.size()]);

  // The urn: every event once, plus once per response it has drawn. A uniform pick from it is
  // preferential attachment.
  std::vector<std::uint32_t> urn;
  if (!options.deep_thread) urn.reserve(options.events * 2);
  // Three picks in four come from the newest 1% of the urn (at least 50 entries): replies
  // mostly follow recent events within days, while old hubs keep drawing the rest.
  auto pick = [&](const std::vector<std::uint32_t>& entries) {
    if (rng.permille() < 750) {
      const std::size_t window =
          std::min(entries.size(), std::max<std::size_t>(50, entries.size() / 100));
      return entries[entries.size() - 1 - rng.below(window)];
    }
    return entries[rng.below(entries.size())];
  };
  for (std::int64_t i = 0; i < n; ++i) {
    // Non-decreasing instants: a reply is never dated before what it answers.
    const std::int64_t t = start + (span / n) * i + ((span % n) * i) / n;
    const unsigned p = rng.permille();
    const time_precision precision = p < 10    ? time_precision::month
                                     : p < 130 ? time_precision::day
                                               : time_precision::minute;
    // Skewed actors: a few speak often.
    const double u = static_cast<double>(rng.below(1'000'000)) / 1e6;
    const auto actor = static_cast<std::size_t>(u * u * static_cast<double>(options.actors));
    fmt::format_to(std::back_inserter(out), "{{\"id\":\"e{}\",\"date\":\"", i);
    append_date(out, t, precision);
    fmt::format_to(std::back_inserter(out), "\",\"actor\":\"a{}\"", actor);
    if (rng.permille() < 100 && options.actors > 1)
      fmt::format_to(std::back_inserter(out), ",\"to\":[\"a{}\"]",
                     (actor + 1 + rng.below(options.actors - 1)) % options.actors);
    fmt::format_to(std::back_inserter(out), ",\"kind\":\"{}\",\"title\":\"Event {}: {} {}\"",
                   kinds[rng.below(kinds.size())], i, words[rng.below(words.size())],
                   words[rng.below(words.size())]);
    if (rng.permille() < 300)
      fmt::format_to(std::back_inserter(out), ",\"tags\":[\"{}\"]", tags[rng.below(tags.size())]);

    std::optional<std::uint32_t> target, cited;
    relation_type type = relation_type::responds_to;
    if (options.deep_thread) {
      if (i > 0) target = static_cast<std::uint32_t>(i - 1);
    } else if (i > 0 && rng.permille() >= 40) {
      target = pick(urn);
      const unsigned kind = rng.permille();
      type = kind < 700   ? relation_type::responds_to
             : kind < 820 ? relation_type::rebuts
             : kind < 900 ? relation_type::supports
             : kind < 960 ? relation_type::follows_up
                          : relation_type::repeats;
      if (rng.permille() < 80) {
        const std::uint32_t other = pick(urn);
        if (other != *target) cited = other;
      }
    }
    if (target && type == relation_type::responds_to && !cited) {
      fmt::format_to(std::back_inserter(out), ",\"responds_to\":[\"e{}\"]", *target);
    } else if (target) {
      fmt::format_to(std::back_inserter(out), ",\"relations\":[{{\"type\":\"{}\",\"to\":\"e{}\"}}",
                     to_string(type), *target);
      if (cited)
        fmt::format_to(std::back_inserter(out), ",{{\"type\":\"cites\",\"to\":\"e{}\"}}", *cited);
      out += ']';
    }
    out += "}\n";
    if (!options.deep_thread) {
      urn.push_back(static_cast<std::uint32_t>(i));
      if (target) urn.push_back(*target);
    }
    if (options.progress && (i & 0xFFFF) == 0)
      options.progress(static_cast<std::size_t>(i), options.events, options.progress_context);
  }
  if (options.progress) options.progress(options.events, options.events, options.progress_context);
  return result<std::string>(std::move(out), diagnostic_list{});
}

}  // namespace eventgraph
