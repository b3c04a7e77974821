package dev.switchboard.core.delivery;

import dev.switchboard.core.store.StoredDelivery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * {@code ordering: session}: one delivery of a session at a time, in acceptance order (delivery ids
 * grow in the order events are accepted). The session's <em>active</em> delivery is the one being
 * attempted or waiting in the store for its retry; a later delivery of the session leased meanwhile
 * is parked here until the active one ends (delivered or dead), and then goes first. A delivery
 * without a session is never held. Other sessions are never held. Thread-safe.
 *
 * <p>The order survives a restart because it is derived from the store: when a delivery of a
 * session this lane knows nothing about is leased, the store is asked for the session's earlier
 * unfinished deliveries to this handler, and the delivery is parked behind the first of them
 * (a retry waiting for its time, after a restart). Such a session stays <em>restored</em>: before
 * each of its parked deliveries goes, the store is asked again. An active delivery this lane has
 * not leased (another runtime holds it, or it was deleted) is looked up again every second.
 */
final class SessionOrder {

    /** A session's unfinished deliveries to this handler with smaller ids, ascending. */
    @FunctionalInterface
    interface Earlier {
        List<Long> unfinished(String sessionId, long before);
    }

    private static final Comparator<StoredDelivery> ACCEPTANCE = Comparator.comparingLong(StoredDelivery::id);
    private static final long RECHECK_NANOS = 1_000_000_000L;

    private final Earlier earlier;
    private final LongSupplier nanoTime;
    /** Each session with a delivery under way: the id of that (active) delivery. */
    private final Map<String, Long> active = new HashMap<>();
    /** Deliveries parked behind their session's active one, by session; only sessions that have some. */
    private final Map<String, PriorityQueue<StoredDelivery>> parked = new HashMap<>();
    /** Parked deliveries whose turn came, for the lane's workers to attempt next. */
    private final Queue<StoredDelivery> ready = new ArrayDeque<>();
    /** Sessions whose order came from the store: asked again before each parked delivery goes. */
    private final Set<String> restored = new HashSet<>();
    /** Sessions whose active delivery is known only from the store (not leased here): when to ask again. */
    private final Map<String, Long> unseen = new HashMap<>();
    /** Deliveries that ended here whose settlement may not be durable yet: the store may still show them. */
    private final Set<Long> settling = new HashSet<>();
    private long nextRecheck;

    SessionOrder(Earlier earlier, LongSupplier nanoTime) {
        this.earlier = earlier;
        this.nanoTime = nanoTime;
    }

    /**
     * A delivery was leased: may it be attempted now?
     *
     * @return true when it may; false when it is parked behind its session's active delivery
     */
    boolean admit(StoredDelivery delivery) {
        String id = delivery.event().sessionId();
        if (id == null) {
            return true;
        }
        synchronized (this) {
            if (active.containsKey(id)) {
                return admitKnown(id, delivery);
            }
        }
        List<Long> before = earlier.unfinished(id, delivery.id()); // outside the lock: a store read
        synchronized (this) {
            if (active.containsKey(id)) {
                return admitKnown(id, delivery);
            }
            Long first = firstNotSettling(before);
            if (first == null) {
                active.put(id, delivery.id());
                return true;
            }
            active.put(id, first);
            restored.add(id);
            watch(id, nanoTime.getAsLong() + RECHECK_NANOS);
            park(id, delivery);
            return false;
        }
    }

    private boolean admitKnown(String id, StoredDelivery delivery) {
        if (active.get(id) == delivery.id()) {
            unseen.remove(id);
            return true; // its active delivery's retry come back, or the one a restored session waited for
        }
        park(id, delivery);
        return false;
    }

    private void park(String id, StoredDelivery delivery) {
        parked.computeIfAbsent(id, s -> new PriorityQueue<>(ACCEPTANCE)).add(delivery);
    }

    private Long firstNotSettling(List<Long> ids) {
        for (Long id : ids) {
            if (!settling.contains(id)) {
                return id;
            }
        }
        return null;
    }

    /**
     * The delivery ended (delivered or dead): the next of its session, if one is parked, may go.
     * Call {@link #durable} once the store has its settlement.
     */
    synchronized void ended(StoredDelivery delivery) {
        String id = delivery.event().sessionId();
        if (id == null) {
            return;
        }
        settling.add(delivery.id());
        Long under = active.get(id);
        if (under == null || under != delivery.id()) {
            return;
        }
        handOn(id);
    }

    /** The store has the settlement of a delivery that {@link #ended}. */
    synchronized void durable(StoredDelivery delivery) {
        settling.remove(delivery.id());
    }

    /** The session's active delivery is over: the first parked one goes, unless the store knows an earlier one. */
    private void handOn(String id) {
        PriorityQueue<StoredDelivery> waiting = parked.get(id);
        StoredDelivery next = waiting == null ? null : waiting.peek();
        if (next == null) {
            active.remove(id);
            restored.remove(id);
            unseen.remove(id);
            return;
        }
        if (restored.contains(id)) {
            Long first = firstNotSettling(earlier.unfinished(id, next.id()));
            if (first != null && !isParked(waiting, first)) {
                active.put(id, first);
                watch(id, nanoTime.getAsLong() + RECHECK_NANOS);
                return;
            }
        }
        waiting.poll();
        if (waiting.isEmpty()) {
            parked.remove(id);
        }
        unseen.remove(id);
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
        restored.clear();
        unseen.clear();
        return all;
    }

    /** Looks the session's active delivery up in the store again at {@code when} unless it comes here first. */
    private void watch(String id, long when) {
        if (unseen.isEmpty() || when - nextRecheck < 0) {
            nextRecheck = when;
        }
        unseen.put(id, when);
    }

    private static boolean isParked(PriorityQueue<StoredDelivery> waiting, long deliveryId) {
        for (StoredDelivery delivery : waiting) {
            if (delivery.id() == deliveryId) {
                return true;
            }
        }
        return false;
    }

    /** @return a parked delivery whose turn came, already leased, or null */
    synchronized StoredDelivery nextReady() {
        if (!unseen.isEmpty() && nanoTime.getAsLong() - nextRecheck >= 0) {
            recheckUnseen();
        }
        return ready.poll();
    }

    /**
     * Active deliveries known only from the store that did not come here: still unfinished there? One
     * that is not (another runtime ended it, or it was deleted) hands on to the session's next.
     */
    private void recheckUnseen() {
        long now = nanoTime.getAsLong();
        for (String id : List.copyOf(unseen.keySet())) {
            if (now - unseen.get(id) < 0) {
                continue;
            }
            long waited = active.get(id);
            PriorityQueue<StoredDelivery> waiting = parked.get(id);
            long before = waiting == null || waiting.isEmpty() ? waited + 1 : waiting.peek().id();
            if (earlier.unfinished(id, before).contains(waited)) {
                unseen.put(id, now + RECHECK_NANOS);
            } else {
                handOn(id);
            }
        }
        Long earliest = null;
        for (long when : unseen.values()) {
            if (earliest == null || when - earliest < 0) {
                earliest = when;
            }
        }
        if (earliest != null) {
            nextRecheck = earliest;
        }
    }
}
