package dev.switchboard.core.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Waits for a store's write to be durable, rethrowing the store's own failure (a
 * {@link StoreException}, an {@link IllegalStateException} for a closed store) rather than a wrapper.
 *
 * @since 0.1
 */
public final class StoreWrites {

    private StoreWrites() {
    }

    /**
     * Waits uninterruptibly (a commit is short) until the write is durable.
     *
     * @param write a future a store returned
     */
    public static void await(CompletableFuture<Void> write) {
        try {
            write.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
