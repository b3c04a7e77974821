package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.Switchboard;
import dev.switchboard.core.testing.RecordingHandlerFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

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

            assertThat(result).isEqualTo(new NdjsonFeed.Result(2 + 1, 2, 1, false));
            assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("in.ndjson:2: not valid UTF-8"
                    + System.lineSeparator());
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(RecordingHandlerFactory.of(name).events).extracting(event -> event.eventType())
                    .containsExactly("a", "c");
        }
    }

    private static InputLines lines(String input) {
        return new InputLines(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), 0, 0);
    }
}
