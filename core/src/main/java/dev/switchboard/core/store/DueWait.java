package dev.switchboard.core.store;

import java.time.Duration;
import java.time.Instant;

/** How long a taker waits for the next due delivery before it looks again. */
final class DueWait {

    /**
     * The longest single wait. Arrivals signal waiting takers, but the passing of time does not:
     * the store's clock may jump (a manual clock in tests, an adjusted system clock), so a taker
     * looks again at least this often.
     */
    static final long MAX_WAIT_NANOS = Duration.ofMillis(20).toNanos();

    private DueWait() {
    }

    /** @return the System.nanoTime() after which a poll with this timeout gives up */
    static long deadline(Duration timeout) {
        return System.nanoTime() + Math.max(0, Math.min(timeout.toNanos(), Long.MAX_VALUE / 4));
    }

    /**
     * @param now the store clock's now
     * @param nextDue when the earliest known delivery is due, or null when none is known
     * @param remaining nanoseconds left until the poll's deadline
     * @return nanoseconds to wait for a signal
     */
    static long nanos(Instant now, Instant nextDue, long remaining) {
        long wait = Math.min(MAX_WAIT_NANOS, remaining);
        if (nextDue != null) {
            wait = Math.min(wait, Duration.between(now, nextDue).toNanos());
        }
        return Math.max(wait, 1);
    }
}
