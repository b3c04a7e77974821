package dev.switchboard.core.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.HttpTransport;
import dev.switchboard.api.WorkflowEvent;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.CookieSpecFactory;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.concurrent.FutureCallback;
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
public final class PooledHttpTransport implements SigningTransport, AutoCloseable {

    public static final String WEBHOOK_ID_HEADER = RequestFactory.WEBHOOK_ID_HEADER;

    private final CloseableHttpAsyncClient client;
    private final RequestFactory requests;
    private final Clock clock;

    public PooledHttpTransport(ObjectMapper mapper, Clock clock, String userAgent) {
        this(mapper, clock, userAgent, new LazyTlsStrategy(DefaultClientTlsStrategy::createDefault));
    }

    PooledHttpTransport(ObjectMapper mapper, Clock clock, String userAgent, TlsStrategy tls) {
        this.requests = new RequestFactory(mapper, clock);
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
    @Override
    public HttpTransport signingWith(List<byte[]> keys) {
        WebhookSigner signer = new WebhookSigner(keys);
        return (url, headers, body, event) -> post(url, headers, body, event, signer);
    }

    private CompletionStage<Void> post(String url, Map<String, String> headers, Object body, WorkflowEvent event,
                                       WebhookSigner signer) {
        SimpleHttpRequest request;
        try {
            request = requests.build(url, headers, body, event, signer);
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

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
