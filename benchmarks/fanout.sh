#!/bin/sh
# Fan-out: CPU and context switches per delivery to 1, 5 and 20 no-op handlers, with the memory
# store and SQLite (sync: normal and full), interleaved, 3 rounds (FanOutBench); the throughput view
# of the same is DispatchBenchmark in jmh.sh. Usage: benchmarks/fanout.sh [--quick] [options]
set -eu
. "$(dirname "$0")/common.sh"
. "$here/charts.sh"
if [ -n "$quick" ]; then
  set -- --rounds 1 --deliveries 20000 "$@"
fi
bounded 1800 "$java_cmd" -cp "$jar" dev.switchboard.benchmarks.fanout.FanOutBench \
  --work "$out/fanout" --out "$out/fanout.md" "$@"
draw_fanout "$out/fanout.md" "$out"
