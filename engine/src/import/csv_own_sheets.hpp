#pragma once
// eventgraph's own actors.csv and story.csv (what `export --format csv` writes beside
// events.csv and relations.csv), and the cells of its sheets that hold lists of described
// items, read back in the encodings of core/csv_cells.hpp.

#include <string>
#include <string_view>
#include <vector>

#include "import/csv_rows.hpp"
#include "import/records.hpp"

namespace eventgraph::detail {

/// The key of an actor a csv sheet names by id: the events, actors and quotes agree on it.
inline constexpr std::string_view csv_actor_prefix = "csv:actor:";

[[nodiscard]] bool is_own_actors_sheet(const csv_header& h);
[[nodiscard]] bool is_own_story_sheet(const csv_header& h);

/// Reads the rows of an own actors or story sheet (after its header).
class own_sheet_reader {
 public:
  own_sheet_reader(const csv_header& h, import_sink& sink);
  void row(const csv_row& r);
  /// The story sheet's fields, handed to the sink once every row is read.
  void finish();

 private:
  void actor_row(const csv_row& r);
  void story_row(const csv_row& r);

  const csv_header& h_;
  import_sink& sink_;
  bool story_;
  imported_header header_;
};

/// A Sources cell: one source a line, "Title | Publisher | URL | Date | Note".
[[nodiscard]] std::vector<source> own_sources(std::string_view cell);

}  // namespace eventgraph::detail
