#!/bin/sh
# Renders each story as SVG in both layouts, once as it is and once with a --title holding
# U+FFFE, U+FFFF, a C1 control and invalid UTF-8 (a story file cannot hold invalid UTF-8: the
# loader refuses it), and checks every file with xmllint.
# Usage: check_svg_xml.sh EVENTGRAPH XMLLINT OUT.svg STORY...
set -e
eventgraph=$1 xmllint=$2 out=$3
shift 3
bad_title=$(printf 'Bad \357\277\276 \357\277\277 \302\205 \377\376 \300\257 end')
for story in "$@"; do
  for layout in graphviz timeline; do
    "$eventgraph" render "$story" --layout "$layout" -o "$out" >/dev/null
    "$xmllint" --noout "$out"
    "$eventgraph" render "$story" --layout "$layout" --title "$bad_title" -o "$out" >/dev/null
    "$xmllint" --noout "$out"
  done
done
