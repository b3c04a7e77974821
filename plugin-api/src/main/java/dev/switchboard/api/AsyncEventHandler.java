package dev.switchboard.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * An {@link EventHandler} whose deliveries complete asynchronously, so that the runtime holds no
 * worker thread while a request is in flight. The runtime calls {@link #handleAsync} (never
 * {@link #handle}) and keeps at most the handler's {@code concurrency} attempts outstanding.
 *
 * <p>Implementations must be thread-safe and must not block in {@link #handleAsync}. The returned
 * stage completes normally when the event was delivered, or exceptionally with a
 * {@link DeliveryException} or {@link java.io.IOException} as described on {@link EventHandler}.
 *
 * @since 0.1
 */
public interface AsyncEventHandler extends EventHandler {

    /**
     * Starts one delivery attempt of one event.
     *
     * @param event the event, already redacted and filtered; never null
     * @return a stage that completes when the attempt is finished; never null
     */
    CompletionStage<Void> handleAsync(WorkflowEvent event);

    /**
     * Delivers synchronously by waiting for {@link #handleAsync}; for callers outside the runtime.
     *
     * @param event the event
     * @throws Exception the failure the stage completed with
     */
    @Override
    default void handle(WorkflowEvent event) throws Exception {
        CompletableFuture<Void> future = handleAsync(event).toCompletableFuture();
        try {
            future.get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw e;
        }
    }
}
