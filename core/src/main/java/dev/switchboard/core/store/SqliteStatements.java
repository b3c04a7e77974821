package dev.switchboard.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The writer's prepared statements, on its connection, those that begin and end its transactions
 * included. Used by the writer thread only.
 */
final class SqliteStatements implements AutoCloseable {

    private final PreparedStatement begin;
    private final PreparedStatement commit;
    private final PreparedStatement rollback;
    private final PreparedStatement insertEvent;
    private final PreparedStatement insertDelivery;
    private final PreparedStatement lease;
    private final PreparedStatement settle;
    private final PreparedStatement deadHandler;
    private final PreparedStatement replay;
    private final PreparedStatement delete;
    private final PreparedStatement pruneDeliveries;
    private final PreparedStatement pruneEvents;
    private final PreparedStatement upsertInput;
    private final PreparedStatement touch;

    /** @param connection in auto-commit mode: the writer begins and ends its transactions itself */
    SqliteStatements(Connection connection) throws SQLException {
        begin = connection.prepareStatement("BEGIN");
        commit = connection.prepareStatement("COMMIT");
        rollback = connection.prepareStatement("ROLLBACK");
        // An event accepted again (a rerun of the same input line) keeps its first body.
        insertEvent = connection.prepareStatement("INSERT OR IGNORE INTO events (id, body, accepted_at) VALUES (?, ?, ?)");
        insertDelivery = connection.prepareStatement("INSERT INTO deliveries (event_id, handler, state, attempts,"
                + " due_at, updated_at) VALUES (?, ?, 'pending', 0, ?, ?)");
        lease = connection.prepareStatement("UPDATE deliveries SET state = 'in_flight', updated_at = ? WHERE id = ?");
        settle = connection.prepareStatement("UPDATE deliveries SET state = ?, attempts = ?, due_at = ?,"
                + " last_reason = ?, last_status = ?, updated_at = ? WHERE id = ?");
        deadHandler = connection.prepareStatement("SELECT handler FROM deliveries WHERE id = ? AND state = 'dead'");
        replay = connection.prepareStatement("UPDATE deliveries SET state = 'pending', attempts = 0, due_at = ?,"
                + " updated_at = ? WHERE id = ?");
        delete = connection.prepareStatement("DELETE FROM deliveries WHERE id = ? AND state = 'dead'");
        pruneDeliveries = connection.prepareStatement("DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries"
                + " WHERE state = 'delivered' AND updated_at < ? LIMIT ?)");
        pruneEvents = connection.prepareStatement("DELETE FROM events WHERE id IN (SELECT e.id FROM events e"
                + " WHERE e.accepted_at < ? AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id)"
                + " LIMIT ?)");
        upsertInput = connection.prepareStatement("INSERT INTO inputs (source, byte_offset, line, updated_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET byte_offset = excluded.byte_offset,"
                + " line = excluded.line, updated_at = excluded.updated_at");
        touch = connection.prepareStatement("UPDATE schema_version SET version = -version");
    }

    void begin() throws SQLException {
        begin.execute();
    }

    void commit() throws SQLException {
        commit.execute();
    }

    /**
     * Rolls back the transaction if it is still open. After a full disk or an I/O error SQLite has
     * rolled it back already, and ROLLBACK fails, harmlessly. Should it fail with the transaction
     * still open, the next {@link #begin} fails too, so nothing of it is ever committed.
     */
    void rollBackQuietly() {
        try {
            rollback.execute();
        } catch (SQLException alreadyRolledBack) {
            // See above.
        }
    }

    void insertEvent(String id, String body, Instant now) throws SQLException {
        insertEvent.setString(1, id);
        insertEvent.setString(2, body);
        insertEvent.setLong(3, now.toEpochMilli());
        insertEvent.executeUpdate();
    }

    void insertDelivery(String eventId, String handler, Instant now) throws SQLException {
        insertDelivery.setString(1, eventId);
        insertDelivery.setString(2, handler);
        insertDelivery.setLong(3, now.toEpochMilli());
        insertDelivery.setLong(4, now.toEpochMilli());
        insertDelivery.executeUpdate();
    }

    void lease(long id, Instant now) throws SQLException {
        lease.setLong(1, now.toEpochMilli());
        lease.setLong(2, id);
        lease.executeUpdate();
    }

    void settle(long id, DeliveryState state, int attempts, Instant due, String reason, Integer status, Instant now)
            throws SQLException {
        settle.setString(1, state.column());
        settle.setInt(2, attempts);
        settle.setLong(3, dueMillis(due));
        settle.setString(4, reason);
        settle.setObject(5, status);
        settle.setLong(6, now.toEpochMilli());
        settle.setLong(7, id);
        if (settle.executeUpdate() != 1) {
            throw new IllegalStateException("delivery " + id + " is not in the store");
        }
    }

    /** A due time in whole milliseconds, rounded up: never earlier than asked. */
    static long dueMillis(Instant due) {
        long millis = due.toEpochMilli();
        return due.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }

    /** @return the handler of a dead letter made pending again, or null when the id is no dead letter */
    String replay(long id, Instant now) throws SQLException {
        deadHandler.setLong(1, id);
        String handler;
        try (ResultSet row = deadHandler.executeQuery()) {
            if (!row.next()) {
                return null;
            }
            handler = row.getString(1);
        }
        replay.setLong(1, now.toEpochMilli());
        replay.setLong(2, now.toEpochMilli());
        replay.setLong(3, id);
        replay.executeUpdate();
        return handler;
    }

    void inputPosition(InputPosition position, Instant now) throws SQLException {
        upsertInput.setString(1, position.source());
        upsertInput.setLong(2, position.offset());
        upsertInput.setLong(3, position.line());
        upsertInput.setLong(4, now.toEpochMilli());
        upsertInput.executeUpdate();
    }

    /**
     * A write that changes nothing but still goes to the log: whether the store can write at all.
     * (SQLite writes nothing for an update to the same value; a change and its undo in one
     * transaction leave the page to be written.)
     */
    void touch() throws SQLException {
        touch.executeUpdate();
        touch.executeUpdate();
    }

    boolean delete(long id) throws SQLException {
        delete.setLong(1, id);
        return delete.executeUpdate() == 1;
    }

    int prune(Instant cutoff, int batch) throws SQLException {
        pruneDeliveries.setLong(1, cutoff.toEpochMilli());
        pruneDeliveries.setInt(2, batch);
        int deliveries = pruneDeliveries.executeUpdate();
        pruneEvents.setLong(1, cutoff.toEpochMilli());
        pruneEvents.setInt(2, batch);
        return deliveries + pruneEvents.executeUpdate();
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : new PreparedStatement[] {begin, commit, rollback, insertEvent, insertDelivery,
                lease, settle, deadHandler, replay, delete, pruneDeliveries, pruneEvents, upsertInput, touch}) {
            statement.close();
        }
    }
}
