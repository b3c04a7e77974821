package dev.switchboard.core.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The deliveries of a {@link SqliteStore} by state, read on the read connection: each listing is
 * one query over the index by state and age ({@code deliveries_by_state_age}).
 */
final class SqliteDeliveries implements Deliveries {

    private static final String SELECT = "SELECT d.id, d.event_id, d.handler, d.state, d.attempts, d.due_at,"
            + " d.last_status, d.last_reason, d.updated_at, e.body, e.accepted_at FROM deliveries d JOIN events e ON e.id = d.event_id";

    private final SqliteStore store;
    private final SqliteReader reader;

    SqliteDeliveries(SqliteStore store, SqliteReader reader) {
        this.store = store;
        this.reader = reader;
    }

    @Override
    public List<DeliveryRecord> list(DeliveryState state, String handler, String eventId, int offset, int limit) {
        store.checkOpen();
        MemoryDeadLetters.checkPage(offset, limit);
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE d.state = ?");
        List<Object> arguments = new ArrayList<>();
        arguments.add(state.column());
        if (handler != null) {
            sql.append(" AND d.handler = ?");
            arguments.add(handler);
        }
        if (eventId != null) {
            sql.append(" AND d.event_id = ?");
            arguments.add(eventId);
        }
        sql.append(" ORDER BY d.updated_at DESC, d.id DESC LIMIT ? OFFSET ?");
        arguments.add(limit);
        arguments.add(offset);
        return reader.query(sql.toString(), arguments, this::record);
    }

    @Override
    public Optional<DeliveryRecord> get(long deliveryId) {
        store.checkOpen();
        return reader.query(SELECT + " WHERE d.id = ?", List.of(deliveryId), this::record).stream().findFirst();
    }

    private DeliveryRecord record(ResultSet row) throws SQLException {
        int status = row.getInt("last_status");
        Integer lastStatus = row.wasNull() ? null : status;
        String state = row.getString("state");
        return new DeliveryRecord(reader.delivery(row), DeliveryState.parse(state)
                .orElseThrow(() -> new IllegalStateException("unknown delivery state in the database: " + state)),
                lastStatus, Instant.ofEpochMilli(row.getLong("updated_at")));
    }
}
