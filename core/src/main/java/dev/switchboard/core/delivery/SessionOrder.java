package dev.switchboard.core.delivery;

import dev.switchboard.core.store.StoredDelivery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;

/**
 * {@code ordering: session}: one delivery of a session at a time, in acceptance order (delivery ids
 * grow in the order events are accepted). The session's <em>active</em> delivery is the one being
 * attempted or waiting in the store for its retry; a later delivery of the session leased meanwhile
 * is parked here until the active one ends (delivered or dead), and then goes first. A delivery
 * without a session is never held. Other sessions are never held. Thread-safe.
 *
 * <p>The order is kept in memory: after a restart, a delivery waiting for its retry may be overtaken
 * by a later one of its session that falls due before it.
 */
final class SessionOrder {

    private static final Comparator<StoredDelivery> ACCEPTANCE = Comparator.comparingLong(StoredDelivery::id);

    /** Each session with a delivery under way: the id of that (active) delivery. */
    private final Map<String, Long> active = new HashMap<>();
    /** Deliveries parked behind their session's active one, by session; only sessions that have some. */
    private final Map<String, PriorityQueue<StoredDelivery>> parked = new HashMap<>();
    /** Parked deliveries whose turn came, for the lane's workers to attempt next. */
    private final Queue<StoredDelivery> ready = new ArrayDeque<>();

    /**
     * A delivery was leased: may it be attempted now?
     *
     * @return true when it may; false when it is parked behind its session's active delivery
     */
    synchronized boolean admit(StoredDelivery delivery) {
        String id = delivery.event().sessionId();
        if (id == null) {
            return true;
        }
        Long under = active.putIfAbsent(id, delivery.id());
        if (under == null || under == delivery.id()) {
            return true; // the session's first, or its active delivery's retry come back
        }
        parked.computeIfAbsent(id, s -> new PriorityQueue<>(ACCEPTANCE)).add(delivery);
        return false;
    }

    /** The delivery ended (delivered or dead): the next of its session, if one is parked, may go. */
    synchronized void ended(StoredDelivery delivery) {
        String id = delivery.event().sessionId();
        if (id == null) {
            return;
        }
        Long under = active.get(id);
        if (under == null || under != delivery.id()) {
            return;
        }
        PriorityQueue<StoredDelivery> waiting = parked.get(id);
        StoredDelivery next = waiting == null ? null : waiting.poll();
        if (next == null) {
            active.remove(id);
            return;
        }
        if (waiting.isEmpty()) {
            parked.remove(id);
        }
        active.put(id, next.id());
        ready.add(next);
    }

    /** Empties the order, for a lane that drains: @return every delivery parked or ready, all leased */
    synchronized List<StoredDelivery> parkedAndReady() {
        List<StoredDelivery> all = new ArrayList<>(ready);
        parked.values().forEach(all::addAll);
        ready.clear();
        parked.clear();
        active.clear();
        return all;
    }

    /** @return a parked delivery whose turn came, already leased, or null */
    synchronized StoredDelivery nextReady() {
        return ready.poll();
    }
}
