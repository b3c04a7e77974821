package dev.switchboard.core.server;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.delivery.DeliveryListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the dashboard shows of each handler beyond its counts: deliveries, retries and failures per
 * minute over the last 15 minutes, the latency p50 and p99 of its last {@value #LATENCY_WINDOW}
 * attempts, and whether its last attempt failed. Kept in memory from the delivery outcomes of this
 * process (a restart starts it empty); a handler costs a few kilobytes. Thread-safe.
 */
final class HandlerActivity implements DeliveryListener {

    static final int MINUTES = 15;
    static final int LATENCY_WINDOW = 1024;

    /** One handler's activity; guarded by itself. */
    private static final class Activity {
        /** Per minute slot ({@code epoch minute % MINUTES}): the minute it counts, then the three counts. */
        final long[] minute = new long[MINUTES];
        final long[][] counts = new long[3][MINUTES];
        final long[] latencyNanos = new long[LATENCY_WINDOW];
        int latencies;
        int next;
        boolean lastFailed;
    }

    private static final int DELIVERED = 0;
    private static final int RETRIED = 1;
    private static final int FAILED = 2;

    private final Clock clock;
    private final Map<String, Activity> handlers = new ConcurrentHashMap<>();

    HandlerActivity(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void attempted(String handler, WorkflowEvent event, int attempt, Duration latency, boolean succeeded) {
        Activity activity = of(handler);
        synchronized (activity) {
            activity.latencyNanos[activity.next] = latency.toNanos();
            activity.next = (activity.next + 1) % LATENCY_WINDOW;
            activity.latencies = Math.min(activity.latencies + 1, LATENCY_WINDOW);
            activity.lastFailed = !succeeded;
        }
    }

    @Override
    public void delivered(String handler, WorkflowEvent event, int attempts) {
        count(handler, DELIVERED);
    }

    @Override
    public void retryScheduled(String handler, WorkflowEvent event, int attempts, Instant nextAttempt, String reason) {
        count(handler, RETRIED);
    }

    @Override
    public void failed(String handler, WorkflowEvent event, int attempts, String reason) {
        count(handler, FAILED);
    }

    private void count(String handler, int kind) {
        long minute = epochMinute();
        Activity activity = of(handler);
        synchronized (activity) {
            int slot = (int) (minute % MINUTES);
            if (activity.minute[slot] != minute) {
                activity.minute[slot] = minute;
                for (long[] counts : activity.counts) {
                    counts[slot] = 0;
                }
            }
            activity.counts[kind][slot]++;
        }
    }

    private Activity of(String handler) {
        return handlers.computeIfAbsent(handler, name -> new Activity());
    }

    private long epochMinute() {
        return Math.floorDiv(clock.millis(), 60_000L);
    }

    /**
     * @return {@code rate} ({@code minute_start} of the oldest minute, then {@code delivered},
     *     {@code retried}, {@code failed}: 15 counts each, oldest first, the current minute last),
     *     {@code latency_p50_ms} and {@code latency_p99_ms} (null before any attempt), and
     *     {@code last_attempt_failed}
     */
    Map<String, Object> describe(String handler) {
        Activity activity = handlers.get(handler);
        long now = epochMinute();
        long first = now - MINUTES + 1;
        long[][] series = new long[3][MINUTES];
        long[] latencies = new long[0];
        boolean lastFailed = false;
        if (activity != null) {
            synchronized (activity) {
                for (long minute = first; minute <= now; minute++) {
                    int slot = (int) (minute % MINUTES);
                    if (activity.minute[slot] == minute) {
                        for (int kind = 0; kind < 3; kind++) {
                            series[kind][(int) (minute - first)] = activity.counts[kind][slot];
                        }
                    }
                }
                latencies = Arrays.copyOf(activity.latencyNanos, activity.latencies);
                lastFailed = activity.lastFailed;
            }
        }
        Arrays.sort(latencies);
        Map<String, Object> rate = new LinkedHashMap<>();
        rate.put("minute_start", Instant.ofEpochSecond(first * 60).toString());
        rate.put("delivered", list(series[DELIVERED]));
        rate.put("retried", list(series[RETRIED]));
        rate.put("failed", list(series[FAILED]));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rate", rate);
        json.put("latency_p50_ms", percentile(latencies, 0.50));
        json.put("latency_p99_ms", percentile(latencies, 0.99));
        json.put("last_attempt_failed", lastFailed);
        return json;
    }

    private static List<Long> list(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /** The nearest-rank percentile in milliseconds (to the microsecond), or null for no sample. */
    private static Double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return Math.round(sorted[Math.max(rank, 1) - 1] / 1_000.0) / 1_000.0;
    }
}
