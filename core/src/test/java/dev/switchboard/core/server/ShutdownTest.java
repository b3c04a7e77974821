package dev.switchboard.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.testing.RecordingHandlerFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
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
