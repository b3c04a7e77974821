package dev.switchboard.core.delivery;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** What one lane has done so far, and the last few reasons it failed for. */
final class LaneStats {

    private static final int RECENT_FAILURES = 10;

    final LongAdder delivered = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder failed = new LongAdder();
    private final ArrayDeque<String> recentFailures = new ArrayDeque<>();

    void recordFailure(String line) {
        failed.increment();
        synchronized (recentFailures) {
            if (recentFailures.size() == RECENT_FAILURES) {
                recentFailures.removeFirst();
            }
            recentFailures.addLast(line);
        }
    }

    List<String> recentFailures() {
        synchronized (recentFailures) {
            return List.copyOf(recentFailures);
        }
    }
}
