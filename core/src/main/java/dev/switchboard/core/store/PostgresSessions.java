package dev.switchboard.core.store;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.sessions.DeliveryState;
import dev.switchboard.core.sessions.EventRecord;
import dev.switchboard.core.sessions.KeptEvents;
import dev.switchboard.core.sessions.SessionDetail;
import dev.switchboard.core.sessions.SessionLimits;
import dev.switchboard.core.sessions.SessionPage;
import dev.switchboard.core.sessions.SessionStatus;
import dev.switchboard.core.sessions.SessionSummary;
import dev.switchboard.core.sessions.Sessions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sessions view of a {@link PostgresStore}: the same tables and rules as {@link SqliteSessions}
 * (an event's {@code seq} orders a session's events as SQLite's rowid does), read in one snapshot
 * per call, so every runtime on the database answers the same. Thread-safe.
 */
final class PostgresSessions implements Sessions {

    private static final String KEPT_ROWS = "WITH kept AS (SELECT * FROM sessions WHERE updated_at >= ?"
            + " ORDER BY updated_at DESC, first_event DESC LIMIT ?) ";
    private static final String SUMMARY = "id, spec_name, pattern_type, status, created_at, updated_at, event_count,"
            + " first_event";

    private final PostgresStore store;
    private final PostgresReader reader;
    private final PostgresWriter writer;
    private final Clock clock;
    private final SessionLimits limits;
    private final KeptEvents keptEvents;

    PostgresSessions(PostgresStore store, PostgresReader reader, PostgresWriter writer, Clock clock,
            SessionLimits limits, KeptEvents keptEvents) {
        this.store = store;
        this.reader = reader;
        this.writer = writer;
        this.clock = clock;
        this.limits = limits;
        this.keptEvents = keptEvents;
    }

    @Override
    public SessionPage list(int offset, int limit, SessionStatus status, String specName) {
        store.checkOpen();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> arguments = new ArrayList<>(List.of(oldest(), limits.maxSessions()));
        if (status != null) {
            where.append(" AND status = ?");
            arguments.add(status.label());
        }
        if (specName != null) {
            where.append(" AND spec_name = ?");
            arguments.add(specName);
        }
        return reader.read(connection -> {
            int total = PostgresReader.query(connection, KEPT_ROWS + "SELECT count(*) FROM kept" + where, arguments,
                    row -> row.getInt(1)).get(0);
            List<Object> page = new ArrayList<>(arguments);
            page.add(limit);
            page.add(offset);
            List<SessionSummary> items = PostgresReader.query(connection, KEPT_ROWS + "SELECT " + SUMMARY
                    + " FROM kept" + where + " ORDER BY first_event DESC LIMIT ? OFFSET ?", page, this::summary);
            return new SessionPage(items, offset, limit, total);
        });
    }

    @Override
    public Optional<SessionDetail> find(String sessionId) {
        store.checkOpen();
        return reader.read(connection -> {
            Optional<Kept> session = kept(connection, sessionId);
            if (session.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new SessionDetail(session.get().summary(),
                    events(connection, sessionId, session.get().firstEvent())));
        });
    }

    @Override
    public Optional<SessionSummary> summary(String sessionId) {
        store.checkOpen();
        return reader.read(connection -> kept(connection, sessionId).map(Kept::summary));
    }

    @Override
    public boolean delete(String sessionId) {
        store.checkOpen();
        long oldest = oldest().toEpochMilli();
        boolean[] deleted = new boolean[1];
        writer.await(transaction -> {
            try (PreparedStatement delete = transaction.connection().prepareStatement("DELETE FROM sessions WHERE id IN"
                    + " (SELECT s.id FROM sessions s WHERE s.id = ? AND " + SqliteSessions.KEPT + ")")) {
                delete.setString(1, sessionId);
                delete.setLong(2, oldest);
                delete.setInt(3, limits.maxSessions() - 1);
                deleted[0] = delete.executeUpdate() == 1;
            }
        });
        return deleted[0];
    }

    private record Kept(SessionSummary summary, long firstEvent) {
    }

    private Optional<Kept> kept(Connection connection, String sessionId) throws SQLException {
        return PostgresReader.query(connection, "SELECT " + SUMMARY + " FROM sessions s WHERE s.id = ? AND "
                + SqliteSessions.KEPT, List.of(sessionId, oldest(), limits.maxSessions() - 1),
                row -> new Kept(summary(row), row.getLong("first_event"))).stream().findFirst();
    }

    private List<EventRecord> events(Connection connection, String sessionId, long firstEvent) throws SQLException {
        List<EventRecord> records = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT e.id, e.body, e.accepted_at, d.handler,"
                + " d.state, d.attempts, d.due_at, d.last_reason, d.updated_at FROM (SELECT seq, id, body, accepted_at"
                + " FROM events WHERE session_id = ? AND seq >= ? ORDER BY seq DESC LIMIT ?) e"
                + " LEFT JOIN deliveries d ON d.event_id = e.id ORDER BY e.seq, d.id")) {
            query.setString(1, sessionId);
            query.setLong(2, firstEvent);
            query.setInt(3, limits.maxEventsPerSession());
            try (ResultSet row = query.executeQuery()) {
                String eventId = null;
                WorkflowEvent event = null;
                Instant acceptedAt = null;
                Map<String, DeliveryState> deliveries = null;
                while (row.next()) {
                    if (!row.getString("id").equals(eventId)) {
                        if (event != null) {
                            records.add(keptEvents.record(event, acceptedAt, Collections.unmodifiableMap(deliveries)));
                        }
                        eventId = row.getString("id");
                        event = reader.event(eventId, row.getString("body"));
                        acceptedAt = Instant.ofEpochMilli(row.getLong("accepted_at"));
                        deliveries = new LinkedHashMap<>();
                    }
                    String handler = row.getString("handler");
                    if (handler != null) {
                        deliveries.put(handler, SqliteSessions.state(row.getString("state"), row.getInt("attempts"),
                                row.getLong("due_at"), row.getString("last_reason"), row.getLong("updated_at")));
                    }
                }
                if (event != null) {
                    records.add(keptEvents.record(event, acceptedAt, Collections.unmodifiableMap(deliveries)));
                }
            }
        }
        return records;
    }

    private SessionSummary summary(ResultSet row) throws SQLException {
        String status = row.getString("status");
        return new SessionSummary(row.getString("id"), row.getString("spec_name"), row.getString("pattern_type"),
                SessionStatus.parse(status).orElseThrow(() -> new StoreException(reader.database() + ": session"
                        + " status '" + status + "' is unknown")),
                Instant.ofEpochMilli(row.getLong("created_at")), Instant.ofEpochMilli(row.getLong("updated_at")),
                row.getLong("event_count"));
    }

    private Instant oldest() {
        return clock.instant().minus(limits.maxAge());
    }
}
