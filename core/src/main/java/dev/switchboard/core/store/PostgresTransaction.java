package dev.switchboard.core.store;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.sessions.SessionStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One transaction of the PostgreSQL writer. Accepts and settles are collected and sent in JDBC
 * batches when the transaction ends (one round trip per kind of statement, not one per delivery);
 * the rarer writes (replay, delete, prune) run at once. Used by the writer thread only.
 */
final class PostgresTransaction {

    /** What becomes of one settle: whether its row was still leased by this runtime. */
    static final class SettleResult {
        boolean found;
    }

    private record Accept(WorkflowEvent event, String body, Instant now, List<String> handlers) {
    }

    private record Settle(long id, DeliveryState state, int attempts, long dueAt, String reason, Integer status,
            long now, SettleResult result) {
    }

    private final Connection connection;
    private final String owner;
    private final List<Accept> accepts = new ArrayList<>();
    private final Map<String, InputPosition> positions = new LinkedHashMap<>();
    private long positionsAt;
    private final List<Settle> settles = new ArrayList<>();
    private final TreeSet<String> wake = new TreeSet<>();

    PostgresTransaction(Connection connection, String owner) {
        this.connection = connection;
        this.owner = owner;
    }

    Connection connection() {
        return connection;
    }

    void accept(WorkflowEvent event, String body, Instant now, List<String> handlers, InputPosition position) {
        accepts.add(new Accept(event, body, now, handlers));
        wake.addAll(handlers);
        if (position != null) {
            positions.put(position.source(), position);
            positionsAt = now.toEpochMilli();
        }
    }

    /** Settles a delivery this runtime leased; the result says whether it still held the lease. */
    SettleResult settle(long id, DeliveryState state, int attempts, Instant due, String reason, Integer status,
            Instant now) {
        SettleResult result = new SettleResult();
        settles.add(new Settle(id, state, attempts, SqliteStatements.dueMillis(due), reason, status,
                now.toEpochMilli(), result));
        return result;
    }

    /** Wakes idle runtimes waiting for this handler's deliveries once the transaction commits. */
    void wake(String handler) {
        wake.add(handler);
    }

    /** Sends what was collected; the caller commits. */
    void flush() throws SQLException {
        if (!accepts.isEmpty()) {
            insertAccepts();
        }
        if (!positions.isEmpty()) {
            upsertPositions();
        }
        if (!settles.isEmpty()) {
            updateSettles();
        }
        if (!wake.isEmpty()) {
            try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                for (String handler : wake) {
                    notify.setString(1, PostgresListener.CHANNEL);
                    notify.setString(2, handler);
                    notify.addBatch();
                }
                notify.executeBatch();
            }
        }
    }

    private void insertAccepts() throws SQLException {
        int[] inserted;
        // An event accepted again (a rerun of the same input line) keeps its first body.
        try (PreparedStatement events = connection.prepareStatement("INSERT INTO events (id, body, accepted_at,"
                + " session_id, event_type, spec_name, pattern_type) VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (id) DO NOTHING")) {
            for (Accept accept : accepts) {
                WorkflowEvent event = accept.event;
                events.setString(1, event.id());
                events.setString(2, accept.body);
                events.setLong(3, accept.now.toEpochMilli());
                events.setString(4, event.sessionId());
                events.setString(5, event.eventType());
                events.setString(6, event.specName());
                events.setString(7, event.patternType());
                events.addBatch();
            }
            inserted = events.executeBatch();
        }
        List<Accept> counted = new ArrayList<>();
        for (int i = 0; i < accepts.size(); i++) {
            if (inserted[i] != 0 && accepts.get(i).event.sessionId() != null) {
                counted.add(accepts.get(i));
            }
        }
        if (!counted.isEmpty()) {
            upsertSessions(counted);
        }
        try (PreparedStatement deliveries = connection.prepareStatement("INSERT INTO deliveries (event_id, handler,"
                + " state, attempts, due_at, updated_at) VALUES (?, ?, 'pending', 0, ?, ?)")) {
            for (Accept accept : accepts) {
                for (String handler : accept.handlers) {
                    deliveries.setString(1, accept.event.id());
                    deliveries.setString(2, handler);
                    deliveries.setLong(3, accept.now.toEpochMilli());
                    deliveries.setLong(4, accept.now.toEpochMilli());
                    deliveries.addBatch();
                }
            }
            deliveries.executeBatch();
        }
    }

    /**
     * Counts each event in its session, creating the session when it is new. Sessions are locked in
     * the order of their ids (a stable sort keeps each session's events in accept order), so that two
     * runtimes counting events of the same sessions never wait for each other in a circle.
     */
    private void upsertSessions(List<Accept> counted) throws SQLException {
        List<Accept> ordered = new ArrayList<>(counted);
        ordered.sort(Comparator.comparing(accept -> accept.event.sessionId()));
        try (PreparedStatement sessions = connection.prepareStatement("INSERT INTO sessions (id, first_event,"
                + " spec_name, pattern_type, status, created_at, updated_at, event_count)"
                + " VALUES (?, (SELECT seq FROM events WHERE id = ?), ?, ?, ?, ?, ?, 1) ON CONFLICT (id) DO UPDATE SET"
                + " spec_name = coalesce(sessions.spec_name, excluded.spec_name),"
                + " pattern_type = coalesce(sessions.pattern_type, excluded.pattern_type),"
                + " status = coalesce(?, sessions.status), updated_at = excluded.updated_at,"
                + " event_count = sessions.event_count + 1")) {
            for (Accept accept : ordered) {
                WorkflowEvent event = accept.event;
                long now = accept.now.toEpochMilli();
                sessions.setString(1, event.sessionId());
                sessions.setString(2, event.id());
                sessions.setString(3, event.specName());
                sessions.setString(4, event.patternType());
                sessions.setString(5, SessionStatus.after(null, event.eventType()).label());
                sessions.setLong(6, now);
                sessions.setLong(7, now);
                sessions.setString(8, SessionStatus.setBy(event.eventType()).map(SessionStatus::label).orElse(null));
                sessions.addBatch();
            }
            sessions.executeBatch();
        }
    }

    private void upsertPositions() throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO inputs (source, byte_offset, line,"
                + " updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET byte_offset ="
                + " excluded.byte_offset, line = excluded.line, updated_at = excluded.updated_at")) {
            for (InputPosition position : positions.values()) {
                upsert.setString(1, position.source());
                upsert.setLong(2, position.offset());
                upsert.setLong(3, position.line());
                upsert.setLong(4, positionsAt);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /** Settles in the order of their ids, so that concurrent transactions lock rows in one order. */
    private void updateSettles() throws SQLException {
        List<Settle> ordered = new ArrayList<>(settles);
        ordered.sort(Comparator.comparingLong(Settle::id));
        int[] updated;
        try (PreparedStatement settle = connection.prepareStatement("UPDATE deliveries SET state = ?, attempts = ?,"
                + " due_at = ?, last_reason = ?, last_status = ?, updated_at = ?, lease_owner = NULL,"
                + " lease_until = NULL WHERE id = ? AND state = 'in_flight' AND lease_owner = ?")) {
            for (Settle s : ordered) {
                settle.setString(1, s.state.column());
                settle.setInt(2, s.attempts);
                settle.setLong(3, s.dueAt);
                settle.setString(4, s.reason);
                settle.setObject(5, s.status, java.sql.Types.INTEGER);
                settle.setLong(6, s.now);
                settle.setLong(7, s.id);
                settle.setString(8, owner);
                settle.addBatch();
            }
            updated = settle.executeBatch();
        }
        for (int i = 0; i < ordered.size(); i++) {
            ordered.get(i).result.found = updated[i] != 0;
        }
    }
}
