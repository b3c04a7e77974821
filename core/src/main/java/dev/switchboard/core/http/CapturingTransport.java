package dev.switchboard.core.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.HttpTransport;
import dev.switchboard.api.WorkflowEvent;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.core5.http.Header;

/**
 * The transport of a preview: builds each request exactly as {@link PooledHttpTransport} would
 * (signature included) and records it instead of sending it. Nothing ever leaves: a request made
 * outside {@link #capture} fails. Thread-safe; each capture sees only its own thread's requests.
 */
public final class CapturingTransport implements SigningTransport {

    private final RequestFactory requests;
    private final ThreadLocal<List<CapturedRequest>> captured = new ThreadLocal<>();

    public CapturingTransport(ObjectMapper mapper, Clock clock) {
        this.requests = new RequestFactory(mapper, clock);
    }

    /** What a call made the handler post, on this thread. */
    public record Capture<T>(T result, List<CapturedRequest> requests) {
    }

    /**
     * @param call what makes the handler post (e.g. its {@code handleAsync})
     * @return its result and the requests it made on this thread
     */
    public <T> Capture<T> capture(Callable<T> call) throws Exception {
        List<CapturedRequest> sink = new ArrayList<>();
        captured.set(sink);
        try {
            return new Capture<>(call.call(), List.copyOf(sink));
        } finally {
            captured.remove();
        }
    }

    @Override
    public CompletionStage<Void> postJson(String url, Map<String, String> headers, Object body, WorkflowEvent event) {
        return record(url, headers, body, event, null);
    }

    @Override
    public HttpTransport signingWith(List<byte[]> keys) {
        WebhookSigner signer = new WebhookSigner(keys);
        return (url, headers, body, event) -> record(url, headers, body, event, signer);
    }

    private CompletionStage<Void> record(String url, Map<String, String> headers, Object body, WorkflowEvent event,
                                         WebhookSigner signer) {
        List<CapturedRequest> sink = captured.get();
        if (sink == null) {
            return CompletableFuture.failedFuture(new IOException("a preview sends nothing"));
        }
        SimpleHttpRequest request;
        try {
            request = requests.build(url, headers, body, event, signer);
        } catch (IOException | IllegalArgumentException e) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("cannot build the request: " + e.getMessage(), e));
        }
        List<Map.Entry<String, String>> shown = new ArrayList<>();
        if (request.getContentType() != null) {
            shown.add(Map.entry("Content-Type", request.getContentType().toString()));
        }
        for (Header header : request.getHeaders()) {
            shown.add(Map.entry(header.getName(), header.getValue()));
        }
        sink.add(new CapturedRequest(request.getMethod(), url, List.copyOf(shown), request.getBodyBytes()));
        return CompletableFuture.completedFuture(null);
    }
}
