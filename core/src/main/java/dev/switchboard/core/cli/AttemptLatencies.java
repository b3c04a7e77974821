package dev.switchboard.core.cli;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.delivery.DeliveryListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.ConcurrentHistogram;

/** Every attempt's latency per handler, for the p50 and p99 of {@code run --input}'s summary. */
final class AttemptLatencies implements DeliveryListener {

    /** Three significant digits: a p99 of 12.3 ms is exact to 0.01 ms. */
    private static final int DIGITS = 3;

    private final Map<String, ConcurrentHistogram> micros = new ConcurrentHashMap<>();

    @Override
    public void attempted(String handler, WorkflowEvent event, int attempt, Duration latency, boolean succeeded) {
        micros.computeIfAbsent(handler, name -> new ConcurrentHistogram(DIGITS))
                .recordValue(Math.max(0, latency.toNanos() / 1_000));
    }

    /** @return the latency at this percentile in milliseconds, or -1 when the handler made no attempt */
    double percentileMillis(String handler, double percentile) {
        ConcurrentHistogram histogram = micros.get(handler);
        if (histogram == null || histogram.getTotalCount() == 0) {
            return -1;
        }
        return histogram.getValueAtPercentile(percentile) / 1_000.0;
    }
}
