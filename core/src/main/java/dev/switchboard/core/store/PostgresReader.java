package dev.switchboard.core.store;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.event.EventJson;
import dev.switchboard.core.event.InvalidEventException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads of the PostgreSQL store, each on a connection borrowed from the pool: a single query in its
 * own statement, or several in one read-only transaction that sees one snapshot. Thread-safe.
 */
final class PostgresReader {

    /** The columns {@link #delivery} reads, from deliveries {@code d} joined with their events {@code e}. */
    static final String COLUMNS = "SELECT d.id, d.event_id, d.handler, d.state, d.attempts, d.due_at, d.last_status,"
            + " d.last_reason, d.updated_at, e.body, e.accepted_at FROM deliveries d JOIN events e ON e.id = d.event_id";

    private final String database;
    private final DataSource pool;

    PostgresReader(String database, DataSource pool) {
        this.database = database;
        this.pool = pool;
    }

    String database() {
        return database;
    }

    /** Runs a query with these arguments and reads every row of its result. */
    <T> List<T> query(String sql, List<Object> arguments, SqliteReader.Row<T> reader) {
        return read(connection -> query(connection, sql, arguments, reader));
    }

    static <T> List<T> query(Connection connection, String sql, List<Object> arguments, SqliteReader.Row<T> reader)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.size(); i++) {
                Object argument = arguments.get(i);
                query.setObject(i + 1, argument instanceof Instant instant ? instant.toEpochMilli() : argument);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(reader.read(row));
                }
            }
            return rows;
        }
    }

    /** Work on one connection. */
    interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs reads in one read-only transaction: they see one snapshot of the database. */
    <T> T read(Read<T> read) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                return read.run(connection);
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        } catch (SQLException e) {
            throw PostgresFaults.describe(database, e);
        }
    }

    /** Runs one statement that changes rows outside the writer (a claim, a lease renewal), committed at once. */
    <T> T change(Read<T> change) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(true);
            return change.run(connection);
        } catch (SQLException e) {
            throw PostgresFaults.describe(database, e);
        }
    }

    /** Reads a delivery from a row with the columns of {@link #COLUMNS} (by name). */
    StoredDelivery delivery(ResultSet row) throws SQLException {
        return new StoredDelivery(row.getLong("id"), event(row.getString("event_id"), row.getString("body")),
                row.getString("handler"), row.getInt("attempts"), Instant.ofEpochMilli(row.getLong("due_at")),
                row.getString("last_reason"), Instant.ofEpochMilli(row.getLong("accepted_at")));
    }

    /** @return the event a stored body holds, with its id */
    WorkflowEvent event(String eventId, String body) {
        try {
            return EventJson.parse(body).toBuilder().id(eventId).build();
        } catch (InvalidEventException e) {
            throw new StoreException(database + ": the stored body of event " + eventId + " is unreadable ("
                    + e.getMessage() + ")", e);
        }
    }
}
