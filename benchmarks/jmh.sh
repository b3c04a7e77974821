#!/bin/sh
# JMH: dispatch through the engine (1, 5, 20 no-op handlers) and its hand-off baseline, matching,
# redaction, JSON (matching, redaction and the event reader are core's, in benchmarks.jar when built
# with -Pjmh). Writes jmh.txt (JMH's text), jmh.json, jmh.md and the charts jmh-throughput.png
# and jmh-time.png. Usage: benchmarks/jmh.sh [--quick] [JMH options, e.g. -p handlers=1]
set -eu
. "$(dirname "$0")/common.sh"
. "$here/charts.sh"
if [ -n "$quick" ]; then
  set -- -wi 1 -i 2 -w 1 -r 1 "$@"
fi
bounded 1200 "$java_cmd" -jar "$jar" 'Dispatch|HandOff|Matching|Redaction|Json' \
  -rf json -rff "$out/jmh.json" "$@" | tee "$out/jmh.txt"
draw_jmh "$out/jmh.json" "$out"
