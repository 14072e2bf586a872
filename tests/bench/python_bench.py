"""The Python module at scale (docs/benchmarks.md, "Python module"), run on demand:

    cmake --workflow --preset release
    build/release/eventgraph generate --events 1000000 --actors 5010 --seed 1 \\
        --from 2020-01-01 --to 2025-12-31 -o /tmp/eventgraph-bench/story-1000000.ndjson
    PYTHONPATH=build/release/python /usr/bin/python3 tests/bench/python_bench.py \\
        --bench build/release/eventgraph_bench /tmp/eventgraph-bench/story-1000000.ndjson

In one run: the C++ load (eventgraph_bench's median of three) and eventgraph.load() of the same
file (median of three), to_pandas(), to_networkx(), and networkx.read_graphml() of the GraphML
export (written by story.export("graphml") to a temporary file), each with its ratio.
Single-threaded, wall time.
"""

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import eventgraph as eg


def timed(work, runs):
    """(median seconds, last result) of `runs` calls."""
    times, result = [], None
    for _ in range(runs):
        result = None
        gc.collect()
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def row(label, seconds, note=""):
    print(f"  {label:<52} {seconds:9.3f} s  {note}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bench", required=True, help="the release eventgraph_bench")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--no-read-graphml", action="store_true",
                   help="leave out networkx.read_graphml (minutes at a million events)")
    p.add_argument("story")
    a = p.parse_args()

    with tempfile.TemporaryDirectory(prefix="eventgraph-python-bench-") as tmp:
        report = os.path.join(tmp, "bench.json")
        subprocess.run([a.bench, "--json", report, a.story], check=True,
                       stdout=subprocess.DEVNULL)
        cpp_load = json.load(open(report))["ours"]["load_ndjson"]

        py_load, story = timed(lambda: eg.load(a.story), a.runs)
        print(f"{a.story}: {len(story.events)} events, {len(story.actors)} actors, "
              f"{os.path.getsize(a.story) / 1e6:.0f} MB")
        row("load, C++ (eventgraph_bench, median of 3)", cpp_load)
        row(f"load, eventgraph.load() (median of {a.runs})", py_load,
            f"{py_load / cpp_load:.2f}x the C++ load")

        pandas_time, (events, relations) = timed(story.to_pandas, a.runs)
        row(f"to_pandas() (median of {a.runs})", pandas_time,
            f"{len(events)} + {len(relations)} rows")
        del events, relations

        nx_time, g = timed(story.to_networkx, a.runs)
        row(f"to_networkx() (median of {a.runs})", nx_time,
            f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
        del g

        if not a.no_read_graphml:
            import networkx

            path = os.path.join(tmp, "story.graphml")
            export_time, _ = timed(lambda: open(path, "w").write(story.export("graphml")), 1)
            row("export('graphml') to a file (once)", export_time,
                f"{os.path.getsize(path) / 1e6:.0f} MB")
            read_time, g = timed(lambda: networkx.read_graphml(path, force_multigraph=True), 1)
            row("networkx.read_graphml() of it (once)", read_time,
                f"to_networkx() takes {nx_time / read_time:.2f}x its time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
