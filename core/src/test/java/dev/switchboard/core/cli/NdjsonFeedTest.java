package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.store.BacklogLimits;
import dev.switchboard.core.store.DeliveryStore;
import dev.switchboard.core.store.MemoryStore;
import dev.switchboard.core.store.StoreException;
import dev.switchboard.core.store.StoreFullException;
import dev.switchboard.core.testing.RecordingHandlerFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.mockito.AdditionalAnswers;

class NdjsonFeedTest {

    @Test
    void readsAheadOfDeliveryOnlyAsFarAsTheReadAheadAllowsThoughTheQueueWouldTakeMore() throws Exception {
        String name = "feed-read-ahead";
        try (Switchboard switchboard = Switchboard.builder().environment(Map.of()).configText("""
                version: 1
                handlers:
                  - name: %s
                    type: recording
                    events: ["*"]
                    concurrency: 4
                    queue_capacity: 100000
                    config: {delay: 1ms}
                """.formatted(name)).build()) {
            long readAhead = NdjsonFeed.readAhead(switchboard);
            assertThat(readAhead).isEqualTo(NdjsonFeed.MIN_READ_AHEAD);
            AtomicLong mostPending = new AtomicLong();
            switchboard.on("*", event -> mostPending.accumulateAndGet(
                    switchboard.stats().get(0).queued(), Math::max));
            int lines = (int) readAhead * 2;
            String input = "{\"event_type\": \"step_complete\"}\n".repeat(lines);

            NdjsonFeed.Result result = new NdjsonFeed("<test>", null, switchboard).feed(lines(input));

            assertThat(result.accepted()).isEqualTo(lines);
            assertThat(mostPending.get()).isLessThanOrEqualTo(readAhead);
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(60))).isTrue();
            assertThat(RecordingHandlerFactory.of(name).events).hasSize(lines);
        }
    }

    @Test
    void aNumberBeyondTheRangeOfADoubleIsDeliveredExactlyAsWrittenAndOneNoDecimalHoldsIsALineError()
            throws Exception {
        String name = "feed-exact-numbers";
        try (Switchboard switchboard = Switchboard.builder().environment(Map.of()).configText("""
                version: 1
                handlers:
                  - {name: %s, type: recording, events: ["*"]}
                """.formatted(name)).build()) {
            String input = "{\"event_type\": \"a\", \"data\": {\"huge\": 1e999999}}\n"
                    + "{\"event_type\": \"b\", \"data\": {\"huge\": 1e99999999999}}\n";

            NdjsonFeed.Result result = new NdjsonFeed("<test>", null, switchboard).feed(lines(input));

            assertThat(result.accepted()).isEqualTo(1);
            assertThat(result.rejected()).isEqualTo(1);
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(RecordingHandlerFactory.of(name).events).singleElement()
                    .satisfies(event -> assertThat(event.data()).isEqualTo(Map.of("huge", new BigDecimal("1e999999"))));
        }
    }

    @Test
    void anEventFromAFileWithIdentityHasTheIdOfItsLineAndOneFromStandardInputAFreshOne() throws Exception {
        String name = "feed-line-ids";
        try (Switchboard switchboard = Switchboard.builder().environment(Map.of()).configText("""
                version: 1
                handlers:
                  - {name: %s, type: recording, events: ["*"]}
                """.formatted(name)).build()) {
            String input = "{\"event_type\": \"a\"}\r\n\n{\"event_type\": \"b\"}";
            String identity = "(dev=1,ino=2)/0011223344556677";

            new NdjsonFeed("<file>", identity, switchboard).feed(lines(input));
            new NdjsonFeed("<stdin>", null, switchboard).feed(lines(input));
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();

            LineIds ids = new LineIds(identity);
            String a = ids.of(0, "{\"event_type\": \"a\"}".getBytes(StandardCharsets.UTF_8));
            String b = ids.of(22, "{\"event_type\": \"b\"}".getBytes(StandardCharsets.UTF_8));
            List<String> received = RecordingHandlerFactory.of(name).events.stream().map(event -> event.id()).toList();
            assertThat(received).hasSize(4).contains(a, b).doesNotHaveDuplicates();
            assertThat(received).filteredOn(id -> !id.equals(a) && !id.equals(b))
                    .allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7));
        }
    }

    @Test
    void aLineThatIsNotUtf8IsALineErrorAndTheFeedGoesOn() throws Exception {
        String name = "feed-not-utf8";
        try (Switchboard switchboard = Switchboard.builder().environment(Map.of()).configText("""
                version: 1
                handlers:
                  - {name: %s, type: recording, events: ["*"]}
                """.formatted(name)).build()) {
            ByteArrayOutputStream input = new ByteArrayOutputStream();
            input.writeBytes("{\"event_type\": \"a\"}\n{\"event_type\": \"".getBytes(StandardCharsets.UTF_8));
            input.write(0xFF);
            input.writeBytes("\"}\n{\"event_type\": \"c\"}\n".getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            PrintStream err = System.err;
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            NdjsonFeed.Result result;
            try {
                result = new NdjsonFeed("in.ndjson", null, switchboard)
                        .feed(new InputLines(new ByteArrayInputStream(input.toByteArray()), 0, 0));
            } finally {
                System.setErr(err);
            }

            assertThat(result).isEqualTo(new NdjsonFeed.Result(2 + 1, 2, 1, 0, false, null));
            assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("in.ndjson:2: not valid UTF-8"
                    + System.lineSeparator());
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(RecordingHandlerFactory.of(name).events).extracting(event -> event.eventType())
                    .containsExactly("a", "c");
        }
    }

    @Test
    void aLineCountsAsAcceptedOnlyOnceDurableAndAStoreThatCannotWriteEndsTheFeedAtTheFirstLostLine()
            throws Exception {
        String name = "feed-store-fault";
        DeliveryStore store = failingStore(event -> seq(event) >= 4, null);
        try (Switchboard switchboard = builder(name).store(store).build()) {
            CapturedErr err = new CapturedErr();
            NdjsonFeed.Result result;
            try {
                result = new NdjsonFeed("in.ndjson", IDENTITY, switchboard).feed(lines(events(10)));
            } finally {
                err.close();
            }

            assertThat(result).isEqualTo(new NdjsonFeed.Result(4, 3, 0, 1, true, "disk full (test)"));
            assertThat(err.text()).isEqualTo("in.ndjson:4: not accepted, the store could not write it: disk full"
                    + " (test); no more input is read" + System.lineSeparator());
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(RecordingHandlerFactory.of(name).events).extracting(NdjsonFeedTest::seq)
                    .containsExactlyInAnyOrder(1, 2, 3);
        }
    }

    @Test
    void aLostLineFollowedByStoredOnesIsReportedWithTheWayToSendItAgain() throws Exception {
        String name = "feed-store-gap";
        CompletableFuture<Void> fourth = new CompletableFuture<>();
        // Line 4's write fails only once line 10 is on its way, which is already stored.
        DeliveryStore store = failingStore(event -> seq(event) == 4, event -> {
            if (seq(event) == 10) {
                fourth.completeExceptionally(new StoreException("disk full (test)"));
            }
        }, fourth);
        try (Switchboard switchboard = builder(name).store(store).build()) {
            CapturedErr err = new CapturedErr();
            NdjsonFeed.Result result;
            try {
                result = new NdjsonFeed("in.ndjson", IDENTITY, switchboard).feed(lines(events(12)));
            } finally {
                err.close();
            }

            assertThat(result.accepted()).isEqualTo(9);
            assertThat(result.notStored()).isEqualTo(1);
            assertThat(err.text()).endsWith("in.ndjson: line 4 was not stored, but line 10 after it was, and a rerun"
                    + " resumes after that: use --from-start to send line 4 (the lines already sent go again with"
                    + " the same ids)" + System.lineSeparator());
        }
    }

    private static final String IDENTITY = "(dev=1,ino=2)/0011223344556677";

    private static Switchboard.Builder builder(String name) {
        return Switchboard.builder().environment(Map.of()).configText("""
                version: 1
                handlers:
                  - {name: %s, type: recording, events: ["*"]}
                """.formatted(name));
    }

    /**
     * A memory store whose writes of the events {@code fails} picks fail as a disk that is full would:
     * room is taken and the event announced, then its future fails and nothing is queued.
     */
    private static DeliveryStore failingStore(Predicate<WorkflowEvent> fails, Consumer<WorkflowEvent> onAccept,
            CompletableFuture<Void> failure) {
        DeliveryStore memory = new MemoryStore(Clock.systemUTC(), BacklogLimits.of(BacklogLimits.DEFAULT_LIMIT));
        DeliveryStore store = mock(DeliveryStore.class, AdditionalAnswers.delegatesTo(memory));
        try {
            doAnswer(call -> {
                WorkflowEvent event = call.getArgument(0);
                if (onAccept != null) {
                    onAccept.accept(event);
                }
                if (!fails.test(event)) {
                    return memory.acceptAsync(event, call.getArgument(1), call.getArgument(2), call.getArgument(3));
                }
                ((Runnable) call.getArgument(3)).run();
                return failure;
            }).when(store).acceptAsync(any(), any(), any(), any());
        } catch (StoreFullException e) {
            throw new AssertionError(e);
        }
        return store;
    }

    private static DeliveryStore failingStore(Predicate<WorkflowEvent> fails, Consumer<WorkflowEvent> onAccept) {
        return failingStore(fails, onAccept,
                CompletableFuture.failedFuture(new StoreException("disk full (test)")));
    }

    private static int seq(WorkflowEvent event) {
        return ((Number) event.data().get("seq")).intValue();
    }

    private static String events(int count) {
        StringBuilder events = new StringBuilder();
        for (int seq = 1; seq <= count; seq++) {
            events.append("{\"event_type\": \"a\", \"data\": {\"seq\": ").append(seq).append("}}\n");
        }
        return events.toString();
    }

    /** System.err captured until closed. */
    private static final class CapturedErr implements AutoCloseable {
        private final PrintStream original = System.err;
        private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

        CapturedErr() {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        }

        String text() {
            return captured.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            System.setErr(original);
        }
    }

    private static InputLines lines(String input) {
        return new InputLines(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), 0, 0);
    }
}
