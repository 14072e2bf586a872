#!/bin/sh
# Every command with standard output on /dev/full exits 3 and says why.
# Usage: full_stdout.sh EVENTGRAPH STORY EVENT
set -u
eg=$1
story=$2
event=$3
err=$(mktemp)
trap 'rm -f "$err"' EXIT
failed=0
check() {
  "$eg" "$@" >/dev/full 2>"$err"
  status=$?
  if [ "$status" != 3 ] ||
    ! grep -q "^error: cannot write to standard output: No space left on device$" "$err"; then
    echo "FAIL: eventgraph $* > /dev/full exited $status: $(cat "$err")" >&2
    failed=1
  fi
}
check validate "$story"
check chain "$event" "$story"
check chain "$event" "$story" --json
check path "$event" "$event" "$story"
check events "$story"
check events "$story" --json
check actors "$story"
check stats "$story" --json
check export "$story" -f json
check render "$story" --format dot -o -
check generate --events 10 --actors 2
check import csv "$(dirname "$0")/../data/import/csv/newsroom.csv"
check --help
exit "$failed"
