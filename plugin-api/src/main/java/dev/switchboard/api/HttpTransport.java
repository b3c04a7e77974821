package dev.switchboard.api;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The runtime's shared, pooled, asynchronous HTTP client, handed to plugins through
 * {@link HandlerContext#http()}. {@link WebhookEventHandler} uses it; a custom
 * {@link AsyncEventHandler} may too, so that every plugin shares one connection pool and the
 * same answer classification.
 *
 * <p>Thread-safe. The transport never retries on its own: the outcome feeds the runtime's retry
 * policy.
 *
 * @since 0.1
 */
public interface HttpTransport {

    /**
     * POSTs a JSON body.
     *
     * <p>The body is serialised as JSON; the request carries {@code Content-Type:
     * application/json} (unless {@code headers} sets one), the given headers, and the event's id
     * as the {@code webhook-id} header. For a handler with {@code signing:} in
     * {@code handlers.yaml}, its transport also adds {@code webhook-timestamp} and
     * {@code webhook-signature} (Standard Webhooks), computed over exactly the bytes sent; headers
     * of those names given here are replaced. The stage completes normally on a 2xx answer; otherwise
     * exceptionally with a {@link DeliveryException}: retryable after the answer's Retry-After on
     * 408 and 429, retryable on 5xx, permanent on any other status (its message holds the status
     * and the start of the answer's body), or with an {@link java.io.IOException} on a timeout or
     * connection failure.
     *
     * @param url an absolute http or https URL
     * @param headers extra request headers; may be empty, never null
     * @param body a JSON tree (maps, lists, strings, numbers, booleans, nulls) or a
     *     {@code String}/{@code byte[]} sent as is
     * @param event the event being delivered, for its id; never null
     * @return a stage completing when the answer has been read
     */
    CompletionStage<Void> postJson(String url, Map<String, String> headers, Object body,
                                   WorkflowEvent event);
}
