package dev.switchboard.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.testing.RecordingHandlerFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Graceful shutdown: stop accepting, finish deliveries in flight, close the handlers. */
class ShutdownTest {

    private final String slow = "slow-" + UUID.randomUUID();

    @Test
    void closingFinishesADeliveryInFlightClosesTheHandlerAndStopsListening() throws Exception {
        TestService service = TestService.start("version: 1\nhandlers:\n  - {name: " + slow
                + ", type: recording, events: [\"*\"], config: {delay: 700ms}}\n");
        assertThat(service.postJson("/v1/events", "{\"event_type\": \"workflow_complete\"}").statusCode()).isEqualTo(202);

        long unfinished = service.server.close(Duration.ofSeconds(5));

        assertThat(unfinished).isZero();
        assertThat(RecordingHandlerFactory.of(slow).events).hasSize(1);
        assertThat(RecordingHandlerFactory.of(slow).closed).isTrue();
        assertThat(service.server.awaitClosed(Duration.ZERO)).isTrue();
        assertThatThrownBy(() -> service.get("/healthz")).isInstanceOf(IOException.class);
        assertThat(service.server.close(Duration.ofSeconds(5))).as("a second close returns at once").isZero();
    }

    @Test
    void shuttingDownAnswersReadyz503ForTheDrainWhileStillServingThenStopsListening() throws Exception {
        TestService service = TestService.start("version: 1\nhandlers:\n  - {name: " + slow
                + ", type: recording, events: [\"*\"]}\nserver:\n  timeouts: {drain: 1s, shutdown: 1s}\n");
        assertThat(service.get("/readyz").statusCode()).isEqualTo(200);
        CompletableFuture<Long> shutDown = CompletableFuture.supplyAsync(service.server::shutDown);

        TestService.await("/readyz answers 503", () -> status(service, "/readyz") == 503);
        assertThat(service.postJson("/v1/events", "{\"event_type\": \"workflow_complete\"}").statusCode())
                .as("events are still taken while draining").isEqualTo(202);
        assertThat(shutDown).isNotDone();

        assertThat(shutDown.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(RecordingHandlerFactory.of(slow).events).hasSize(1);
        assertThatThrownBy(() -> service.get("/readyz")).isInstanceOf(IOException.class);
    }

    private static int status(TestService service, String path) {
        try {
            return service.get(path).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    @Test
    void closingReportsDeliveriesThatCouldNotFinishInTheGrace() throws Exception {
        TestService service = TestService.start("version: 1\nhandlers:\n  - {name: " + slow
                + ", type: recording, events: [\"*\"], concurrency: 1, config: {delay: 2s}}\n");
        service.postJson("/v1/events", "[{\"event_type\": \"a\"}, {\"event_type\": \"b\"}]");

        assertThat(service.server.close(Duration.ofMillis(100))).isEqualTo(2);
    }

    @Test
    void aTakenPortIsReportedAndLeavesNothingRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> SwitchboardServer.builder()
                    .configText("version: 1\nhandlers:\n  - {name: " + slow + ", type: recording, events: [\"*\"]}\n")
                    .host("127.0.0.1").port(taken.getLocalPort()).start())
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken.getLocalPort());
            assertThat(RecordingHandlerFactory.of(slow).closed).isTrue();
        }
    }
}
