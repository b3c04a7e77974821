package dev.switchboard.core.http;

import static dev.switchboard.core.http.WebhookSignerTest.VECTOR_ID;
import static dev.switchboard.core.http.WebhookSignerTest.VECTOR_KEY;
import static dev.switchboard.core.http.WebhookSignerTest.VECTOR_PAYLOAD;
import static dev.switchboard.core.http.WebhookSignerTest.VECTOR_SIGNATURE;
import static dev.switchboard.core.http.WebhookSignerTest.VECTOR_TIMESTAMP;
import static dev.switchboard.core.testing.ReceiverSignature.matches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.HttpTransport;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.event.EventJson;
import dev.switchboard.core.testing.RawReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signed requests as a real receiver on 127.0.0.1 gets them. */
class SignedTransportTest {

    private static final byte[] PREVIOUS_KEY = "the key that is being rotated out".getBytes(StandardCharsets.US_ASCII);

    private final ManualClock clock = new ManualClock(Instant.ofEpochSecond(VECTOR_TIMESTAMP));
    private RawReceiver receiver;
    private PooledHttpTransport transport;

    @BeforeEach
    void start() throws Exception {
        receiver = new RawReceiver();
        transport = new PooledHttpTransport(EventJson.mapper(), clock, "switchboard/test");
    }

    @AfterEach
    void stop() {
        transport.close();
        receiver.close();
    }

    private void send(HttpTransport http, Map<String, String> headers, Object body, WorkflowEvent event)
            throws Exception {
        http.postJson(receiver.url(), headers, body, event).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theReceiverGetsTheSpecificationsTestVectorOverTheWire() throws Exception {
        WorkflowEvent event = WorkflowEvent.builder("step_complete").id(VECTOR_ID).build();

        send(transport.signingWith(List.of(VECTOR_KEY)), Map.of(), new String(VECTOR_PAYLOAD, StandardCharsets.UTF_8),
                event);

        RawReceiver.Received request = receiver.next();
        assertThat(request.body()).isEqualTo(VECTOR_PAYLOAD);
        assertThat(request.header("webhook-id")).isEqualTo(VECTOR_ID);
        assertThat(request.header("webhook-timestamp")).isEqualTo("1614265330");
        assertThat(request.header("webhook-signature")).isEqualTo(VECTOR_SIGNATURE);
    }

    @Test
    void theReceiverVerifiesEverySignatureOverTheRawBytesItReceived() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("response", "Résumé ✓ — \"quoted\"\n\t<tag> & 🚀");
        data.put("duration_seconds", 2.5);
        data.put("nested", Map.of("list", List.of(1, "two", Map.of())));
        WorkflowEvent event = WorkflowEvent.builder("step_complete").specName("spéc").data(data).id("evt-42").build();

        send(transport.signingWith(List.of(VECTOR_KEY, PREVIOUS_KEY)), Map.of(), event.toSeedMap(), event);

        RawReceiver.Received request = receiver.next();
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).contains("Résumé ✓ —");
        String[] signatures = request.header("webhook-signature").split(" ");
        assertThat(signatures).hasSize(2);
        String timestamp = request.header("webhook-timestamp");
        assertThat(matches(signatures[0], VECTOR_KEY, "evt-42", timestamp, request.body())).isTrue();
        assertThat(matches(signatures[1], PREVIOUS_KEY, "evt-42", timestamp, request.body())).isTrue();
        assertThat(matches(signatures[0], PREVIOUS_KEY, "evt-42", timestamp, request.body())).isFalse();
    }

    @Test
    void eachAttemptCarriesItsOwnTimestampAndTheSameId() throws Exception {
        HttpTransport signed = transport.signingWith(List.of(VECTOR_KEY));
        WorkflowEvent event = WorkflowEvent.builder("error").id("evt-7").build();

        send(signed, Map.of(), event.toSeedMap(), event);
        clock.advanceSeconds(2);
        send(signed, Map.of(), event.toSeedMap(), event);

        RawReceiver.Received first = receiver.next();
        RawReceiver.Received second = receiver.next();
        assertThat(first.header("webhook-timestamp")).isEqualTo(Long.toString(VECTOR_TIMESTAMP));
        assertThat(second.header("webhook-timestamp")).isEqualTo(Long.toString(VECTOR_TIMESTAMP + 2));
        assertThat(List.of(first.header("webhook-id"), second.header("webhook-id"))).containsOnly("evt-7");
        assertThat(first.header("webhook-signature")).isNotEqualTo(second.header("webhook-signature"));
    }

    @Test
    void aHandlersOwnHeadersCannotReplaceTheSignature() throws Exception {
        WorkflowEvent event = WorkflowEvent.builder("error").id("evt-8").build();
        Map<String, String> forged = Map.of("Webhook-Signature", "v1,forged", "WEBHOOK-TIMESTAMP", "1",
                "Webhook-Id", "other", "X-Team", "core");

        send(transport.signingWith(List.of(VECTOR_KEY)), forged, event.toSeedMap(), event);

        RawReceiver.Received request = receiver.next();
        assertThat(request.all("webhook-signature")).hasSize(1).doesNotContain("v1,forged");
        assertThat(request.all("webhook-timestamp")).containsExactly(Long.toString(VECTOR_TIMESTAMP));
        assertThat(request.all("webhook-id")).containsExactly("evt-8");
        assertThat(request.header("X-Team")).isEqualTo("core");
        assertThat(matches(request.header("webhook-signature"), VECTOR_KEY, "evt-8", "1614265330",
                request.body())).isTrue();
    }

    @Test
    void aByteArrayBodyReusedByItsHandlerStillArrivesAsSigned() throws Exception {
        byte[] buffer = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
        WorkflowEvent event = WorkflowEvent.builder("error").id("evt-9").build();

        var inFlight = transport.signingWith(List.of(VECTOR_KEY)).postJson(receiver.url(), Map.of(), buffer, event);
        buffer[5] = '2';
        inFlight.toCompletableFuture().get(10, TimeUnit.SECONDS);

        RawReceiver.Received request = receiver.next();
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
        assertThat(matches(request.header("webhook-signature"), VECTOR_KEY, "evt-9", "1614265330",
                request.body())).isTrue();
    }

    @Test
    void theSharedTransportItselfSignsNothing() throws Exception {
        WorkflowEvent event = WorkflowEvent.builder("error").id("evt-10").build();

        send(transport, Map.of(), event.toSeedMap(), event);

        RawReceiver.Received request = receiver.next();
        assertThat(request.header("webhook-id")).isEqualTo("evt-10");
        assertThat(request.all("webhook-signature")).isEmpty();
        assertThat(request.all("webhook-timestamp")).isEmpty();
    }

    /** A clock the test moves. */
    private static final class ManualClock extends Clock {
        private volatile Instant now;

        ManualClock(Instant now) {
            this.now = now;
        }

        void advanceSeconds(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
