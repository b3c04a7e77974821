package dev.switchboard.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.DeliveryException;
import dev.switchboard.core.config.RetrySettings;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Failure kind × attempts made × Retry-After → decision and delay, with 5 attempts, 1 s ×2, max 3 s. */
class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(
            new RetrySettings(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(3)));

    private static Throwable failure(String kind, Integer retryAfterSeconds) {
        Duration retryAfter = retryAfterSeconds == null ? null : Duration.ofSeconds(retryAfterSeconds);
        return switch (kind) {
            case "http500" -> new DeliveryException("HTTP 500", true, null, 500, null);
            case "http404" -> new DeliveryException("HTTP 404", false, null, 404, null);
            case "http429" -> new DeliveryException("HTTP 429", true, retryAfter, 429, null);
            case "http408" -> new DeliveryException("HTTP 408", true, retryAfter, 408, null);
            case "timeout" -> new TimeoutException("timed out after 100 ms");
            case "io" -> new IOException("Connection refused");
            case "wrapped_io" -> new CompletionException(new IOException("Connection reset"));
            case "bug" -> new IllegalStateException("no such field");
            case "assertion" -> new AssertionError("invariant broken");
            case "stack_overflow" -> new StackOverflowError();
            case "no_class_def" -> new NoClassDefFoundError("com/example/Gone");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest(name = "{0} after attempt {1}, Retry-After {2} s → {3} {4} ms")
    @CsvSource(nullValues = "-", value = {
        // kind,        attempts, retry-after, decision, delay ms
        "http500,        1, -,   retry,  1000",
        "http500,        2, -,   retry,  2000",
        "http500,        3, -,   retry,  3000",  // 4 s capped at max_backoff
        "http500,        4, -,   retry,  3000",
        "http500,        5, -,   give_up,   0",  // every attempt made
        "timeout,        1, -,   retry,  1000",  // a timeout is a failed attempt like any other
        "timeout,        5, -,   give_up,   0",
        "io,             2, -,   retry,  2000",
        "wrapped_io,     1, -,   retry,  1000",
        "http404,        1, -,   give_up,   0",  // 4xx is never retried
        "http404,        4, -,   give_up,   0",
        "http429,        1, 30,  retry, 30000",  // Retry-After honoured over the backoff
        "http429,        2, 120, retry, 60000",  // and capped
        "http429,        1, -,   retry,  1000",  // no Retry-After: the backoff
        "http429,        5, 1,   give_up,   0",  // not beyond the attempts
        "http408,        1, 0,   retry,     0",
        "bug,            1, -,   bug,       0",
        "assertion,      1, -,   bug,       0",
        "stack_overflow, 1, -,   bug,       0",
        "no_class_def,   1, -,   bug,       0",
    })
    void decidesByFailureKindAttemptAndRetryAfter(String kind, int attempts, Integer retryAfter,
                                                  String decision, long delayMillis) {
        RetryDecision decided = policy.decide(failure(kind, retryAfter), attempts);

        String actual = decided.retry() ? "retry" : decided.handlerBug() ? "bug" : "give_up";
        assertThat(actual).isEqualTo(decision);
        assertThat(decided.delay()).isEqualTo(Duration.ofMillis(delayMillis));
        assertThat(decided.reason()).isNotBlank();
    }

    @Test
    void aFailureWithoutAMessageIsDescribedWithItsCause() {
        assertThat(RetryPolicy.describe(new ExceptionInInitializerError(new IllegalStateException("static boom"))))
                .isEqualTo("ExceptionInInitializerError: IllegalStateException: static boom");
        assertThat(RetryPolicy.describe(new StackOverflowError())).isEqualTo("StackOverflowError");
    }

    @Test
    void aRetryAfterCapIsMaxBackoffWhenThatIsLonger() {
        RetryPolicy patient = new RetryPolicy(new RetrySettings(3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5)));

        RetryDecision decided = patient.decide(failure("http429", 600), 1);

        assertThat(decided.delay()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theReasonSaysHowManyAttemptsWereMadeWhenTheyRunOut() {
        assertThat(policy.decide(failure("http500", null), 5).reason()).isEqualTo("HTTP 500 (after 5 attempts)");
        assertThat(policy.decide(failure("timeout", null), 1).reason()).isEqualTo("timed out after 100 ms");
        assertThat(policy.decide(failure("assertion", null), 1).reason()).isEqualTo("AssertionError: invariant broken");
    }

    @Test
    void jitterSpreadsTheBackoffWithinTheFractionAroundTheSeedsCentre() {
        java.util.Random seeded = new java.util.Random(42);
        RetryPolicy jittered = new RetryPolicy(RetrySettings.DEFAULT, seeded::nextDouble);
        java.util.List<Long> firstWaits = new java.util.ArrayList<>();
        java.util.List<Long> secondWaits = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            firstWaits.add(jittered.decide(failure("http500", null), 1).delay().toMillis());
            secondWaits.add(jittered.decide(failure("http500", null), 2).delay().toMillis());
        }

        assertThat(firstWaits).allMatch(ms -> ms >= 900 && ms <= 1_100);
        assertThat(secondWaits).allMatch(ms -> ms >= 1_800 && ms <= 2_200);
        assertThat(firstWaits.stream().distinct().count()).as("not in lockstep").isGreaterThan(100);
        assertThat(firstWaits.stream().mapToLong(Long::longValue).average().orElseThrow()).isBetween(990.0, 1_010.0);
        assertThat(secondWaits.stream().mapToLong(Long::longValue).average().orElseThrow()).isBetween(1_980.0, 2_020.0);
    }

    @Test
    void aRetryAfterIsNotJittered() {
        RetryPolicy jittered = new RetryPolicy(RetrySettings.DEFAULT, () -> 0.999);

        assertThat(jittered.decide(failure("http429", 30), 1).delay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(jittered.decide(failure("http500", null), 1).delay()).isEqualTo(Duration.ofMillis(1_100));
    }

    @Test
    void jitterZeroKeepsTheExactSchedule() {
        RetryPolicy exact = new RetryPolicy(new RetrySettings(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), 0),
                () -> 0.999);

        assertThat(exact.decide(failure("http500", null), 2).delay()).isEqualTo(Duration.ofSeconds(2));
    }
}
