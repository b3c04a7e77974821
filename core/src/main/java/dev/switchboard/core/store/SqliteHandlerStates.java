package dev.switchboard.core.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The SQLite store's handler states: table {@code handler_states} (schema version 5), written by its one writer. */
final class SqliteHandlerStates implements HandlerStates {

    private final SqliteStore store;
    private final SqliteReader reader;
    private final SqliteWriter writer;

    SqliteHandlerStates(SqliteStore store, SqliteReader reader, SqliteWriter writer) {
        this.store = store;
        this.reader = reader;
        this.writer = writer;
    }

    @Override
    public Map<String, HandlerState> all() {
        store.checkOpen();
        Map<String, HandlerState> states = new HashMap<>();
        reader.query("SELECT handler, disabled_at, disabled_reason, breaker, breaker_since, paused_until"
                + " FROM handler_states", List.of(), row -> states.put(row.getString(1), new HandlerState(
                        instant(row, 2), row.getString(3), row.getString(4), instant(row, 5), instant(row, 6))));
        return states;
    }

    @Override
    public CompletableFuture<Void> save(String handler, HandlerState state) {
        store.checkOpen();
        return writer.submit(statements -> statements.saveHandlerState(handler, state));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
