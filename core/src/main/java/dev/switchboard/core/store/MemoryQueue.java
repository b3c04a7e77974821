package dev.switchboard.core.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/** One handler's queue in a {@link MemoryStore}: pending deliveries ordered by due time, and its leases. */
final class MemoryQueue extends WaitingQueue {

    static final Comparator<StoredDelivery> BY_DUE_TIME =
            Comparator.comparing(StoredDelivery::dueAt).thenComparingLong(StoredDelivery::id);

    private final Backlogs backlogs;
    private final MemoryDeadLetters deadLetters;
    private final PriorityQueue<StoredDelivery> pending = new PriorityQueue<>(BY_DUE_TIME);
    /** Every pending or leased delivery of this queue with its state, for {@link MemoryDeliveries}. */
    private final Map<Long, DeliveryRecord> records = new HashMap<>();

    MemoryQueue(String handler, MemoryStore store, Clock clock, Backlogs backlogs, MemoryDeadLetters deadLetters) {
        super(handler, clock, store::checkOpen);
        this.backlogs = backlogs;
        this.deadLetters = deadLetters;
    }

    /**
     * Adds a pending delivery whose room in the backlog is already counted.
     *
     * @param lastStatus the HTTP status of its last attempt, or null
     * @param now when it became pending
     */
    void add(StoredDelivery delivery, Integer lastStatus, Instant now) {
        lock.lock();
        try {
            pending.add(delivery);
            records.put(delivery.id(), new DeliveryRecord(delivery, DeliveryState.PENDING, lastStatus, now));
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
        records.put(head.id(), records.get(head.id()).leased(now));
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
        Instant now = clock.instant();
        switch (settlement.state()) {
            case PENDING -> add(delivery.retried(settlement.retryAt(), settlement.reason()), settlement.status(), now);
            case DEAD -> {
                forget(delivery);
                backlogs.add(handler, -1);
                deadLetters.add(new DeliveryRecord(delivery.settled(settlement.reason()), DeliveryState.DEAD,
                        settlement.status(), now));
            }
            default -> {
                forget(delivery);
                backlogs.add(handler, -1);
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    private void forget(StoredDelivery delivery) {
        lock.lock();
        try {
            records.remove(delivery.id());
        } finally {
            lock.unlock();
        }
    }

    /** @return this queue's deliveries in {@code state} (pending or in flight), of one event or of all (null) */
    List<DeliveryRecord> records(DeliveryState state, String eventId) {
        lock.lock();
        try {
            List<DeliveryRecord> matching = new ArrayList<>();
            for (DeliveryRecord record : records.values()) {
                if (record.state() == state && (eventId == null || record.delivery().eventId().equals(eventId))) {
                    matching.add(record);
                }
            }
            return matching;
        } finally {
            lock.unlock();
        }
    }

    /** @return the pending or leased delivery with this id, or null when this queue holds none */
    DeliveryRecord record(long deliveryId) {
        lock.lock();
        try {
            return records.get(deliveryId);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long backlog() {
        return backlogs.count(handler);
    }
}
