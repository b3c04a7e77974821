package dev.switchboard.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.DeliveryException;
import dev.switchboard.core.config.RetrySettings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A lane's retry schedule on a manual clock: each test moves time on instead of sleeping. */
class HandlerLaneTest {

    private static final RetrySettings SEED = RetrySettings.DEFAULT;

    @Test
    void retriesAfterOneSecondThenTwoSeconds() throws Exception {
        try (LaneHarness harness = new LaneHarness(SEED, (attempt, event) -> {
            if (attempt <= 2) {
                throw DeliveryException.retryable("HTTP 503");
            }
        })) {
            harness.publish("e1");
            assertThat(harness.nextAttempt()).isEqualTo(1);
            harness.awaitScheduled(1);
            harness.time.advance(Duration.ofMillis(999));
            assertThat(harness.started).isEmpty();
            harness.time.advance(Duration.ofMillis(1));
            assertThat(harness.nextAttempt()).isEqualTo(2);
            harness.awaitScheduled(2);
            harness.time.advance(Duration.ofMillis(1_999));
            assertThat(harness.started).isEmpty();
            harness.time.advance(Duration.ofMillis(1));
            assertThat(harness.nextAttempt()).isEqualTo(3);
            harness.awaitOutcomes(1);

            assertThat(harness.attemptMillis).containsExactly(0L, 1_000L, 3_000L);
            assertThat(harness.outcomes).containsExactly("delivered e1 after 3");
            assertThat(harness.stats().retried()).isEqualTo(2);
        }
    }

    @Test
    void theBackoffIsCappedAtMaxBackoff() throws Exception {
        RetrySettings steep = new RetrySettings(4, Duration.ofSeconds(1), 10.0, Duration.ofSeconds(3));
        try (LaneHarness harness = new LaneHarness(steep, (attempt, event) -> {
            throw DeliveryException.retryable("HTTP 500");
        })) {
            harness.publish("e1");
            long[] waits = {1_000, 3_000, 3_000}; // 1 s, then 10 s and 100 s capped at 3 s
            for (int retry = 1; retry <= 3; retry++) {
                harness.nextAttempt();
                harness.awaitScheduled(retry);
                harness.time.advance(Duration.ofMillis(waits[retry - 1] - 1));
                assertThat(harness.started).isEmpty();
                harness.time.advance(Duration.ofMillis(1));
            }
            harness.nextAttempt();
            harness.awaitOutcomes(1);

            assertThat(harness.attemptMillis).containsExactly(0L, 1_000L, 4_000L, 7_000L);
            assertThat(harness.outcomes).containsExactly("failed e1 after 4: HTTP 500 (after 4 attempts)");
        }
    }

    @Test
    void a429sRetryAfterIsHonouredAndCapped() throws Exception {
        try (LaneHarness harness = new LaneHarness(SEED, (attempt, event) -> {
            if (attempt == 1) {
                throw DeliveryException.retryAfter("HTTP 429", Duration.ofSeconds(30));
            }
            if (attempt == 2) {
                throw DeliveryException.retryAfter("HTTP 429", Duration.ofHours(1));
            }
        })) {
            harness.publish("e1");
            harness.nextAttempt();
            harness.awaitScheduled(1);
            harness.time.advance(Duration.ofSeconds(30));
            harness.nextAttempt();
            harness.awaitScheduled(2);
            harness.time.advance(RetryPolicy.RETRY_AFTER_CAP.minusMillis(1));
            assertThat(harness.started).isEmpty();
            harness.time.advance(Duration.ofMillis(1));
            harness.nextAttempt();
            harness.awaitOutcomes(1);

            assertThat(harness.attemptMillis).containsExactly(0L, 30_000L, 90_000L);
            assertThat(harness.outcomes).containsExactly("delivered e1 after 3");
        }
    }

    @Test
    void aClientErrorIsNeverRetried() throws Exception {
        try (LaneHarness harness = new LaneHarness(SEED, (attempt, event) -> {
            throw new DeliveryException("HTTP 404: no such hook", false, null, 404, null);
        })) {
            harness.publish("e1");
            harness.nextAttempt();
            harness.awaitOutcomes(1);
            harness.time.advance(Duration.ofMinutes(10));

            assertThat(harness.started).isEmpty();
            assertThat(harness.scheduled()).isZero();
            assertThat(harness.outcomes).containsExactly("failed e1 after 1: HTTP 404: no such hook");
            assertThat(harness.stats().retried()).isZero();
            assertThat(harness.stats().failed()).isEqualTo(1);
        }
    }

    @Test
    void aTimeoutCountsAsAFailedAttempt() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (LaneHarness harness = new LaneHarness(new RetrySettings(2, Duration.ofSeconds(1), 2.0,
                Duration.ofSeconds(10)), Duration.ofSeconds(1), 1, Set.of(), List.of(), (attempt, event) -> {
                    if (attempt == 1) {
                        never.await(); // answers the interrupt at the timeout
                    }
                })) {
            harness.publish("e1");
            harness.nextAttempt();
            harness.time.advance(Duration.ofMillis(999));
            assertThat(harness.stats().retried()).isZero();
            harness.time.advance(Duration.ofMillis(50)); // the deadline sweep comes within a period
            harness.awaitScheduled(2); // the stuck check, then the retry
            harness.time.advance(Duration.ofSeconds(1));
            harness.nextAttempt();
            harness.awaitOutcomes(1);

            assertThat(harness.outcomes).containsExactly("delivered e1 after 2");
            assertThat(harness.stats().retried()).isEqualTo(1);
            assertThat(harness.stats().stuckThreads()).isZero();
        }
    }

    @Test
    void deliveriesThatFailedTogetherRetryAtJitteredTimesAroundTheBackoff() throws Exception {
        java.util.Random seeded = new java.util.Random(7);
        try (LaneHarness harness = new LaneHarness(SEED, Duration.ofSeconds(10), 4, Set.of(), List.of(),
                (attempt, event) -> {
                    throw DeliveryException.retryable("HTTP 503");
                }, queue -> queue, seeded::nextDouble, dev.switchboard.core.config.DeliveryPolicy.DEFAULT)) {
            for (int i = 1; i <= 8; i++) {
                harness.publish("e" + i);
            }
            harness.awaitScheduled(8);

            java.time.Instant start = harness.time.clock().instant();
            // A retry is scheduled in the lane a moment before the store has committed it as pending.
            List<dev.switchboard.core.store.DeliveryRecord> pending;
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            do {
                pending = harness.store.deliveries()
                        .list(dev.switchboard.core.store.DeliveryState.PENDING, "lane-test", null, 0, 100);
            } while (pending.size() < 8 && System.nanoTime() < deadline && sleptBriefly());
            List<Long> dueInMillis = pending.stream()
                    .map(record -> Duration.between(start, record.delivery().dueAt()).toMillis()).toList();
            assertThat(dueInMillis).hasSize(8).allMatch(ms -> ms >= 900 && ms <= 1_100);
            assertThat(dueInMillis.stream().distinct().count()).as("not in lockstep").isGreaterThan(4);
        }
    }

    private static boolean sleptBriefly() throws InterruptedException {
        Thread.sleep(10);
        return true;
    }
}
