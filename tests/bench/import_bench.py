#!/usr/bin/env python3
"""The importers' benchmark (docs/benchmarks.md, "Import"): for each format, N synthetic records
(tests/bench/import_inputs.py) imported to NDJSON by a release eventgraph, next to three
baselines measured in the same run: `eventgraph validate` of the NDJSON the import wrote (reading
the same story as eventgraph's own format), `eventgraph export --format ndjson` of it (reading
it and writing it again: the import's work but for parsing its input), and a plain Python read
of the input (json per line, one json.load, csv.reader, or mailbox.mbox), what a user would
otherwise script. Each time is the
median of --runs runs; memory is the command's peak resident set (GNU time, the largest of
the runs).

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
    """(seconds, peak resident MB) of one run of `command`, which must succeed; the peak from
    GNU time, exact for each run."""
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr[-2000:]}")
    return seconds, int(done.stderr.strip().splitlines()[-1]) / 1024


def measure(command, runs):
    """Median seconds and largest peak MB over `runs` runs."""
    results = [timed(command) for _ in range(runs)]
    return statistics.median(t for t, _ in results), max(m for _, m in results)


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
              f"{'x_valid':>8}{'export_s':>9}{'x_exp':>6}{'python_s':>9}{'x_py':>6}"
              f"{'import_MB':>10}{'valid_MB':>9}")
    print(header)
    for name in formats:
        source = os.path.join(args.data, f"{args.n}-{import_inputs.FILES[name]}")
        story = os.path.join(args.data, f"{args.n}-{name}.ndjson")
        size = os.path.getsize(source) / 1e6
        imp = [args.eventgraph, "import", name, source, "-o", story]
        val = [args.eventgraph, "validate", story]
        again = [args.eventgraph, "export", "--format", "ndjson", story, "-o",
                 os.path.join(args.data, f"{args.n}-{name}-again.ndjson")]
        py = [args.python, "-c", PYTHON_READ[READER[name]], source]
        t_import, m_import = measure(imp, args.runs)
        t_validate, m_validate = measure(val, args.runs)
        t_export, _ = measure(again, args.runs)
        t_python, _ = measure(py, args.runs)
        print(f"{name:<16}{size:>9.0f}{t_import:>9.2f}{size / t_import:>7.0f}{t_validate:>11.2f}"
              f"{t_import / t_validate:>8.2f}{t_export:>9.2f}{t_import / t_export:>6.2f}"
              f"{t_python:>9.2f}{t_import / t_python:>6.2f}"
              f"{m_import:>10.0f}{m_validate:>9.0f}", flush=True)

if __name__ == "__main__":
    main()
