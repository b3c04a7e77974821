package dev.switchboard.core.store;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.event.EventJson;
import dev.switchboard.core.event.InvalidEventException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQLite store's read connection (WAL lets it read while the writer commits): each query sees
 * what was committed when it started. Thread-safe (one query at a time).
 */
final class SqliteReader implements AutoCloseable {

    private static final String COLUMNS = "SELECT d.id, d.event_id, d.handler, d.attempts, d.due_at, d.last_reason,"
            + " d.updated_at, e.body, e.accepted_at FROM deliveries d JOIN events e ON e.id = d.event_id";

    static final String EARLIEST_PENDING = COLUMNS
            + " WHERE d.handler = ? AND d.state = 'pending' ORDER BY d.due_at, d.id LIMIT ?";

    private final Path file;
    private final Connection connection;
    /** Prepared once and again after a failure: the driver closes a statement for good when it fails with an I/O error. */
    private PreparedStatement earliestPending;

    SqliteReader(Path file, Connection connection) throws SQLException {
        this.file = file;
        this.connection = connection;
        connection.setAutoCommit(true);
        this.earliestPending = connection.prepareStatement(EARLIEST_PENDING);
    }

    /**
     * Reads the handler's pending deliveries in the order they fall due, at most {@code limit}
     * rows, each to {@code rows}, which may stop the read.
     */
    synchronized void earliestPending(String handler, int limit, PendingRows rows) {
        try {
            if (earliestPending == null) {
                earliestPending = connection.prepareStatement(EARLIEST_PENDING);
            }
            earliestPending.setString(1, handler);
            earliestPending.setInt(2, limit);
            try (ResultSet row = earliestPending.executeQuery()) {
                while (row.next()) {
                    if (!rows.next(row.getLong("id"), Instant.ofEpochMilli(row.getLong("due_at")), () -> delivery(row))) {
                        break;
                    }
                }
            }
        } catch (SQLException e) {
            SqliteFiles.closeQuietly(earliestPending);
            earliestPending = null;
            throw SqliteFaults.describe(file, e);
        }
    }

    /** Takes the rows of {@link #earliestPending} one by one. */
    interface PendingRows {
        /**
         * @param id the delivery's id
         * @param dueAt when it is due
         * @param row reads the whole delivery, its event parsed from the stored body: only for a
         *     row the caller does not hold already
         * @return whether to read on
         */
        boolean next(long id, Instant dueAt, DeliveryRow row) throws SQLException;
    }

    /** The delivery of the row being read. */
    interface DeliveryRow {
        StoredDelivery read() throws SQLException;
    }

    synchronized Optional<DeadLetter> dead(long id) {
        return deadLetters(COLUMNS + " WHERE d.state = 'dead' AND d.id = ?", List.of(id)).stream().findFirst();
    }

    synchronized Optional<InputPosition> inputPosition(String source) {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT byte_offset, line FROM inputs WHERE source = ?")) {
            query.setString(1, source);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new InputPosition(source, row.getLong(1), row.getLong(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqliteFaults.describe(file, e);
        }
    }

    /**
     * @return each handler's count of pending deliveries; read on open, after the deliveries left in
     *     flight by a version that wrote leases are pending again
     */
    synchronized Map<String, Long> backlogs() {
        Map<String, Long> counts = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT handler, count(*) FROM deliveries"
                + " WHERE state = 'pending' GROUP BY handler"); ResultSet row = query.executeQuery()) {
            while (row.next()) {
                counts.put(row.getString(1), row.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            throw SqliteFaults.describe(file, e);
        }
    }

    /** Reads one row of a query's result. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Runs a query with these arguments and reads every row of its result. */
    synchronized <T> List<T> query(String sql, List<Object> arguments, Row<T> reader) {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.size(); i++) {
                query.setObject(i + 1, arguments.get(i));
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(reader.read(row));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw SqliteFaults.describe(file, e);
        }
    }

    private List<DeadLetter> deadLetters(String sql, List<Object> arguments) {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.size(); i++) {
                query.setObject(i + 1, arguments.get(i));
            }
            List<DeadLetter> rows = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(new DeadLetter(delivery(row), Instant.ofEpochMilli(row.getLong("updated_at"))));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw SqliteFaults.describe(file, e);
        }
    }

    /** Reads a delivery from a row with the columns of {@link #COLUMNS} (by name). */
    StoredDelivery delivery(ResultSet row) throws SQLException {
        return new StoredDelivery(row.getLong("id"), event(file, row.getString("event_id"), row.getString("body")),
                row.getString("handler"), row.getInt("attempts"), Instant.ofEpochMilli(row.getLong("due_at")),
                row.getString("last_reason"), Instant.ofEpochMilli(row.getLong("accepted_at")));
    }

    /** @return the event a stored body holds, with its id */
    static WorkflowEvent event(Path file, String eventId, String body) {
        try {
            return EventJson.parse(body).toBuilder().id(eventId).build();
        } catch (InvalidEventException e) {
            throw new StoreException(file + ": the stored body of event " + eventId + " is unreadable ("
                    + e.getMessage() + ")", e);
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        SqliteFiles.closeQuietly(earliestPending);
        connection.close();
    }
}
