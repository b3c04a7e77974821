package dev.switchboard.api;

/**
 * Middleware that a plugin adds in front of handlers: transforms or drops an event before the
 * handler sees it. Listed per handler in {@code handlers.yaml} ({@code filters: [secure]}) and
 * created by a {@link dev.switchboard.api.spi.FilterFactory}.
 *
 * <p>Called once per delivery attempt, after the runtime's own redaction, from the handler's
 * worker threads, possibly concurrently: implementations must be thread-safe and should be fast
 * (no I/O).
 *
 * @since 0.1
 */
@FunctionalInterface
public interface EventFilter {

    /**
     * Transforms one event.
     *
     * @param event the event; never null
     * @return the event to deliver (the same instance when nothing changes, or a copy made with
     *     {@link WorkflowEvent#withData}), or null to drop it: a dropped event counts as delivered
     *     and the handler never sees it
     */
    WorkflowEvent apply(WorkflowEvent event);
}
