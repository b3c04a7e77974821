#!/bin/sh
# Group commit against one transaction per event: the SQLite store's accepts/s with 64 threads,
# sync: full and normal, the four configurations alternating, 5 rounds of 3 s each (core's
# SqliteStoreBench, in benchmarks.jar when built with -Pjmh).
# Usage: benchmarks/groupcommit.sh [--quick] [SECONDS THREADS ROUNDS [FOLDER]]
set -eu
. "$(dirname "$0")/common.sh"
. "$here/charts.sh"
main=dev.switchboard.core.store.SqliteStoreBench
if command -v unzip >/dev/null 2>&1 && ! unzip -l "$jar" | grep -q "dev/switchboard/core/store/SqliteStoreBench.class"; then
  echo "$(basename "$0"): benchmarks.jar lacks core's benchmarks; build with: mvn -q package -DskipTests -Pjmh" >&2
  exit 2
fi
if [ $# -eq 0 ]; then
  if [ -n "$quick" ]; then set -- 1 64 1; else set -- 3 64 5; fi
fi
# The database files go to a folder under the results (removed after each run), on the disk measured.
bounded 600 "$java_cmd" -cp "$jar" "$main" "$1" "$2" "$3" "${4:-$out/groupcommit-data}" | tee "$out/groupcommit.txt"
sed -n '/ threads, /,$p' "$out/groupcommit.txt" > "$out/groupcommit.md"
draw_groupcommit "$out/groupcommit.md" "$out"
