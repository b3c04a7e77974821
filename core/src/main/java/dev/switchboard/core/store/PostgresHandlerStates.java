package dev.switchboard.core.store;

import java.sql.PreparedStatement;
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
        reader.query(HandlerStateRows.SELECT_ALL, List.of(),
                row -> states.put(row.getString(1), HandlerStateRows.read(row)));
        return states;
    }

    @Override
    public CompletableFuture<Void> save(String handler, HandlerState state) {
        store.checkOpen();
        return writer.submit(transaction -> {
            try (PreparedStatement upsert = transaction.connection().prepareStatement(HandlerStateRows.UPSERT)) {
                HandlerStateRows.bind(upsert, handler, state);
                upsert.executeUpdate();
            }
        });
    }
}
