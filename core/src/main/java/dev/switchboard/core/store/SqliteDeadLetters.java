package dev.switchboard.core.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The dead letters of a {@link SqliteStore}: read on the read connection, changed through the writer. */
final class SqliteDeadLetters implements DeadLetters {

    private final SqliteStore store;
    private final Clock clock;
    private final SqliteReader reader;
    private final SqliteWriter writer;

    SqliteDeadLetters(SqliteStore store, Clock clock, SqliteReader reader, SqliteWriter writer) {
        this.store = store;
        this.clock = clock;
        this.reader = reader;
        this.writer = writer;
    }

    @Override
    public List<DeadLetter> list(String handler, String eventId, int offset, int limit) {
        store.checkOpen();
        MemoryDeadLetters.checkPage(offset, limit);
        return store.deliveries().list(DeliveryState.DEAD, handler, eventId, offset, limit).stream()
                .map(record -> new DeadLetter(record.delivery(), record.updatedAt())).toList();
    }

    @Override
    public Optional<DeadLetter> get(long deliveryId) {
        store.checkOpen();
        return reader.dead(deliveryId);
    }

    @Override
    public int replay(Collection<Long> deliveryIds) {
        store.checkOpen();
        Instant now = clock.instant();
        List<String> handlers = new ArrayList<>();
        writer.await(new SqliteWriter.Write() {
            @Override
            public void apply(SqliteStatements statements) throws java.sql.SQLException {
                handlers.clear();
                for (long id : deliveryIds.stream().distinct().toList()) {
                    String handler = statements.replay(id, now);
                    if (handler != null) {
                        handlers.add(handler);
                    }
                }
            }

            @Override
            public void committed() {
                for (String handler : handlers) {
                    store.backlogCounts().add(handler, 1);
                }
                handlers.stream().distinct().forEach(handler -> store.sqliteQueue(handler).diskChanged());
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
            // The ids a page at a time, so that replaying many dead letters never holds them all at once.
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
        writer.await(statements -> deleted[0] = statements.delete(deliveryId));
        return deleted[0];
    }
}
