package dev.switchboard.core.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Counts deliveries not yet finished (delivered or failed for good), and waits for none. */
public final class PendingDeliveries {

    private final AtomicLong count = new AtomicLong();
    private final Object idle = new Object();

    void add() {
        count.incrementAndGet();
    }

    void done() {
        if (count.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
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
