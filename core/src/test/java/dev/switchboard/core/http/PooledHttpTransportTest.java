package dev.switchboard.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.switchboard.api.DeliveryException;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.event.EventJson;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PooledHttpTransportTest {

    private static WireMockServer server;
    private static PooledHttpTransport transport;

    private final WorkflowEvent event = WorkflowEvent.builder("step_complete").id("evt-1")
            .data(Map.of("step_index", 1)).build();

    @BeforeAll
    static void start() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        transport = new PooledHttpTransport(EventJson.mapper(), Clock.systemUTC(), "switchboard/test");
    }

    @AfterAll
    static void stop() {
        transport.close();
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private String url() {
        return "http://127.0.0.1:" + server.port() + "/hook";
    }

    private Throwable send() {
        Throwable thrown = catchThrowable(() -> transport.postJson(url(), Map.of("X-Token", "t"), event.toSeedMap(), event)
                .toCompletableFuture().get(10, TimeUnit.SECONDS));
        return thrown instanceof ExecutionException ? thrown.getCause() : thrown;
    }

    @Test
    void postsJsonWithTheEventIdAndTheGivenHeaders() {
        server.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
        assertThat(send()).isNull();
        server.verify(postRequestedFor(urlEqualTo("/hook"))
                .withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
                .withHeader("webhook-id", equalTo("evt-1"))
                .withHeader("X-Token", equalTo("t"))
                .withRequestBody(equalToJson("{\"event_type\":\"step_complete\",\"timestamp\":\"" + event.timestamp()
                        + "\",\"session_id\":null,\"spec_name\":null,\"pattern_type\":null,\"data\":{\"step_index\":1}}")));
    }

    @Test
    void a503IsRetryableAndSentOnlyOnce() {
        server.stubFor(post("/hook").willReturn(aResponse().withStatus(503).withBody("down")));
        Throwable failure = send();
        assertThat(failure).isInstanceOf(DeliveryException.class).hasMessage("HTTP 503: down");
        assertThat(((DeliveryException) failure).isRetryable()).isTrue();
        server.verify(1, postRequestedFor(urlEqualTo("/hook")));
    }

    @Test
    void a429CarriesItsRetryAfterAndIsNotResentByTheClient() {
        server.stubFor(post("/hook").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));
        DeliveryException failure = (DeliveryException) send();
        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(3));
        server.verify(1, postRequestedFor(urlEqualTo("/hook")));
    }

    @Test
    void a400FailsForGoodWithTheReceiversReason() {
        server.stubFor(post("/hook").willReturn(aResponse().withStatus(400).withBody("invalid_payload")));
        DeliveryException failure = (DeliveryException) send();
        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.statusCode()).isEqualTo(400);
        assertThat(failure).hasMessage("HTTP 400: invalid_payload");
    }

    @Test
    void aRedirectIsNotFollowed() {
        server.stubFor(post("/hook").willReturn(aResponse().withStatus(302).withHeader("Location", "/elsewhere")));
        assertThat(send()).isInstanceOf(DeliveryException.class).hasMessageStartingWith("HTTP 302");
        server.verify(0, postRequestedFor(urlEqualTo("/elsewhere")));
    }

    @Test
    void aRefusedConnectionIsAnIoFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Throwable failure = catchThrowable(() -> transport.postJson("http://127.0.0.1:" + closedPort + "/x", Map.of(),
                Map.of(), event).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        java.time.Instant now = java.time.Instant.parse("2025-11-12T10:30:00Z");
        assertThat(HttpAnswers.parseRetryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
        assertThat(HttpAnswers.parseRetryAfter("Wed, 12 Nov 2025 10:30:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(HttpAnswers.parseRetryAfter("soon", now)).isNull();
        assertThat(HttpAnswers.parseRetryAfter(null, now)).isNull();
    }
}
