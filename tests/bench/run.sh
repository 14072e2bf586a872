#!/bin/sh
# The graph benchmark, in one command (docs/benchmarks.md):
#
#     tests/bench/run.sh                 # 10k, 100k and 1M events, plus a 1M-long thread
#     tests/bench/run.sh 10000 100000    # chosen sizes only (no deep thread)
#
# Builds a release eventgraph and eventgraph_bench, generates the stories (seed 1), runs the
# bench, then tests/bench/compare.py times the same work in python-igraph and networkx
# (Debian's /usr/bin/python3) and prints our time as a ratio to theirs. Single-threaded.
# EVENTGRAPH_BENCH_BUILD (build dir) and EVENTGRAPH_BENCH_DATA (where stories go) override.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${EVENTGRAPH_BENCH_BUILD:-$root/build/bench}
data=${EVENTGRAPH_BENCH_DATA:-${TMPDIR:-/tmp}/eventgraph-bench}
python=${EVENTGRAPH_PYTHON:-/usr/bin/python3}
deep=no
if [ $# -eq 0 ]; then set -- 10000 100000 1000000; deep=yes; fi

cmake --preset release -B "$build" -DEVENTGRAPH_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$build" -j2 --target eventgraph eventgraph_bench >/dev/null
mkdir -p "$data"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB"

for n in "$@"; do
  story="$data/story-$n.ndjson"
  actors=$((n / 200 + 10))
  [ -f "$story" ] || "$build/eventgraph" generate --events "$n" --actors "$actors" --seed 1 \
    --from 2020-01-01 --to 2025-12-31 -o "$story"
  copies=""
  # The same story as one JSON document (up to 100k) and as YAML (10k): load time only.
  if [ "$n" -le 100000 ]; then
    "$python" - "$story" "$n" <<'PY'
import json, sys
path, n = sys.argv[1], int(sys.argv[2])
doc, actors, events = None, [], []
for line in open(path):
    obj = json.loads(line)
    if "eventgraph" in obj: doc = obj
    elif obj.get("type") == "actor": obj.pop("type"); actors.append(obj)
    else: events.append(obj)
doc["actors"], doc["events"] = actors, events
json.dump(doc, open(path.replace(".ndjson", ".json"), "w"))
if n <= 10000:
    import yaml
    yaml.safe_dump(doc, open(path.replace(".ndjson", ".yaml"), "w"), sort_keys=False)
PY
    copies="${story%.ndjson}.json"
    [ "$n" -le 10000 ] && copies="$copies ${story%.ndjson}.yaml"
  fi
  echo
  # shellcheck disable=SC2086
  "$build/eventgraph_bench" --json "$data/result-$n.json" "$story" $copies
  "$python" "$root/tests/bench/compare.py" "$data/result-$n.json" "$story"
done

if [ "$deep" = yes ]; then
  story="$data/thread-1000000.ndjson"
  [ -f "$story" ] || "$build/eventgraph" generate --events 1000000 --actors 20 --seed 1 \
    --deep-thread -o "$story"
  echo
  "$build/eventgraph_bench" --deep --json "$data/result-thread.json" "$story"
  # The commands a user runs on the million-long chain, end to end (load included).
  time_cmd() {
    start=$(date +%s%N)
    "$build/eventgraph" "$@" >/dev/null
    echo "  eventgraph $*: $(( ($(date +%s%N) - start) / 1000000 )) ms"
  }
  time_cmd chain e0 "$story" --json
  time_cmd chain e999999 "$story" --direction up --depth 3
  time_cmd path e0 e999999 "$story"
  time_cmd stats "$story"
fi
