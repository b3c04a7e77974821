#!/bin/sh
# Memory: heap per pending delivery, 100,000 deliveries queued behind a receiver that never answers.
# Usage: benchmarks/memory.sh [--quick] [options]
set -eu
. "$(dirname "$0")/common.sh"
if [ -n "$quick" ]; then
  set -- --pending 20000 "$@"
fi
bounded 300 "$java_cmd" -cp "$jar" dev.switchboard.benchmarks.memory.MemoryBench \
  --plugins "$dist/plugins" --out "$out/memory.md" "$@"
