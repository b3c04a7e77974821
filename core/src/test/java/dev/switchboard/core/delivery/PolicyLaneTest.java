package dev.switchboard.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.DeliveryException;
import dev.switchboard.core.config.DeliveryPolicy;
import dev.switchboard.core.config.RetrySettings;
import dev.switchboard.core.store.DeliveryState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A lane's delivery policy (expiry, 410, breaker, rate, ordering) on a manual clock. */
class PolicyLaneTest {

    private static final RetrySettings SEED = RetrySettings.DEFAULT;

    @Test
    void aDeliveryNotDeliveredWithinExpireAfterIsADeadLetterExpiredInsteadOfALateAttempt() throws Exception {
        DeliveryPolicy expiring = DeliveryPolicy.DEFAULT.withExpireAfter(Duration.ofMillis(2_500));
        try (LaneHarness harness = new LaneHarness(SEED, expiring, 1, (attempt, event) -> {
            throw DeliveryException.retryable("HTTP 503");
        })) {
            harness.publish("e1");
            harness.nextAttempt();
            harness.awaitScheduled(1);
            harness.time.advance(Duration.ofSeconds(1));
            harness.nextAttempt();
            harness.awaitScheduled(2);
            harness.time.advance(Duration.ofSeconds(2)); // the third attempt was due at 3 s, past 2.5 s
            harness.awaitOutcomes(1);

            assertThat(harness.attemptMillis).containsExactly(0L, 1_000L);
            assertThat(harness.outcomes).containsExactly("failed e1 after 2: expired");
            LaneHarness.await(() -> harness.store.deadLetters().list(null, null, 0, 10).size() == 1, "the dead letter");
            assertThat(harness.store.deadLetters().list(null, null, 0, 10).get(0).delivery().lastReason())
                    .isEqualTo("expired");
            assertThat(harness.logLines()).anyMatch(line -> line.contains("e1") && line.contains("expired"));
        }
    }

    @Test
    void aDeliveryWithinExpireAfterIsAttemptedAsUsual() throws Exception {
        DeliveryPolicy expiring = DeliveryPolicy.DEFAULT.withExpireAfter(Duration.ofHours(1));
        try (LaneHarness harness = new LaneHarness(SEED, expiring, 1, (attempt, event) -> {
            if (attempt == 1) {
                throw DeliveryException.retryable("HTTP 503");
            }
        })) {
            harness.publish("e1");
            harness.nextAttempt();
            harness.awaitScheduled(1);
            harness.time.advance(Duration.ofSeconds(1));
            harness.awaitOutcomes(1);

            assertThat(harness.outcomes).containsExactly("delivered e1 after 2");
            assertThat(harness.store.deliveries().list(DeliveryState.DEAD, null, null, 0, 10)).isEmpty();
        }
    }

    private static DeliveryException gone() {
        return new DeliveryException("HTTP 410: hook deleted", false, null, 410, null);
    }

    @Test
    void a410DisablesTheHandlerHoldingItsDeliveriesUntilItIsEnabled() throws Exception {
        try (LaneHarness harness = new LaneHarness(SEED, DeliveryPolicy.DEFAULT, 1, (attempt, event) -> {
            if (attempt == 1) {
                throw gone();
            }
        })) {
            harness.publish("e1");
            harness.nextAttempt();
            LaneHarness.await(() -> harness.lane.policyState().disabledAt() != null, "the handler to be disabled");
            harness.publish("e2");
            harness.time.advance(Duration.ofMinutes(10));
            Thread.sleep(100); // workers look again every 20 ms: nothing may start while disabled

            assertThat(harness.started).isEmpty();
            assertThat(harness.outcomes).isEmpty();
            assertThat(harness.store.deadLetters().list(null, null, 0, 10)).isEmpty();
            assertThat(harness.stats().queued()).isEqualTo(2);
            assertThat(harness.lane.policyState().status()).startsWith("disabled (410 at 2025-11-12T10:30:00Z");
            assertThat(harness.logLines().stream().filter(line -> line.contains("is disabled"))).hasSize(1);
            assertThat(harness.store.handlerStates().all().get("lane-test").disabled()).isTrue();

            assertThat(harness.lane.enable()).isTrue();
            harness.awaitOutcomes(2);

            assertThat(harness.outcomes).containsExactlyInAnyOrder("delivered e1 after 2", "delivered e2 after 1");
            assertThat(harness.lane.policyState().status()).isEqualTo("enabled");
            assertThat(harness.store.handlerStates().all().get("lane-test").disabled()).isFalse();
        }
    }

    @Test
    void aHandlerDisabledBeforeARestartStaysDisabled() throws Exception {
        dev.switchboard.core.store.HandlerState saved;
        try (LaneHarness before = new LaneHarness(SEED, DeliveryPolicy.DEFAULT, 1, (attempt, event) -> {
            throw gone();
        })) {
            before.publish("e1");
            before.nextAttempt();
            LaneHarness.await(() -> before.store.handlerStates().all().containsKey("lane-test"), "the saved state");
            saved = before.store.handlerStates().all().get("lane-test");
        }
        try (LaneHarness after = new LaneHarness(SEED, Duration.ofSeconds(10), 1, java.util.Set.of(),
                java.util.List.of(), (attempt, event) -> { }, queue -> queue, LaneHarness.CENTRE,
                DeliveryPolicy.DEFAULT, saved)) {
            after.publish("e2");
            Thread.sleep(100);
            assertThat(after.started).isEmpty();
            assertThat(after.lane.policyState().status()).startsWith("disabled (410 at");

            after.lane.enable();
            after.awaitOutcomes(1);
            assertThat(after.outcomes).containsExactly("delivered e2 after 1");
        }
    }

    @Test
    void aBreakerHoldsDeliveriesThroughAnOutageWithOneProbePerOpenForAndNoDeadLetters() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        DeliveryPolicy breaker = DeliveryPolicy.DEFAULT.withBreaker(
                new DeliveryPolicy.BreakerSettings(3, Duration.ofSeconds(30)));
        try (LaneHarness harness = new LaneHarness(SEED, breaker, 1, (attempt, event) -> {
            if (down.get()) {
                throw DeliveryException.retryable("HTTP 503");
            }
        })) {
            for (int i = 1; i <= 5; i++) {
                harness.publish("e" + i);
            }
            for (int i = 1; i <= 3; i++) {
                harness.nextAttempt();
            }
            harness.awaitScheduled(3);
            LaneHarness.await(() -> harness.lane.policyState().breaker().equals("open"), "the breaker to open");
            // Two and a half minutes of outage: nothing but one probe per 30 s (five probes, each of a
            // different delivery, none of which runs out of attempts).
            int probes = 0;
            for (int second = 1; second <= 150; second++) {
                harness.time.advance(Duration.ofSeconds(1));
                if (second % 30 == 0) {
                    harness.nextAttempt();
                    probes++;
                    harness.awaitScheduled(3 + probes);
                }
            }
            Thread.sleep(50);
            assertThat(harness.started).isEmpty();
            assertThat(harness.attemptMillis).hasSize(3 + probes);
            assertThat(harness.attemptMillis.subList(3, 3 + probes))
                    .allMatch(ms -> ms % 30_000 == 0);
            assertThat(harness.outcomes).isEmpty();

            down.set(false);
            harness.time.advance(Duration.ofSeconds(30));
            for (int step = 0; step < 20 && harness.outcomes.size() < 5; step++) {
                Thread.sleep(30);
                harness.time.advance(Duration.ofSeconds(1));
            }
            harness.awaitOutcomes(5);

            assertThat(harness.outcomes).allMatch(outcome -> outcome.startsWith("delivered"));
            assertThat(harness.store.deadLetters().list(null, null, 0, 10)).isEmpty();
            assertThat(harness.lane.policyState().breaker()).isEqualTo("closed");
            assertThat(harness.logLines().stream().filter(line -> line.contains("circuit breaker closed -> open")))
                    .hasSize(1);
            assertThat(harness.logLines().stream().filter(line -> line.contains("circuit breaker open -> half_open")))
                    .hasSize(probes + 1);
            assertThat(harness.logLines().stream().filter(line -> line.contains("circuit breaker half_open -> closed")))
                    .hasSize(1);
        }
    }

    @Test
    void aRateLimitSpacesAttemptsAsTheBucketAllows() throws Exception {
        DeliveryPolicy twoPerSecond = DeliveryPolicy.DEFAULT.withRate(new DeliveryPolicy.RateSettings(2, 1));
        try (LaneHarness harness = new LaneHarness(SEED, twoPerSecond, 4, (attempt, event) -> { })) {
            for (int i = 1; i <= 6; i++) {
                harness.publish("e" + i);
            }
            for (int step = 0; step < 40 && harness.outcomes.size() < 6; step++) {
                Thread.sleep(25);
                harness.time.advance(Duration.ofMillis(100));
            }
            harness.awaitOutcomes(6);

            List<Long> starts = harness.attemptMillis.stream().sorted().toList();
            assertThat(starts.get(0)).isZero();
            for (int i = 1; i < starts.size(); i++) {
                assertThat(starts.get(i) - starts.get(i - 1)).as("gap before attempt %d", i + 1).isGreaterThanOrEqualTo(500);
            }
        }
    }

    @Test
    void aBurstLetsThatManyStartAtOnceThenTheRate() throws Exception {
        DeliveryPolicy burst = DeliveryPolicy.DEFAULT.withRate(new DeliveryPolicy.RateSettings(1, 3));
        try (LaneHarness harness = new LaneHarness(SEED, burst, 4, (attempt, event) -> { })) {
            for (int i = 1; i <= 5; i++) {
                harness.publish("e" + i);
            }
            harness.awaitOutcomes(3);
            Thread.sleep(100);
            assertThat(harness.outcomes).hasSize(3);
            harness.time.advance(Duration.ofSeconds(1));
            harness.awaitOutcomes(4);
            Thread.sleep(100);
            assertThat(harness.outcomes).hasSize(4);
            harness.time.advance(Duration.ofSeconds(1));
            harness.awaitOutcomes(5);
        }
    }

    @Test
    void a429WithRetryAfterPausesTheWholeHandler() throws Exception {
        try (LaneHarness harness = new LaneHarness(SEED, DeliveryPolicy.DEFAULT, 2, (attempt, event) -> {
            if (attempt == 1) {
                throw new DeliveryException("HTTP 429", true, Duration.ofSeconds(10), 429, null);
            }
        })) {
            harness.publish("e1");
            harness.nextAttempt();
            LaneHarness.await(() -> harness.lane.policyState().pausedUntil() != null, "the pause");
            harness.publish("e2");
            harness.time.advance(Duration.ofSeconds(9));
            Thread.sleep(100);

            assertThat(harness.started).isEmpty();
            assertThat(harness.lane.policyState().pausedUntil()).isEqualTo(java.time.Instant.parse("2025-11-12T10:30:10Z"));

            harness.time.advance(Duration.ofSeconds(1));
            for (int step = 0; step < 100 && harness.outcomes.size() < 2; step++) {
                Thread.sleep(20);
            }
            harness.awaitOutcomes(2);
            assertThat(harness.attemptMillis).containsExactly(0L, 10_000L, 10_000L);
            assertThat(harness.lane.policyState().pausedUntil()).isNull();
        }
    }
}
