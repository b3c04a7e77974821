package dev.switchboard.plugins.sentry;

import static dev.switchboard.plugins.sentry.Handlers.config;
import static dev.switchboard.plugins.sentry.Handlers.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.DeliveryException;
import dev.switchboard.plugins.sentry.SentryStandIn.Envelope;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SentryDropsTest extends WithSentryStandIn {

    @Test
    void a429MakesTheSdkDropTheNextEventAndTheHandlerCountsBoth() throws Exception {
        sentry.thenReply(429, Map.of("Retry-After", "60", "X-Sentry-Rate-Limits", "60:error:key"));
        SentryEventHandler handler = Handlers.create("limited", config(sentry.dsn("7")));

        assertThatThrownBy(() -> handler.handle(event("error", "first")))
                .isInstanceOfSatisfying(DeliveryException.class,
                        e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageContaining("rate-limiting handler 'limited'");
        assertThat(sentry.awaitEnvelope(WAIT).event().path("tags").path("switchboard_event_id")
                .asText()).isEqualTo("first");

        assertThatThrownBy(() -> handler.handle(event("error", "second")))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("rate-limiting");
        handler.close();

        assertThat(sentry.drain()).as("the SDK never sent the second event").isEmpty();
        assertThat(handler.droppedEvents()).isEqualTo(2);
        assertThat(handler.discardReasons()).containsExactly(Map.entry("ratelimit_backoff", 1L));
    }

    @Test
    void aServerErrorFailsTheAttemptAndTheSdkReportsTheDiscardToSentry() throws Exception {
        sentry.thenReply(500, Map.of());
        try (SentryEventHandler handler = Handlers.create("flaky", config(sentry.dsn("7")))) {
            assertThatThrownBy(() -> handler.handle(event("error", "first")))
                    .isInstanceOfSatisfying(DeliveryException.class,
                            e -> assertThat(e.isRetryable()).isTrue())
                    .hasMessageContaining("did not accept the event of handler 'flaky'");
            handler.handle(event("error", "second"));

            assertThat(handler.droppedEvents()).isEqualTo(1);
            assertThat(handler.discardReasons()).containsExactly(Map.entry("send_error", 1L));
        }

        sentry.awaitEnvelope(WAIT);
        Envelope next = sentry.awaitEnvelope(WAIT);
        assertThat(next.event().path("tags").path("switchboard_event_id").asText())
                .isEqualTo("second");
        assertThat(next.items()).anySatisfy(item -> {
            assertThat(item.type()).isEqualTo("client_report");
            assertThat(item.json().path("discarded_events").toString())
                    .contains("\"reason\":\"send_error\"", "\"category\":\"error\"");
        });
    }

    @Test
    void aConnectionFailureFailsTheAttemptAndIsCounted() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String dsn = "http://" + SentryStandIn.PUBLIC_KEY + "@127.0.0.1:" + closedPort + "/7";

        SentryEventHandler handler = Handlers.create("offline", config(dsn));
        assertThatThrownBy(() -> handler.handle(event("error", "lost")))
                .isInstanceOfSatisfying(DeliveryException.class,
                        e -> assertThat(e.isRetryable()).isTrue());
        handler.close();

        assertThat(handler.droppedEvents()).isEqualTo(1);
        assertThat(handler.discardReasons()).containsExactly(Map.entry("network_error", 1L));
    }

    @Test
    void closeFlushesEventsTheSdkStillHolds() throws Exception {
        sentry.thenReplyAfter(Duration.ofMillis(400));
        SentryEventHandler handler = Handlers.create("slow", config(sentry.dsn("7"),
                "send_timeout", "50ms", "flush_timeout", "5s"));

        // Neither is answered within send_timeout: the first is in flight, the second queued.
        assertThatThrownBy(() -> handler.handle(event("error", "in-flight")))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("did not answer");
        assertThatThrownBy(() -> handler.handle(event("error", "queued")))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("did not answer");
        long start = System.nanoTime();
        handler.close();
        Duration closing = Duration.ofNanos(System.nanoTime() - start);

        assertThat(closing).isLessThan(Duration.ofSeconds(5));
        assertThat(eventId(sentry.awaitEnvelope(WAIT))).isEqualTo("in-flight");
        assertThat(eventId(sentry.awaitEnvelope(WAIT))).isEqualTo("queued");
        assertThat(handler.droppedEvents()).isZero();
    }

    @Test
    void closeGivesUpAfterTheFlushTimeoutAndCountsWhatItLeftBehind() throws Exception {
        sentry.thenHang();
        SentryEventHandler handler = Handlers.create("stuck", config(sentry.dsn("7"),
                "send_timeout", "50ms", "flush_timeout", "200ms"));
        assertThatThrownBy(() -> handler.handle(event("error", "in-flight")))
                .isInstanceOf(DeliveryException.class);
        assertThatThrownBy(() -> handler.handle(event("error", "queued")))
                .isInstanceOf(DeliveryException.class);

        long start = System.nanoTime();
        handler.close();
        Duration closing = Duration.ofNanos(System.nanoTime() - start);

        assertThat(closing).isBetween(Duration.ofMillis(150), Duration.ofSeconds(2));
        assertThat(handler.droppedEvents()).isEqualTo(2);
    }

    @Test
    void aFullSendQueueFailsTheAttemptAndIsCounted() throws Exception {
        sentry.thenHang();
        SentryEventHandler handler = Handlers.create("busy", config(sentry.dsn("7"),
                "send_timeout", "10ms", "flush_timeout", "100ms"));
        // The SDK holds at most 30 envelopes (in flight or queued) by default.
        for (int i = 0; i < 30; i++) {
            String id = "held-" + i;
            assertThatThrownBy(() -> handler.handle(event("error", id)))
                    .isInstanceOf(DeliveryException.class).hasMessageContaining("did not answer");
        }

        assertThatThrownBy(() -> handler.handle(event("error", "overflow")))
                .isInstanceOfSatisfying(DeliveryException.class,
                        e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageContaining("send queue is full");
        assertThat(handler.discardReasons()).containsExactly(Map.entry("queue_overflow", 1L));
        handler.close();
        assertThat(handler.droppedEvents()).as("the overflow and the 30 left at close")
                .isEqualTo(31);
    }

    @Test
    void anInterruptedWaitFailsTheAttemptAndKeepsTheInterrupt() throws Exception {
        sentry.thenHang();
        SentryEventHandler handler = Handlers.create("interrupted", config(sentry.dsn("7"),
                "send_timeout", "20s", "flush_timeout", "100ms"));
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                handler.handle(event("error", "waiting"));
                failure.complete(null);
            } catch (Exception e) {
                failure.complete(e);
            }
            stillInterrupted.complete(Thread.currentThread().isInterrupted());
        });
        worker.start();
        sentry.awaitEnvelope(WAIT);
        worker.interrupt();

        assertThat(failure.get(5, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(DeliveryException.class,
                        e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageContaining("interrupted");
        assertThat(stillInterrupted.get(5, TimeUnit.SECONDS)).isTrue();
        handler.close();
    }

    private static String eventId(Envelope envelope) {
        return envelope.event().path("tags").path("switchboard_event_id").asText();
    }
}
