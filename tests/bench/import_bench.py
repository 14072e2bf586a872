#!/usr/bin/env python3
"""The importers' benchmark (docs/benchmarks.md, "Import"): for each format, N synthetic records
(tests/bench/import_inputs.py) imported to NDJSON by a release eventgraph, next to two baselines
measured in the same run: `eventgraph validate` of the NDJSON the import wrote (reading the same
story as eventgraph's own format), and a plain Python read of the input (json per line, one
json.load, csv.reader, or mailbox.mbox), what a user would otherwise script. Each time is the
median of --runs runs; memory is each command's peak resident set (GNU time).

    cmake --preset release -B build/bench && cmake --build build/bench -j2 --target eventgraph
    tests/bench/import_bench.py 1000000            # or: --formats x,mbox --runs 1
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import import_inputs  # noqa: E402

# How a user would read each input in plain Python: the whole file, every record touched.
PYTHON_READ = {
    "jsonl": "import json,sys\nn=0\nfor line in open(sys.argv[1],encoding='utf-8'):\n"
             "    n+=len(json.loads(line))\n",
    "json": "import json,sys\nn=len(json.load(open(sys.argv[1],encoding='utf-8'))['orderedItems'])\n",
    "csv": "import csv,sys\nn=sum(1 for row in csv.reader(open(sys.argv[1],encoding='utf-8',newline='')))\n",
    "mbox": "import mailbox,sys\nn=sum(1 for m in mailbox.mbox(sys.argv[1]) if m['Message-ID'])\n",
}
READER = {"csv": "csv", "timelinejs": "csv", "timesketch": "jsonl", "x": "jsonl",
          "activitystreams": "json", "bluesky": "jsonl", "mbox": "mbox"}


def timed(command):
    """Seconds of one run of `command`, which must succeed."""
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr.decode()[-2000:]}")
    return seconds


def peak_mb(command):
    """Peak resident set of one run, from GNU time (exact per run, unlike getrusage's max)."""
    done = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def median_time(command, runs):
    return statistics.median(timed(command) for _ in range(runs))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=1000000)
    parser.add_argument("--data", default=os.path.join(os.environ.get("TMPDIR", "/tmp"),
                                                        "eventgraph-bench", "import"))
    parser.add_argument("--eventgraph", default=os.path.join(ROOT, "build", "bench", "eventgraph"))
    parser.add_argument("--python", default="/usr/bin/python3")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", default=",".join(import_inputs.FORMATS))
    args = parser.parse_args()
    formats = args.formats.split(",")
    subprocess.run([sys.executable, os.path.join(HERE, "import_inputs.py"), str(args.n), args.data]
                   + formats, check=True)
    print(f"{args.n} records per format, median of {args.runs}; ratios are the import's time "
          "over the baseline's (below 1: the import is faster)")
    header = (f"{'format':<16}{'input_MB':>9}{'import_s':>9}{'MB/s':>7}{'validate_s':>11}"
              f"{'x_valid':>8}{'python_s':>9}{'x_py':>6}{'import_MB':>10}{'valid_MB':>9}")
    print(header)
    for name in formats:
        source = os.path.join(args.data, f"{args.n}-{import_inputs.FILES[name]}")
        story = os.path.join(args.data, f"{args.n}-{name}.ndjson")
        size = os.path.getsize(source) / 1e6
        imp = [args.eventgraph, "import", name, source, "-o", story]
        val = [args.eventgraph, "validate", story]
        py = [args.python, "-c", PYTHON_READ[READER[name]], source]
        t_import = median_time(imp, args.runs)
        t_validate = median_time(val, args.runs)
        t_python = median_time(py, args.runs)
        print(f"{name:<16}{size:>9.0f}{t_import:>9.2f}{size / t_import:>7.0f}{t_validate:>11.2f}"
              f"{t_import / t_validate:>8.2f}{t_python:>9.2f}{t_import / t_python:>6.2f}"
              f"{peak_mb(imp):>10.0f}{peak_mb(val):>9.0f}", flush=True)


if __name__ == "__main__":
    main()
