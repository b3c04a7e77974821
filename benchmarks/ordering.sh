#!/bin/sh
# Per-session ordering: deliveries/s of one no-op handler with ordering: session (1,000 sessions)
# against ordering: none, the memory store, alternating, 5 rounds (OrderingBench).
# Usage: benchmarks/ordering.sh [--quick] [options]
set -eu
. "$(dirname "$0")/common.sh"
. "$here/charts.sh"
if [ -n "$quick" ]; then
  set -- --rounds 1 --deliveries 20000 "$@"
fi
bounded 1200 "$java_cmd" -cp "$jar" dev.switchboard.benchmarks.ordering.OrderingBench \
  --work "$out/ordering" --out "$out/ordering.md" "$@"
draw_ordering "$out/ordering.md" "$out"
