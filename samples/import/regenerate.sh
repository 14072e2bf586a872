#!/bin/sh
# Re-imports every input of samples/import/ into the story beside it, and redraws the user
# guide's timelines (docs/images/import-<name>.png). tests/cli/import_samples_test.cpp checks
# that each story is what importing its input writes, byte for byte.
#   samples/import/regenerate.sh [path/to/eventgraph]   (default: build/dev/eventgraph)
set -eu
eventgraph=${1:-build/dev/eventgraph}
cd "$(dirname "$0")/../.."
# Each line: the format, the input, and the title drawn on the timeline (most sources carry none).
while read -r format input title; do
  name=${input%.*}
  "$eventgraph" import "$format" "samples/import/$input" -o "samples/import/$name.yaml"
  "$eventgraph" render "samples/import/$name.yaml" --layout timeline --title "$title" \
    -o "docs/images/import-$name.png"
done <<'LIST'
csv newsroom-sheet.csv Pier 9 (a newsroom's sheet)
timelinejs harbor-timeline.csv Westport harbor delays (a TimelineJS sheet)
timesketch intrusion-timeline.jsonl Intrusion on web-01 (a Timesketch timeline)
x elm-street-tweets.js The Elm Street bike lane (an X archive)
activitystreams riverside-outbox.json Riverside library hours (a Mastodon outbox)
bluesky garden-thread.json The Oakfield garden lottery (a Bluesky thread)
mbox dev-list.mbox Release plan for 2.0 (a mailing list)
LIST
