package dev.switchboard.core;

import dev.switchboard.core.store.DeliveryStore;
import dev.switchboard.core.store.StoreException;
import java.time.Duration;

/**
 * Whether the store can write, for readiness: a write that failed marks it unhealthy, with the
 * reason; while unhealthy, a readiness check tries a small write (at most once per
 * {@link #RECHECK_EVERY}) and is healthy again once one succeeds. Thread-safe.
 */
final class StoreHealth {

    static final Duration RECHECK_EVERY = Duration.ofSeconds(1);

    private final DeliveryStore store;
    private volatile String fault;
    private long lastCheckNanos;

    StoreHealth(DeliveryStore store) {
        this.store = store;
    }

    void failed(StoreException e) {
        fault = e.getMessage();
    }

    /** @return null when the store can write, else why it cannot */
    String problem() {
        if (fault == null) {
            return null;
        }
        synchronized (this) {
            long now = System.nanoTime();
            if (now - lastCheckNanos >= RECHECK_EVERY.toNanos()) {
                lastCheckNanos = now;
                try {
                    store.checkWritable();
                    fault = null;
                } catch (StoreException e) {
                    fault = e.getMessage();
                } catch (IllegalStateException closed) {
                    fault = "the delivery store is closed";
                }
            }
            return fault;
        }
    }
}
