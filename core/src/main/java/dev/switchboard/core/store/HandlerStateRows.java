package dev.switchboard.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/** Table {@code handler_states} as SQLite and PostgreSQL keep it alike: the query, the upsert and the row. */
final class HandlerStateRows {

    static final String SELECT_ALL = "SELECT handler, disabled_at, disabled_reason, breaker, breaker_since, paused_until"
            + " FROM handler_states";
    static final String UPSERT = "INSERT INTO handler_states (handler, disabled_at, disabled_reason, breaker,"
            + " breaker_since, paused_until) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (handler) DO UPDATE SET"
            + " disabled_at = excluded.disabled_at, disabled_reason = excluded.disabled_reason,"
            + " breaker = excluded.breaker, breaker_since = excluded.breaker_since, paused_until = excluded.paused_until";

    private HandlerStateRows() {
    }

    /** @return the state of a row of {@link #SELECT_ALL} (the handler's name is column 1) */
    static HandlerState read(ResultSet row) throws SQLException {
        return new HandlerState(instant(row, 2), row.getString(3), row.getString(4), instant(row, 5), instant(row, 6));
    }

    /** Binds {@link #UPSERT}'s parameters. */
    static void bind(PreparedStatement upsert, String handler, HandlerState state) throws SQLException {
        upsert.setString(1, handler);
        setInstant(upsert, 2, state.disabledAt());
        upsert.setString(3, state.disabledReason());
        upsert.setString(4, state.breaker());
        setInstant(upsert, 5, state.breakerSince());
        setInstant(upsert, 6, state.pausedUntil());
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
