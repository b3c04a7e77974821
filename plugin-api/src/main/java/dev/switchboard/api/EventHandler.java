package dev.switchboard.api;

/**
 * Delivers events to one destination. The plugin's {@link dev.switchboard.api.spi.HandlerFactory}
 * creates one instance per handler named in {@code handlers.yaml}.
 *
 * <p>The runtime decides concurrency, retries and timeouts: {@link #handle} delivers exactly one
 * attempt and may block. It is called from the handler's own worker threads, up to the handler's
 * {@code concurrency} at once, so an implementation must be thread-safe. To report a failure,
 * throw {@link DeliveryException} (saying whether it is worth retrying) or an
 * {@link java.io.IOException} (treated as a retryable connection failure); any other exception is
 * taken as a bug in the handler: logged once with its stack and never retried.
 *
 * <p>A handler that does its own non-blocking I/O implements {@link AsyncEventHandler} instead,
 * so that no worker thread waits while a request is in flight.
 *
 * @since 0.1
 */
public interface EventHandler extends AutoCloseable {

    /**
     * Delivers one attempt of one event.
     *
     * @param event the event, already redacted and filtered; never null
     * @throws Exception a {@link DeliveryException} or {@link java.io.IOException} for a failed
     *     delivery; anything else for a bug
     */
    void handle(WorkflowEvent event) throws Exception;

    /**
     * Releases what the handler holds (clients, sockets, buffers), flushing what it still has to
     * send. Called once, when the runtime stops, after the last {@link #handle} has returned; a
     * bounded wait is expected. The default does nothing.
     *
     * @throws Exception if releasing fails; the runtime logs it and goes on
     */
    @Override
    default void close() throws Exception {
    }
}
