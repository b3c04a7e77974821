package dev.switchboard.core.cli;

import dev.switchboard.core.HandlerStats;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table {@code run --input} prints at the end (per handler: delivered, retried, failed, attempt
 * latency p50 and p99), the events read, the time it took and its rate, and the reasons of what failed.
 */
final class RunSummary {

    private final List<HandlerStats> stats;
    private final Map<String, List<String>> failures;
    private final NdjsonFeed.Result fed;
    private final Duration elapsed;
    private final AttemptLatencies latencies;

    RunSummary(List<HandlerStats> stats, Map<String, List<String>> failures, NdjsonFeed.Result fed,
               Duration elapsed, AttemptLatencies latencies) {
        this.stats = stats;
        this.failures = failures;
        this.fed = fed;
        this.elapsed = elapsed;
        this.latencies = latencies;
    }

    /** Latency with three significant digits (the histogram's precision), or {@code -} without attempts. */
    static String millis(double value) {
        if (value < 0) {
            return "-";
        }
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    void print(PrintStream out, PrintStream err) {
        int width = Math.max("handler".length(), stats.stream().mapToInt(s -> s.name().length()).max().orElse(0));
        String row = "%-" + width + "s  %-10s %10s %8s %7s %9s %9s%n";
        out.printf(row, "handler", "type", "delivered", "retried", "failed", "p50 ms", "p99 ms");
        for (HandlerStats s : stats) {
            out.printf(row, s.name(), s.type(), s.delivered(), s.retried(), s.failed(),
                    millis(latencies.percentileMillis(s.name(), 50)), millis(latencies.percentileMillis(s.name(), 99)));
        }
        out.printf("events: %d read, %d accepted, %d rejected%s%s%n", fed.read(), fed.accepted(), fed.rejected(),
                fed.notStored() > 0 ? ", " + fed.notStored() + " not stored" : "",
                fed.storeFailure() != null ? "; stopped: the store could not write"
                        : fed.stopped() ? "; stopped before the end of the input" : "");
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-3);
        out.printf(Locale.ROOT, "elapsed: %.3f s, %.0f events/s%n", elapsed.toNanos() / 1e9, fed.accepted() / seconds);
        failures.forEach((handler, reasons) -> reasons.forEach(
                reason -> err.println("failed: handler '" + handler + "': " + reason)));
    }
}
