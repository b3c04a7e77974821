#!/bin/sh
# Every benchmark, one after the other, then one summary: target/results/summary.md.
# Usage: benchmarks/run-all.sh [--quick]   (quick: a few minutes, for checking the scripts, not for figures)
set -eu
. "$(dirname "$0")/common.sh"
mode=${quick:+--quick}
started=$(date +%s)
: > "$out/load.txt"
for step in memory startup jmh fanout groupcommit ingest e2e; do
  echo "=== $step"
  # The machine may be shared: the load average before each step goes into the summary.
  echo "$step: load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) before" >> "$out/load.txt"
  # shellcheck disable=SC2086 # mode is empty or one word
  "$here/$step.sh" $mode
done
{
  echo "# Switchboard benchmarks"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $("$java_cmd" -version 2>&1 | head -n 1)${quick:+, quick mode (not for figures)}"
  echo
  sed 's/^/    /' "$out/load.txt"
  for step in e2e ingest groupcommit fanout startup memory; do
    echo
    echo "## $step"
    echo
    cat "$out/$step.md"
    # the step's charts (e2e: also e2e-warm-50k.png), beside summary.md
    for png in "$out/$step".png "$out/$step"-*.png; do
      if [ -f "$png" ]; then echo; echo "![$step]($(basename "$png"))"; fi
    done
    if [ "$step" = e2e ] && [ -f "$out/e2e-warm-50k.md" ]; then
      echo
      echo "Steady after the shortest warm-up (50,000 events):"
      echo
      cat "$out/e2e-warm-50k.md"
    fi
  done
  echo
  echo "## jmh"
  echo
  echo '```'
  sed -n '/^Benchmark /,$p' "$out/jmh.txt"
  echo '```'
  for png in "$out"/jmh-*.png; do
    if [ -f "$png" ]; then echo; echo "![jmh]($(basename "$png"))"; fi
  done
} > "$out/summary.md"
echo "=== done in $(( $(date +%s) - started )) s: $out/summary.md"
