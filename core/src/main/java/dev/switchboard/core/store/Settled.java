package dev.switchboard.core.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waits for a store's write, rethrowing its own failure rather than a wrapper. */
final class Settled {

    private Settled() {
    }

    /** Waits uninterruptibly (a commit is short) until the write is durable. */
    static void await(CompletableFuture<Void> write) {
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
