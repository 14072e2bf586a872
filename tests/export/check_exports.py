#!/usr/bin/python3
"""Exports stories to every format with `eventgraph export` and reads each file back with the
program that consumes it: networkx (GraphML, GEXF), the npm `cytoscape` package in Node
(Cytoscape.js, compared with `eventgraph chain`), jsonschema (JGF), Python's csv module (CSV),
and structural checks for vis-timeline, TimelineJS and Mermaid (which read those files in
Chromium in tests/js/consumers.test.mjs). What the files must say is
computed here, independently of eventgraph, from the YAML (PyYAML) with a small EDTF resolver
on Python's zoneinfo: ids, dates, precision, zones, actors, relation types and sources.

Usage: check_exports.py --eventgraph BIN [--node NODE] STORY.yaml...
Run with Debian's /usr/bin/python3 (python3-yaml, python3-networkx, python3-jsonschema).
"""

import argparse
import csv
import datetime as dt
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import jsonschema
import networkx as nx
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
JGF_SCHEMA = os.path.join(SOURCE, "..", "shared", "ref", "jgf", "json-graph-schema_v2.json")
RESPONSES = {"responds-to", "rebuts", "supports", "follows-up", "repeats"}
PRECISIONS = ["millennium", "century", "decade", "year", "month", "day", "hour", "minute", "second"]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


# --- What the story says, read independently ----------------------------------------------

# A qualifier may follow the year or the month too (EDTF level 2: `2026?-02-05`).
POINT = re.compile(
    r"^(-?\d{4})([?~%])?(?:-(\d{2})([?~%])?(?:-(\d{2})"
    r"(?:T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?)?)?)?([?~%])?$")


def resolve_point(text, zone):
    """(earliest, latest, precision, uncertain, approximate) of one EDTF point."""
    m = POINT.match(text)
    if not m:
        raise ValueError(f"the test's EDTF resolver does not know {text!r}")
    year, year_flag, month, month_flag, day, hour, minute, second, offset, last_flag = m.groups()
    flags = {year_flag, month_flag, last_flag}
    year = int(year)
    if offset:
        tz = dt.timezone.utc if offset == "Z" else dt.timezone(
            (1 if offset[0] == "+" else -1) * dt.timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))
    else:
        tz = ZoneInfo(zone or "UTC")
    if second is not None:
        start = dt.datetime(year, int(month), int(day), int(hour), int(minute), int(second), tzinfo=tz)
        end, precision = start + dt.timedelta(seconds=1), "second"
    elif minute is not None:
        start = dt.datetime(year, int(month), int(day), int(hour), int(minute), tzinfo=tz)
        end, precision = start + dt.timedelta(minutes=1), "minute"
    elif day is not None:
        start = dt.datetime(year, int(month), int(day), tzinfo=tz)
        nxt = dt.date(year, int(month), int(day)) + dt.timedelta(days=1)
        end, precision = dt.datetime(nxt.year, nxt.month, nxt.day, tzinfo=tz), "day"
    elif month is not None:
        start = dt.datetime(year, int(month), 1, tzinfo=tz)
        ny, nm = (year + 1, 1) if int(month) == 12 else (year, int(month) + 1)
        end, precision = dt.datetime(ny, nm, 1, tzinfo=tz), "month"
    else:
        start = dt.datetime(year, 1, 1, tzinfo=tz)
        end, precision = dt.datetime(year + 1, 1, 1, tzinfo=tz), "year"
    # Aware datetimes in a ZoneInfo compare as wall times; go through UTC for the last second.
    latest = (end.astimezone(dt.timezone.utc) - dt.timedelta(seconds=1))
    return (start.astimezone(dt.timezone.utc), latest, precision,
            bool(flags & {"?", "%"}), bool(flags & {"~", "%"}))


def resolve(text, zone):
    """Expected endpoints of an EDTF date: start/end as (instant, precision) or None if open."""
    shape = "point"
    if text.startswith("["):
        shape = "one-of"
        low, _, high = text[1:-1].partition("..")
    elif "/" in text:
        shape = "interval"
        low, _, high = text.partition("/")
    else:
        low = high = text
    lo = None if low in ("", "..") else resolve_point(low, zone)
    hi = None if high in ("", "..") else resolve_point(high, zone)
    parts = [p for p in (lo, hi) if p]
    return {
        "shape": shape,
        "start": (lo[0], lo[2]) if lo else None,
        "end": (hi[1], hi[2]) if hi else None,
        "precision": min((p[2] for p in parts), key=PRECISIONS.index),
        "uncertain": any(p[3] for p in parts),
        "approximate": any(p[4] for p in parts),
    }


def load_expected(path):
    doc = yaml.safe_load(open(path, encoding="utf-8"))
    zone = doc.get("timezone") or "UTC"
    actors = {a["id"]: a for a in doc.get("actors", [])}
    events, relations = {}, []
    for e in doc.get("events", []):
        ez = e.get("timezone") or zone
        date = str(e["date"])
        events[e["id"]] = {
            "id": e["id"], "date": date, "zone": ez, "time": resolve(date, ez),
            "title": e["title"], "kind": e.get("kind", ""),
            "actors": e.get("actors") or [e["actor"]],
            "to": e.get("to", []),
            "sources": e.get("sources", []),
            "summary": e.get("summary", ""),
        }
        for target in e.get("responds_to", []):
            relations.append((e["id"], target, "responds-to", ""))
        for r in e.get("relations", []):
            relations.append((e["id"], r["to"], r["type"], r.get("note", "")))
    return {"title": doc.get("title", ""), "zone": zone, "actors": actors, "events": events,
            "relations": relations, "actor_order": [a["id"] for a in doc.get("actors", [])]}


def xml_text(text):
    """Text as XML 1.0 can carry it: forbidden control characters removed."""
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)


def instant(text):
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def check_instant(fmt, eid, what, text, expected, zone):
    """`text` is the expected instant, written with the offset of the event's zone."""
    if expected is None:
        check(text in (None, ""), f"{fmt} {eid}: {what} should be absent (open), got {text!r}")
        return
    if not text:
        failures.append(f"{fmt} {eid}: {what} missing")
        return
    got = instant(text)
    check(got == expected, f"{fmt} {eid}: {what} {text} != {expected.isoformat()}")
    want_offset = expected.astimezone(ZoneInfo(zone)).utcoffset()
    check(got.utcoffset() == want_offset,
          f"{fmt} {eid}: {what} {text} not in {zone} (offset {want_offset})")


def local_date(moment, zone):
    return moment.astimezone(ZoneInfo(zone)).date().isoformat()


def endpoint_text(moment, precision, zone):
    """ISO text at a precision, as the exports write endpoints ("2026-02", "2026-03-02T09:00-05:00")."""
    local = moment.astimezone(ZoneInfo(zone))
    iso = local.isoformat()
    date_part = {"year": 4, "month": 7, "day": 10}.get(precision)
    if date_part:
        return iso[:date_part]
    offset = "Z" if zone == "UTC" else iso[19:]
    return iso[:16 if precision == "minute" else 19] + offset


# --- The checks, one per format -------------------------------------------------------------

def check_common(fmt, eid, exp, get):
    """Fields every graph format carries as flat text: `get(name)` returns the value or None."""
    t = exp["time"]
    check(get("date") == exp["date"], f"{fmt} {eid}: date {get('date')!r} != {exp['date']!r}")
    check(get("precision") == t["precision"], f"{fmt} {eid}: precision {get('precision')} != {t['precision']}")
    check(get("shape") == t["shape"], f"{fmt} {eid}: shape {get('shape')} != {t['shape']}")
    check(get("timezone") == exp["zone"], f"{fmt} {eid}: timezone {get('timezone')} != {exp['zone']}")
    check_instant(fmt, eid, "earliest", get("earliest"), t["start"] and t["start"][0], exp["zone"])
    check_instant(fmt, eid, "latest", get("latest"), t["end"] and t["end"][0], exp["zone"])
    for which in ("start", "end"):
        want = t[which] and endpoint_text(t[which][0], t[which][1], exp["zone"])
        got = get("date_" + which) or None
        check(got == want, f"{fmt} {eid}: date_{which} {got!r} != {want!r}")
    check(get("kind") in (exp["kind"], None if not exp["kind"] else exp["kind"]),
          f"{fmt} {eid}: kind {get('kind')!r} != {exp['kind']!r}")


def check_flat_lists(fmt, eid, exp, get):
    actors = (get("actors") or "").split("|")
    check(actors == exp["actors"], f"{fmt} {eid}: actors {actors} != {exp['actors']}")
    sources = get("sources") or ""
    for src in exp["sources"]:
        check(xml_text(src["title"]) in sources, f"{fmt} {eid}: source {src['title']!r} missing")
    urls = (get("source_urls") or "").split("\n") if get("source_urls") else []
    check(urls == [s["url"] for s in exp["sources"] if s.get("url")],
          f"{fmt} {eid}: source_urls {urls}")


def expected_edges(story):
    return sorted((s, t, r) for s, t, r, _ in story["relations"])


def check_graphml(path, story):
    g = nx.read_graphml(path)
    check(set(g.nodes) == set(story["events"]), f"graphml: nodes {sorted(g.nodes)}")
    check(g.graph.get("timezone") == story["zone"], "graphml: graph timezone")
    for eid, exp in story["events"].items():
        if eid not in g.nodes:
            continue
        data = g.nodes[eid]
        get = lambda k, d=data: None if d.get(k) is None else str(d.get(k))
        check(data.get("title") == xml_text(exp["title"]), f"graphml {eid}: title {data.get('title')!r}")
        check_common("graphml", eid, exp, get)
        check_flat_lists("graphml", eid, exp, get)
        check(data.get("uncertain") is exp["time"]["uncertain"], f"graphml {eid}: uncertain")
        check(data.get("approximate") is exp["time"]["approximate"], f"graphml {eid}: approximate")
    edges = sorted((s, t, d["relation"]) for s, t, d in g.edges(data=True))
    check(edges == expected_edges(story), f"graphml: edges {edges}")
    for s, t, d in g.edges(data=True):
        check(d["response"] is (d["relation"] in RESPONSES), f"graphml: response flag on {s}->{t}")


def register_gexf_13():
    """networkx (2.8 to 3.x) knows the GEXF 1.1draft and 1.2draft namespaces only; GEXF 1.3
    keeps their structure under new ones. This adds the 1.3 namespaces to its table and
    nothing else: the reader itself reads our file as it is (no dateTime: networkx has no such
    type, so times of day are `timeformat="double"`)."""
    nx.readwrite.gexf.GEXF.versions["1.3"] = {
        "NS_GEXF": "http://gexf.net/1.3",
        "NS_VIZ": "http://gexf.net/1.3/viz",
        "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
        "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
        "VERSION": "1.3",
    }


def check_gexf(path, story):
    g = nx.read_gexf(path, version="1.3")
    root = ET.parse(path).getroot()
    ns = {"g": "http://gexf.net/1.3"}
    graph = root.find("g:graph", ns)
    check(graph.get("mode") == "dynamic", "gexf: mode is not dynamic")
    check(graph.get("timezone") == story["zone"], f"gexf: timezone {graph.get('timezone')}")
    timeformat = graph.get("timeformat")
    timed = any(PRECISIONS.index(e["time"][w][1]) > PRECISIONS.index("day")
                for e in story["events"].values() for w in ("start", "end") if e["time"][w])
    check(timeformat == ("double" if timed else "date"), f"gexf: timeformat {timeformat}")
    check(set(g.nodes) == set(story["events"]), f"gexf: nodes {sorted(g.nodes)}")
    colours = {}
    for eid, exp in story["events"].items():
        if eid not in g.nodes:
            continue
        data = g.nodes[eid]
        get = lambda k, d=data: None if d.get(k) is None else str(d.get(k))
        check(data.get("label") == xml_text(exp["title"]), f"gexf {eid}: label {data.get('label')!r}")
        check_common("gexf", eid, exp, get)
        check_flat_lists("gexf", eid, exp, get)
        t = exp["time"]
        for which, index in (("start", 0), ("end", 0)):
            want = t[which]
            got = data.get(which)
            if want is None:
                check(got is None, f"gexf {eid}: {which} should be open")
            elif timeformat == "date":
                check(got == local_date(want[index], exp["zone"]), f"gexf {eid}: {which} {got}")
            else:  # seconds since the epoch, read by networkx as a float
                check(got == want[index].timestamp(), f"gexf {eid}: {which} {got}")
        colour = data.get("viz", {}).get("color")
        check(colour is not None, f"gexf {eid}: no colour")
        if colour:
            colours.setdefault(exp["actors"][0], set()).add((colour["r"], colour["g"], colour["b"]))
    check(all(len(c) == 1 for c in colours.values()), f"gexf: one colour per actor {colours}")
    edges = sorted((s, t, d["relation"]) for s, t, d in g.edges(data=True))
    check(edges == expected_edges(story), f"gexf: edges {edges}")
    kinds = sorted((e.get("source"), e.get("target"), e.get("kind"))
                   for e in graph.find("g:edges", ns).findall("g:edge", ns))
    check(kinds == expected_edges(story), f"gexf: edge kinds {kinds}")


def bfs(start, adjacency):
    seen, todo = set(), [start]
    while todo:
        for nxt in adjacency.get(todo.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    seen.discard(start)
    return sorted(seen)


def check_cytoscape(path, story, story_path, args):
    out = subprocess.run([args.node, os.path.join(HERE, "cytoscape_chain.js"), path],
                         capture_output=True, text=True)
    if out.returncode != 0:
        failures.append(f"cytoscape: node failed: {out.stderr}")
        return
    cy = json.loads(out.stdout)
    check(cy["title"] == story["title"], "cytoscape: graph title")
    check(set(cy["nodes"]) == set(story["events"]), f"cytoscape: nodes {sorted(cy['nodes'])}")
    up, down = {}, {}
    for s, t, _, _ in story["relations"]:
        up.setdefault(s, []).append(t)
        down.setdefault(t, []).append(s)
    for eid, exp in story["events"].items():
        node = cy["nodes"].get(eid)
        if node is None:
            continue
        data = node["data"]
        get = lambda k, d=data: d.get(k)
        check(data["label"] == exp["title"], f"cytoscape {eid}: label")
        check_common("cytoscape", eid, exp, get)
        check(data["actors"] == exp["actors"], f"cytoscape {eid}: actors {data['actors']}")
        check([s["title"] for s in data["sources"]] == [s["title"] for s in exp["sources"]],
              f"cytoscape {eid}: sources")
        check([s["url"] for s in data["sources"]] == [s.get("url", "") for s in exp["sources"]],
              f"cytoscape {eid}: source urls")
        check(node["up"] == bfs(eid, up), f"cytoscape {eid}: successors {node['up']} != {bfs(eid, up)}")
        check(node["down"] == bfs(eid, down), f"cytoscape {eid}: predecessors {node['down']}")
        # The same question asked of eventgraph itself.
        chain = subprocess.run([args.eventgraph, "chain", eid, story_path, "--direction", "both",
                                "--json"], capture_output=True, text=True)
        if chain.returncode != 0:
            failures.append(f"cytoscape {eid}: eventgraph chain failed: {chain.stderr}")
            continue
        c = json.loads(chain.stdout)
        ours_up = sorted({x["event"]["id"] for x in c["up"]} - {eid})
        ours_down = sorted({x["event"]["id"] for x in c["down"]} - {eid})
        check(node["up"] == ours_up, f"cytoscape {eid}: up {node['up']} != chain {ours_up}")
        check(node["down"] == ours_down, f"cytoscape {eid}: down {node['down']} != chain {ours_down}")
    edges = sorted((e["source"], e["target"], e["relation"]) for e in cy["edges"])
    check(edges == expected_edges(story), f"cytoscape: edges {edges}")


def check_vis(path, story):
    data = json.load(open(path, encoding="utf-8"))
    acting = [a for a in story["actor_order"]
              if any(a in e["actors"] for e in story["events"].values())]
    check([g["id"] for g in data["groups"]] == acting, f"vis: groups {[g['id'] for g in data['groups']]}")
    for g in data["groups"]:
        check(html.unescape(g["content"]) == story["actors"][g["id"]]["name"], f"vis: group {g['id']} content")
    want_items = sorted((eid, a) for eid, e in story["events"].items() for a in e["actors"])
    got_items = sorted((i["event"], i["group"]) for i in data["items"])
    check(got_items == want_items, f"vis: items {got_items}")
    check(len({i["id"] for i in data["items"]}) == len(data["items"]), "vis: item ids not unique")
    for item in data["items"]:
        exp = story["events"].get(item["event"])
        if exp is None:
            continue
        eid, t = item["event"], exp["time"]
        check(html.unescape(item["content"]) == exp["title"], f"vis {eid}: content not the escaped title")
        check("<" not in item["content"] and "<script" not in item["title"], f"vis {eid}: raw markup")
        check(item["date"] == exp["date"] and item["timezone"] == exp["zone"], f"vis {eid}: date/zone")
        check(item["precision"] == t["precision"], f"vis {eid}: precision")
        spanning = t["start"] and t["end"] and (t["shape"] != "point" or
                                               PRECISIONS.index(t["precision"]) < PRECISIONS.index("day"))
        check(item["type"] == ("range" if spanning else "point"), f"vis {eid}: type {item['type']}")
        known = t["start"] or t["end"]
        for key, moment, precision in (("start", known[0], (t["start"] or t["end"])[1]),
                                       ("end", t["end"] and t["end"][0] + dt.timedelta(seconds=1),
                                        t["end"] and t["end"][1])):
            if key == "end" and not spanning:
                check("end" not in item, f"vis {eid}: a point has no end")
                continue
            if key == "start" and not t["start"]:
                moment = t["end"][0]
            text = item[key]
            if PRECISIONS.index(precision) <= PRECISIONS.index("day"):
                # A date, never a midnight: vis puts it on that calendar day in any zone.
                check(re.fullmatch(r"-?\d{4}-\d{2}-\d{2}", text), f"vis {eid}: {key} {text} is not a date")
                check(text == local_date(moment, exp["zone"]), f"vis {eid}: {key} {text}")
            else:
                check(instant(text) <= moment < instant(text) + dt.timedelta(minutes=1),
                      f"vis {eid}: {key} {text} != {moment}")


def check_timelinejs(path, story):
    data = json.load(open(path, encoding="utf-8"))
    check(html.unescape(data["title"]["text"]["headline"]) == story["title"], "timelinejs: title")
    check(sorted(e["unique_id"] for e in data["events"]) == sorted(story["events"]), "timelinejs: ids")
    fields = ["year", "month", "day", "hour", "minute", "second"]
    for ev in data["events"]:
        exp = story["events"].get(ev["unique_id"])
        if exp is None:
            continue
        eid, t = ev["unique_id"], exp["time"]
        check(html.unescape(ev["text"]["headline"]) == exp["title"], f"timelinejs {eid}: headline")
        check("<script" not in ev["text"]["text"] and "javascript:" not in ev["text"]["text"].replace(
            "javascript:alert(1)", "") , f"timelinejs {eid}: markup in text")
        check('href="javascript' not in ev["text"]["text"], f"timelinejs {eid}: javascript link")
        check(ev["group"] == html.escape(story["actors"][exp["actors"][0]]["name"]).replace("&#x27;", "&#39;"),
              f"timelinejs {eid}: group {ev['group']}")
        for key, which in (("start_date", "start"), ("end_date", "end")):
            want = t[which]
            if key == "start_date" and want is None:
                want = t["end"]  # an open start is placed at the known end
            if key == "end_date" and (t["shape"] == "point" or not t["start"] or not t["end"]):
                check(key not in ev, f"timelinejs {eid}: unexpected end_date")
                continue
            if want is None:
                check(key not in ev, f"timelinejs {eid}: {key} for an open end")
                continue
            moment, precision = want
            local = moment.astimezone(ZoneInfo(exp["zone"]))
            depth = {"year": 1, "month": 2, "day": 3, "hour": 4, "minute": 5, "second": 6}[precision]
            expected = dict(zip(fields, [local.year, local.month, local.day, local.hour,
                                         local.minute, local.second][:depth]))
            check(ev.get(key) == expected, f"timelinejs {eid}: {key} {ev.get(key)} != {expected}")
        imprecise = (t["shape"] != "point" or t["uncertain"] or t["approximate"] or
                     PRECISIONS.index(t["precision"]) > PRECISIONS.index("day"))
        check(("display_date" in ev) == imprecise, f"timelinejs {eid}: display_date {ev.get('display_date')}")
        urls = [s for s in exp["sources"] if str(s.get("url", "")).startswith(("http://", "https://"))]
        if urls:
            # TimelineJS's blockquote media: the source's title, not its address (TimelineJS
            # would load an article's address as an image); the caption links to it.
            media = ev.get("media", {})
            check(re.fullmatch(r"<blockquote>[^<>]*</blockquote>", media.get("url", "")) is not None and
                  html.unescape(media["url"][12:-13]) == urls[0]["title"], f"timelinejs {eid}: media url")
            check(media.get("caption", "").startswith(f'<a href="{html.escape(urls[0]["url"])}"'),
                  f"timelinejs {eid}: media caption")
            want_credit = urls[0].get("publisher") or urls[0]["title"]
            check(html.unescape(ev["media"]["credit"]) == want_credit, f"timelinejs {eid}: media credit")
        else:
            check("media" not in ev, f"timelinejs {eid}: media without an http(s) source")


def mermaid_safe(line):
    """A timeline line: `period : event` or `: event`, with no syntax character in the text
    once Mermaid's entity codes (`#58;`) are taken out."""
    line = re.sub(r"#\d+;", "", line)
    return re.fullmatch(r"    (title [^:#;%\n]*|[^:#;%\n]+ : [^:#;%\n]+|        : [^:#;%\n]+)", line)


def check_mermaid(path, graph_path, story):
    lines = open(path, encoding="utf-8").read().splitlines()
    check(lines[0] == "timeline", "mermaid: not a timeline")
    for line in lines[1:]:
        check(mermaid_safe(line), f"mermaid: unsafe line {line!r}")
    entries = [l for l in lines[1:] if not l.startswith("    title ")]
    check(len(entries) == len(story["events"]), f"mermaid: {len(entries)} entries")
    flow = open(graph_path, encoding="utf-8").read().splitlines()
    body = [l for l in flow if not l.startswith("%%")]
    check(body[0] == "flowchart LR", "mermaid --graph: not a flowchart")
    nodes = [l for l in body[1:] if re.fullmatch(r'    e\d+\["[^"\n]*"\]', l)]
    arrows = [l for l in body[1:] if re.fullmatch(r"    e\d+ (-->|-\.->)\|[a-z-]+\| e\d+", l)]
    check(len(nodes) == len(story["events"]), "mermaid --graph: nodes")
    check(len(arrows) == len(story["relations"]), "mermaid --graph: edges")
    check(len(nodes) + len(arrows) == len(body) - 1, "mermaid --graph: unexpected lines")
    labels = sorted(re.search(r"\|([a-z-]+)\|", a).group(1) for a in arrows)
    check(labels == sorted(r for _, _, r, _ in story["relations"]), "mermaid --graph: relation labels")


def check_jgf(path, story):
    data = json.load(open(path, encoding="utf-8"))
    if os.path.isfile(JGF_SCHEMA):
        schema = json.load(open(JGF_SCHEMA, encoding="utf-8"))
        errors = list(jsonschema.Draft7Validator(schema).iter_errors(data))
        check(not errors, f"jgf: invalid against the schema: {[e.message for e in errors[:3]]}")
    else:
        print(f"SKIP: JGF schema check, no schema at {JGF_SCHEMA}")
    g = data["graph"]
    check(set(g["nodes"]) == set(story["events"]), "jgf: nodes")
    for eid, exp in story["events"].items():
        node = g["nodes"].get(eid)
        if node is None:
            continue
        meta = node["metadata"]
        check(node["label"] == exp["title"], f"jgf {eid}: label")
        check_common("jgf", eid, exp, meta.get)
        check(meta["actors"] == exp["actors"], f"jgf {eid}: actors")
        check([s["title"] for s in meta["sources"]] == [s["title"] for s in exp["sources"]], f"jgf {eid}: sources")
    edges = sorted((e["source"], e["target"], e["relation"]) for e in g["edges"])
    check(edges == expected_edges(story), f"jgf: edges {edges}")


def unguard(text):
    return text[1:] if text[:2] in ("'=", "'+", "'-", "'@", "'\t", "'\r") else text


def check_csv(events_path, relations_path, story):
    with open(events_path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, strict=True))
    check(sorted(r["ID"] for r in rows) == sorted(story["events"]), "csv: event ids")
    for row in rows:
        exp = story["events"].get(row["ID"])
        if exp is None:
            continue
        eid = row["ID"]
        for k, v in row.items():
            if v.startswith(("=", "+", "@")) or (v.startswith("-") and k not in ("Date", "Start", "End", "Earliest", "Latest")):
                failures.append(f"csv {eid}: {k} starts like a formula: {v!r}")
        check(unguard(row["Label"]) == exp["title"], f"csv {eid}: label {row['Label']!r}")
        names = {"date": "Date", "precision": "Precision", "shape": "Shape", "timezone": "Time zone",
                 "earliest": "Earliest", "latest": "Latest", "date_start": "Start", "date_end": "End",
                 "kind": "Type"}
        check_common("csv", eid, exp, lambda k: row.get(names[k]))
        check(row["Actors"].split("|") == exp["actors"], f"csv {eid}: actors")
        check(row["Uncertain"] == str(exp["time"]["uncertain"]).lower(), f"csv {eid}: uncertain")
        for src in exp["sources"]:
            check(src["title"] in row["Sources"], f"csv {eid}: source {src['title']!r}")
        check(unguard(row["Description"]) == exp["summary"], f"csv {eid}: description")
    with open(relations_path, newline="", encoding="utf-8") as f:
        rels = list(csv.DictReader(f, strict=True))
    got = sorted((r["From"], r["To"], r["Type"]) for r in rels)
    check(got == expected_edges(story), f"csv: relations {got}")
    notes = sorted(unguard(r["Note"]) for r in rels)
    check(notes == sorted(n for _, _, _, n in story["relations"]), "csv: relation notes")


def check_yaml(path, json_path):
    """PyYAML (a YAML 1.1 reader, where `yes` is a boolean) reads the document our JSON is."""
    data = yaml.safe_load(open(path, encoding="utf-8"))
    check(data == json.load(open(json_path, encoding="utf-8")), "yaml: not the JSON export's document")


def check_ndjson(path, json_path):
    """Python's json reads each line; header, actors and events reassemble the JSON export."""
    lines = [json.loads(line) for line in open(path, encoding="utf-8")]
    doc = dict(lines[0])
    doc["actors"] = [{k: v for k, v in line.items() if k != "type"}
                     for line in lines[1:] if line.get("type") == "actor"]
    doc["events"] = [line for line in lines[1:] if "type" not in line]
    check(len(doc["actors"]) + len(doc["events"]) == len(lines) - 1, "ndjson: a line of unknown type")
    check(doc == json.load(open(json_path, encoding="utf-8")), "ndjson: not the JSON export's document")


def run(args, *command):
    out = subprocess.run([args.eventgraph, *command], capture_output=True)
    if out.returncode != 0:
        failures.append(f"eventgraph {' '.join(command)}: exit {out.returncode}: {out.stderr.decode()}")
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--eventgraph", required=True)
    parser.add_argument("--node", default="node")
    parser.add_argument("stories", nargs="+")
    args = parser.parse_args()
    register_gexf_13()
    for story_path in args.stories:
        story = load_expected(story_path)
        name = os.path.basename(story_path)
        before = len(failures)
        with tempfile.TemporaryDirectory() as tmp:
            p = lambda f: os.path.join(tmp, f)
            run(args, "export", story_path, "-o", p("s.graphml"))
            run(args, "export", story_path, "-o", p("s.gexf"))
            run(args, "export", story_path, "-o", p("s.cyjs"))
            run(args, "export", story_path, "-o", p("s.vis.json"))
            run(args, "export", story_path, "-o", p("s.timeline.json"))
            run(args, "export", story_path, "-o", p("s.mmd"))
            run(args, "export", story_path, "--format", "mermaid", "--graph", "-o", p("flow.mmd"))
            run(args, "export", story_path, "-o", p("s.jgf"))
            run(args, "export", story_path, "--format", "csv", "-o", p("csv") + "/")
            run(args, "export", story_path, "-o", p("a.json"))
            run(args, "export", p("a.json"), "-o", p("b.json"))
            run(args, "export", story_path, "-o", p("s.yaml"))
            run(args, "export", story_path, "-o", p("s.ndjson"))
            if failures[before:]:
                break
            check(open(p("a.json"), "rb").read() == open(p("b.json"), "rb").read(),
                  f"json: export, load, export is not byte-identical for {name}")
            # Our own format keeps everything: the re-export of it exports the same everywhere.
            again = run(args, "export", p("a.json"), "-f", "jgf")
            check(again.stdout == open(p("s.jgf"), "rb").read(), "json: the round trip changed the JGF export")
            for fmt, fn in (("graphml", lambda: check_graphml(p("s.graphml"), story)),
                            ("gexf", lambda: check_gexf(p("s.gexf"), story)),
                            ("cytoscape", lambda: check_cytoscape(p("s.cyjs"), story, story_path, args)),
                            ("vis", lambda: check_vis(p("s.vis.json"), story)),
                            ("timelinejs", lambda: check_timelinejs(p("s.timeline.json"), story)),
                            ("mermaid", lambda: check_mermaid(p("s.mmd"), p("flow.mmd"), story)),
                            ("jgf", lambda: check_jgf(p("s.jgf"), story)),
                            ("csv", lambda: check_csv(p("csv/events.csv"), p("csv/relations.csv"), story)),
                            ("yaml", lambda: check_yaml(p("s.yaml"), p("a.json"))),
                            ("ndjson", lambda: check_ndjson(p("s.ndjson"), p("a.json")))):
                try:
                    fn()
                except Exception as e:  # a consumer rejecting the file is a failure, with its words
                    failures.append(f"{fmt}: {type(e).__name__}: {e}")
        print(f"{name}: {len(story['events'])} events, {len(story['relations'])} relations, "
              f"{len(failures) - before} problems")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
