package dev.switchboard.core.store;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The deliveries one queue has leased and not yet settled, and which of them a settle is under way
 * for, so that a delivery is settled once. Not thread-safe: used under its queue's lock.
 */
final class Leases {

    private final String handler;
    private final Map<Long, StoredDelivery> leased = new HashMap<>();
    /**
     * The leases being settled, as handed out (not by id: a retry of a delivery may be leased again
     * before the settle that made it due again has ended; ending that settle must not end the new lease).
     */
    private final Set<StoredDelivery> settling = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    Leases(String handler) {
        this.handler = handler;
    }

    void lease(StoredDelivery delivery) {
        leased.put(delivery.id(), delivery);
    }

    boolean holds(long id) {
        return leased.containsKey(id);
    }

    /** @return the ids of the leased deliveries; a new list */
    java.util.List<Long> ids() {
        return new java.util.ArrayList<>(leased.keySet());
    }

    int size() {
        return leased.size();
    }

    /** Marks a settle as under way; fails for a delivery that is not leased or already settling. */
    void beginSettle(StoredDelivery delivery) {
        if (!delivery.handler().equals(handler) || leased.get(delivery.id()) != delivery) {
            throw new IllegalStateException("delivery " + delivery.id() + " is not leased from the queue of handler "
                    + handler);
        }
        if (!settling.add(delivery)) {
            throw new IllegalStateException("delivery " + delivery.id() + " is already being settled");
        }
    }

    /** Ends a settle: the lease is gone when it succeeded, kept when it failed. */
    void endSettle(StoredDelivery delivery, boolean settled) {
        settling.remove(delivery);
        if (settled) {
            if (leased.get(delivery.id()) == delivery) {
                leased.remove(delivery.id());
            }
        }
    }
}
