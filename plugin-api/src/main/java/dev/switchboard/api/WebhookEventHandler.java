package dev.switchboard.api;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The seed tool's webhook base class: a subclass says what to send and where, and the runtime's
 * shared HTTP client does the POST, classifies the answer and feeds the retry policy, without
 * holding a worker thread while the request is in flight.
 *
 * <pre>{@code
 * public final class TeamsHandler extends WebhookEventHandler {
 *     private final String url;
 *
 *     public TeamsHandler(HandlerContext context) {
 *         super(context);
 *         this.url = context.config().secret("webhook_url");
 *     }
 *
 *     @Override
 *     public Object formatPayload(WorkflowEvent event) {
 *         return Map.of("text", event.eventType() + " - " + event.specName());
 *     }
 *
 *     @Override
 *     public String webhookUrl() {
 *         return url;
 *     }
 * }
 * }</pre>
 *
 * <p>Subclasses must be thread-safe: the runtime calls them from several threads at once.
 *
 * @since 0.1
 */
public abstract class WebhookEventHandler implements AsyncEventHandler {

    private final HttpTransport http;

    /**
     * @param context the context the factory was given; its {@link HandlerContext#http()} sends
     *     the requests
     */
    protected WebhookEventHandler(HandlerContext context) {
        this.http = context.http();
    }

    /**
     * Turns the event into the request body. Called once per attempt; must not block.
     *
     * @param event the event, already redacted and filtered
     * @return a JSON tree (maps, lists, strings, numbers, booleans, nulls), or null to send
     *     nothing for this event (it then counts as delivered)
     * @throws DeliveryException a permanent one when this event cannot be turned into a body (e.g.
     *     its {@link PayloadTemplate} failed): the delivery fails for good with that reason and
     *     nothing is sent
     */
    public abstract Object formatPayload(WorkflowEvent event) throws DeliveryException;

    /** @return the absolute URL to POST to; called once per attempt */
    public abstract String webhookUrl();

    /**
     * @return extra request headers; the default is none ({@code Content-Type:
     *     application/json} and {@code webhook-id} are always sent)
     */
    public Map<String, String> headers() {
        return Map.of();
    }

    @Override
    public final CompletionStage<Void> handleAsync(WorkflowEvent event) {
        Object payload;
        try {
            payload = formatPayload(event);
        } catch (DeliveryException refused) {
            return CompletableFuture.failedFuture(refused);
        } catch (RuntimeException bug) {
            return CompletableFuture.failedFuture(bug);
        }
        if (payload == null) {
            return CompletableFuture.completedFuture(null);
        }
        return http.postJson(webhookUrl(), headers(), payload, event);
    }
}
