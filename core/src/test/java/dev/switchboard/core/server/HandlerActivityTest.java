package dev.switchboard.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.WorkflowEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link HandlerActivity} on a clock the test moves: per-minute counts over 15 minutes and latency percentiles. */
class HandlerActivityTest {

    private static final WorkflowEvent EVENT = WorkflowEvent.builder("step_complete").build();

    /** A clock that stays where the test puts it. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T12:00:30Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final HandlerActivity activity = new HandlerActivity(clock);

    @SuppressWarnings("unchecked")
    private List<Long> series(String handler, String kind) {
        return (List<Long>) ((Map<String, Object>) activity.describe(handler).get("rate")).get(kind);
    }

    @Test
    void countsArePerMinuteOldestFirstAndOlderThanFifteenMinutesAreGone() {
        activity.delivered("h", EVENT, 1);
        activity.delivered("h", EVENT, 1);
        activity.retryScheduled("h", EVENT, 1, clock.now, "503");
        clock.now = clock.now.plus(Duration.ofMinutes(3));
        activity.delivered("h", EVENT, 2);
        activity.failed("h", EVENT, 3, "gone");

        assertThat(series("h", "delivered")).hasSize(15).endsWith(2L, 0L, 0L, 1L);
        assertThat(series("h", "retried")).endsWith(1L, 0L, 0L, 0L);
        assertThat(series("h", "failed")).endsWith(0L, 0L, 0L, 1L);
        assertThat(activity.describe("h").get("rate")).extracting(rate -> ((Map<?, ?>) rate).get("minute_start"))
                .as("the oldest of the 15 minutes up to 12:03").isEqualTo("2026-01-01T11:49:00Z");

        clock.now = clock.now.plus(Duration.ofMinutes(13));
        assertThat(series("h", "delivered")).as("12:00 is now 16 minutes old, 12:03 the second oldest")
                .startsWith(0L, 1L).containsOnlyOnce(1L).doesNotContain(2L);
        assertThat(series("h", "retried")).containsOnly(0L);
        clock.now = clock.now.plus(Duration.ofMinutes(15));
        assertThat(series("h", "delivered")).containsOnly(0L);
        activity.delivered("h", EVENT, 1);
        assertThat(series("h", "delivered")).endsWith(1L).containsOnlyOnce(1L);
    }

    @Test
    void latencyPercentilesAreOfTheLastAttemptsAndNullBeforeAny() {
        assertThat(activity.describe("idle").get("latency_p50_ms")).isNull();
        assertThat(activity.describe("idle").get("latency_p99_ms")).isNull();
        assertThat(series("idle", "delivered")).hasSize(15).containsOnly(0L);

        for (int ms = 1; ms <= 100; ms++) {
            activity.attempted("h", EVENT, 1, Duration.ofMillis(ms), true);
        }
        assertThat(activity.describe("h").get("latency_p50_ms")).isEqualTo(50.0);
        assertThat(activity.describe("h").get("latency_p99_ms")).isEqualTo(99.0);
        assertThat(activity.describe("h").get("last_attempt_failed")).isEqualTo(false);

        for (int i = 0; i < HandlerActivity.LATENCY_WINDOW; i++) {
            activity.attempted("h", EVENT, 1, Duration.ofMillis(500), i % 2 == 0);
        }
        assertThat(activity.describe("h").get("latency_p50_ms")).as("only the last 1024 attempts count").isEqualTo(500.0);
        assertThat(activity.describe("h").get("last_attempt_failed")).isEqualTo(true);
        assertThat(Collections.frequency(series("h", "delivered"), 0L)).isEqualTo(15);
    }
}
