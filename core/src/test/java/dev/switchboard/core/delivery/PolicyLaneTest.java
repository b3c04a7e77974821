package dev.switchboard.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.DeliveryException;
import dev.switchboard.core.config.DeliveryPolicy;
import dev.switchboard.core.config.RetrySettings;
import dev.switchboard.core.store.DeliveryState;
import java.time.Duration;
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
}
