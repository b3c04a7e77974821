package dev.switchboard.core.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The SQLite store's handler states: table {@code handler_states} (schema version 6), written by its one writer. */
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
        reader.query(HandlerStateRows.SELECT_ALL, List.of(),
                row -> states.put(row.getString(1), HandlerStateRows.read(row)));
        return states;
    }

    @Override
    public CompletableFuture<Void> save(String handler, HandlerState state) {
        store.checkOpen();
        return writer.submit(statements -> statements.saveHandlerState(handler, state));
    }
}
