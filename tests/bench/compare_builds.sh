#!/bin/sh
# Before/after: the graph benchmark of two builds on the same stories, interleaved in one run
# (this VM drifts by 20-30% between runs, so only a comparison within one run means anything).
#
#     tests/bench/compare_builds.sh OLD_BUILD_DIR NEW_BUILD_DIR STORY.ndjson [ROUNDS]
#
# Each build dir holds an eventgraph_bench (a release build with EVENTGRAPH_BUILD_BENCHMARKS=ON,
# as tests/bench/run.sh makes). Runs old, new, old, new... ROUNDS times (default 3) and prints
# each figure's median for both and the ratio new/old (below 1 is faster).
set -eu
old=$1 new=$2 story=$3 rounds=${4:-3}
python=${EVENTGRAPH_PYTHON:-/usr/bin/python3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
deep=""
case "$(basename "$story")" in thread-*) deep=--deep ;; esac
i=1
while [ "$i" -le "$rounds" ]; do
  "$old/eventgraph_bench" $deep --json "$out/old-$i.json" "$story" >/dev/null
  "$new/eventgraph_bench" $deep --json "$out/new-$i.json" "$story" >/dev/null
  i=$((i + 1))
done
"$python" - "$out" "$rounds" "$story" <<'PY'
import json, statistics, sys
out, rounds, story = sys.argv[1], int(sys.argv[2]), sys.argv[3]
runs = {side: [json.load(open(f"{out}/{side}-{i}.json"))["ours"] for i in range(1, rounds + 1)]
        for side in ("old", "new")}
print(f"{story}: medians of {rounds} interleaved runs each")
print(f"  {'figure':24} {'old':>12} {'new':>12} {'new/old':>8}")
for key in runs["old"][0]:
    if key not in runs["new"][0]:
        continue
    a = statistics.median(r[key] for r in runs["old"])
    b = statistics.median(r[key] for r in runs["new"])
    unit, scale = ("ms", 1e3) if a >= 1e-3 else ("µs", 1e6)
    print(f"  {key:24} {a * scale:9.2f} {unit} {b * scale:9.2f} {unit} {b / a if a else float('nan'):8.2f}")
PY
