package dev.switchboard.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

    private final Scheduler timer = Scheduler.system();

    @AfterEach
    void stop() {
        timer.close();
    }

    private static final class Attempt extends Deadlines.Watch {
        volatile boolean done;
        final CountDownLatch expired = new CountDownLatch(1);
        final AtomicInteger expiries = new AtomicInteger();

        @Override
        boolean finished() {
            return done;
        }

        @Override
        void expire() {
            expiries.incrementAndGet();
            expired.countDown();
        }
    }

    @Test
    void anUnfinishedAttemptExpiresOnceAfterItsTimeoutAndNotBefore() throws Exception {
        Deadlines deadlines = new Deadlines(Duration.ofMillis(200), timer);
        Attempt attempt = new Attempt();
        long start = System.nanoTime();
        deadlines.watch(attempt);

        assertThat(attempt.expired.await(5, TimeUnit.SECONDS)).isTrue();
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(waited).isBetween(200L, 200L + 10 + 1_000);
        Thread.sleep(50);
        assertThat(attempt.expiries).hasValue(1);
        assertThat(deadlines.size()).isZero();
    }

    @Test
    void finishedAttemptsAreForgottenWithoutExpiring() throws Exception {
        Deadlines deadlines = new Deadlines(Duration.ofMillis(100), timer);
        Attempt[] attempts = new Attempt[1_000];
        for (int i = 0; i < attempts.length; i++) {
            attempts[i] = new Attempt();
            deadlines.watch(attempts[i]);
            attempts[i].done = true;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (deadlines.size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(deadlines.size()).isZero();
        for (Attempt attempt : attempts) {
            assertThat(attempt.expiries).hasValue(0);
        }
    }

    @Test
    void onManualTimeAnAttemptExpiresAtItsTimeoutWithinOneSweepPeriod() {
        ManualScheduler manual = new ManualScheduler();
        Deadlines deadlines = new Deadlines(Duration.ofSeconds(1), manual);
        Attempt attempt = new Attempt();
        deadlines.watch(attempt);

        manual.advance(Duration.ofMillis(999));
        assertThat(attempt.expiries).hasValue(0);
        manual.advance(Duration.ofMillis(50));
        assertThat(attempt.expiries).hasValue(1);
        manual.advance(Duration.ofSeconds(5));
        assertThat(attempt.expiries).hasValue(1);
    }

    @Test
    void theSweepPeriodIsATwentiethOfTheTimeoutWithinBounds() {
        assertThat(Deadlines.period(Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(100));
        assertThat(Deadlines.period(Duration.ofMillis(1_000))).isEqualTo(Duration.ofMillis(50));
        assertThat(Deadlines.period(Duration.ofMillis(20))).isEqualTo(Duration.ofMillis(5));
    }
}
