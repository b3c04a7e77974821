#!/bin/sh
# Draws the charts of the runs recorded in RESULTS.md from the tables beside this script (each
# copied from RESULTS.md, its source named at its top) with the scripts' own chart commands.
# Needs benchmarks.jar only (mvn -q -pl benchmarks -am package -DskipTests). Usage: benchmarks/results/draw.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd -P)
jar=$(dirname "$here")/target/benchmarks.jar
java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
if [ ! -f "$jar" ]; then
  echo "$(basename "$0"): build first: mvn -q -pl benchmarks -am package -DskipTests" >&2
  exit 2
fi
. "$(dirname "$here")/charts.sh"

draw_ordering "$here/ordering.md" "$here"
chart "$here/ordering-sqlite.md" "$here/ordering-sqlite.png" "Per-session ordering, SQLite (sync: normal): deliveries/s" \
  --category ordering --values "deliveries/s" --ratio-to none --axis "deliveries/s (median of rounds)"
draw_worksharing "$here/worksharing.md" "$here"
# the fan-out run recorded only its ratios: no fanout-cpu.png
chart "$here/fanout.md" "$here/fanout-ratio.png" "Fan-out: CPU per delivery ÷ one handler's (target ≤ 1.5× at 20)" \
  --category handlers --series store --values "CPU per delivery ÷" --axis "ratio to 1 handler (median of rounds)"
draw_groupcommit "$here/groupcommit.md" "$here"
draw_ingest "$here/ingest.md" "$here"
draw_memory "$here/memory.md" "$here"
draw_startup "$here/startup.md" "$here"
draw_e2e "$here/e2e.md" "$here"
# the durable-delivery run recorded its ratios to raw, not every rate
chart "$here/e2e-stores.md" "$here/e2e-stores.png" "End to end per store: events/s ÷ the raw HTTP limit (target ≥ 0.6×)" \
  --category regime --series sender --values "ratio to raw" --axis "ratio to raw (median of rounds)" --width 720
chart "$here/dispatch.md" "$here/dispatch.png" "Dispatch (JMH): events/s by handler count" \
  --category handlers --values "noop;noop-blocking" --axis "events/s (JMH score)"
