package dev.switchboard.api;

import java.util.Map;

/**
 * An optional capability of an {@link EventHandler} that does not send through the runtime's
 * {@link HttpTransport}: it describes what it would send for an event, without sending anything.
 * {@code switchboard preview} and {@code POST /v1/preview} show this description; a handler that
 * neither sends through the transport (as every {@link WebhookEventHandler} does, whose requests
 * the runtime captures itself) nor implements this interface is shown as "this handler cannot
 * preview".
 *
 * <pre>{@code
 * public final class StatsdHandler implements EventHandler, Previewable {
 *     @Override
 *     public Map<String, Object> preview(WorkflowEvent event) {
 *         return Map.of("dogstatsd", List.of("workflow.steps:1|c|#spec:research"));
 *     }
 *     ...
 * }
 * }</pre>
 *
 * @since 0.2
 */
public interface Previewable {

    /**
     * Describes what {@link EventHandler#handle} would send for this event. Must have no effect
     * outside the handler: no network, no file, no counter changed. Called from a preview request's
     * thread, possibly while deliveries run on others, so it must be thread-safe.
     *
     * @param event the event, already redacted and filtered, as {@code handle} would get it; never null
     * @return a JSON tree (maps, lists, strings, numbers, booleans) in the order to show, e.g.
     *     {@code {"dogstatsd": [lines…]}}; an empty map when the handler would send nothing for this
     *     event; never null. Secrets must not appear in it.
     * @throws DeliveryException when the handler would refuse this event for good; its message says why
     */
    Map<String, Object> preview(WorkflowEvent event) throws DeliveryException;
}
