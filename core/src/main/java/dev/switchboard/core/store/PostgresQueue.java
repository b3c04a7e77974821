package dev.switchboard.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One handler's queue in a {@link PostgresStore}, shared with every runtime on the same database.
 * Deliveries are claimed in batches, in one statement that locks due rows with
 * {@code FOR UPDATE SKIP LOCKED} (so runtimes claiming at once get different rows) and leases them
 * to this runtime until {@code lease_until}; a delivery whose lease expired (its runtime died or
 * hangs) is claimed like a due one, with its ids unchanged. Claimed deliveries wait in a small buffer
 * until a lane worker takes them; the store renews the leases of all of them.
 *
 * <p>The database is asked again when a notification says this handler has new deliveries, when
 * the earliest delivery known to be pending (or the earliest lease of another runtime) falls due,
 * after a full batch, and at the latest after the poll interval, which covers what no notification
 * announces (another runtime's retry falling due, a lease expiring, a missed notification).
 */
final class PostgresQueue extends WaitingQueue {

    private static final String UNFINISHED_OF_SESSION = "SELECT d.id FROM events e JOIN deliveries d ON d.event_id = e.id"
            + " WHERE e.session_id = ? AND d.handler = ? AND d.state IN ('pending', 'in_flight') AND d.id < ?"
            + " ORDER BY d.id";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresQueue.class);

    private static final String CLAIM = "WITH expired AS (SELECT id FROM deliveries WHERE handler = ?"
            + " AND state = 'in_flight' AND lease_until <= ? ORDER BY lease_until, id LIMIT ? FOR UPDATE SKIP LOCKED),"
            + " due AS (SELECT id FROM deliveries WHERE handler = ? AND state = 'pending' AND due_at <= ?"
            + " ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED)"
            + " UPDATE deliveries d SET state = 'in_flight', lease_owner = ?, lease_until = ?, updated_at = ?"
            + " FROM events e WHERE e.id = d.event_id AND d.id IN (SELECT id FROM expired UNION ALL SELECT id FROM due)"
            + " RETURNING d.id, d.event_id, d.handler, d.attempts, d.due_at, d.last_reason, e.body, e.accepted_at";

    private static final String NEXT_DUE = "SELECT (SELECT min(due_at) FROM deliveries WHERE handler = ?"
            + " AND state = 'pending'), (SELECT min(lease_until) FROM deliveries WHERE handler = ?"
            + " AND state = 'in_flight' AND lease_owner <> ?)";

    private final PostgresStore store;
    private final Backlogs backlogs;
    private final PostgresWriter writer;
    private final PostgresReader reader;
    private final int claimBatch;
    private final long pollNanos;
    private final ArrayDeque<StoredDelivery> claimed = new ArrayDeque<>();
    /** Whether the database may have due deliveries of this handler that this queue has not claimed. */
    private boolean unclaimed = true;
    /** When the earliest unclaimed delivery known is due (or lease expires), as of the last claim; null: none. */
    private Instant nextKnown;
    private long pollAt;
    /**
     * Leased deliveries whose outcome could not be stored (the database was unreachable): their
     * leases are no longer renewed, so that once they expire the delivery is claimed and attempted
     * again, by any runtime, this one included.
     */
    private final java.util.Set<Long> unrecorded = new java.util.HashSet<>();

    PostgresQueue(String handler, PostgresStore store, Clock clock, Backlogs backlogs, PostgresWriter writer,
            PostgresReader reader, int claimBatch, Duration pollInterval) {
        super(handler, clock, store::checkOpen);
        this.store = store;
        this.backlogs = backlogs;
        this.writer = writer;
        this.reader = reader;
        this.claimBatch = claimBatch;
        this.pollNanos = pollInterval.toNanos();
        this.pollAt = System.nanoTime();
    }

    @Override
    StoredDelivery leaseDue(Instant now) {
        if (claimed.isEmpty() && (unclaimed || (nextKnown != null && !nextKnown.isAfter(now))
                || System.nanoTime() - pollAt >= 0)) {
            claim(now);
        }
        StoredDelivery delivery = claimed.poll();
        if (delivery == null) {
            return null;
        }
        leases.lease(delivery);
        if (!claimed.isEmpty()) {
            changed.signal();
        }
        return delivery;
    }

    @Override
    Instant nextDue() {
        return nextKnown;
    }

    private void claim(Instant now) {
        unclaimed = false;
        pollAt = System.nanoTime() + pollNanos;
        long nowMillis = now.toEpochMilli();
        long leaseUntil = now.plus(store.leaseDuration()).toEpochMilli();
        List<StoredDelivery> rows = reader.change(connection -> {
            try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                claim.setString(1, handler);
                claim.setLong(2, nowMillis);
                claim.setInt(3, claimBatch);
                claim.setString(4, handler);
                claim.setLong(5, nowMillis);
                claim.setInt(6, claimBatch);
                claim.setString(7, store.owner());
                claim.setLong(8, leaseUntil);
                claim.setLong(9, nowMillis);
                List<StoredDelivery> deliveries = new ArrayList<>();
                try (ResultSet row = claim.executeQuery()) {
                    while (row.next()) {
                        deliveries.add(reader.delivery(row));
                    }
                }
                return deliveries;
            }
        });
        rows.sort(MemoryQueue.BY_DUE_TIME);
        rows.forEach(row -> unrecorded.remove(row.id()));
        claimed.addAll(rows);
        if (rows.size() >= claimBatch) {
            unclaimed = true; // a full batch: there may be more
            nextKnown = null;
        } else {
            nextKnown = readNextDue();
        }
    }

    private Instant readNextDue() {
        return reader.change(connection -> {
            try (PreparedStatement query = connection.prepareStatement(NEXT_DUE)) {
                query.setString(1, handler);
                query.setString(2, handler);
                query.setString(3, store.owner());
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    Instant next = null;
                    for (int column = 1; column <= 2; column++) {
                        long millis = row.getLong(column);
                        if (!row.wasNull() && (next == null || millis < next.toEpochMilli())) {
                            next = Instant.ofEpochMilli(millis);
                        }
                    }
                    return next;
                }
            }
        });
    }

    /** Tells waiting takers that the database may have new due deliveries of this handler. */
    void databaseChanged() {
        lock.lock();
        try {
            unclaimed = true;
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
            return writer.submit(new PostgresWriter.Write() {
                private PostgresTransaction.SettleResult result;

                @Override
                public void apply(PostgresTransaction transaction) throws SQLException {
                    result = transaction.settle(delivery.id(), settlement.state(), delivery.attempts() + 1, due,
                            settlement.reason(), settlement.status(), now);
                }

                @Override
                public void committed() {
                    endSettle(delivery, true);
                    if (!result.found) {
                        // Another runtime claimed it after this runtime's lease expired, and delivers it again.
                        LOG.warn("delivery {} of handler {} was no longer leased by this runtime when its attempt"
                                + " ended (its lease expired and another runtime claimed it); its outcome ({}) is not"
                                + " recorded", delivery.id(), handler, settlement.state().column());
                    } else if (settlement.state() == DeliveryState.PENDING) {
                        databaseChanged();
                    } else {
                        backlogs.add(handler, -1);
                    }
                }

                @Override
                public void failed() {
                    endSettle(delivery, false);
                    lock.lock();
                    try {
                        unrecorded.add(delivery.id());
                    } finally {
                        lock.unlock();
                    }
                }
            });
        } catch (RuntimeException e) {
            endSettle(delivery, false);
            throw e;
        }
    }

    /** @return the ids of the deliveries whose leases this runtime renews: claimed or handed out, not unrecorded */
    List<Long> held() {
        lock.lock();
        try {
            List<Long> ids = leases.ids();
            claimed.forEach(delivery -> ids.add(delivery.id()));
            ids.removeAll(unrecorded);
            return ids;
        } finally {
            lock.unlock();
        }
    }

    /** @return how many deliveries this queue has claimed and not yet handed out */
    int claimedWaiting() {
        lock.lock();
        try {
            return claimed.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public java.util.List<Long> unfinishedOfSession(String sessionId, long before) {
        return reader.query(UNFINISHED_OF_SESSION, java.util.List.<Object>of(sessionId, handler, before), row -> row.getLong(1));
    }

    @Override
    public long backlog() {
        return backlogs.count(handler);
    }
}
