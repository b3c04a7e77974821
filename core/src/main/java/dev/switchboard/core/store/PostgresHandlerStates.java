package dev.switchboard.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The PostgreSQL store's handler states: table {@code handler_states}, shared by every runtime on the database. */
final class PostgresHandlerStates implements HandlerStates {

    private final PostgresStore store;
    private final PostgresReader reader;
    private final PostgresWriter writer;

    PostgresHandlerStates(PostgresStore store, PostgresReader reader, PostgresWriter writer) {
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
        return writer.submit(transaction -> {
            try (PreparedStatement upsert = transaction.connection().prepareStatement("INSERT INTO handler_states"
                    + " (handler, disabled_at, disabled_reason, breaker, breaker_since, paused_until)"
                    + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (handler) DO UPDATE SET disabled_at = excluded.disabled_at,"
                    + " disabled_reason = excluded.disabled_reason, breaker = excluded.breaker,"
                    + " breaker_since = excluded.breaker_since, paused_until = excluded.paused_until")) {
                upsert.setString(1, handler);
                setInstant(upsert, 2, state.disabledAt());
                upsert.setString(3, state.disabledReason());
                upsert.setString(4, state.breaker());
                setInstant(upsert, 5, state.breakerSince());
                setInstant(upsert, 6, state.pausedUntil());
                upsert.executeUpdate();
            }
        });
    }

    private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value.toEpochMilli());
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
