package dev.switchboard.core.delivery;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.config.DeliveryPolicy;
import dev.switchboard.core.config.RetrySettings;
import dev.switchboard.core.store.BacklogLimits;
import dev.switchboard.core.store.HandlerQueue;
import dev.switchboard.core.store.HandlerState;
import dev.switchboard.core.store.MemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

/**
 * One real {@link HandlerLane} on a {@link ManualScheduler}, around a scripted handler, with the
 * lane's log captured. Waits are for a condition, bounded by {@link #PATIENCE}, never for time.
 */
final class LaneHarness implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(5);

    /** What the handler does on its n-th attempt (1 for the first). */
    interface Script {
        void attempt(int attempt, WorkflowEvent event) throws Exception;
    }

    final ManualScheduler time = new ManualScheduler();
    final PendingDeliveries pending = new PendingDeliveries();
    final MemoryStore store = new MemoryStore(time.clock(), BacklogLimits.of(100));
    private final AtomicInteger retriesScheduled = new AtomicInteger();
    /** Manual-clock milliseconds at which each attempt started. */
    final List<Long> attemptMillis = new CopyOnWriteArrayList<>();
    final BlockingQueue<Integer> started = new LinkedBlockingQueue<>();
    final List<String> outcomes = new CopyOnWriteArrayList<>();
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final Logger laneLogger = (Logger) LoggerFactory.getLogger(HandlerLane.class);
    final HandlerLane lane;

    LaneHarness(RetrySettings retry, Duration timeout, int concurrency, Set<String> secrets,
                List<DeliveryInterceptor> interceptors, Script script) {
        this(retry, timeout, concurrency, secrets, interceptors, script, queue -> queue);
    }

    /** @param queues wraps the store's queue the lane drains (to make the store fail on purpose) */
    LaneHarness(RetrySettings retry, Duration timeout, int concurrency, Set<String> secrets,
                List<DeliveryInterceptor> interceptors, Script script, UnaryOperator<HandlerQueue> queues) {
        this(retry, timeout, concurrency, secrets, interceptors, script, queues, CENTRE, DeliveryPolicy.DEFAULT);
    }

    /** A lane with this policy, a 10 s timeout and no jitter. */
    LaneHarness(RetrySettings retry, DeliveryPolicy policy, int concurrency, Script script) {
        this(retry, Duration.ofSeconds(10), concurrency, Set.of(), List.of(), script, queue -> queue, CENTRE, policy);
    }

    /** Jitter off: every backoff at its centre, so that schedules are exact. */
    static final DoubleSupplier CENTRE = () -> 0.5;

    /** @param random the lane's jitter source, uniform in [0, 1) */
    LaneHarness(RetrySettings retry, Duration timeout, int concurrency, Set<String> secrets,
                List<DeliveryInterceptor> interceptors, Script script, UnaryOperator<HandlerQueue> queues,
                DoubleSupplier random, DeliveryPolicy policy) {
        this(retry, timeout, concurrency, secrets, interceptors, script, queues, random, policy, null);
    }

    /** @param saved the handler state a store kept from an earlier run (a restart), or null */
    LaneHarness(RetrySettings retry, Duration timeout, int concurrency, Set<String> secrets,
                List<DeliveryInterceptor> interceptors, Script script, UnaryOperator<HandlerQueue> queues,
                DoubleSupplier random, DeliveryPolicy policy, HandlerState saved) {
        EventHandler handler = event -> {
            int attempt = attempts.incrementAndGet();
            attemptMillis.add(TimeUnit.NANOSECONDS.toMillis(time.nanoTime()));
            started.add(attempt);
            script.attempt(attempt, event);
        };
        DeliveryListener listener = new DeliveryListener() {
            @Override
            public void delivered(String name, WorkflowEvent event, int attempts) {
                outcomes.add("delivered " + event.id() + " after " + attempts);
            }

            @Override
            public void retryScheduled(String name, WorkflowEvent event, int attempts, Instant next, String reason) {
                retriesScheduled.incrementAndGet();
            }

            @Override
            public void failed(String name, WorkflowEvent event, int attempts, String reason) {
                outcomes.add("failed " + event.id() + " after " + attempts + ": " + reason);
            }
        };
        log.start();
        laneLogger.addAppender(log);
        lane = new HandlerLane(new LaneSettings("lane-test", "scripted", "acme-plugin", retry, concurrency, 100, policy),
                timeout, interceptors, new HandlerInvoker(handler, getClass().getClassLoader(), timeout, time),
                time, time.clock(), queues.apply(store.queue("lane-test")), pending, listener, SecretMasker.of(secrets),
                random, store.handlerStates(), saved, null, null);
        lane.start();
    }

    LaneHarness(RetrySettings retry, Script script) {
        this(retry, Duration.ofSeconds(10), 1, Set.of(), List.of(), script);
    }

    static WorkflowEvent event(String id) {
        return WorkflowEvent.builder("step_complete").id(id).build();
    }

    void publish(String id) throws Exception {
        pending.add();
        store.accept(event(id), List.of("lane-test"));
    }

    /** Waits for the next attempt to start and returns its number. */
    int nextAttempt() throws InterruptedException {
        Integer attempt = started.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        if (attempt == null) {
            throw new AssertionError("no attempt started within " + PATIENCE);
        }
        return attempt;
    }

    /**
     * Waits until {@code total} things have been scheduled so far: retries (stored with their due
     * time), and one-shot timer tasks (the check that abandons a worker which ignored its timeout's
     * interrupt).
     */
    void awaitScheduled(int total) {
        await(() -> scheduled() >= total, total + " tasks to be scheduled");
    }

    /** @return retries stored so far plus one-shot timer tasks scheduled so far */
    int scheduled() {
        return retriesScheduled.get() + time.oneShotsScheduled();
    }

    void awaitOutcomes(int count) {
        await(() -> outcomes.size() >= count, count + " outcomes");
    }

    HandlerStats stats() {
        return lane.stats();
    }

    List<String> logLines() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE + " for " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    @Override
    public void close() {
        lane.stop();
        lane.closeHandler();
        store.close();
        laneLogger.detachAppender(log);
    }
}
