package dev.switchboard.core.delivery;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.HandlerStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One handler's own lane: a bounded number of pending deliveries, its own workers, and at most
 * {@code concurrency} attempts in flight, so a slow or failing handler never delays another.
 * A failed attempt is handed to the retry timer and the worker moves on.
 */
final class HandlerLane {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerLane.class);

    private final String name;
    private final String type;
    private final List<DeliveryInterceptor> interceptors;
    private final HandlerInvoker invoker;
    private final RetryPolicy retryPolicy;
    private final ScheduledExecutorService timer;
    private final PendingDeliveries pending;
    private final DeliveryListener listener;
    /** Attempts are timed only for a listener (System.nanoTime costs ~50 ns on a VM, twice per attempt). */
    private final boolean timed;
    private final int capacity;
    private final Semaphore room;
    private final Semaphore inFlight;
    private final BlockingQueue<Delivery> ready = new LinkedBlockingQueue<>();
    private final LaneStats stats = new LaneStats();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean stopped;

    HandlerLane(LaneSettings settings, List<DeliveryInterceptor> interceptors,
                HandlerInvoker invoker, ScheduledExecutorService timer, PendingDeliveries pending,
                DeliveryListener listener) {
        this.name = settings.name();
        this.type = settings.type();
        this.interceptors = List.copyOf(interceptors);
        this.invoker = invoker;
        this.retryPolicy = new RetryPolicy(settings.retry());
        this.timer = timer;
        this.pending = pending;
        this.listener = listener;
        this.timed = listener != DeliveryListener.NONE;
        this.capacity = settings.queueCapacity();
        this.room = new Semaphore(settings.queueCapacity());
        this.inFlight = new Semaphore(settings.concurrency());
        // An async handler needs a thread only to start requests; a blocking one needs one per call.
        int threads = invoker.isAsync() ? Math.min(2, settings.concurrency()) : settings.concurrency();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(this::work, "lane-" + name + "-" + i);
            worker.setDaemon(true);
            workers.add(worker);
        }
    }

    void start() {
        workers.forEach(Thread::start);
    }

    String name() {
        return name;
    }

    /** Waits for room in the lane; the caller then {@link #enqueue}s. */
    void reserve() throws InterruptedException {
        room.acquire();
    }

    boolean tryReserve() {
        return room.tryAcquire();
    }

    void unreserve() {
        room.release();
    }

    /** Adds a delivery for which room was reserved. */
    void enqueue(WorkflowEvent event) {
        pending.add();
        ready.add(new Delivery(event));
    }

    private void work() {
        try {
            while (!stopped) {
                inFlight.acquire();
                Delivery delivery = ready.take();
                attempt(delivery);
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    private void attempt(Delivery delivery) {
        delivery.attempts++;
        long started = timed ? System.nanoTime() : 0L;
        CompletionStage<Void> outcome;
        try {
            outcome = new InterceptorChain(interceptors, 0, delivery.event, invoker).proceed(delivery.event);
        } catch (RuntimeException | LinkageError bug) {
            outcome = CompletableFuture.failedFuture(bug);
        }
        outcome.whenComplete((ok, failure) -> {
            inFlight.release();
            if (timed) {
                listener.attempted(name, delivery.event, delivery.attempts, Duration.ofNanos(System.nanoTime() - started),
                        failure == null);
            }
            if (failure == null) {
                succeeded(delivery);
            } else {
                attemptFailed(delivery, failure);
            }
        });
    }

    private void succeeded(Delivery delivery) {
        stats.delivered.increment();
        listener.delivered(name, delivery.event, delivery.attempts);
        finish();
    }

    private void attemptFailed(Delivery delivery, Throwable failure) {
        RetryDecision decision = retryPolicy.decide(failure, delivery.attempts);
        WorkflowEvent event = delivery.event;
        if (decision.retry() && !stopped) {
            stats.retried.increment();
            LOG.debug("handler '{}': event {} ({}) attempt {} failed: {}; retrying in {} ms", name,
                    event.id(), event.eventType(), delivery.attempts, decision.reason(), decision.delay().toMillis());
            listener.retryScheduled(name, event, delivery.attempts, Instant.now().plus(decision.delay()),
                    decision.reason());
            timer.schedule(() -> ready.add(delivery), decision.delay().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        String line = "event " + event.id() + " (" + event.eventType() + "): " + decision.reason();
        stats.recordFailure(line);
        if (decision.handlerBug()) {
            LOG.error("handler '{}': {} — a bug in the handler, not retried", name, line,
                    RetryPolicy.unwrap(failure));
        } else {
            LOG.warn("handler '{}': {} — failed for good", name, line);
        }
        listener.failed(name, event, delivery.attempts, decision.reason());
        finish();
    }

    private void finish() {
        room.release();
        pending.done();
    }

    HandlerStats stats() {
        return new HandlerStats(name, type, stats.delivered.sum(), stats.retried.sum(), stats.failed.sum(),
                capacity - room.availablePermits());
    }

    List<String> recentFailures() {
        return stats.recentFailures();
    }

    /** Stops the workers; deliveries still queued or scheduled stay unfinished. */
    void stop() {
        stopped = true;
        workers.forEach(Thread::interrupt);
    }

    /** Closes the handler; call after {@link #stop}. */
    void closeHandler() {
        try {
            invoker.close();
        } catch (Exception e) {
            LOG.warn("handler '{}': close failed: {}", name, RetryPolicy.describe(e));
        }
    }
}
