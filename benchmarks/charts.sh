# Sourced by the benchmark scripts (after common.sh) and by results/draw.sh: one PNG per comparison,
# drawn by TableChart from the Markdown tables of a result file. A chart that cannot be drawn is
# reported on stderr and does not fail the benchmark, whose figures are already written.
# shellcheck shell=sh

# chart IN OUT TITLE [TableChart options...]
chart() {
  in=$1 png=$2 title=$3
  shift 3
  "$java_cmd" -Djava.awt.headless=true -cp "$jar" dev.switchboard.benchmarks.charts.TableChart \
    --in "$in" --out "$png" --title "$title" "$@" \
    || echo "$(basename "$0"): no chart $png (see above); the figures are in $in" >&2
}

# Each draw_NAME takes the result file and the folder of its PNGs.
draw_ordering() {
  chart "$1" "$2/ordering.png" "Per-session ordering: deliveries/s, one no-op handler" \
    --category ordering --values "deliveries/s" --ratio-to none --axis "deliveries/s (median of rounds)"
}

draw_worksharing() {
  chart "$1" "$2/worksharing.png" "Work sharing on PostgreSQL: delivered events/s" \
    --category round --values "1 runtime;2 runtimes;3 runtimes" --ratio-to "1 runtime" --axis "events/s" --width 760
}

draw_fanout() {
  chart "$1" "$2/fanout-cpu.png" "Fan-out: CPU per delivery by handler count" \
    --category handlers --series store --values "µs CPU per delivery" --ratio-to 1 \
    --axis "µs CPU per delivery (median)"
  chart "$1" "$2/fanout-ratio.png" "Fan-out: CPU per delivery ÷ one handler's (target ≤ 1.5× at 20)" \
    --category handlers --series store --values "CPU per delivery ÷" --axis "ratio to 1 handler (median of rounds)"
}

draw_ingest() {
  chart "$1" "$2/ingest.png" "Ingest over POST /v1/events: events accepted/s" \
    --category posts --series endpoint --values "events accepted/s" --exclude "÷" \
    --ratio-to "trivial endpoint" --axis "events/s (median of rounds)" --width 800 --height 400
}

draw_groupcommit() {
  chart "$1" "$2/groupcommit.png" "SQLite store: accepts/s, group commit against one transaction per event" \
    --category configuration --values "events accepted/s" --axis "accepts/s (median of rounds)" --width 720
  chart "$1" "$2/groupcommit-ratio.png" "Group commit: ratios per round, median (target ≥ 10×)" \
    --category "ratio, per round" --values median --axis "ratio" --horizontal true --width 720 --height 240
}

draw_memory() {
  chart "$1" "$2/memory.png" "Heap after GC by pending deliveries (stalled receiver)" \
    --category "pending deliveries" --values "heap after GC" --tables "SQLite (sync: full);memory store" \
    --axis "heap after GC, MiB"
}

draw_startup() {
  chart "$1" "$2/startup.png" "Start to the first 200 of /readyz, ms" \
    --category process --values "start to /readyz" --axis "ms (median)" --horizontal true --width 760 --height 280
}

# draw_e2e IN DIR [NAME]: NAME.png (default e2e)
draw_e2e() {
  chart "$1" "$2/${3:-e2e}.png" "End-to-end delivery: events/s against the raw HTTP limit" \
    --category regime --series sender --values "events/s" --exclude "÷" --ratio-to raw \
    --axis "events/s (median of rounds)" --width 720 --height 400
}

# draw_jmh JSON DIR: JMH's JSON result as jmh.md, then jmh-throughput.png (ops/s per benchmark and
# params, ratio to HandOffBaseline.handOff when it ran) and jmh-time.png (ns/op per benchmark and params)
draw_jmh() {
  md=${1%.json}.md
  if ! "$java_cmd" -cp "$jar" dev.switchboard.benchmarks.charts.JmhTable --in "$1" --out "$md"; then
    echo "$(basename "$0"): no JMH charts (see above); the figures are in $1" >&2
    return 0
  fi
  if grep -q '| ops/s |' "$md"; then
    if grep -q '^| HandOffBaseline.handOff |' "$md"; then
      chart "$md" "$2/jmh-throughput.png" "JMH throughput: ops/s per benchmark and parameters" \
        --category case --values "ops/s" --axis "ops/s (JMH score)" --horizontal true --width 960 --height 800 \
        --ratio-to HandOffBaseline.handOff
    else
      chart "$md" "$2/jmh-throughput.png" "JMH throughput: ops/s per benchmark and parameters" \
        --category case --values "ops/s" --axis "ops/s (JMH score)" --horizontal true --width 960 --height 800
    fi
  fi
  if grep -q '| ns/op |' "$md"; then
    chart "$md" "$2/jmh-time.png" "JMH average time: ns/op per benchmark and parameters" \
      --category case --values "ns/op" --axis "ns/op (JMH score)" --horizontal true --width 960 --height 480
  fi
}
