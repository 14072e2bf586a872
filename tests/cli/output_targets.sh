#!/bin/sh
# `-o` with the real binary onto what is not a plain new file: /dev/null (still a character
# device afterwards, which matters as root, as CI runs it), a FIFO with a reader, /dev/stdout,
# a symlink, a 0600 file, a hard link, and an input file (refused, exit 2).
# Usage: output_targets.sh EVENTGRAPH STORY
set -eu
eg=$1
story=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$eg" export "$story" -f json -o "$dir/plain.json"

"$eg" export "$story" -f json -o /dev/null
if ! test -c /dev/null; then
  # A regression replaced the device with a file: put the device back before failing, so the
  # machine's other programs keep working.
  rm -f /dev/null && mknod -m 666 /dev/null c 1 3
  fail "/dev/null is no longer a character device"
fi

mkfifo "$dir/fifo"
cat "$dir/fifo" >"$dir/from-fifo" &
reader=$!
"$eg" export "$story" -f json -o "$dir/fifo"
wait "$reader"
test -p "$dir/fifo" || fail "the FIFO was replaced"
cmp "$dir/from-fifo" "$dir/plain.json" || fail "the FIFO's reader got other bytes"

"$eg" export "$story" -f json -o /dev/stdout >"$dir/stdout.json"
cmp "$dir/stdout.json" "$dir/plain.json" || fail "/dev/stdout got other bytes"

mkdir "$dir/real"
echo old >"$dir/real/target.json"
ln -s "$dir/real/target.json" "$dir/link.json"
"$eg" export "$story" -o "$dir/link.json"
test -L "$dir/link.json" || fail "the symlink was replaced"
cmp "$dir/real/target.json" "$dir/plain.json" || fail "the symlink's target was not written"

echo old >"$dir/secret.json"
chmod 600 "$dir/secret.json"
"$eg" export "$story" -o "$dir/secret.json"
test "$(stat -c %a "$dir/secret.json")" = 600 || fail "the 0600 file changed mode"

ln "$dir/secret.json" "$dir/hard.json"
echo old >"$dir/secret.json"
"$eg" export "$story" -o "$dir/secret.json"
test "$(stat -c %h "$dir/secret.json")" = 2 || fail "the hard link was broken"
cmp "$dir/hard.json" "$dir/plain.json" || fail "the other name of the hard link kept the old text"

cp "$story" "$dir/story.yaml"
status=0
"$eg" export "$dir/story.yaml" -f json -o "$dir/story.yaml" 2>"$dir/err" || status=$?
test "$status" = 2 || fail "-o = input exited $status, not 2"
grep -q "is the input file" "$dir/err" || fail "-o = input: no message"
cmp "$story" "$dir/story.yaml" || fail "-o = input changed the input"
# import writes through the same output: a symlink's target, never its input.
sheet="$(dirname "$0")/../data/import/csv/newsroom.csv"
"$eg" import csv "$sheet" -o "$dir/imported.yaml" 2>/dev/null
echo old >"$dir/real/imported.yaml"
ln -s "$dir/real/imported.yaml" "$dir/imported-link.yaml"
"$eg" import csv "$sheet" -o "$dir/imported-link.yaml" 2>/dev/null
test -L "$dir/imported-link.yaml" || fail "import replaced the symlink"
cmp "$dir/real/imported.yaml" "$dir/imported.yaml" || fail "import did not write the symlink's target"
cp "$sheet" "$dir/sheet.yaml"
status=0
"$eg" import csv "$dir/sheet.yaml" -o "$dir/sheet.yaml" 2>"$dir/err" || status=$?
test "$status" = 2 || fail "import -o = input exited $status, not 2"
grep -q "is the input file" "$dir/err" || fail "import -o = input: no message"
cmp "$sheet" "$dir/sheet.yaml" || fail "import -o = input changed the input"
echo ok
