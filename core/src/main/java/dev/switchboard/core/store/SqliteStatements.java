package dev.switchboard.core.store;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.sessions.SessionStatus;
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
    private final PreparedStatement updateSession;
    private final PreparedStatement insertSession;
    private final PreparedStatement insertDelivery;
    private final PreparedStatement settle;
    private final PreparedStatement deadHandler;
    private final PreparedStatement replay;
    private final PreparedStatement delete;
    private final PreparedStatement pruneDeliveries;
    private final PreparedStatement pruneEvents;
    private final PreparedStatement upsertInput;
    private final PreparedStatement touch;
    private final PreparedStatement deleteSession;
    private final PreparedStatement pruneStaleSessions;
    private final PreparedStatement pruneExtraSessions;
    private final PreparedStatement saveHandlerState;
    /**
     * The id the next inserted delivery gets. The writer numbers deliveries itself, so that an accept
     * knows their ids without asking the database; after a failed transaction the statements are
     * prepared anew and the count read again from what was committed.
     */
    private long nextDeliveryId;

    /** @param connection in auto-commit mode: the writer begins and ends its transactions itself */
    SqliteStatements(Connection connection) throws SQLException {
        begin = connection.prepareStatement("BEGIN");
        commit = connection.prepareStatement("COMMIT");
        rollback = connection.prepareStatement("ROLLBACK");
        // An event accepted again (a rerun of the same input line) keeps its first body.
        insertEvent = connection.prepareStatement("INSERT OR IGNORE INTO events (id, body, accepted_at, session_id,"
                + " event_type, spec_name, pattern_type) VALUES (?, ?, ?, ?, ?, ?, ?)");
        // An upsert in two statements, the update first: most events are of a known session, and an
        // update alone costs half of what INSERT … ON CONFLICT DO UPDATE does (measured).
        updateSession = connection.prepareStatement("UPDATE sessions SET spec_name = coalesce(spec_name, ?),"
                + " pattern_type = coalesce(pattern_type, ?), status = coalesce(?, status), updated_at = ?,"
                + " event_count = event_count + 1 WHERE id = ?");
        // Right after its event's insert: last_insert_rowid() is that event's row.
        insertSession = connection.prepareStatement("INSERT INTO sessions (id, first_event, spec_name, pattern_type,"
                + " status, created_at, updated_at, event_count) VALUES (?, last_insert_rowid(), ?, ?, ?, ?, ?, 1)");
        insertDelivery = connection.prepareStatement("INSERT INTO deliveries (id, event_id, handler, state, attempts,"
                + " due_at, updated_at) VALUES (?, ?, ?, 'pending', 0, ?, ?)");
        nextDeliveryId = lastDeliveryId(connection) + 1;
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
                // The newest row stays, so that rowids keep growing (see SqliteSchema, step 4).
                + " AND e.rowid <> (SELECT max(rowid) FROM events) LIMIT ?)");
        upsertInput = connection.prepareStatement("INSERT INTO inputs (source, byte_offset, line, updated_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET byte_offset = excluded.byte_offset,"
                + " line = excluded.line, updated_at = excluded.updated_at");
        touch = connection.prepareStatement("UPDATE schema_version SET version = -version");
        deleteSession = connection.prepareStatement("DELETE FROM sessions WHERE id IN (SELECT s.id FROM sessions s"
                + " WHERE s.id = ? AND " + SqliteSessions.KEPT + ")");
        pruneStaleSessions = connection.prepareStatement("DELETE FROM sessions WHERE id IN (SELECT id FROM sessions"
                + " WHERE updated_at < ? LIMIT ?)");
        pruneExtraSessions = connection.prepareStatement("DELETE FROM sessions WHERE id IN (SELECT id FROM sessions"
                + " ORDER BY updated_at DESC, first_event DESC LIMIT ? OFFSET ?)");
        saveHandlerState = connection.prepareStatement(HandlerStateRows.UPSERT);
    }

    void saveHandlerState(String handler, HandlerState state) throws SQLException {
        HandlerStateRows.bind(saveHandlerState, handler, state);
        saveHandlerState.executeUpdate();
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

    /**
     * Inserts an event (once per id: an event accepted again keeps its first row) and, the first
     * time, counts it in its session, creating the session when it is new.
     */
    void insertEvent(WorkflowEvent event, String body, Instant now) throws SQLException {
        insertEvent.setString(1, event.id());
        insertEvent.setString(2, body);
        insertEvent.setLong(3, now.toEpochMilli());
        insertEvent.setString(4, event.sessionId());
        insertEvent.setString(5, event.eventType());
        insertEvent.setString(6, event.specName());
        insertEvent.setString(7, event.patternType());
        if (insertEvent.executeUpdate() == 1 && event.sessionId() != null) {
            countInSession(event, now);
        }
    }

    private void countInSession(WorkflowEvent event, Instant now) throws SQLException {
        updateSession.setString(1, event.specName());
        updateSession.setString(2, event.patternType());
        updateSession.setString(3, SessionStatus.setBy(event.eventType()).map(SessionStatus::label).orElse(null));
        updateSession.setLong(4, now.toEpochMilli());
        updateSession.setString(5, event.sessionId());
        if (updateSession.executeUpdate() == 0) {
            insertSession.setString(1, event.sessionId());
            insertSession.setString(2, event.specName());
            insertSession.setString(3, event.patternType());
            insertSession.setString(4, SessionStatus.after(null, event.eventType()).label());
            insertSession.setLong(5, now.toEpochMilli());
            insertSession.setLong(6, now.toEpochMilli());
            insertSession.executeUpdate();
        }
    }

    /** @return the new delivery's id */
    long insertDelivery(String eventId, String handler, Instant now) throws SQLException {
        long id = nextDeliveryId;
        insertDelivery.setLong(1, id);
        insertDelivery.setString(2, eventId);
        insertDelivery.setString(3, handler);
        insertDelivery.setLong(4, now.toEpochMilli());
        insertDelivery.setLong(5, now.toEpochMilli());
        insertDelivery.executeUpdate();
        nextDeliveryId = id + 1;
        return id;
    }

    /** The largest delivery id ever given: AUTOINCREMENT's counter, which deleted rows do not lower. */
    private static long lastDeliveryId(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT max(coalesce((SELECT seq FROM sqlite_sequence"
                + " WHERE name = 'deliveries'), 0), coalesce((SELECT max(id) FROM deliveries), 0))");
                ResultSet row = query.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    /** @return false when the delivery is no longer in the store (nothing was changed) */
    boolean settle(long id, DeliveryState state, int attempts, Instant due, String reason, Integer status, Instant now)
            throws SQLException {
        settle.setString(1, state.column());
        settle.setInt(2, attempts);
        settle.setLong(3, dueMillis(due));
        settle.setString(4, reason);
        settle.setObject(5, status);
        settle.setLong(6, now.toEpochMilli());
        settle.setLong(7, id);
        return settle.executeUpdate() == 1;
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

    /**
     * Forgets a session kept by the retention rules; its events stay (with their deliveries) but are
     * no longer shown under its id.
     *
     * @param oldest the oldest update time kept (now less {@code max_age})
     * @return whether such a session was known
     */
    boolean deleteSession(String id, Instant oldest, int maxCount) throws SQLException {
        deleteSession.setString(1, id);
        deleteSession.setLong(2, oldest.toEpochMilli());
        deleteSession.setInt(3, maxCount - 1);
        return deleteSession.executeUpdate() == 1;
    }

    /**
     * Removes at most {@code batch} sessions not updated since {@code oldest}, then at most
     * {@code batch} of the least recently updated beyond the {@code maxCount} most recent.
     *
     * @return how many were removed
     */
    int pruneSessions(Instant oldest, int maxCount, int batch) throws SQLException {
        pruneStaleSessions.setLong(1, oldest.toEpochMilli());
        pruneStaleSessions.setInt(2, batch);
        int stale = pruneStaleSessions.executeUpdate();
        pruneExtraSessions.setInt(1, batch);
        pruneExtraSessions.setInt(2, maxCount);
        return stale + pruneExtraSessions.executeUpdate();
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
        for (PreparedStatement statement : new PreparedStatement[] {begin, commit, rollback, insertEvent, updateSession,
                insertSession, insertDelivery, settle, deadHandler, replay, delete, pruneDeliveries, pruneEvents,
                upsertInput, touch, deleteSession, pruneStaleSessions, pruneExtraSessions, saveHandlerState}) {
            statement.close();
        }
    }
}
