package dev.switchboard.core.cli;

import dev.switchboard.core.HandlerStats;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The table {@code run --input} prints at the end, and the reasons of what failed. */
final class RunSummary {

    private final List<HandlerStats> stats;
    private final Map<String, List<String>> failures;
    private final NdjsonFeed.Result fed;

    RunSummary(List<HandlerStats> stats, Map<String, List<String>> failures, NdjsonFeed.Result fed) {
        this.stats = stats;
        this.failures = failures;
        this.fed = fed;
    }

    void print(PrintStream out, PrintStream err) {
        int width = Math.max("handler".length(), stats.stream().mapToInt(s -> s.name().length()).max().orElse(0));
        String row = "%-" + width + "s  %-10s %10s %8s %7s%n";
        out.printf(row, "handler", "type", "delivered", "retried", "failed");
        for (HandlerStats s : stats) {
            out.printf(row, s.name(), s.type(), s.delivered(), s.retried(), s.failed());
        }
        out.printf("events: %d read, %d accepted, %d rejected%s%s%n", fed.read(), fed.accepted(), fed.rejected(),
                fed.notStored() > 0 ? ", " + fed.notStored() + " not stored" : "",
                fed.storeFailure() != null ? "; stopped: the store could not write"
                        : fed.stopped() ? "; stopped before the end of the input" : "");
        failures.forEach((handler, reasons) -> reasons.forEach(
                reason -> err.println("failed: handler '" + handler + "': " + reason)));
    }
}
