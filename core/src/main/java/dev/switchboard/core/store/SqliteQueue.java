package dev.switchboard.core.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One handler's queue in a {@link SqliteStore}. The backlog stays on disk; in memory are only a
 * window of the deliveries due first (at most {@code windowSize}) and the leased ones. The window
 * is read again from disk when it has nothing due and the disk may have: after a write for this
 * handler, or when the earliest delivery known to be outside the window falls due.
 */
final class SqliteQueue extends WaitingQueue {

    private static final String UNFINISHED_OF_SESSION = "SELECT d.id FROM events e JOIN deliveries d ON d.event_id = e.id"
            + " WHERE e.session_id = ? AND d.handler = ? AND d.state IN ('pending', 'in_flight') AND d.id < ?"
            + " ORDER BY d.id";

    private static final Logger LOG = LoggerFactory.getLogger(SqliteQueue.class);

    private final Backlogs backlogs;
    private final SqliteWriter writer;
    private final SqliteReader reader;
    private final int windowSize;
    private final PriorityQueue<StoredDelivery> window = new PriorityQueue<>(MemoryQueue.BY_DUE_TIME);
    /** When each delivery leased and not yet settled was leased: what {@link #leased()} shows. */
    private final Map<Long, Instant> leasedAt = new HashMap<>();
    /** The ids of the deliveries in the window. */
    private final Set<Long> windowed = new HashSet<>();
    /** Whether the disk may hold pending deliveries that are not in the window (nor leased). */
    private boolean diskChanged = true;
    /** When the earliest pending delivery outside the window is due, as of the last read; null: none. */
    private Instant nextOutside;

    SqliteQueue(String handler, SqliteStore store, Clock clock, Backlogs backlogs, SqliteWriter writer,
            SqliteReader reader, int windowSize) {
        super(handler, clock, store::checkOpen);
        this.backlogs = backlogs;
        this.writer = writer;
        this.reader = reader;
        this.windowSize = windowSize;
    }

    @Override
    StoredDelivery leaseDue(Instant now) {
        if (!isDue(window.peek(), now) && (diskChanged || (nextOutside != null && !nextOutside.isAfter(now)))) {
            readWindow();
        }
        if (!isDue(window.peek(), now)) {
            return null;
        }
        StoredDelivery delivery = window.poll();
        windowed.remove(delivery.id());
        // A lease is not written: it lasts only as long as this process, and a delivery leased when the
        // process died is pending on the next start, which its row says already.
        leases.lease(delivery);
        leasedAt.put(delivery.id(), now);
        if (isDue(window.peek(), now)) {
            changed.signal();
        }
        return delivery;
    }

    @Override
    Instant nextDue() {
        StoredDelivery head = window.peek();
        if (head == null) {
            return nextOutside;
        }
        return nextOutside == null || head.dueAt().isBefore(nextOutside) ? head.dueAt() : nextOutside;
    }

    private static boolean isDue(StoredDelivery head, Instant now) {
        return head != null && !head.dueAt().isAfter(now);
    }

    /**
     * Refills the window with the handler's earliest pending deliveries that are not leased (the disk
     * shows a leased delivery as pending). A row in the window already is not parsed again.
     */
    private void readWindow() {
        Map<Long, StoredDelivery> held = new HashMap<>();
        window.forEach(delivery -> held.put(delivery.id(), delivery));
        window.clear();
        windowed.clear();
        diskChanged = false;
        // Enough rows to fill the window past every leased one and see the first row left out; a
        // read that ends before that one has seen every pending row.
        int limit = windowSize + leases.size() + 1;
        Instant[] firstLeftOut = {null};
        reader.earliestPending(handler, limit, (id, dueAt, row) -> {
            if (leases.holds(id)) {
                return true;
            }
            if (window.size() == windowSize) {
                firstLeftOut[0] = dueAt;
                return false;
            }
            StoredDelivery known = held.get(id);
            window.add(known != null ? known : row.read());
            windowed.add(id);
            return true;
        });
        nextOutside = firstLeftOut[0];
    }

    /**
     * Takes a delivery just committed by an accept. While the window holds every pending delivery
     * of the disk and has room, the delivery joins it as it is, without being read back and parsed;
     * otherwise the next read finds it. A delivery held already (a read that ran between the commit
     * and this call found it) is not added twice.
     */
    void accepted(StoredDelivery delivery) {
        lock.lock();
        try {
            if (diskChanged || nextOutside != null || window.size() >= windowSize) {
                diskChanged = true;
            } else if (!leases.holds(delivery.id()) && !windowed.contains(delivery.id())) {
                window.add(delivery);
                windowed.add(delivery.id());
            }
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Tells waiting takers that the disk has new pending deliveries of this handler. */
    void diskChanged() {
        lock.lock();
        try {
            diskChanged = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public CompletableFuture<Void> settle(StoredDelivery delivery, Settlement settlement) {
        Instant now = clock.instant();
        Instant due = settlement.retryAt() != null ? settlement.retryAt() : delivery.dueAt();
        beginSettle(delivery);
        try {
            return writer.submit(new SqliteWriter.Write() {
                private boolean found;

                @Override
                public void apply(SqliteStatements statements) throws SQLException {
                    // A missing row fails only this settle, never the other writes of its transaction.
                    found = statements.settle(delivery.id(), settlement.state(), delivery.attempts() + 1, due,
                            settlement.reason(), settlement.status(), now);
                }

                @Override
                public void committed() {
                    endSettle(delivery, true);
                    forgetLeaseTime(delivery.id());
                    if (!found) {
                        LOG.warn("delivery {} of handler {} was no longer in the store when its attempt ended; its"
                                + " outcome ({}) is not recorded", delivery.id(), handler, settlement.state().column());
                        backlogs.add(handler, -1);
                    } else if (settlement.state() == DeliveryState.PENDING) {
                        diskChanged();
                    } else {
                        backlogs.add(handler, -1);
                    }
                }

                @Override
                public void failed() {
                    endSettle(delivery, false);
                }
            });
        } catch (RuntimeException e) {
            endSettle(delivery, false);
            throw e;
        }
    }

    private void forgetLeaseTime(long id) {
        lock.lock();
        try {
            if (!leases.holds(id)) {
                leasedAt.remove(id);
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return the deliveries leased from this queue and not yet settled, by id, with when each was leased */
    Map<Long, Instant> leased() {
        lock.lock();
        try {
            Map<Long, Instant> leased = new HashMap<>();
            for (Long id : leases.ids()) {
                leased.put(id, leasedAt.get(id));
            }
            return leased;
        } finally {
            lock.unlock();
        }
    }

    /** @return how many deliveries of this handler are held in memory (the window and the leased ones) */
    int inMemory() {
        lock.lock();
        try {
            return window.size() + leases.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Long> unfinishedOfSession(String sessionId, long before) {
        return reader.query(UNFINISHED_OF_SESSION, List.<Object>of(sessionId, handler, before), row -> row.getLong(1));
    }

    @Override
    public long backlog() {
        return backlogs.count(handler);
    }
}
