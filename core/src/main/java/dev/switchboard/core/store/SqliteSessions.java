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
import java.nio.file.Path;
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
 * The sessions view of a {@link SqliteStore}, read from its {@code sessions} and {@code events}
 * tables on a read connection of its own (each call one read transaction, so it sees one commit),
 * changed through the writer. The retention rules of {@link SessionLimits} hold on every read, ahead
 * of the store's {@link SqliteStore#prune() prune}: a session not updated for {@code max_age}, or
 * beyond the {@code max_count} most recently updated, is not shown; a session shows its last
 * {@code max_events} events, each redacted and cut by {@link KeptEvents}.
 *
 * <p>Thread-safe (one read at a time).
 */
final class SqliteSessions implements Sessions, AutoCloseable {

    /**
     * Whether session row {@code s} is kept: updated at or after the first parameter (now less
     * {@code max_age}), and fewer than {@code max_count} sessions (the second parameter is
     * {@code max_count - 1}) updated after it. {@link #KEPT_ROWS} is the same rule for all rows.
     */
    static final String KEPT = "s.updated_at >= ? AND NOT EXISTS (SELECT 1 FROM sessions o"
            + " WHERE (o.updated_at, o.first_event) > (s.updated_at, s.first_event) LIMIT 1 OFFSET ?)";
    /** The kept sessions: updated at or after the first parameter, the second parameter ({@code max_count}) most recent. */
    private static final String KEPT_ROWS = "WITH kept AS (SELECT * FROM sessions WHERE updated_at >= ?"
            + " ORDER BY updated_at DESC, first_event DESC LIMIT ?) ";
    private static final String SUMMARY = "id, spec_name, pattern_type, status, created_at, updated_at, event_count,"
            + " first_event";

    private final SqliteStore store;
    private final Path file;
    private final Connection connection;
    private final SqliteWriter writer;
    private final Clock clock;
    private final SessionLimits limits;
    private final KeptEvents keptEvents;

    /** @param connection a connection of its own, not in auto-commit mode; closed by {@link #close} */
    SqliteSessions(SqliteStore store, Path file, Connection connection, SqliteWriter writer, Clock clock,
            SessionLimits limits, KeptEvents keptEvents) {
        this.store = store;
        this.file = file;
        this.connection = connection;
        this.writer = writer;
        this.clock = clock;
        this.limits = limits;
        this.keptEvents = keptEvents;
    }

    @Override
    public synchronized SessionPage list(int offset, int limit, SessionStatus status, String specName) {
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
        return read(() -> {
            int total;
            try (PreparedStatement count = prepare(KEPT_ROWS + "SELECT count(*) FROM kept" + where, arguments);
                    ResultSet row = count.executeQuery()) {
                total = row.next() ? row.getInt(1) : 0;
            }
            List<Object> page = new ArrayList<>(arguments);
            page.add(limit);
            page.add(offset);
            List<SessionSummary> items = new ArrayList<>();
            try (PreparedStatement query = prepare(KEPT_ROWS + "SELECT " + SUMMARY + " FROM kept" + where
                    + " ORDER BY first_event DESC LIMIT ? OFFSET ?", page); ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    items.add(summary(row));
                }
            }
            return new SessionPage(items, offset, limit, total);
        });
    }

    @Override
    public synchronized Optional<SessionDetail> find(String sessionId) {
        store.checkOpen();
        return read(() -> {
            Optional<Kept> session = kept(sessionId);
            if (session.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new SessionDetail(session.get().summary(), events(sessionId, session.get().firstEvent())));
        });
    }

    @Override
    public synchronized Optional<SessionSummary> summary(String sessionId) {
        store.checkOpen();
        return read(() -> kept(sessionId).map(Kept::summary));
    }

    @Override
    public boolean delete(String sessionId) {
        store.checkOpen();
        Instant oldest = oldest();
        boolean[] deleted = new boolean[1];
        writer.await(statements -> deleted[0] = statements.deleteSession(sessionId, oldest, limits.maxSessions()));
        return deleted[0];
    }

    /** A kept session's row. */
    private record Kept(SessionSummary summary, long firstEvent) {
    }

    private Optional<Kept> kept(String sessionId) throws SQLException {
        try (PreparedStatement query = prepare("SELECT " + SUMMARY + " FROM sessions s WHERE s.id = ? AND " + KEPT,
                List.of(sessionId, oldest(), limits.maxSessions() - 1)); ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(new Kept(summary(row), row.getLong("first_event"))) : Optional.empty();
        }
    }

    /** @return the session's last {@code max_events} events in accept order, each with its deliveries */
    private List<EventRecord> events(String sessionId, long firstEvent) throws SQLException {
        List<EventRecord> records = new ArrayList<>();
        Map<Long, Instant> inFlight = store.leased(null);
        try (PreparedStatement query = prepare("SELECT e.id, e.body, e.accepted_at, d.id AS delivery_id, d.handler,"
                + " d.state, d.attempts, d.due_at, d.last_reason, d.updated_at FROM (SELECT rowid AS seq, id, body, accepted_at FROM events"
                + " WHERE session_id = ? AND rowid >= ? ORDER BY rowid DESC LIMIT ?) e"
                + " LEFT JOIN deliveries d ON d.event_id = e.id ORDER BY e.seq, d.id",
                List.of(sessionId, firstEvent, limits.maxEventsPerSession())); ResultSet row = query.executeQuery()) {
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
                    event = SqliteReader.event(file, eventId, row.getString("body"));
                    acceptedAt = Instant.ofEpochMilli(row.getLong("accepted_at"));
                    deliveries = new LinkedHashMap<>();
                }
                String handler = row.getString("handler");
                if (handler != null) {
                    // A delivery this process has leased is in flight; its row says pending.
                    Instant leasedAt = inFlight.get(row.getLong("delivery_id"));
                    deliveries.put(handler, state(leasedAt != null ? "in_flight" : row.getString("state"),
                            row.getInt("attempts"), row.getLong("due_at"), row.getString("last_reason"),
                            leasedAt != null ? leasedAt.toEpochMilli() : row.getLong("updated_at")));
                }
            }
            if (event != null) {
                records.add(keptEvents.record(event, acceptedAt, Collections.unmodifiableMap(deliveries)));
            }
        }
        return records;
    }

    /**
     * A stored delivery as the sessions API shows it: pending and in flight are pending (in flight
     * after a failed attempt with that attempt's reason), pending after a failed attempt is a
     * scheduled retry, delivered is delivered, dead is failed.
     */
    static DeliveryState state(String column, int attempts, long dueAt, String reason, long updatedAt) {
        Instant updated = Instant.ofEpochMilli(updatedAt);
        String lastReason = attempts == 0 ? null : reason;
        return switch (column) {
            case "pending" -> attempts == 0
                    ? new DeliveryState(DeliveryState.State.PENDING, 0, null, null, updated)
                    : new DeliveryState(DeliveryState.State.RETRY_SCHEDULED, attempts, Instant.ofEpochMilli(dueAt),
                            lastReason, updated);
            case "in_flight" -> new DeliveryState(DeliveryState.State.PENDING, attempts, null, lastReason, updated);
            case "delivered" -> new DeliveryState(DeliveryState.State.DELIVERED, attempts, null, null, updated);
            case "dead" -> new DeliveryState(DeliveryState.State.FAILED, attempts, null, reason, updated);
            default -> throw new IllegalStateException("unknown delivery state '" + column + "'");
        };
    }

    private SessionSummary summary(ResultSet row) throws SQLException {
        String status = row.getString("status");
        return new SessionSummary(row.getString("id"), row.getString("spec_name"), row.getString("pattern_type"),
                SessionStatus.parse(status).orElseThrow(() -> new StoreException(file + ": session status '" + status
                        + "' is unknown")),
                Instant.ofEpochMilli(row.getLong("created_at")), Instant.ofEpochMilli(row.getLong("updated_at")),
                row.getLong("event_count"));
    }

    /** The oldest update time a kept session has: now less {@code max_age}. */
    private Instant oldest() {
        return clock.instant().minus(limits.maxAge());
    }

    private PreparedStatement prepare(String sql, List<Object> arguments) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < arguments.size(); i++) {
                Object argument = arguments.get(i);
                statement.setObject(i + 1, argument instanceof Instant instant ? instant.toEpochMilli() : argument);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** A read in one transaction, ended (and its snapshot released, so checkpoints can proceed) when done. */
    private <T> T read(Read<T> read) {
        try {
            try {
                return read.run();
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw SqliteFaults.describe(file, e);
        }
    }

    private interface Read<T> {
        T run() throws SQLException;
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
