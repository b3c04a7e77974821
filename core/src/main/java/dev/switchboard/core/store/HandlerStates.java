package dev.switchboard.core.store;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The handlers' policy states a {@link DeliveryStore} keeps ({@link HandlerState}): a durable store
 * keeps them across restarts, and a store shared by several runtimes shares them. Thread-safe.
 *
 * @since 0.1
 */
public interface HandlerStates {

    /**
     * @return every handler's last saved state, by handler name; handlers never saved are absent; a
     *     new map
     * @throws StoreException when the store cannot be read
     * @throws IllegalStateException when the store is closed
     */
    Map<String, HandlerState> all();

    /**
     * Saves a handler's state over the one saved before, without waiting for the disk.
     *
     * @param handler the handler's name
     * @param state its state now
     * @return completes once durable; exceptionally with a {@link StoreException} when the store cannot write
     * @throws IllegalStateException when the store is closed
     */
    CompletableFuture<Void> save(String handler, HandlerState state);
}
