package dev.switchboard.core.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What every store's queue does alike: takers wait, under one lock, until a delivery is due, with
 * bounded waits that arrivals cut short; leases are tracked so that each is settled once.
 */
abstract class WaitingQueue implements HandlerQueue {

    final String handler;
    final Clock clock;
    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    final Leases leases;
    private final Runnable checkOpen;

    WaitingQueue(String handler, Clock clock, Runnable checkOpen) {
        this.handler = handler;
        this.clock = clock;
        this.checkOpen = checkOpen;
        this.leases = new Leases(handler);
    }

    /** Under the lock: leases and returns a delivery due at {@code now}, or returns null. */
    abstract StoredDelivery leaseDue(Instant now);

    /** Under the lock, after {@link #leaseDue} found nothing: when a delivery is due next, or null when unknown. */
    abstract Instant nextDue();

    @Override
    public final StoredDelivery take() throws InterruptedException {
        return waitForDue(Long.MAX_VALUE, false);
    }

    @Override
    public final StoredDelivery poll(Duration timeout) throws InterruptedException {
        return waitForDue(DueWait.deadline(timeout), true);
    }

    private StoredDelivery waitForDue(long deadline, boolean timed) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                checkOpen.run();
                Instant now = clock.instant();
                StoredDelivery due = leaseDue(now);
                if (due != null) {
                    return due;
                }
                long remaining = timed ? deadline - System.nanoTime() : Long.MAX_VALUE;
                if (remaining <= 0) {
                    return null;
                }
                // Before parking, let the thread that feeds this queue run: it often adds the next
                // delivery at once, which this taker then finds without being parked and woken (with
                // twenty handlers that wake-up was most of the cost of a delivery).
                lock.unlock();
                Thread.yield();
                lock.lock();
                checkOpen.run();
                due = leaseDue(clock.instant());
                if (due != null) {
                    return due;
                }
                changed.await(DueWait.nanos(now, nextDue(), remaining), TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Marks a settle as under way, failing for a delivery this queue has not leased. */
    final void beginSettle(StoredDelivery delivery) {
        checkOpen.run();
        lock.lock();
        try {
            leases.beginSettle(delivery);
        } finally {
            lock.unlock();
        }
    }

    final void endSettle(StoredDelivery delivery, boolean settled) {
        lock.lock();
        try {
            leases.endSettle(delivery, settled);
        } finally {
            lock.unlock();
        }
    }

    final void wakeAll() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
