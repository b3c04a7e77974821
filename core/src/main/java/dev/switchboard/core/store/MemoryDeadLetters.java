package dev.switchboard.core.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The dead letters of a {@link MemoryStore}. Thread-safe (one lock). */
final class MemoryDeadLetters implements DeadLetters {

    private final MemoryStore store;
    private final Clock clock;
    private final Map<Long, DeliveryRecord> byId = new HashMap<>();

    MemoryDeadLetters(MemoryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    synchronized void add(DeliveryRecord dead) {
        byId.put(dead.id(), dead);
    }

    @Override
    public List<DeadLetter> list(String handler, String eventId, int offset, int limit) {
        return records(handler, eventId, offset, limit).stream().map(MemoryDeadLetters::letter).toList();
    }

    /** @return the dead letters as records, newest first, filtered and paged as {@link #list} */
    synchronized List<DeliveryRecord> records(String handler, String eventId, int offset, int limit) {
        checkPage(offset, limit);
        return byId.values().stream()
                .filter(dead -> handler == null || dead.delivery().handler().equals(handler))
                .filter(dead -> eventId == null || dead.delivery().eventId().equals(eventId))
                .sorted(DeliveryRecord.NEWEST_FIRST)
                .skip(offset)
                .limit(limit)
                .toList();
    }

    static void checkPage(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
    }

    @Override
    public Optional<DeadLetter> get(long deliveryId) {
        return Optional.ofNullable(record(deliveryId)).map(MemoryDeadLetters::letter);
    }

    /** @return the dead letter with this id, or null */
    synchronized DeliveryRecord record(long deliveryId) {
        return byId.get(deliveryId);
    }

    private static DeadLetter letter(DeliveryRecord dead) {
        return new DeadLetter(dead.delivery(), dead.updatedAt());
    }

    @Override
    public int replay(Collection<Long> deliveryIds) {
        store.checkOpen();
        List<DeliveryRecord> replayed;
        synchronized (this) {
            replayed = deliveryIds.stream().distinct().map(byId::remove).filter(dead -> dead != null).toList();
        }
        Instant now = clock.instant();
        for (DeliveryRecord dead : replayed) {
            StoredDelivery delivery = dead.delivery();
            store.backlogCounts().add(delivery.handler(), 1);
            store.memoryQueue(delivery.handler()).add(delivery.replayed(now), dead.lastStatus(), now);
        }
        return replayed.size();
    }

    @Override
    public int replayAll(String handler) {
        List<Long> ids;
        synchronized (this) {
            ids = byId.values().stream().filter(dead -> dead.delivery().handler().equals(handler))
                    .map(DeliveryRecord::id).toList();
        }
        return replay(ids);
    }

    @Override
    public synchronized boolean delete(long deliveryId) {
        store.checkOpen();
        return byId.remove(deliveryId) != null;
    }
}
