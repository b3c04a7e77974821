package dev.switchboard.core.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/** One handler's queue in a {@link MemoryStore}: pending deliveries ordered by due time, and its leases. */
final class MemoryQueue extends WaitingQueue {

    static final Comparator<StoredDelivery> BY_DUE_TIME =
            Comparator.comparing(StoredDelivery::dueAt).thenComparingLong(StoredDelivery::id);

    private final Backlogs backlogs;
    private final MemoryDeadLetters deadLetters;
    private final PriorityQueue<StoredDelivery> pending = new PriorityQueue<>(BY_DUE_TIME);

    MemoryQueue(String handler, MemoryStore store, Clock clock, Backlogs backlogs, MemoryDeadLetters deadLetters) {
        super(handler, clock, store::checkOpen);
        this.backlogs = backlogs;
        this.deadLetters = deadLetters;
    }

    /** Adds a pending delivery whose room in the backlog is already counted. */
    void add(StoredDelivery delivery) {
        lock.lock();
        try {
            pending.add(delivery);
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    StoredDelivery leaseDue(Instant now) {
        StoredDelivery head = pending.peek();
        if (head == null || head.dueAt().isAfter(now)) {
            return null;
        }
        pending.poll();
        leases.lease(head);
        return head;
    }

    @Override
    Instant nextDue() {
        StoredDelivery head = pending.peek();
        return head == null ? null : head.dueAt();
    }

    @Override
    public CompletableFuture<Void> settle(StoredDelivery delivery, Settlement settlement) {
        beginSettle(delivery);
        endSettle(delivery, true);
        switch (settlement.state()) {
            case PENDING -> add(delivery.retried(settlement.retryAt(), settlement.reason()));
            case DEAD -> {
                backlogs.add(handler, -1);
                deadLetters.add(new DeadLetter(delivery.settled(settlement.reason()), clock.instant()));
            }
            default -> backlogs.add(handler, -1);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public long backlog() {
        return backlogs.count(handler);
    }
}
