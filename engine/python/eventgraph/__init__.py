"""eventgraph from Python: load stories, ask the questions the command answers, draw and export.

    import eventgraph as eg
    story = eg.load("samples/dhs-california-detainers-2026.yaml")
    story.graph().chain("noem-x-post")["distinct_down"]

The engine does the work (eventgraph._eventgraph, C++); the queries return what
`eventgraph ... --json` prints, parsed. Nothing here prints. numpy, pandas and networkx are
imported only by the methods that need them. docs/python.md walks through it.
"""

from __future__ import annotations

import datetime as _dt
import html as _html
import json as _json
import os as _os
from collections import abc as _abc
from dataclasses import dataclass as _dataclass
from typing import Iterator, NamedTuple, Optional, Sequence, Tuple, Union

from . import _eventgraph

__version__ = _eventgraph.__version__
__all__ = ["load", "Story", "Graph", "Event", "Actor", "Diagnostic", "StoryError", "QueryError"]


class Diagnostic(NamedTuple):
    """One problem found in the input, as `eventgraph validate` reports it."""

    file: str
    line: int  #: 1-based; 0 when unknown
    column: int  #: 1-based; 0 when unknown
    level: str  #: "error", "warning" or "note"
    code: str  #: a short stable key: "date", "unknown-field", "cycle"...
    message: str
    text: str  #: the CLI's line: `file:line:column: error: message [code]`

    def __str__(self) -> str:
        return self.text


def _diagnostics(rows) -> list:
    return [Diagnostic(*row) for row in rows]


class StoryError(ValueError):
    """The input (or an output it asked for) failed: `.diagnostics` says where and why."""

    def __init__(self, diagnostics: Sequence[Diagnostic], dropped: int = 0):
        self.diagnostics = list(diagnostics)
        lines = [d.text for d in self.diagnostics]
        if dropped:
            lines.append(f"... and {dropped} more not shown")
        super().__init__("\n".join(lines))


class QueryError(ValueError):
    """A query named what the story lacks (an unknown id, a bad date): the CLI's message."""


def _utc(seconds: Optional[int]) -> Optional[_dt.datetime]:
    """A tz-aware UTC datetime, or None for an open end or one outside years 1-9999."""
    if seconds is None:
        return None
    try:
        return _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc) + _dt.timedelta(seconds=seconds)
    except OverflowError:
        return None


@_dataclass(frozen=True)
class Event:
    """One event, read from the engine when asked for (story.events[i])."""

    id: str
    date: str  #: EDTF, as written
    timezone: str  #: the zone the date was read in, "" for UTC
    earliest_seconds: Optional[int]  #: first second it may have occupied; None when open
    latest_seconds: Optional[int]  #: last second; None when open
    precision: str  #: "year", "month", "day", "minute"...
    shape: str  #: "point", "interval" or "one-of"
    uncertain: bool
    approximate: bool
    title: str
    kind: str
    actors: Tuple[str, ...]
    to: Tuple[str, ...]  #: addressees
    relations: Tuple[Tuple[str, str], ...]  #: (type, target event id)
    tags: Tuple[str, ...]
    when: str  #: the date for readers: "Feb 6 – 12, 2026"

    @property
    def earliest(self) -> Optional[_dt.datetime]:
        """earliest_seconds as a UTC datetime (None when open or outside years 1-9999)."""
        return _utc(self.earliest_seconds)

    @property
    def latest(self) -> Optional[_dt.datetime]:
        return _utc(self.latest_seconds)


@_dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: Optional[str]  #: person, organization, office, group; None when unknown
    role: str
    member_of: Tuple[str, ...]
    notes: str


class _Rows(_abc.Sequence):
    """A sequence read from the engine one row at a time (a million events are never copied)."""

    def __init__(self, count: int, read):
        self._count = count
        self._read = read

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._read(k) for k in range(*i.indices(self._count))]
        if i < 0:
            i += self._count
        if not 0 <= i < self._count:
            raise IndexError("index out of range")
        return self._read(i)

    def __iter__(self) -> Iterator:
        return (self._read(k) for k in range(self._count))


def _json_answer(answer) -> dict:
    status, out, err = answer
    if status != 0:
        raise QueryError(err.strip().removeprefix("error: "))
    return _json.loads(out)


def _names(value) -> list:
    """A filter given as one name or several."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


class Graph:
    """The story's response graph: the questions `eventgraph chain|path|events|actors|stats`
    answer, as the dicts their --json prints (docs/queries.md)."""

    def __init__(self, story: "Story"):
        self._data = story._data

    def chain(self, event: str, direction: str = "down", depth: Optional[int] = None,
              relations: Sequence[str] = ()) -> dict:
        """`eventgraph chain EVENT --json`: the tree of what it set off (or answers)."""
        return _json_answer(self._data.chain(event, direction, depth, _names(relations)))

    def reachable(self, event: str, direction: str = "down", depth: Optional[int] = None,
                  relations: Sequence[str] = ()) -> list:
        """The ids of every event reachable one way (breadth-first order), the root left out."""
        status, ids, err = self._data.reachable(event, direction, depth, _names(relations))
        if status != 0:
            raise QueryError(err.strip().removeprefix("error: "))
        return ids

    def path(self, source: str, target: str, relations: Sequence[str] = ()) -> dict:
        """`eventgraph path FROM TO --json` (an actor id stands for any of its events)."""
        return _json_answer(self._data.path(source, target, _names(relations)))

    def events(self, *, start: Optional[str] = None, end: Optional[str] = None,
               within: bool = False, actor=None, kind=None, tag=None,
               text: Optional[str] = None) -> dict:
        """`eventgraph events --json` with --from START, --to END, --within, --actor, --kind,
        --tag (each one name or a list) and --text."""
        return _json_answer(self._data.events(start or "", end or "", within, _names(actor),
                                              _names(kind), _names(tag), text or ""))

    def actors(self, no_self: bool = False) -> dict:
        """`eventgraph actors --json`: who answers whom, how often and how fast."""
        return _json_answer(self._data.actors(no_self))

    def stats(self) -> dict:
        """`eventgraph stats --json`."""
        return _json_answer(self._data.stats())


_IMAGE_ENDINGS = {".dot": "dot", ".gv": "dot", ".svg": "svg", ".png": "png", ".pdf": "pdf"}
_TEXT_FORMATS = {"dot", "svg"}


def _decoded(content: bytes, text: bool):
    """A file's bytes, as str for a text format."""
    return content.decode("utf-8") if text else content


class Story:
    """A loaded, validated story (eventgraph.load)."""

    def __init__(self, data, warnings: Sequence[Diagnostic]):
        self._data = data
        self.warnings = list(warnings)  #: what `validate` warns of; the story loaded anyway
        self.events = _Rows(data.event_count, lambda i: Event(*data.event(i)))
        self.actors = _Rows(data.actor_count, lambda i: Actor(*data.actor(i)))
        self._graph = None

    title = property(lambda self: self._data.title)
    description = property(lambda self: self._data.description)
    timezone = property(lambda self: self._data.timezone)  #: "" for UTC
    files = property(lambda self: list(self._data.files))

    def event(self, id: str) -> Event:
        """The event with this id (KeyError when there is none)."""
        i = self._data.find_event(id)
        if i is None:
            raise KeyError(id)
        return self.events[i]

    def __repr__(self) -> str:
        view = f", a view ({self.left_out['events']} events left out)" if self.left_out else ""
        return (f"<eventgraph.Story {self.title!r}: {len(self.events)} events, "
                f"{len(self.actors)} actors{view}>")

    #: What a view (select()) left out of the story it came from: {"events", "relations",
    #: "actors"} counts; None for a loaded story.
    left_out = None

    def select(self, *, start: Optional[str] = None, end: Optional[str] = None,
               within: bool = False, actor=None, kind=None, tag=None, text: Optional[str] = None,
               around: Optional[str] = None, direction: str = "both",
               depth: Optional[int] = None, path: Optional[Sequence[str]] = None) -> "Story":
        """A view: the part of the story that `render` and `export` keep with the same options
        (--from START, --to END, --within, --actor, --kind, --tag, --text; --around EVENT
        [--direction, --depth]; --path FROM TO), as a Story of its own, relations among the kept
        events only. Its drawings say what it left out (`left_out`), as the command's do.

            week = story.select(start="2026-02-06", end="2026-02-12")
            week.render()  # the timeline of that week
        """
        status, view, err, counts = self._data.select(
            start or "", end or "", within, _names(actor), _names(kind), _names(tag), text or "",
            around or "", direction, depth, list(path) if path else [])
        if view is None:
            raise QueryError(err.strip().removeprefix("error: "))
        story = Story(view, [])
        story.left_out = dict(zip(("events", "relations", "actors"), counts))
        return story

    def graph(self) -> Graph:
        """The response graph (built once, on first use)."""
        if self._graph is None:
            self._graph = Graph(self)
        return self._graph

    def render(self, layout: str = "timeline", format: str = "svg", *, engine: str = "dot",
               unit: str = "auto", lanes: str = "actor", detail: str = "auto",
               compress: bool = True, width: float = 0, title: str = "",
               force: bool = False) -> Union[str, bytes]:
        """`eventgraph render`: str for svg and dot, bytes for png and pdf. Options as the
        command's: engine, unit and force for graphviz; detail ("auto" or "full"), compress
        and width for the timeline."""
        if detail not in ("auto", "full"):
            raise ValueError(f"detail must be 'auto' or 'full', not {detail!r}")
        drawn, diagnostics = self._data.render(layout, format, engine, unit, lanes,
                                               detail == "full", compress, float(width), title,
                                               force)
        if drawn is None:
            raise StoryError(_diagnostics(diagnostics))
        return _decoded(drawn, format in _TEXT_FORMATS)

    def export(self, format: str, *, graph: bool = False):
        """`eventgraph export --format FORMAT`: str for the one-file formats (all text), and
        for csv a dict of file name to text. graph=True: mermaid's flowchart."""
        files, diagnostics = self._data.export(format, graph)
        if files is None:
            raise StoryError(_diagnostics(diagnostics))
        if format == "csv":
            return {name: content.decode("utf-8") for name, content in files}
        return files[0][1].decode("utf-8")

    def write(self, path: Union[str, _os.PathLike]) -> None:
        """Writes a drawing or an export, the format from the file's ending as the command
        tells it (.svg, .png, .pdf, .dot: render; .graphml, .vis.json, .html...: export), where
        `-o` writes. csv: the four sheets as BASE.actors.csv... for a path BASE.csv."""
        path = _os.fspath(path)
        image = _IMAGE_ENDINGS.get(_os.path.splitext(path)[1].lower())
        if image:
            content = self.render(layout="graphviz", format=image)
            files = [(path, content.encode("utf-8") if isinstance(content, str) else content)]
        else:
            fmt = _eventgraph.export_format_for(path)
            if fmt is None:
                raise ValueError(f"cannot tell the format from {path!r}")
            if fmt == "csv":
                files = [(_eventgraph.csv_sheet_path(path, name), text.encode("utf-8"))
                         for name, text in self.export("csv").items()]
            else:
                files = [(path, self.export(fmt).encode("utf-8"))]
        for target, data in files:
            status, err = _eventgraph.write_output(target, data)
            if status != 0:
                raise OSError(err.strip().removeprefix("error: "))

    def to_networkx(self):
        """A networkx MultiDiGraph with the GraphML export's attributes: what
        networkx.read_graphml(..., force_multigraph=True) makes of `export("graphml")`."""
        import networkx

        graph, nodes, edges = self._data.networkx_parts()
        g = networkx.MultiDiGraph()
        g.graph.update(graph)
        g.add_nodes_from(nodes)
        g.add_edges_from(edges)
        return g

    def to_pandas(self):
        """(events, relations) DataFrames with the csv export's columns and cells (before the
        file's quoting and formula guard). Earliest and Latest are datetime64[ns, UTC] (NaT when
        open or outside 1677-2262), Precision, Shape and a relation's Type categories,
        Uncertain, Approximate and Response booleans: NumPy arrays filled from the event table."""
        import pandas

        events, relations, categories = self._data.sheet_columns()
        for name in ("Earliest", "Latest"):
            events[name] = pandas.DatetimeIndex(events[name].view("datetime64[ns]"), tz="UTC")
        for table, name in ((events, "Precision"), (events, "Shape"), (relations, "Type")):
            table[name] = pandas.Categorical.from_codes(table[name], categories[name])
        return pandas.DataFrame(events, copy=False), pandas.DataFrame(relations, copy=False)

    def _repr_svg_(self) -> str:
        return self.render(layout="timeline", format="svg")

    def _repr_html_(self) -> str:
        page = _html.escape(self.export("html"), quote=True)
        return (f'<iframe srcdoc="{page}" style="width:100%;height:600px;border:0" '
                'sandbox="allow-scripts"></iframe>')


def load(*inputs, format: Optional[str] = None, warnings: bool = True) -> Story:
    """Loads and validates story files or texts, as `eventgraph validate` does; raises
    StoryError with every problem (`.diagnostics`) if any is an error.

    Each input is a path (str or os.PathLike), or a story's text: bytes, or a str with a
    newline in it (texts are named "<text 1>", "<text 2>"... in diagnostics). format: None
    (by ending, else by content), "yaml", "json" or "ndjson".

        story = eg.load("samples/two-zones.yaml")
        story = eg.load("eventgraph: 1\\nevents: []\\n")
    """
    if not inputs:
        raise TypeError("load() needs at least one path or text")
    for item in inputs:
        if not isinstance(item, (str, bytes, _os.PathLike)):
            raise TypeError(f"load() takes paths and texts, not {type(item).__name__}")
    is_text = [isinstance(item, bytes) or (isinstance(item, str) and "\n" in item)
               for item in inputs]
    if not any(is_text):
        # The engine maps the files itself (no copy through Python).
        data, rows, dropped = _eventgraph.load_paths([_os.fspath(p) for p in inputs],
                                                     format or "", warnings)
    else:
        # One load of every input, so references across them resolve; files are read here.
        texts = []
        for i, (item, text) in enumerate(zip(inputs, is_text), 1):
            if text:
                texts.append((f"<text {i}>", item))
            else:
                with open(item, "rb") as f:
                    texts.append((_os.fspath(item), f.read()))
        data, rows, dropped = _eventgraph.load_texts(texts, format or "", warnings)
    diagnostics = _diagnostics(rows)
    if data is None:
        raise StoryError(diagnostics, dropped)
    return Story(data, diagnostics)
