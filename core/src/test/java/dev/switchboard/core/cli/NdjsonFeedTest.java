package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.Switchboard;
import dev.switchboard.core.testing.RecordingHandlerFactory;
import java.io.BufferedReader;
import java.io.StringReader;
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
}
