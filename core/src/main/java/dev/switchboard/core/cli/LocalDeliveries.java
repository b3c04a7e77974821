package dev.switchboard.core.cli;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.server.DeliveryJson;
import dev.switchboard.core.store.DeliveryState;
import dev.switchboard.core.store.DeliveryStore;
import dev.switchboard.core.store.HandlerState;
import dev.switchboard.core.store.IdReplay;
import dev.switchboard.core.store.SqliteStore;
import dev.switchboard.core.store.StoreException;
import dev.switchboard.core.store.StoreLockedException;
import dev.switchboard.core.store.StoreWrites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The deliveries of a stopped runtime, read and replayed in its SQLite store, or of the runtimes
 * that share a PostgreSQL store, read and replayed in the database while they run (a replay wakes
 * them as one through the API does). Opening a SQLite store takes the data folder's lock, so it
 * fails while a runtime runs there: that one is reached with {@code --url}. Events are shown
 * redacted as the runtime's API shows them.
 */
final class LocalDeliveries implements DeliveriesClient {

    private final DeliveryStore store;
    private final UnaryOperator<WorkflowEvent> redaction;
    /** Whether it is the PostgreSQL store that running runtimes share. */
    private final boolean shared;

    private LocalDeliveries(DeliveryStore store, UnaryOperator<WorkflowEvent> redaction, boolean shared) {
        this.store = store;
        this.redaction = redaction;
        this.shared = shared;
    }

    /**
     * @param store the store the runtimes share, open; closed by {@link #close()}
     * @param redaction applied to every event shown
     */
    static LocalDeliveries shared(DeliveryStore store, UnaryOperator<WorkflowEvent> redaction) {
        return new LocalDeliveries(store, redaction, true);
    }

    /**
     * @param file the store's database file
     * @param redaction applied to every event shown
     * @throws UsageError when there is no database there, a runtime holds it, or it cannot be opened
     */
    static LocalDeliveries open(Path file, UnaryOperator<WorkflowEvent> redaction) {
        if (!Files.isRegularFile(file)) {
            throw new UsageError(file + ": no delivery store here; give the runtime's data folder with --data DIR,"
                    + " or reach a running runtime with --url");
        }
        try {
            return new LocalDeliveries(SqliteStore.at(file).open(), redaction, false);
        } catch (StoreLockedException e) {
            throw new UsageError(file.getParent() + " is in use by a running Switchboard; go through its API instead:"
                    + " --url http://127.0.0.1:8080/ (its server.host and server.port)");
        } catch (StoreException e) {
            throw new UsageError(e.getMessage());
        }
    }

    @Override
    public List<Map<String, Object>> list(DeliveryState state, String handler, String eventId, int offset, int limit) {
        return call(() -> store.deliveries().list(state, handler, eventId, offset, limit).stream()
                .map(record -> DeliveryJson.of(record, redaction)).toList());
    }

    @Override
    public IdReplay.Outcome replay(List<Long> ids) {
        return call(() -> IdReplay.replay(store, ids));
    }

    @Override
    public int replayAll(String handler) {
        return call(() -> handler == null ? store.deadLetters().replayAll() : store.deadLetters().replayAll(handler));
    }

    /** In a stopped runtime's store: the next start finds the handler enabled. */
    @Override
    public boolean enable(String handler) {
        if (shared) {
            throw new IllegalStateException("DeliveriesTarget.openToEnable never opens the PostgreSQL store");
        }
        return call(() -> {
            HandlerState state = store.handlerStates().all().get(handler);
            if (state == null || !state.disabled()) {
                return false;
            }
            StoreWrites.await(store.handlerStates().save(handler, new HandlerState(null, null, state.breaker(),
                    state.breakerSince(), state.pausedUntil())));
            return true;
        });
    }

    private static <T> T call(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (StoreException e) {
            throw new UsageError(e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            store.close();
        } catch (StoreException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
