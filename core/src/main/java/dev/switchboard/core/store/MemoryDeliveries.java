package dev.switchboard.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The deliveries of a {@link MemoryStore} by state: pending and in-flight ones from the queues,
 * dead ones from the dead letters; delivered ones are not kept. Each listing copies the matching
 * records under each queue's lock, then sorts and pages them. A delivery that changes state while
 * it is read (between a queue and the dead letters) may be missed by that one read.
 */
final class MemoryDeliveries implements Deliveries {

    private final MemoryStore store;
    private final MemoryDeadLetters deadLetters;

    MemoryDeliveries(MemoryStore store, MemoryDeadLetters deadLetters) {
        this.store = store;
        this.deadLetters = deadLetters;
    }

    @Override
    public List<DeliveryRecord> list(DeliveryState state, String handler, String eventId, int offset, int limit) {
        store.checkOpen();
        MemoryDeadLetters.checkPage(offset, limit);
        return switch (state) {
            case DEAD -> deadLetters.records(handler, eventId, offset, limit);
            case DELIVERED -> List.of();
            case PENDING, IN_FLIGHT -> {
                List<DeliveryRecord> matching = new ArrayList<>();
                for (MemoryQueue queue : store.memoryQueues()) {
                    if (handler == null || queue.handler.equals(handler)) {
                        matching.addAll(queue.records(state, eventId));
                    }
                }
                yield matching.stream().sorted(DeliveryRecord.NEWEST_FIRST).skip(offset).limit(limit).toList();
            }
        };
    }

    @Override
    public Optional<DeliveryRecord> get(long deliveryId) {
        store.checkOpen();
        DeliveryRecord dead = deadLetters.record(deliveryId);
        if (dead != null) {
            return Optional.of(dead);
        }
        for (MemoryQueue queue : store.memoryQueues()) {
            DeliveryRecord held = queue.record(deliveryId);
            if (held != null) {
                return Optional.of(held);
            }
        }
        return Optional.empty();
    }
}
