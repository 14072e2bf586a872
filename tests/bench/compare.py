#!/usr/bin/python3
"""Times the work of eventgraph_bench in python-igraph and networkx, on the same story and the
same chosen ids, and prints eventgraph's time as a ratio to theirs (below 1: we are faster).

    compare.py OURS.json STORY.ndjson [--no-networkx]

Reads the bench's JSON (its figures and the root, leaves, path ends and window it chose).
Loading here is json.loads per line plus building the graph, the natural way in Python.
"""
import json
import statistics
import sys
import time
from collections import defaultdict
from datetime import datetime, timezone

import igraph
import networkx


def parse_earliest(date):
    """Earliest instant of the generator's dates: minute, day or month, all UTC."""
    if "T" in date:
        return datetime.strptime(date, "%Y-%m-%dT%H:%MZ").replace(tzinfo=timezone.utc).timestamp()
    if len(date) == 10:
        return datetime.strptime(date, "%Y-%m-%d").replace(tzinfo=timezone.utc).timestamp()
    return datetime.strptime(date, "%Y-%m").replace(tzinfo=timezone.utc).timestamp()


def timed(work, runs=1):
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main():
    ours_path, story_path = sys.argv[1], sys.argv[2]
    with_networkx = "--no-networkx" not in sys.argv
    ours = json.load(open(ours_path))
    theirs = {"igraph": {}, "networkx": {}}

    # Load: parse every line, keep ids, actors, earliest instants and edges.
    def load():
        index, actor_of, earliest, edges = {}, [], [], []
        pending = []
        with open(story_path) as f:
            for line in f:
                obj = json.loads(line)
                if "eventgraph" in obj or obj.get("type") == "actor":
                    continue
                index[obj["id"]] = len(actor_of)
                actor_of.append(obj["actor"])
                earliest.append(parse_earliest(obj["date"]))
                for target in obj.get("responds_to", []):
                    pending.append((len(actor_of) - 1, target, "responds-to"))
                for rel in obj.get("relations", []):
                    pending.append((len(actor_of) - 1, rel["to"], rel["type"]))
        for source, target, kind in pending:
            edges.append((source, index[target], kind))
        return index, actor_of, earliest, edges

    load_time, (index, actor_of, earliest, edges) = timed(load)
    pairs = [(s, t) for s, t, _ in edges]
    n = len(actor_of)
    for lib in theirs:
        theirs[lib]["load_ndjson"] = load_time

    # Build.
    build_time, g = timed(lambda: igraph.Graph(n=n, edges=pairs, directed=True))
    theirs["igraph"]["build"] = build_time
    if with_networkx:
        def nx_build():
            d = networkx.DiGraph()
            d.add_nodes_from(range(n))
            d.add_edges_from(pairs)
            return d
        nx_time, d = timed(nx_build)
        theirs["networkx"]["build"] = nx_time

    root = index[ours["root"]]
    # Edges point from the response to what it answers: descendants follow in-edges.
    theirs["igraph"]["chain_down"], down = timed(lambda: g.subcomponent(root, mode="in"), 3)
    if with_networkx:
        theirs["networkx"]["chain_down"], _ = timed(lambda: networkx.ancestors(d, root), 3)

    leaves = [index[i] for i in ours["leaves"]]
    def per_leaf(fn):
        times = []
        for leaf in leaves:
            start = time.perf_counter()
            fn(leaf)
            times.append(time.perf_counter() - start)
        return statistics.median(times)
    theirs["igraph"]["chain_up_median"] = per_leaf(lambda v: g.subcomponent(v, mode="out"))
    if with_networkx:
        theirs["networkx"]["chain_up_median"] = per_leaf(lambda v: networkx.descendants(d, v))

    # Path: plain shortest path (neither library knows our rule about time).
    src, dst = index[ours["path_from"]], index[ours["path_to"]]
    theirs["igraph"]["path"], _ = timed(
        lambda: g.get_shortest_paths(dst, to=src, mode="out", output="vpath"), 5)
    if with_networkx:
        theirs["networkx"]["path"], _ = timed(
            lambda: networkx.shortest_path(d, dst, src), 5)

    # Events in the week: a scan of the earliest instants (no time index in either library).
    lo, hi = ours["window_from"], ours["window_to"]
    scan = lambda: [i for i in range(n) if lo <= earliest[i] <= hi]
    t, _ = timed(scan, 5)
    theirs["igraph"]["events_week"] = t
    theirs["networkx"]["events_week"] = t

    # Actors: counts and median latency per (responder actor, answered actor).
    def actors():
        latencies = defaultdict(list)
        for s, t, kind in edges:
            if kind in ("cites", "part-of"):
                continue
            latencies[(actor_of[s], actor_of[t])].append(max(0.0, earliest[s] - earliest[t]))
        return {k: (len(v), statistics.median(v), min(v)) for k, v in latencies.items()}
    t, _ = timed(actors, 1)
    theirs["igraph"]["actors_projection"] = t
    theirs["networkx"]["actors_projection"] = t

    keys = ["load_ndjson", "build", "chain_down", "chain_up_median", "path", "events_week",
            "actors_projection"]
    print(f"{story_path}: {n} events; eventgraph time / python time (below 1: eventgraph is faster)")
    print(f"  {'measure':<20} {'eventgraph':>12} {'igraph':>12} {'ratio':>8} {'networkx':>12} {'ratio':>8}")
    result = {}
    for k in keys:
        mine = ours["ours"].get(k)
        row = f"  {k:<20} {fmt(mine):>12}"
        for lib in ("igraph", "networkx"):
            other = theirs[lib].get(k)
            ratio = mine / other if mine and other else None
            row += f" {fmt(other):>12} {('%.4f' % ratio) if ratio else '-':>8}"
            result.setdefault(lib, {})[k] = {"seconds": other, "ratio": ratio}
        print(row)
    print("  (python events_week and actors_projection are plain Python, the same for both)")
    with open(ours_path.replace(".json", ".python.json"), "w") as f:
        json.dump(result, f, indent=2)


def fmt(seconds):
    if seconds is None:
        return "-"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.2f} µs"


if __name__ == "__main__":
    main()
