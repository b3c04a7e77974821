#!/bin/sh
# Work sharing on the PostgreSQL store (issue 12): 1, 2 and 3 runtimes on one embedded PostgreSQL,
# concurrency 8 per runtime, a receiver with a fixed 20 ms latency; interleaved rounds, the ratio
# taken per round. Usage: benchmarks/worksharing.sh [EVENTS [ROUNDS]] (default 3000 3)
set -eu
. "$(dirname "$0")/common.sh"
. "$here/charts.sh"
bounded 1800 "$java_cmd" -cp "$jar" dev.switchboard.benchmarks.shared.WorkSharingBench "$@" \
  | tee "$out/worksharing.txt"
draw_worksharing "$out/worksharing.txt" "$out"
