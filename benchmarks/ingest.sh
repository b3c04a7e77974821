#!/bin/sh
# Ingest: POST /v1/events of a runtime with the memory store, one with SQLite sync: full and one with
# sync: normal, against a trivial Jetty endpoint in the same process (single events on 64
# connections, NDJSON batches of 100), interleaved, 5 rounds. Usage: benchmarks/ingest.sh [--quick] [options]
set -eu
# shellcheck disable=SC2086 # on_cpu0 is a command prefix or nothing
. "$(dirname "$0")/common.sh"
. "$here/charts.sh"
if [ -n "$quick" ]; then
  set -- --rounds 1 --single 10000 --batches 200 "$@"
else
  set -- --rounds 5 "$@"
fi
# This process is the server, on CPU 0; it pins the load generator to CPU 1.
bounded 1800 $on_cpu0 "$java_cmd" -cp "$jar" dev.switchboard.benchmarks.ingest.IngestBench \
  --load-cpu 1 --work "$out/ingest" --out "$out/ingest.md" "$@"
draw_ingest "$out/ingest.md" "$out"
