package dev.switchboard.core.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deliveries of a {@link SqliteStore} by state, read on the read connection: each listing is
 * one query over the index of that state (dead letters and delivered deliveries by age). A delivery this
 * process has leased is in flight; its row says pending.
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
        Map<Long, Instant> leased = state == DeliveryState.PENDING || state == DeliveryState.IN_FLIGHT
                ? store.leased(handler) : Map.of();
        if (state == DeliveryState.IN_FLIGHT && leased.isEmpty()) {
            return List.of();
        }
        // In flight is a lease of this process, kept in memory; the row says pending. The state is
        // written into the query, not bound, so that SQLite picks the partial index of that state.
        DeliveryState stored = state == DeliveryState.IN_FLIGHT ? DeliveryState.PENDING : state;
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE d.state = '").append(stored.column()).append('\'');
        List<Object> arguments = new ArrayList<>();
        if (!leased.isEmpty()) {
            sql.append(state == DeliveryState.IN_FLIGHT ? " AND d.id IN (" : " AND d.id NOT IN (")
                    .append(String.join(", ", Collections.nCopies(leased.size(), "?"))).append(')');
            arguments.addAll(leased.keySet());
        }
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
        Map<Long, Instant> inFlight = state == DeliveryState.IN_FLIGHT ? leased : Map.of();
        return reader.query(sql.toString(), arguments, row -> record(row, inFlight));
    }

    @Override
    public Optional<DeliveryRecord> get(long deliveryId) {
        store.checkOpen();
        Map<Long, Instant> inFlight = store.leased(null);
        return reader.query(SELECT + " WHERE d.id = ?", List.of(deliveryId), row -> record(row, inFlight)).stream()
                .findFirst();
    }

    private DeliveryRecord record(ResultSet row, Map<Long, Instant> inFlight) throws SQLException {
        int status = row.getInt("last_status");
        Integer lastStatus = row.wasNull() ? null : status;
        String column = row.getString("state");
        DeliveryState state = DeliveryState.parse(column)
                .orElseThrow(() -> new IllegalStateException("unknown delivery state in the database: " + column));
        StoredDelivery delivery = reader.delivery(row);
        Instant updatedAt = Instant.ofEpochMilli(row.getLong("updated_at"));
        Instant leasedAt = inFlight.get(delivery.id());
        if (state == DeliveryState.PENDING && leasedAt != null) {
            state = DeliveryState.IN_FLIGHT;
            updatedAt = Instant.ofEpochMilli(leasedAt.toEpochMilli());
        }
        return new DeliveryRecord(delivery, state, lastStatus, updatedAt);
    }
}
