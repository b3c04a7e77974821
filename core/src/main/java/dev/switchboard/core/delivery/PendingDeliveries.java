package dev.switchboard.core.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts deliveries not yet finished (delivered or failed for good), and waits for none. With a
 * store shared by several runtimes (PostgreSQL), another runtime may deliver what this one accepted,
 * and a retry may be attempted by any of them: there it counts the deliveries this runtime has taken
 * and not yet settled, each attempt on its own.
 */
public final class PendingDeliveries {

    private final boolean shared;
    private final AtomicLong count = new AtomicLong();
    private final Object idle = new Object();
    /** While someone waits in {@link #awaitBelow}, the count that wakes them; 0 otherwise. */
    private volatile long wakeBelow;

    PendingDeliveries() {
        this(false);
    }

    PendingDeliveries(boolean shared) {
        this.shared = shared;
    }

    void add() {
        count.incrementAndGet();
    }

    /** Counts deliveries accepted (or resumed from the store) by this runtime, unless the store is shared. */
    void accepted(long deliveries) {
        if (!shared) {
            add(deliveries);
        }
    }

    /** Counts accepted deliveries off again whose accept failed. */
    void acceptFailed(long deliveries) {
        if (!shared) {
            done(deliveries);
        }
    }

    /** Counts a delivery a lane took, when the store is shared. */
    void taken() {
        if (shared) {
            add();
        }
    }

    /**
     * Counts a settled attempt off: when it finished the delivery, or always when the store is shared
     * (a retry goes back to the store, for any runtime).
     */
    void settled(boolean finishes) {
        if (finishes || shared) {
            done();
        }
    }

    void add(long deliveries) {
        count.addAndGet(deliveries);
    }

    void done() {
        done(1);
    }

    void done(long deliveries) {
        long left = count.addAndGet(-deliveries);
        if (left == 0 || left < wakeBelow) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /**
     * Waits while {@code limit} or more deliveries are pending, until fewer than {@code resumeBelow}
     * are (a gap, so that a waiting feeder wakes once per batch, not once per delivery).
     *
     * @return true when below, false when the timeout passed first
     */
    public boolean awaitBelow(long limit, long resumeBelow, Duration timeout) throws InterruptedException {
        if (count.get() < limit) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            wakeBelow = resumeBelow;
            try {
                while (count.get() >= resumeBelow) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    idle.wait(Math.max(1, left / 1_000_000));
                }
            } finally {
                wakeBelow = 0;
            }
        }
        return true;
    }

    public long count() {
        return count.get();
    }

    /** @return true when nothing is pending, false when the timeout passed first */
    public boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (count.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }
}
