package dev.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.testing.RecordingHandlerFactory;
import dev.switchboard.core.testing.RecordingHandlerFactory.Recording;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The delivery engine through the embedding API, with scripted handlers from the host class path. */
class SwitchboardDeliveryTest {

    private final String name = "h-" + UUID.randomUUID();

    private static Switchboard start(String handlers) throws Exception {
        return Switchboard.builder().configText("version: 1\nhandlers:\n" + handlers).build();
    }

    private String recording(String extra) {
        return "  - name: " + name + "\n    type: recording\n    events: [\"*\"]\n" + extra;
    }

    private static WorkflowEvent event(String type) {
        return WorkflowEvent.builder(type).specName("research-workflow").patternType("chain")
                .sessionId("a1b2c3d4-e5f6-7890").build();
    }

    private static HandlerStats stats(Switchboard switchboard, String handler) {
        return switchboard.stats().stream().filter(s -> s.name().equals(handler)).findFirst().orElseThrow();
    }

    /** The one timing test on the real clock; the policy's timing is tested on a manual one in HandlerLaneTest. */
    @Test
    void onTheRealClockARetryableFailureIsRetriedAfterOneSecondThenTwoSeconds() throws Exception {
        try (Switchboard switchboard = start(recording("    config: {fail_times: 2}\n"))) {
            switchboard.publish(event("step_complete"));
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();
            Recording recording = RecordingHandlerFactory.of(name);
            List<Long> at = recording.attemptNanos;
            assertThat(at).hasSize(3);
            // The seed's 1 s and 2 s, each within the default jitter of ±10 %.
            assertThat(Duration.ofNanos(at.get(1) - at.get(0)).toMillis()).isBetween(850L, 1600L);
            assertThat(Duration.ofNanos(at.get(2) - at.get(1)).toMillis()).isBetween(1750L, 2700L);
            assertThat(recording.events).hasSize(1);
            assertThat(stats(switchboard, name)).isEqualTo(new HandlerStats(name, "recording", 1, 2, 0, 0));
        }
    }

    @Test
    void givesUpAfterTheConfiguredAttempts() throws Exception {
        try (Switchboard switchboard = start(recording(
                "    retry: {attempts: 4, backoff: 10ms}\n    config: {fail_times: 9}\n"))) {
            switchboard.publish(event("error"));
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(RecordingHandlerFactory.of(name).attempts).hasValue(4);
            assertThat(stats(switchboard, name).failed()).isEqualTo(1);
            assertThat(switchboard.recentFailures().get(name)).singleElement().asString()
                    .contains("scripted retryable failure 4").contains("after 4 attempts");
        }
    }

    @Test
    void aPermanentFailureIsNotRetried() throws Exception {
        try (Switchboard switchboard = start(recording("    retry: {backoff: 10ms}\n    config: {fail_times: 1, failure: permanent}\n"))) {
            switchboard.publish(event("error"));
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(RecordingHandlerFactory.of(name).attempts).hasValue(1);
            assertThat(stats(switchboard, name).failed()).isEqualTo(1);
        }
    }

    @Test
    void aBugInTheHandlerIsNotRetried() throws Exception {
        try (Switchboard switchboard = start(recording("    retry: {backoff: 10ms}\n    config: {fail_times: 1, failure: bug}\n"))) {
            switchboard.publish(event("error"));
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(RecordingHandlerFactory.of(name).attempts).hasValue(1);
            assertThat(switchboard.recentFailures().get(name)).singleElement().asString()
                    .contains("IllegalStateException: scripted bug 1");
        }
    }

    @Test
    void aConnectionFailureIsRetried() throws Exception {
        try (Switchboard switchboard = start(recording("    retry: {backoff: 10ms}\n    config: {fail_times: 1, failure: io}\n"))) {
            switchboard.publish(event("error"));
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(RecordingHandlerFactory.of(name).attempts).hasValue(2);
            assertThat(stats(switchboard, name).delivered()).isEqualTo(1);
        }
    }

    @Test
    void aHandlerThatOverrunsItsTimeoutIsInterruptedAndRetried() throws Exception {
        try (Switchboard switchboard = start(recording(
                "    timeout: 100ms\n    retry: {attempts: 2, backoff: 10ms}\n    config: {delay: 5s}\n"))) {
            switchboard.publish(event("error"));
            // Two attempts of a 5 s delay end within 5 s only if both were interrupted.
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(RecordingHandlerFactory.of(name).attempts).hasValue(2);
            assertThat(switchboard.recentFailures().get(name)).singleElement().asString().contains("timed out");
        }
    }

    @Test
    void aRetryWaitsWithoutHoldingTheHandlersWorker() throws Exception {
        try (Switchboard switchboard = start(recording(
                "    concurrency: 1\n    retry: {backoff: 1s}\n    config: {fail_times: 1}\n"))) {
            WorkflowEvent first = switchboard.publish(event("step_start"));
            WorkflowEvent second = switchboard.publish(event("step_complete"));
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(RecordingHandlerFactory.of(name).events).extracting(WorkflowEvent::id)
                    .containsExactly(second.id(), first.id());
        }
    }

    @Test
    void aSlowHandlerDoesNotDelayAnother() throws Exception {
        String slow = name + "-slow";
        String fast = name + "-fast";
        try (Switchboard switchboard = start(
                "  - {name: " + slow + ", type: recording, events: [\"*\"], concurrency: 1, config: {delay: 60s}}\n"
                        + "  - {name: " + fast + ", type: recording, events: [\"*\"]}\n")) {
            for (int i = 0; i < 5; i++) {
                switchboard.publish(event("step_complete"));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (RecordingHandlerFactory.of(fast).events.size() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(RecordingHandlerFactory.of(fast).events).hasSize(5);
            assertThat(RecordingHandlerFactory.of(slow).events).isEmpty();
            switchboard.close(Duration.ZERO);
        }
    }

    @Test
    void sensitiveKeysAreRemovedAtAnyDepthBeforeTheHandlerSeesThem() throws Exception {
        try (Switchboard switchboard = start(recording(""))) {
            switchboard.publish(WorkflowEvent.builder("step_complete").data(Map.of(
                    "API_KEY", "k", "response", "ok",
                    "nested", Map.of("Password", "p", "keep", 1),
                    "list", List.of(Map.of("secret", "s", "other", "o")))).build());
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(RecordingHandlerFactory.of(name).events.get(0).data()).isEqualTo(Map.of(
                    "response", "ok", "nested", Map.of("keep", 1), "list", List.of(Map.of("other", "o"))));
        }
    }

    @Test
    void maskModeKeepsTheKeyWithAMaskAndExtraKeysCanBeConfigured() throws Exception {
        try (Switchboard switchboard = start(recording("    redact: {keys: [token], mode: mask}\n"))) {
            switchboard.publish(WorkflowEvent.builder("step_complete")
                    .data(Map.of("token", "t", "api_key", "stays: not in this handler's keys")).build());
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(RecordingHandlerFactory.of(name).events.get(0).data())
                    .isEqualTo(Map.of("token", "***", "api_key", "stays: not in this handler's keys"));
        }
    }

    @Test
    void pluginFiltersRunAfterRedactionAndCanDropEvents() throws Exception {
        try (Switchboard switchboard = start(recording("    filters: [uppercase]\n"))) {
            switchboard.publish(WorkflowEvent.builder("step_complete").data(Map.of("response", "ok", "password", "p")).build());
            switchboard.publish(WorkflowEvent.builder("step_complete").data(Map.of("drop", true)).build());
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(RecordingHandlerFactory.of(name).events).singleElement()
                    .extracting(WorkflowEvent::data).isEqualTo(Map.of("response", "OK", "seen_keys", "response"));
            assertThat(stats(switchboard, name).delivered()).isEqualTo(2);
        }
    }

    @Test
    void onlySubscribedEventsReachAHandler() throws Exception {
        try (Switchboard switchboard = start("  - name: " + name + "\n    type: recording\n"
                + "    events: [\"workflow_*\", error]\n    match: {spec_name: \"research-*\"}\n")) {
            switchboard.publish(event("workflow_start"));
            switchboard.publish(event("step_complete"));
            switchboard.publish(event("error"));
            switchboard.publish(WorkflowEvent.builder("workflow_complete").specName("billing").build());
            switchboard.publish(WorkflowEvent.builder("workflow_complete").build());
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(RecordingHandlerFactory.of(name).events).extracting(WorkflowEvent::eventType)
                    .containsExactlyInAnyOrder("workflow_start", "error");
        }
    }

    @Test
    void everyAcceptedEventGetsItsOwnId() throws Exception {
        try (Switchboard switchboard = start(recording(""))) {
            WorkflowEvent a = switchboard.publish(event("step_start"));
            WorkflowEvent b = switchboard.publish(event("step_start"));
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(a.id()).isNotBlank().isNotEqualTo(b.id());
            assertThat(RecordingHandlerFactory.of(name).events).extracting(WorkflowEvent::id)
                    .containsExactlyInAnyOrder(a.id(), b.id());
        }
    }

    @Test
    void inProcessListenersHearMatchingEvents() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        try (Switchboard switchboard = start(recording(""))) {
            switchboard.on("hitl_pause", e -> heard.add("pause:" + e.sessionId()));
            switchboard.on("workflow_*", e -> heard.add(e.eventType()));
            switchboard.on("error", e -> {
                throw new IllegalStateException("a failing listener must not stop delivery");
            });
            switchboard.publish(event("workflow_start"));
            switchboard.publish(event("hitl_pause"));
            switchboard.publish(event("error"));
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(heard).containsExactly("workflow_start", "pause:a1b2c3d4-e5f6-7890");
            assertThat(RecordingHandlerFactory.of(name).events).hasSize(3);
        }
    }

    @Test
    void tryPublishTellsListenersBeforeAnyHandlerCanReportOnTheEvent() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        List<Boolean> heardBeforeDelivered = new CopyOnWriteArrayList<>();
        try (Switchboard switchboard = Switchboard.builder()
                .configText("version: 1\nhandlers:\n" + recording(""))
                .deliveryListener(new dev.switchboard.core.delivery.DeliveryListener() {
                    @Override
                    public void delivered(String handler, WorkflowEvent event, int attempts) {
                        heardBeforeDelivered.add(heard.contains(event.id()));
                    }
                })
                .build()) {
            switchboard.on("*", event -> {
                sleep(200);
                heard.add(event.id());
            });
            assertThat(switchboard.tryPublish(event("step_start"))).isPresent();
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(heardBeforeDelivered).containsExactly(true);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void tryPublishRefusesWhileAHandlersQueueIsFull() throws Exception {
        try (Switchboard switchboard = start(recording("    concurrency: 1\n    queue_capacity: 1\n    config: {delay: 300ms}\n"))) {
            assertThat(switchboard.tryPublish(event("step_start"))).isPresent();
            Optional<WorkflowEvent> refused = switchboard.tryPublish(event("step_start"));
            assertThat(refused).isEmpty();
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(switchboard.tryPublish(event("step_start"))).isPresent();
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(RecordingHandlerFactory.of(name).events).hasSize(2);
        }
    }

    @Test
    void closeWaitsForPendingDeliveriesThenClosesTheHandlers() throws Exception {
        Switchboard switchboard = start(recording("    config: {delay: 200ms}\n"));
        switchboard.publish(event("workflow_complete"));
        long unfinished = switchboard.close(Duration.ofSeconds(5));
        assertThat(unfinished).isZero();
        assertThat(RecordingHandlerFactory.of(name).events).hasSize(1);
        assertThat(RecordingHandlerFactory.of(name).closed).isTrue();
    }

    @Test
    void closeReportsWhatIsStillPendingWhenTheGraceRunsOut() throws Exception {
        Switchboard switchboard = start(recording("    concurrency: 1\n    config: {delay: 2s}\n"));
        switchboard.publish(event("step_start"));
        switchboard.publish(event("step_start"));
        long unfinished = switchboard.close(Duration.ofMillis(100));
        assertThat(unfinished).isEqualTo(2);
    }

    @Test
    void aSecretThatAReceiverEchoesIsMaskedInReasonsRecentFailuresAndLogLines() throws Exception {
        String token = "tok-" + UUID.randomUUID();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = ("bad credentials: " + exchange.getRequestHeaders().getFirst("Authorization"))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        receiver.start();
        List<String> reasons = new CopyOnWriteArrayList<>();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        try (Switchboard switchboard = Switchboard.builder()
                .configText("version: 1\nhandlers:\n  - name: " + name + "\n    type: posting\n    events: [\"*\"]\n"
                        + "    retry: {attempts: 1}\n    config:\n"
                        + "      url: http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks\n"
                        + "      headers: {Authorization: \"Bearer ${HOOK_TOKEN}\"}\n")
                .environment(Map.of("HOOK_TOKEN", token))
                .deliveryListener(new dev.switchboard.core.delivery.DeliveryListener() {
                    @Override
                    public void failed(String handler, WorkflowEvent event, int attempts, String reason) {
                        reasons.add(reason);
                    }
                })
                .build()) {
            switchboard.publish(event("error"));
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(5))).isTrue();

            assertThat(reasons).containsExactly("HTTP 500: bad credentials: *** (after 1 attempts)");
            assertThat(switchboard.recentFailures().get(name)).singleElement().asString()
                    .endsWith("HTTP 500: bad credentials: *** (after 1 attempts)");
            assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).contains("bad credentials: ***"))
                    .noneSatisfy(line -> assertThat(line).contains(token));
        } finally {
            root.detachAppender(log);
            receiver.stop(0);
        }
    }
}
