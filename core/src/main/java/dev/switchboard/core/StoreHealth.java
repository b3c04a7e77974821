package dev.switchboard.core;

import dev.switchboard.core.store.DeliveryStore;
import dev.switchboard.core.store.PostgresStore;
import dev.switchboard.core.store.StoreException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Whether the store can write, for readiness: a write that failed marks it unhealthy, with the
 * reason; while unhealthy, a readiness check tries a small write, at most once per
 * {@link #RECHECK_EVERY} and not sooner than that after the last failed write, and is healthy again
 * once one succeeds. (A small write may fit where an event does not, on a disk with a few kB left:
 * so while events keep failing, readiness keeps failing too.) The shared store is checked so even
 * when no write failed, at most once per {@link #RECHECK_EVERY}: a runtime that has not written since
 * the database went away is not ready either. Thread-safe.
 */
final class StoreHealth {

    static final Duration RECHECK_EVERY = Duration.ofSeconds(1);

    private final DeliveryStore store;
    private final LongSupplier nanoTime;
    /** Whether the store is a database that can go away without this runtime writing (PostgreSQL). */
    private final boolean remote;
    private volatile String fault;
    /** When a write last failed or the store was last checked. */
    private long lastCheckNanos;

    StoreHealth(DeliveryStore store) {
        this(store, System::nanoTime);
    }

    StoreHealth(DeliveryStore store, LongSupplier nanoTime) {
        this.store = store;
        this.nanoTime = nanoTime;
        this.remote = store instanceof PostgresStore;
        this.lastCheckNanos = nanoTime.getAsLong() - RECHECK_EVERY.toNanos();
    }

    synchronized void failed(StoreException e) {
        fault = e.getMessage();
        lastCheckNanos = nanoTime.getAsLong();
    }

    /** @return null when the store can write, else why it cannot */
    String problem() {
        if (fault == null && !remote) {
            return null;
        }
        synchronized (this) {
            long now = nanoTime.getAsLong();
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
