package dev.switchboard.core.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.WorkflowEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.core5.http.ContentType;

/**
 * Builds the request of one attempt: body bytes, headers, {@code webhook-id} and, for a signed
 * handler, its signature. The one place both the sending transport and the preview's capturing
 * transport build requests, so that a preview shows exactly what would be sent.
 */
final class RequestFactory {

    static final String WEBHOOK_ID_HEADER = "webhook-id";
    private static final int MAX_CACHED_URIS = 1_024;

    private final Map<String, URI> uris = new ConcurrentHashMap<>();
    private final ObjectMapper mapper;
    private final Clock clock;

    RequestFactory(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    SimpleHttpRequest build(String url, Map<String, String> headers, Object body, WorkflowEvent event,
                            WebhookSigner signer) throws IOException {
        byte[] bytes = toBytes(body);
        SimpleRequestBuilder builder = SimpleRequestBuilder.post(uri(url));
        ContentType contentType = ContentType.APPLICATION_JSON;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase("Content-Type")) {
                contentType = ContentType.parse(header.getValue());
            } else {
                builder.addHeader(header.getKey(), header.getValue());
            }
        }
        if (event.id() != null) {
            builder.setHeader(WEBHOOK_ID_HEADER, event.id());
        }
        if (signer != null) {
            if (bytes == body) {
                // The handler's own array: a copy, so that reusing it cannot change what was signed.
                bytes = bytes.clone();
            }
            sign(builder, signer, event.id(), bytes);
        }
        return builder.setBody(bytes, contentType).build();
    }

    /** Signs the very array that becomes the body, replacing any such header a handler set. */
    private void sign(SimpleRequestBuilder builder, WebhookSigner signer, String id, byte[] bytes) {
        if (id == null) {
            throw new IllegalArgumentException("a signed delivery needs the event's id");
        }
        long timestamp = clock.instant().getEpochSecond();
        builder.removeHeaders(WEBHOOK_ID_HEADER)
                .removeHeaders(WebhookSigner.TIMESTAMP_HEADER)
                .removeHeaders(WebhookSigner.SIGNATURE_HEADER)
                .addHeader(WEBHOOK_ID_HEADER, id)
                .addHeader(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
                .addHeader(WebhookSigner.SIGNATURE_HEADER, signer.signature(id, timestamp, bytes));
    }

    /** Handlers post to a few URLs, again and again: each is parsed once. */
    private URI uri(String url) {
        if (uris.size() >= MAX_CACHED_URIS) {
            uris.clear();
        }
        // computeIfAbsent, not get-then-put: see the notes of dev.switchboard.core.event.
        return uris.computeIfAbsent(url, URI::create);
    }

    private byte[] toBytes(Object body) throws IOException {
        if (body instanceof byte[]) {
            return (byte[]) body;
        }
        if (body instanceof String) {
            return ((String) body).getBytes(StandardCharsets.UTF_8);
        }
        return mapper.writeValueAsBytes(body);
    }
}
