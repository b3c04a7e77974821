package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.Switchboard;
import dev.switchboard.core.testing.RecordingHandlerFactory;
import java.io.BufferedReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
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

            NdjsonFeed.Result result = new NdjsonFeed("<test>", switchboard)
                    .feed(new BufferedReader(new StringReader(input)));

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

            NdjsonFeed.Result result = new NdjsonFeed("<test>", switchboard)
                    .feed(new BufferedReader(new StringReader(input)));

            assertThat(result.accepted()).isEqualTo(1);
            assertThat(result.rejected()).isEqualTo(1);
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(RecordingHandlerFactory.of(name).events).singleElement()
                    .satisfies(event -> assertThat(event.data()).isEqualTo(Map.of("huge", new BigDecimal("1e999999"))));
        }
    }
}
