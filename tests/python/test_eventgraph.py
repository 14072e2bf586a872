"""The Python module (engine/python) against the command it wraps: the same stories, the same
answers, the same bytes, the same diagnostics."""

import csv
import datetime as dt
import io
import subprocess
import sys

import pytest

import eventgraph as eg
from conftest import SAMPLES, SEED, TWO_ZONES


@pytest.fixture(scope="module")
def seed():
    return eg.load(SEED)


def test_version_is_the_commands(cli):
    assert cli.run("--version").stdout.decode() == f"eventgraph {eg.__version__}\n"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_loads_with_the_commands_counts(cli, path):
    story = eg.load(path)
    stats = cli.json("stats", path)
    assert (len(story.events), len(story.actors)) == (stats["events"], stats["actors"])
    assert sum(len(e.relations) for e in story.events) == stats["relations"]


def test_events_are_in_the_commands_order_with_its_dates(cli, seed):
    listed = cli.json("events", SEED)["events"]
    assert [e.id for e in seed.events] == [e["id"] for e in listed]
    for event, row in zip(seed.events, listed):
        assert event.date == row["date"] and event.when == row["when"]
        assert event.title == row["title"] and list(event.actors) == row["actors"]
        for got, want in ((event.earliest, row["earliest"]), (event.latest, row["latest"])):
            if want is None:  # an open end
                assert got is None
                continue
            assert got.tzinfo is dt.timezone.utc
            assert got == dt.datetime.fromisoformat(want.replace("Z", "+00:00"))


def test_an_event_by_id_its_relations_and_the_actors(seed):
    reply = seed.event("governors-office-response")
    assert ("rebuts", "noem-x-post") in reply.relations
    assert reply.shape == "one-of" and reply.precision == "day"
    assert seed.events[-1] == seed.events[len(seed.events) - 1]
    with pytest.raises(KeyError):
        seed.event("no-such-event")
    noem = next(a for a in seed.actors if a.id == "noem")
    assert (noem.name, noem.kind) == ("Kristi Noem", "person")


def test_open_and_ancient_dates_have_no_datetime():
    story = eg.load("eventgraph: 1\nevents:\n"
                    "  - {id: a, date: \"-0043-03-15\", title: Ides}\n"
                    "  - {id: b, date: \"2019/..\", title: Open}\n")
    ides, still = story.events
    assert ides.earliest is None and ides.earliest_seconds < -60000000000
    assert still.latest is None and still.latest_seconds is None
    assert still.earliest == dt.datetime(2019, 1, 1, tzinfo=dt.timezone.utc)


# (command line before the files, how many of its words are positional, whether it names the
# seed's ids, the same question asked of the module)
QUERIES = [
    (("chain", "noem-x-post"), 1, True, lambda g: g.chain("noem-x-post")),
    (("chain", "governors-office-response", "--direction", "up"), 1, True,
     lambda g: g.chain("governors-office-response", direction="up")),
    (("chain", "noem-x-post", "--direction", "both", "--depth", "1", "--relation", "rebuts"), 1,
     True, lambda g: g.chain("noem-x-post", "both", 1, ["rebuts"])),
    (("path", "noem-x-post", "noem-otay-mesa-remarks"), 2, True,
     lambda g: g.path("noem-x-post", "noem-otay-mesa-remarks")),
    (("path", "noem", "governors-office"), 2, True, lambda g: g.path("noem", "governors-office")),
    (("events",), 0, False, lambda g: g.events()),
    (("events", "--from", "2026-02-07", "--to", "2026-02", "--within"), 0, False,
     lambda g: g.events(start="2026-02-07", end="2026-02", within=True)),
    (("events", "--actor", "noem", "--kind", "post", "--text", "release"), 0, True,
     lambda g: g.events(actor="noem", kind=["post"], text="release")),
    (("events", "--tag", "detainers", "--tag", "fentanyl"), 0, False,
     lambda g: g.events(tag=["detainers", "fentanyl"])),
    (("actors",), 0, False, lambda g: g.actors()),
    (("actors", "--no-self"), 0, False, lambda g: g.actors(no_self=True)),
    (("stats",), 0, False, lambda g: g.stats()),
]


@pytest.mark.parametrize("path", [SEED, TWO_ZONES], ids=lambda p: p.name)
@pytest.mark.parametrize("args,positional,seed_ids,ask", QUERIES,
                         ids=[" ".join(q[0]) for q in QUERIES])
def test_queries_equal_the_commands_json(cli, path, args, positional, seed_ids, ask):
    if path == TWO_ZONES and seed_ids:
        pytest.skip("asks for the seed's ids")
    words = args[:1 + positional] + (path,) + args[1 + positional:]
    assert ask(eg.load(path).graph()) == cli.json(*words)


def test_reachable_is_the_chains_distinct_events(seed):
    g = seed.graph()
    chain = g.chain("noem-x-post")
    found = g.reachable("noem-x-post")
    assert len(found) == chain["distinct_down"]
    assert set(found) == {e["event"]["id"] for e in chain["down"]}
    assert "noem-x-post" in g.reachable("governors-office-response", direction="up")


def test_a_query_on_an_unknown_id_says_what_the_command_says(cli, seed):
    want = cli.run("chain", "noem-x-pots", SEED, status=1).stderr.decode().strip()
    with pytest.raises(eg.QueryError) as e:
        seed.graph().chain("noem-x-pots")
    assert "error: " + str(e.value) == want
    with pytest.raises(eg.QueryError, match="--from 'someday'"):
        seed.graph().events(start="someday")
    with pytest.raises(ValueError, match="direction"):
        seed.graph().chain("noem-x-post", direction="sideways")


BAD = ("eventgraph: 1\nactors: [{id: a, name: A, kind: persn}]\nevents:\n"
       "  - {id: e, date: \"2026-02-30\", actor: b, title: T}\n")


def test_bad_data_raises_with_the_validate_diagnostics(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD)
    with pytest.raises(eg.StoryError) as e:
        eg.load(bad)
    printed = cli.run("validate", bad, status=1).stderr.decode()
    assert str(e.value) + "\n" == printed
    errors = [d for d in e.value.diagnostics if d.level == "error"]
    assert [(d.line, d.column) for d in errors] == [(2, 33), (4, 28), (4, 40)]
    for d in e.value.diagnostics:
        assert d.file == str(bad) and d.code
        assert d.text == f"{bad}:{d.line}:{d.column}: {d.level}: {d.message} [{d.code}]"
    assert errors[0].message.startswith("unknown actor kind 'persn'")
    assert errors[0].code == "actor-kind"


def test_a_text_is_named_in_its_diagnostics_and_loads_with_files():
    with pytest.raises(eg.StoryError) as e:
        eg.load(BAD)
    assert {d.file for d in e.value.diagnostics} == {"<text 1>"}
    reply = ("eventgraph: 1\nevents:\n  - {id: later, date: \"2026-03\", title: Later, "
             "relations: [{type: rebuts, to: noem-x-post}]}\n")
    both = eg.load(SEED, reply)
    assert ("rebuts", "noem-x-post") in both.event("later").relations
    with pytest.raises(FileNotFoundError):
        eg.load("/nonexistent/story.yaml", reply)


def test_a_missing_file_is_an_io_diagnostic():
    with pytest.raises(eg.StoryError) as e:
        eg.load("/nonexistent/story.yaml")
    assert e.value.diagnostics[0].file == "/nonexistent/story.yaml"
    assert e.value.diagnostics[0].code == "io"


def test_warnings_come_with_the_story(cli, tmp_path):
    story = tmp_path / "warn.yaml"
    story.write_text("eventgraph: 1\ntimezone: America/New_York\nevents:\n"
                     "  - {id: a, date: \"2026-11-01T01:30\", title: Twice}\n")
    printed = cli.run("validate", story).stderr.decode()
    loaded = eg.load(story)
    assert "".join(d.text + "\n" for d in loaded.warnings) == printed
    assert loaded.warnings and loaded.warnings[0].level == "warning"
    assert eg.load(story, warnings=False).warnings == []


@pytest.mark.parametrize("layout,fmt", [("timeline", "svg"), ("graphviz", "dot"),
                                        ("graphviz", "svg"), ("timeline", "png")])
def test_render_gives_the_commands_bytes(cli, seed, tmp_path, layout, fmt):
    want = cli.output(tmp_path, "render", SEED, "--layout", layout, name=f"out.{fmt}")
    got = seed.render(layout=layout, format=fmt)
    assert (got.encode() if isinstance(got, str) else got) == want


@pytest.mark.parametrize("fmt,name", [("gexf", "s.gexf"), ("graphml", "s.graphml"),
                                      ("html", "s.html"), ("json", "s.json"),
                                      ("mermaid", "s.mmd")])
def test_export_gives_the_commands_bytes(cli, seed, tmp_path, fmt, name):
    assert seed.export(fmt).encode() == cli.output(tmp_path, "export", SEED, name=name)


def test_export_csv_is_the_commands_four_files(cli, seed, tmp_path):
    cli.run("export", SEED, "--format", "csv", "-o", str(tmp_path) + "/")
    sheets = seed.export("csv")
    assert sorted(sheets) == sorted(p.name for p in tmp_path.iterdir())
    for name, text in sheets.items():
        assert text.encode() == (tmp_path / name).read_bytes()


@pytest.mark.parametrize("name", ["story.vis.json", "story.graphml", "story.svg", "story.dot",
                                  "story.csv"])
def test_write_picks_the_format_as_the_command_does(cli, seed, tmp_path, name):
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    mine.mkdir()
    theirs.mkdir()
    seed.write(mine / name)
    cli.run("render" if name.endswith((".svg", ".dot")) else "export", SEED, "-o", theirs / name)
    written = sorted(p.name for p in theirs.iterdir())
    assert sorted(p.name for p in mine.iterdir()) == written and written
    for file in written:
        assert (mine / file).read_bytes() == (theirs / file).read_bytes()
    with pytest.raises(ValueError, match="cannot tell the format"):
        seed.write(tmp_path / "story.unknown")


def test_render_failure_raises_with_diagnostics(cli, seed, tmp_path):
    with pytest.raises(ValueError, match="layout"):
        seed.render(layout="radial")
    cli.run("generate", "--events", "6000", "--actors", "20", "-o", tmp_path / "big.ndjson")
    big = eg.load((tmp_path / "big.ndjson").read_bytes(), format="ndjson")
    with pytest.raises(eg.StoryError) as e:
        big.render(layout="graphviz", format="svg")
    assert e.value.diagnostics[0].code == "too-large"


def test_notebook_reprs(seed):
    assert seed._repr_svg_() == seed.render()
    page = seed._repr_html_()
    assert page.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert "<script" not in page


def test_to_networkx_equals_read_graphml_of_the_export(seed):
    nx = pytest.importorskip("networkx")
    want = nx.read_graphml(io.BytesIO(seed.export("graphml").encode()), force_multigraph=True)
    got = seed.to_networkx()
    assert isinstance(got, nx.MultiDiGraph)
    # The reader adds the defaults of keys that declare one; ours declare none.
    assert want.graph.pop("node_default") == {} and want.graph.pop("edge_default") == {}
    assert got.graph == want.graph
    assert list(got.nodes(data=True)) == list(want.nodes(data=True))
    assert sorted(got.edges(keys=True, data=True)) == sorted(want.edges(keys=True, data=True))


def test_to_pandas_has_the_csv_columns_and_typed_times(cli, seed):
    pd = pytest.importorskip("pandas")
    events, relations = seed.to_pandas()
    sheets = seed.export("csv")
    assert list(events.columns) == sheets["events.csv"].splitlines()[0].split(",")
    assert list(relations.columns) == sheets["relations.csv"].splitlines()[0].split(",")
    stats = cli.json("stats", SEED)
    assert (len(events), len(relations)) == (stats["events"], stats["relations"])
    assert str(events["Earliest"].dtype) == "datetime64[ns, UTC]"
    assert str(events["Precision"].dtype) == "category" and events["Uncertain"].dtype == bool
    assert str(relations["Type"].dtype) == "category" and relations["Response"].dtype == bool
    listed = cli.json("events", SEED)["events"]
    assert list(events["ID"]) == [e["id"] for e in listed]
    assert list(events["Earliest"]) == [pd.Timestamp(e["earliest"]) for e in listed]
    assert list(events["Latest"]) == [pd.Timestamp(e["latest"]) for e in listed]
    assert list(events["Precision"]) == [e.precision for e in seed.events]
    # Every other cell is the csv sheet's, before its formula guard (a leading ').
    typed = {"Earliest", "Latest", "Precision", "Shape", "Uncertain", "Approximate", "Type",
             "Response"}
    for frame, sheet in ((events, "events.csv"), (relations, "relations.csv")):
        rows = list(csv.DictReader(io.StringIO(sheets[sheet], newline="")))
        assert len(rows) == len(frame)
        for name in frame.columns:
            want = [row[name] for row in rows]
            got = list(frame[name])
            if name in ("Earliest", "Latest"):
                continue  # the instants in the event's zone there; checked above against UTC
            if name in typed:
                assert [str(v).lower() for v in got] == [w.lower() for w in want], name
                continue
            assert [w if w == g else w.removeprefix("'") for w, g in zip(want, got)] == got, name


def test_import_needs_none_of_numpy_pandas_networkx():
    code = ("import sys\nfor m in ('numpy', 'pandas', 'networkx'): sys.modules[m] = None\n"
            f"import eventgraph\nprint(len(eventgraph.load({str(SEED)!r}).events))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 0


def test_nothing_is_printed_to_the_processs_streams(capfd):
    story = eg.load(SEED)
    story.graph().stats()
    story.render(layout="timeline", format="png")
    for fail in (lambda: eg.load(BAD), lambda: story.graph().chain("nope"),
                 lambda: story.graph().events(start="someday")):
        with pytest.raises(ValueError):
            fail()
    assert capfd.readouterr() == ("", "")


@pytest.mark.parametrize("options,flags", [
    ({"around": "noem-x-post"}, ["--around", "noem-x-post"]),
    ({"around": "governors-office-response", "direction": "up", "depth": 1},
     ["--around", "governors-office-response", "--direction", "up", "--depth", "1"]),
    ({"path": ("noem-x-post", "noem-otay-mesa-remarks")},
     ["--path", "noem-x-post", "noem-otay-mesa-remarks"]),
    ({"start": "2026-02-12", "end": "2026-02-12", "within": True, "actor": "noem"},
     ["--from", "2026-02-12", "--to", "2026-02-12", "--within", "--actor", "noem"]),
])
def test_a_view_is_the_commands_selection(cli, seed, tmp_path, options, flags):
    view = seed.select(**options)
    # The drawing and the export are the command's with the same options, bytes for bytes.
    for layout in ("timeline", "graphviz"):
        want = cli.output(tmp_path, "render", SEED, "--layout", layout, *flags, name="v.svg")
        assert view.render(layout=layout).encode() == want
    assert view.export("json").encode() == cli.output(tmp_path, "export", SEED, *flags,
                                                      name="v.json")
    assert view.left_out["events"] == len(seed.events) - len(view.events)
    assert "left out" in view.render()


def test_a_filtered_view_holds_what_events_lists(cli, seed):
    view = seed.select(start="2026-02-06", end="2026-02-12", kind="post")
    listed = cli.json("events", SEED, "--from", "2026-02-06", "--to", "2026-02-12", "--kind", "post")
    assert [e.id for e in view.events] == [e["id"] for e in listed["events"]]
    # A view of a view counts what both left out.
    narrower = view.select(actor="noem")
    assert narrower.left_out["events"] == len(seed.events) - len(narrower.events)


def test_a_view_with_an_unknown_id_raises(seed):
    with pytest.raises(eg.QueryError, match="did you mean 'noem-x-post'"):
        seed.select(around="noem-x")
