package dev.switchboard.core.store;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** The memory store's handler states: kept until the process ends. */
final class MemoryHandlerStates implements HandlerStates {

    private final MemoryStore store;
    private final Map<String, HandlerState> states = new ConcurrentHashMap<>();

    MemoryHandlerStates(MemoryStore store) {
        this.store = store;
    }

    @Override
    public Map<String, HandlerState> all() {
        store.checkOpen();
        return new HashMap<>(states);
    }

    @Override
    public CompletableFuture<Void> save(String handler, HandlerState state) {
        store.checkOpen();
        states.put(handler, state);
        return CompletableFuture.completedFuture(null);
    }
}
