#!/bin/sh
# Start-up: bin/switchboard run to /readyz 200 with the bundled plugin JARs (and the secure filter's),
# median of 10, beside the same without the CDS archive and a bare JVM. Usage: benchmarks/startup.sh [--quick] [options]
set -eu
. "$(dirname "$0")/common.sh"
. "$here/charts.sh"
if [ -n "$quick" ]; then
  set -- --runs 3 "$@"
fi
bounded 600 "$java_cmd" -cp "$jar" dev.switchboard.benchmarks.startup.StartupBench \
  --dist "$dist" --work "$out/startup" --plugin "${secure_filter:-}" --out "$out/startup.md" "$@"
draw_startup "$out/startup.md" "$out"
