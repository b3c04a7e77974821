package dev.switchboard.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.switchboard.api.DeliveryException;
import dev.switchboard.core.config.RetrySettings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** What a plugin's handler may do wrong, and the lane going on regardless. */
class LaneFaultsTest {

    private static final RetrySettings ONCE = new RetrySettings(1, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10));

    /** Throws the first time it is used, like a class whose static initialiser fails. */
    static final class BrokenAtFirstUse {
        static final int VALUE = Integer.parseInt("not a number");
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @Test
    void aLaneSurvivesEveryErrorAHandlerThrows() throws Exception {
        try (LaneHarness harness = new LaneHarness(RetrySettings.DEFAULT, (attempt, event) -> {
            switch (event.id()) {
                case "overflow" -> recurse(0);
                case "assertion" -> throw new AssertionError("invariant broken");
                case "first-use" -> System.out.println(BrokenAtFirstUse.VALUE);
                case "later-use" -> System.out.println(BrokenAtFirstUse.VALUE);
                default -> {
                }
            }
        })) {
            for (String id : List.of("overflow", "assertion", "first-use", "later-use", "ok")) {
                harness.publish(id);
            }
            harness.awaitOutcomes(5);

            assertThat(harness.outcomes).containsExactly(
                    "failed overflow after 1: StackOverflowError",
                    "failed assertion after 1: AssertionError: invariant broken",
                    "failed first-use after 1: ExceptionInInitializerError: NumberFormatException: For input string: \"not a number\"",
                    "failed later-use after 1: NoClassDefFoundError: Could not initialize class "
                            + BrokenAtFirstUse.class.getName(),
                    "delivered ok after 1");
            assertThat(harness.scheduled()).isZero();
            assertThat(harness.logLines()).filteredOn(line -> line.contains("a bug in the handler"))
                    .hasSize(4)
                    .allSatisfy(line -> assertThat(line).startsWith("handler 'lane-test' (plugin acme-plugin): event "));
        }
    }

    @Test
    void aStuckHandlerGivesItsSlotBackAfterTheTimeoutAndLaterEventsAreDelivered() throws Exception {
        ReentrantLock held = new ReentrantLock();
        held.lock();
        try (LaneHarness harness = new LaneHarness(ONCE, Duration.ofSeconds(1), 1, Set.of(), List.of(),
                (attempt, event) -> {
                    if (event.id().equals("hangs")) {
                        held.lock(); // lock() ignores interrupts: deaf to the timeout
                        held.unlock();
                    }
                })) {
            try {
                harness.publish("hangs");
                harness.nextAttempt();
                harness.time.advance(Duration.ofMillis(1_050)); // timeout: interrupted, ignored
                harness.awaitScheduled(1);
                assertThat(harness.stats().stuckThreads()).isZero();
                harness.time.advance(HandlerInvoker.stuckGrace(Duration.ofSeconds(1)));
                harness.awaitOutcomes(1);
                assertThat(harness.stats().stuckThreads()).isEqualTo(1);

                harness.publish("after-1");
                harness.publish("after-2");
                harness.awaitOutcomes(3);
                assertThat(harness.outcomes).containsExactly(
                        "failed hangs after 1: timed out after 1000 ms and did not stop when interrupted; "
                                + "its thread was abandoned (after 1 attempts)",
                        "delivered after-1 after 1",
                        "delivered after-2 after 1");
                assertThat(harness.logLines()).filteredOn(line -> line.contains("is abandoned;"))
                        .singleElement().asString()
                        .startsWith("handler 'lane-test' (plugin acme-plugin): thread lane-lane-test-0 ")
                        .contains("a new worker takes its place");
            } finally {
                held.unlock();
            }
            LaneHarness.await(() -> harness.stats().stuckThreads() == 0, "the stuck thread to come back");
            harness.publish("after-release");
            harness.awaitOutcomes(4);
            assertThat(harness.outcomes).last().isEqualTo("delivered after-release after 1");
        }
    }

    @Test
    void aFailingHandlerLogsOneLinePerFailureAndItsStackTraceOncePerCausePerMinute() throws Exception {
        try (LaneHarness harness = new LaneHarness(ONCE, (attempt, event) -> {
            if (event.id().startsWith("bug")) {
                throw new IllegalStateException("no field 'x' in " + event.id());
            }
            throw DeliveryException.permanent("HTTP 400: bad payload");
        })) {
            harness.publish("bug-1");
            harness.publish("bug-2");
            harness.publish("refused");
            harness.awaitOutcomes(3);
            harness.time.advance(FailureLog.TRACE_EVERY);
            harness.publish("bug-3");
            harness.awaitOutcomes(4);

            List<ILoggingEvent> lines = harness.log.list.stream()
                    .filter(line -> line.getLevel().isGreaterOrEqual(Level.WARN)).toList();
            assertThat(lines).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                    "handler 'lane-test' (plugin acme-plugin): event bug-1 (step_complete) attempt 1: "
                            + "IllegalStateException: no field 'x' in bug-1 — a bug in the handler, not retried",
                    "handler 'lane-test' (plugin acme-plugin): event bug-2 (step_complete) attempt 1: "
                            + "IllegalStateException: no field 'x' in bug-2 — a bug in the handler, not retried "
                            + "(stack trace logged before for this cause; at debug)",
                    "handler 'lane-test' (plugin acme-plugin): event refused (step_complete) attempt 1: "
                            + "HTTP 400: bad payload — failed for good",
                    "handler 'lane-test' (plugin acme-plugin): event bug-3 (step_complete) attempt 1: "
                            + "IllegalStateException: no field 'x' in bug-3 — a bug in the handler, not retried");
            assertThat(lines).extracting(line -> line.getThrowableProxy() != null)
                    .containsExactly(true, false, false, true);
        }
    }

    @Test
    void configuredSecretsAreMaskedInReasonsLogLinesAndRecentFailures() throws Exception {
        try (LaneHarness harness = new LaneHarness(ONCE, Duration.ofSeconds(10), 1,
                Set.of("Bearer s3cr3t-token-value", "s3cr3t-token-value"), List.of(), (attempt, event) -> {
                    throw new IllegalArgumentException("receiver said: Authorization was Bearer s3cr3t-token-value");
                })) {
            harness.publish("e1");
            harness.awaitOutcomes(1);

            assertThat(harness.outcomes).singleElement().asString()
                    .isEqualTo("failed e1 after 1: IllegalArgumentException: receiver said: Authorization was ***");
            assertThat(harness.lane.recentFailures()).singleElement().asString().endsWith("Authorization was ***");
            assertThat(harness.log.list).isNotEmpty().allSatisfy(line -> {
                assertThat(line.getFormattedMessage()).doesNotContain("s3cr3t");
                if (line.getThrowableProxy() != null) {
                    assertThat(line.getThrowableProxy().getMessage()).doesNotContain("s3cr3t");
                }
            });
        }
    }

    @Test
    void anInterceptorThatProceedsTwiceFailsTheAttemptNamingIt() throws Exception {
        DeliveryInterceptor twice = new DeliveryInterceptor() {
            @Override
            public java.util.concurrent.CompletionStage<Void> intercept(Chain chain) {
                chain.proceed(chain.event());
                return chain.proceed(chain.event());
            }

            @Override
            public String toString() {
                return "filter 'twice'";
            }
        };
        try (LaneHarness harness = new LaneHarness(ONCE, Duration.ofSeconds(10), 1, Set.of(), List.of(twice),
                (attempt, event) -> {
                })) {
            harness.publish("e1");
            harness.awaitOutcomes(1);

            assertThat(harness.outcomes).containsExactly("failed e1 after 1: IllegalStateException: "
                    + "interceptor filter 'twice' must call proceed() at most once");
            assertThat(harness.attemptMillis).hasSize(1);
        }
    }

    /** A read of the store that fails (an I/O error) costs a worker a pause, never the worker or its slot. */
    @Test
    void aLaneGoesOnAfterTheStoreFailsToHandOutADelivery() throws Exception {
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger(2);
        try (LaneHarness harness = new LaneHarness(RetrySettings.DEFAULT, Duration.ofSeconds(10), 1, java.util.Set.of(),
                java.util.List.of(), (attempt, event) -> { }, queue -> org.mockito.Mockito.mock(
                        dev.switchboard.core.store.HandlerQueue.class, org.mockito.Mockito.withSettings()
                                .defaultAnswer(call -> {
                                    if (call.getMethod().getName().equals("take") && failures.getAndDecrement() > 0) {
                                        throw new dev.switchboard.core.store.StoreException("switchboard.db: disk I/O error");
                                    }
                                    return call.getMethod().invoke(queue, call.getArguments());
                                })))) {
            harness.publish("after-failures");
            LaneHarness.await(() -> harness.outcomes.size() == 1, "the delivery after two failed reads");
            assertThat(harness.outcomes).containsExactly("delivered after-failures after 1");
            assertThat(harness.logLines()).filteredOn(line -> line.contains("cannot read its deliveries from the store"))
                    .hasSize(1);
        }
    }
}
