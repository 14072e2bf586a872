#!/bin/sh
# Re-imports every input of samples/import/ into the story beside it, and redraws the user
# guide's timelines (docs/images/import-<name>.png). tests/cli/import_samples_test.cpp checks
# that each story is what importing its input writes, byte for byte.
#   samples/import/regenerate.sh [path/to/eventgraph]   (default: build/dev/eventgraph)
set -eu
eventgraph=${1:-build/dev/eventgraph}
cd "$(dirname "$0")/../.."
while read -r format input; do
  name=${input%.*}
  "$eventgraph" import "$format" "samples/import/$input" -o "samples/import/$name.yaml"
  "$eventgraph" render "samples/import/$name.yaml" --layout timeline -o "docs/images/import-$name.png"
done <<'LIST'
csv newsroom-sheet.csv
timelinejs harbor-timeline.csv
timesketch intrusion-timeline.jsonl
x elm-street-tweets.js
activitystreams riverside-outbox.json
bluesky garden-thread.json
mbox dev-list.mbox
LIST
