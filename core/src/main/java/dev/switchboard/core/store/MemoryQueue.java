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
    private final Map<Long, Held> held = new HashMap<>();
    /** The ids of the pending or leased deliveries of each session that has some, for {@code ordering: session}. */
    private final Map<String, java.util.TreeSet<Long>> bySession = new HashMap<>();

    /**
     * What {@link MemoryDeliveries} shows of a pending or leased delivery. Mutable (under the queue's
     * lock), so that a lease or a retry costs no allocation on the memory store's fast path.
     */
    private static final class Held {
        StoredDelivery delivery;
        boolean leased;
        Integer lastStatus;
        Instant changedAt;

        Held(StoredDelivery delivery, Integer lastStatus, Instant changedAt) {
            pending(delivery, lastStatus, changedAt);
        }

        void pending(StoredDelivery value, Integer status, Instant now) {
            delivery = value;
            leased = false;
            lastStatus = status;
            changedAt = now;
        }

        DeliveryRecord record() {
            return new DeliveryRecord(delivery, leased ? DeliveryState.IN_FLIGHT : DeliveryState.PENDING, lastStatus,
                    changedAt);
        }
    }

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
            held.put(delivery.id(), new Held(delivery, lastStatus, now));
            String session = delivery.event().sessionId();
            if (session != null) {
                bySession.computeIfAbsent(session, s -> new java.util.TreeSet<>()).add(delivery.id());
            }
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
        Held leased = held.get(head.id());
        leased.leased = true;
        leased.changedAt = now;
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
        Instant now = clock.instant();
        lock.lock();
        try {
            leases.endSettle(delivery, true);
            if (settlement.state() == DeliveryState.PENDING) {
                StoredDelivery retried = delivery.retried(settlement.retryAt(), settlement.reason());
                held.get(delivery.id()).pending(retried, settlement.status(), now);
                pending.add(retried);
                changed.signal();
                return CompletableFuture.completedFuture(null);
            }
            held.remove(delivery.id());
            String session = delivery.event().sessionId();
            java.util.TreeSet<Long> ids = session == null ? null : bySession.get(session);
            if (ids != null && ids.remove(delivery.id()) && ids.isEmpty()) {
                bySession.remove(session);
            }
        } finally {
            lock.unlock();
        }
        backlogs.add(handler, -1);
        if (settlement.state() == DeliveryState.DEAD) {
            deadLetters.add(new DeliveryRecord(delivery.settled(settlement.reason()), DeliveryState.DEAD,
                    settlement.status(), now));
        }
        return CompletableFuture.completedFuture(null);
    }

    /** @return this queue's deliveries in {@code state} (pending or in flight), of one event or of all (null) */
    List<DeliveryRecord> records(DeliveryState state, String eventId) {
        lock.lock();
        try {
            boolean leased = state == DeliveryState.IN_FLIGHT;
            List<DeliveryRecord> matching = new ArrayList<>();
            for (Held entry : held.values()) {
                if (entry.leased == leased && (eventId == null || entry.delivery.eventId().equals(eventId))) {
                    matching.add(entry.record());
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
            Held entry = held.get(deliveryId);
            return entry == null ? null : entry.record();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Long> unfinishedOfSession(String sessionId, long before) {
        lock.lock();
        try {
            java.util.TreeSet<Long> ids = bySession.get(sessionId);
            return ids == null ? List.of() : List.copyOf(ids.headSet(before));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long backlog() {
        return backlogs.count(handler);
    }
}
