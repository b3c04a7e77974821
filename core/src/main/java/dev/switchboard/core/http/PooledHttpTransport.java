package dev.switchboard.core.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.HttpTransport;
import dev.switchboard.api.WorkflowEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.CookieSpecFactory;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The runtime's one HTTP client: Apache httpclient5 async, pooled, keep-alive. It never retries
 * or follows redirects on its own (httpclient5's default client re-sends a POST on 429/503 and
 * sleeps for Retry-After in the caller's thread): every answer goes to the runtime's retry policy.
 */
public final class PooledHttpTransport implements HttpTransport, AutoCloseable {

    public static final String WEBHOOK_ID_HEADER = "webhook-id";

    private static final int MAX_CACHED_URIS = 1_024;

    private final CloseableHttpAsyncClient client;
    private final Map<String, URI> uris = new ConcurrentHashMap<>();
    private final ObjectMapper mapper;
    private final Clock clock;

    public PooledHttpTransport(ObjectMapper mapper, Clock clock, String userAgent) {
        this(mapper, clock, userAgent, new LazyTlsStrategy(DefaultClientTlsStrategy::createDefault));
    }

    PooledHttpTransport(ObjectMapper mapper, Clock clock, String userAgent, TlsStrategy tls) {
        this.mapper = mapper;
        this.clock = clock;
        PoolingAsyncClientConnectionManager connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(1024)
                .setMaxConnPerRoute(256)
                .setTlsStrategy(tls)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(10))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(Math.max(1, Runtime.getRuntime().availableProcessors()))
                        .setTcpNoDelay(true)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        // Each handler's own timeout cancels earlier; this is the last safety net.
                        .setResponseTimeout(Timeout.ofSeconds(60))
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                // Without a registry of its own, the builder parses the public suffix list for cookie
                // rules that a client without cookie management never applies.
                .setDefaultCookieSpecRegistry(RegistryBuilder.<CookieSpecFactory>create().build())
                .disableAuthCaching()
                .setUserAgent(userAgent)
                .build();
        this.client.start();
    }

    @Override
    public CompletionStage<Void> postJson(String url, Map<String, String> headers, Object body,
                                          WorkflowEvent event) {
        return post(url, headers, body, event, null);
    }

    /**
     * The transport for one handler whose deliveries are signed: every request it sends carries
     * {@code webhook-id}, {@code webhook-timestamp} (this attempt's, in unix seconds) and
     * {@code webhook-signature}, computed over exactly the bytes it sends. The same pool serves it.
     *
     * @param keys the HMAC keys, current first; each adds one signature
     */
    public HttpTransport signingWith(List<byte[]> keys) {
        WebhookSigner signer = new WebhookSigner(keys);
        return (url, headers, body, event) -> post(url, headers, body, event, signer);
    }

    private CompletionStage<Void> post(String url, Map<String, String> headers, Object body, WorkflowEvent event,
                                       WebhookSigner signer) {
        SimpleHttpRequest request;
        try {
            request = buildRequest(url, headers, body, event, signer);
        } catch (IOException | IllegalArgumentException e) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("cannot build the request: " + e.getMessage(), e));
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        Future<SimpleHttpResponse> inFlight = client.execute(request, new FutureCallback<>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                Header retryAfter = response.getFirstHeader("Retry-After");
                Exception failure = HttpAnswers.classify(response.getCode(),
                        retryAfter == null ? null : retryAfter.getValue(),
                        response.getBodyText(), clock.instant());
                if (failure == null) {
                    result.complete(null);
                } else {
                    result.completeExceptionally(failure);
                }
            }

            @Override
            public void failed(Exception cause) {
                result.completeExceptionally(cause instanceof IOException
                        ? cause : new IOException(cause.getMessage(), cause));
            }

            @Override
            public void cancelled() {
                result.completeExceptionally(new IOException("request cancelled"));
            }
        });
        // When the caller gives up (its timeout), the request is cancelled and its connection freed.
        result.whenComplete((ok, failure) -> {
            if (failure != null && !inFlight.isDone()) {
                inFlight.cancel(true);
            }
        });
        return result;
    }

    private SimpleHttpRequest buildRequest(String url, Map<String, String> headers, Object body,
                                           WorkflowEvent event, WebhookSigner signer) throws IOException {
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

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
