package dev.switchboard.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The dead letters of a {@link PostgresStore}, shared by every runtime on the database: listed
 * through the deliveries listing, replayed and deleted through the writer. A replay wakes the
 * runtimes waiting for the handler's deliveries.
 */
final class PostgresDeadLetters implements DeadLetters {

    private final PostgresStore store;
    private final Clock clock;
    private final PostgresWriter writer;

    PostgresDeadLetters(PostgresStore store, Clock clock, PostgresWriter writer) {
        this.store = store;
        this.clock = clock;
        this.writer = writer;
    }

    @Override
    public List<DeadLetter> list(String handler, String eventId, int offset, int limit) {
        store.checkOpen();
        return store.deliveries().list(DeliveryState.DEAD, handler, eventId, offset, limit).stream()
                .map(record -> new DeadLetter(record.delivery(), record.updatedAt())).toList();
    }

    @Override
    public Optional<DeadLetter> get(long deliveryId) {
        return store.deliveries().get(deliveryId).filter(record -> record.state() == DeliveryState.DEAD)
                .map(record -> new DeadLetter(record.delivery(), record.updatedAt()));
    }

    @Override
    public int replay(Collection<Long> deliveryIds) {
        store.checkOpen();
        long now = clock.instant().toEpochMilli();
        List<String> handlers = new ArrayList<>();
        writer.await(new PostgresWriter.Write() {
            @Override
            public void apply(PostgresTransaction transaction) throws SQLException {
                handlers.clear();
                Long[] ids = deliveryIds.stream().distinct().sorted().toArray(Long[]::new);
                try (PreparedStatement replay = transaction.connection().prepareStatement("UPDATE deliveries SET"
                        + " state = 'pending', attempts = 0, due_at = ?, updated_at = ? WHERE id = ANY (?)"
                        + " AND state = 'dead' RETURNING handler")) {
                    replay.setLong(1, now);
                    replay.setLong(2, now);
                    replay.setArray(3, transaction.connection().createArrayOf("bigint", ids));
                    try (ResultSet row = replay.executeQuery()) {
                        while (row.next()) {
                            handlers.add(row.getString(1));
                        }
                    }
                }
                handlers.stream().distinct().forEach(transaction::wake);
            }

            @Override
            public void committed() {
                handlers.forEach(handler -> store.backlogCounts().add(handler, 1));
                handlers.stream().distinct().forEach(handler -> store.postgresQueue(handler).databaseChanged());
            }
        });
        return handlers.size();
    }

    @Override
    public int replayAll(String handler) {
        store.checkOpen();
        int replayed = 0;
        int page;
        do {
            List<Long> ids = list(handler, null, 0, 1_000).stream().map(dead -> dead.delivery().id()).toList();
            page = ids.size();
            replayed += replay(ids);
        } while (page == 1_000);
        return replayed;
    }

    @Override
    public boolean delete(long deliveryId) {
        store.checkOpen();
        boolean[] deleted = new boolean[1];
        writer.await(transaction -> {
            try (PreparedStatement delete = transaction.connection().prepareStatement(
                    "DELETE FROM deliveries WHERE id = ? AND state = 'dead'")) {
                delete.setLong(1, deliveryId);
                deleted[0] = delete.executeUpdate() == 1;
            }
        });
        return deleted[0];
    }
}
