package dev.switchboard.benchmarks;

import dev.switchboard.api.AsyncEventHandler;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.api.spi.HandlerFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code type: noop}: an {@link AsyncEventHandler} that takes every event at once, so that a
 * benchmark measures the runtime's own work (matching, lanes, redaction, bookkeeping). Found on the
 * host class path like any built-in factory.
 */
public final class NoopHandlerFactory implements HandlerFactory {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    @Override
    public String type() {
        return "noop";
    }

    @Override
    public EventHandler create(HandlerContext context) {
        return new AsyncEventHandler() {
            @Override
            public CompletionStage<Void> handleAsync(WorkflowEvent event) {
                return DONE;
            }
        };
    }
}
