package dev.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.store.DeadLetter;
import dev.switchboard.core.store.DeliveryState;
import dev.switchboard.core.store.StoreException;
import dev.switchboard.core.testing.ScriptedReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The runtime on its durable store (a real SQLite file in a data folder) against a real HTTP
 * receiver: what a stop leaves unfinished is delivered by the next runtime on the same folder, with
 * the same {@code webhook-id}, and not before a scheduled retry is due. These run on the real clock
 * (the store's own timing is tested on a manual clock in {@code SqliteStoreTest}).
 */
class DurableRuntimeTest {

    static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    Path data() {
        return dir.resolve("data");
    }

    Switchboard runtime(ScriptedReceiver receiver, String retry, String store) throws Exception {
        return Switchboard.builder()
                .configText("version: 1\n" + store + "handlers:\n  - name: audit\n    type: posting\n"
                        + "    events: [\"*\"]\n    retry: " + retry + "\n    config:\n      url: " + receiver.url() + "\n")
                .dataDir(data())
                .build();
    }

    static WorkflowEvent event(int seq) {
        return WorkflowEvent.builder("step_complete").sessionId("s-1").specName("research")
                .data(Map.of("seq", seq)).build();
    }

    @Test
    void whatAStopLeavesUnfinishedIsDeliveredByTheNextRuntimeWithTheSameWebhookId() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver()) {
            receiver.answer(503);
            String id;
            ListAppender<ILoggingEvent> log = capture(Switchboard.class);
            try (Switchboard first = runtime(receiver, "{attempts: 5, backoff: 1s}", "")) {
                id = first.publish(event(1)).id();
                receiver.await(1, PATIENCE);
                assertThat(first.close(Duration.ZERO)).isEqualTo(1);
            } finally {
                detach(Switchboard.class, log);
            }
            assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).startsWith("1 deliveries were still unfinished after 0 s; they"
                            + " stay in the SQLite store " + data().resolve("switchboard.db").toAbsolutePath()));

            receiver.answer(204);
            try (Switchboard second = runtime(receiver, "{attempts: 5, backoff: 1s}", "")) {
                assertThat(second.awaitIdle(PATIENCE)).isTrue();
                assertThat(second.stats().get(0).delivered()).isEqualTo(1);
            }
            List<ScriptedReceiver.Arrival> arrivals = receiver.arrivals();
            assertThat(arrivals).hasSize(2);
            assertThat(arrivals).extracting(ScriptedReceiver.Arrival::webhookId).containsOnly(id);
            assertThat(arrivals.get(1).status()).isEqualTo(204);
        }
    }

    @Test
    void aRetryScheduledBeforeARestartIsNotSentBeforeItIsDue() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver()) {
            receiver.answer(503);
            try (Switchboard first = runtime(receiver, "{attempts: 3, backoff: 2s, jitter: 0}", "")) {
                first.publish(event(1));
                receiver.await(1, PATIENCE);
                // The retry's due time is committed once the attempt is settled; a stop before that
                // leaves the delivery in flight, which the next start sends at once (at-least-once).
                awaitRetryStored(first);
                first.close(Duration.ZERO);
            }
            receiver.answer(204);
            try (Switchboard second = runtime(receiver, "{attempts: 3, backoff: 2s, jitter: 0}", "")) {
                assertThat(second.awaitIdle(PATIENCE)).isTrue();
            }
            List<ScriptedReceiver.Arrival> arrivals = receiver.arrivals();
            assertThat(arrivals).hasSize(2);
            assertThat(arrivals.get(1).atMillis() - arrivals.get(0).atMillis())
                    .as("the retry came 2 s after the first attempt, across the restart").isGreaterThanOrEqualTo(2_000);
        }
    }

    @Test
    void aDeliveryThatFailsForGoodIsADeadLetterThatSurvivesARestart() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver()) {
            receiver.answer(404); // a 410 would disable the handler instead
            String id;
            try (Switchboard first = runtime(receiver, "{attempts: 3}", "")) {
                id = first.publish(event(1)).id();
                assertThat(first.awaitIdle(PATIENCE)).isTrue();
                assertThat(first.stats().get(0).failed()).isEqualTo(1);
            }
            try (Switchboard second = runtime(receiver, "{attempts: 3}", "")) {
                List<DeadLetter> dead = second.store().deadLetters().list("audit", null, 0, 10);
                assertThat(dead).singleElement().satisfies(letter -> {
                    assertThat(letter.delivery().eventId()).isEqualTo(id);
                    assertThat(letter.delivery().attempts()).isEqualTo(1);
                    assertThat(letter.delivery().lastReason()).startsWith("HTTP 404");
                });
                assertThat(second.awaitIdle(Duration.ZERO)).as("a dead letter is not pending").isTrue();
            }
        }
    }

    @Test
    void theMemoryStoreKeepsNothingAcrossARestartAndWritesNoFile() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver()) {
            receiver.answer(503);
            String memory = "store: {type: memory}\n";
            try (Switchboard first = runtime(receiver, "{attempts: 5, backoff: 10s}", memory)) {
                assertThat(first.durable()).isFalse();
                first.publish(event(1));
                receiver.await(1, PATIENCE);
                assertThat(first.close(Duration.ZERO)).isEqualTo(1);
            }
            receiver.answer(204);
            try (Switchboard second = runtime(receiver, "{attempts: 5, backoff: 10s}", memory)) {
                assertThat(second.awaitIdle(Duration.ZERO)).isTrue();
                assertThat(second.store().backlogs()).isEmpty();
            }
            assertThat(receiver.arrivals()).hasSize(1);
            assertThat(Files.exists(data())).isFalse();
        }
    }

    @Test
    void aSecondRuntimeOnTheSameDataFolderFailsAtStartNamingTheLock() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver();
             Switchboard first = runtime(receiver, "{attempts: 1}", "")) {
            assertThat(first.durable()).isTrue();
            assertThatThrownBy(() -> runtime(receiver, "{attempts: 1}", ""))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("is in use by another Switchboard")
                    .hasMessageContaining("give this one another data folder");
            first.publish(event(1));
            assertThat(first.awaitIdle(PATIENCE)).as("the first runtime is unharmed").isTrue();
        }
    }

    @Test
    void aBacklogAtItsLimitRefusesTryPublishAndTheEventIsNotStored() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver()) {
            receiver.answer(503);
            try (Switchboard runtime = Switchboard.builder()
                    .configText("version: 1\nhandlers:\n  - name: audit\n    type: posting\n    events: [\"*\"]\n"
                            + "    queue_capacity: 2\n    retry: {attempts: 5, backoff: 10s}\n    config:\n      url: "
                            + receiver.url() + "\n")
                    .dataDir(data())
                    .build()) {
                assertThat(runtime.tryPublish(event(1))).isPresent();
                assertThat(runtime.tryPublish(event(2))).isPresent();
                assertThat(runtime.tryPublish(event(3))).isEmpty();
                assertThat(runtime.store().backlogs()).containsExactly(Map.entry("audit", 2L));
                runtime.close(Duration.ZERO);
            }
        }
    }

    static void awaitRetryStored(Switchboard runtime) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (runtime.store().deliveries().list(DeliveryState.PENDING, "audit", null, 0, 1).stream()
                .noneMatch(record -> record.delivery().attempts() == 1)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the retry was not stored within " + PATIENCE);
            }
            Thread.sleep(10);
        }
    }

    static ListAppender<ILoggingEvent> capture(Class<?> type) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
        return appender;
    }

    static void detach(Class<?> type, ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(type)).detachAppender(appender);
    }
}
