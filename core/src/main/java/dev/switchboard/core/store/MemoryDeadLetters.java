package dev.switchboard.core.store;

import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The dead letters of a {@link MemoryStore}. Thread-safe (one lock). */
final class MemoryDeadLetters implements DeadLetters {

    static final Comparator<DeadLetter> NEWEST_FIRST = Comparator.comparing(DeadLetter::deadAt)
            .thenComparingLong(dead -> dead.delivery().id()).reversed();

    private final MemoryStore store;
    private final Clock clock;
    private final Map<Long, DeadLetter> byId = new HashMap<>();

    MemoryDeadLetters(MemoryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    synchronized void add(DeadLetter dead) {
        byId.put(dead.delivery().id(), dead);
    }

    @Override
    public synchronized List<DeadLetter> list(String handler, String eventId, int offset, int limit) {
        checkPage(offset, limit);
        return byId.values().stream()
                .filter(dead -> handler == null || dead.delivery().handler().equals(handler))
                .filter(dead -> eventId == null || dead.delivery().eventId().equals(eventId))
                .sorted(NEWEST_FIRST)
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
    public synchronized Optional<DeadLetter> get(long deliveryId) {
        return Optional.ofNullable(byId.get(deliveryId));
    }

    @Override
    public int replay(Collection<Long> deliveryIds) {
        store.checkOpen();
        List<DeadLetter> replayed;
        synchronized (this) {
            replayed = deliveryIds.stream().distinct().map(byId::remove).filter(dead -> dead != null).toList();
        }
        for (DeadLetter dead : replayed) {
            StoredDelivery delivery = dead.delivery();
            store.backlogCounts().add(delivery.handler(), 1);
            store.memoryQueue(delivery.handler()).add(delivery.replayed(clock.instant()));
        }
        return replayed.size();
    }

    @Override
    public int replayAll(String handler) {
        List<Long> ids;
        synchronized (this) {
            ids = byId.values().stream().filter(dead -> dead.delivery().handler().equals(handler))
                    .map(dead -> dead.delivery().id()).toList();
        }
        return replay(ids);
    }

    @Override
    public synchronized boolean delete(long deliveryId) {
        store.checkOpen();
        return byId.remove(deliveryId) != null;
    }
}
