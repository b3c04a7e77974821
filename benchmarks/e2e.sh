#!/bin/sh
# End-to-end delivery against the raw HTTP limit: cold (fresh process, 2,000 events) and steady
# (500,000 warm-up events, then 50,000 measured), the raw sender and Switchboard with the SQLite
# store (sync: full, sync: normal) and the memory store interleaved, each Switchboard run on a fresh
# data folder, 5 rounds; then steady after the shortest warm-up the issue allows (50,000), 3 rounds.
# Usage: benchmarks/e2e.sh [--quick] [E2eBench options, e.g. --rounds 5]
set -eu
# shellcheck disable=SC2086 # on_cpu0 is a command prefix or nothing
. "$(dirname "$0")/common.sh"
. "$here/charts.sh"
e2e() {
  # This process is the receiver, on CPU 0; it pins each sender to CPU 1.
  bounded 3600 $on_cpu0 "$java_cmd" -cp "$jar" dev.switchboard.benchmarks.e2e.E2eBench \
    --dist "$dist" --sender-cpu 1 "$@"
}
if [ -n "$quick" ]; then
  e2e --work "$out/e2e" --out "$out/e2e.md" --rounds 1 --warm-n 10000 --steady-n 10000 "$@"
  draw_e2e "$out/e2e.md" "$out"
else
  e2e --work "$out/e2e" --out "$out/e2e.md" --rounds 5 "$@"
  e2e --work "$out/e2e-warm-50k" --out "$out/e2e-warm-50k.md" --regimes steady --warm-n 50000 --rounds 3 "$@"
  draw_e2e "$out/e2e.md" "$out"
  draw_e2e "$out/e2e-warm-50k.md" "$out" e2e-warm-50k
fi
