#!/bin/sh
# Memory: heap (after full GC) and disk per pending delivery behind a receiver that never answers,
# with the SQLite store at 100,000, 300,000 and 1,000,000 pending deliveries (the heap must stay flat),
# then with the memory store at 100,000 and 300,000. Usage: benchmarks/memory.sh [--quick] [options]
set -eu
. "$(dirname "$0")/common.sh"
. "$here/charts.sh"
if [ -n "$quick" ]; then
  sqlite_counts=20000,60000
  memory_counts=20000
else
  sqlite_counts=100000,300000,1000000
  memory_counts=100000,300000
fi
# Only the webhook plugin: benchmarks.jar holds the secure filter (its own benchmark calls it), and a
# plugin may not provide a type the class path already does.
plugins=$out/memory-plugins
rm -rf "$plugins" && mkdir -p "$plugins"
cp "$dist"/plugins/switchboard-plugin-webhook-*.jar "$plugins/"
# The options given go to both runs; a later --pending overrides the counts above.
bounded 900 "$java_cmd" -cp "$jar" dev.switchboard.benchmarks.memory.MemoryBench \
  --plugins "$plugins" --store sqlite-full --pending "$sqlite_counts" --data "$out/memory-data" \
  --out "$out/memory-sqlite.md" "$@"
bounded 600 "$java_cmd" -cp "$jar" dev.switchboard.benchmarks.memory.MemoryBench \
  --plugins "$plugins" --store memory --pending "$memory_counts" --data "$out/memory-data" \
  --out "$out/memory-memory.md" "$@"
cat "$out/memory-sqlite.md" "$out/memory-memory.md" > "$out/memory.md"
draw_memory "$out/memory.md" "$out"
