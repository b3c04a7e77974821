package dev.switchboard.core.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Counts deliveries not yet finished (delivered or failed for good), and waits for none. */
public final class PendingDeliveries {

    private final AtomicLong count = new AtomicLong();
    private final Object idle = new Object();
    /** While someone waits in {@link #awaitBelow}, the count that wakes them; 0 otherwise. */
    private volatile long wakeBelow;

    void add() {
        count.incrementAndGet();
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
