package dev.switchboard.core.delivery;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.HandlerStats;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One handler's own lane: a bounded number of pending deliveries, its own workers, and at most
 * {@code concurrency} attempts in flight, so a slow or failing handler never delays another.
 * A failed attempt is handed to the {@link RetryPolicy}; a retry is scheduled on the engine's
 * {@link Scheduler} and the worker moves on. Anything the handler throws fails the attempt, never
 * the lane; a worker stuck in a handler that ignores its timeout's interrupt is abandoned and, up
 * to {@code concurrency} of them, replaced.
 */
final class HandlerLane {

    private final String name;
    private final String type;
    private final List<DeliveryInterceptor> interceptors;
    private final HandlerInvoker invoker;
    private final RetryPolicy retryPolicy;
    private final Scheduler scheduler;
    private final Clock clock;
    private final PendingDeliveries pending;
    private final DeliveryListener listener;
    private final SecretMasker masker;
    private final FailureLog log;
    private final long timeoutMillis;
    /** Attempts are timed only for a listener (a nanoTime read costs ~50 ns on a VM, twice per attempt). */
    private final boolean timed;
    private final int capacity;
    private final int maxStuck;
    private final Semaphore room;
    private final Semaphore inFlight;
    private final BlockingQueue<Delivery> ready = new LinkedBlockingQueue<>();
    private final LaneStats stats = new LaneStats();
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final AtomicInteger workerNumbers = new AtomicInteger();
    private final AtomicInteger stuck = new AtomicInteger();
    private volatile boolean stopped;

    HandlerLane(LaneSettings settings, Duration timeout, List<DeliveryInterceptor> interceptors,
                HandlerInvoker invoker, Scheduler scheduler, Clock clock, PendingDeliveries pending,
                DeliveryListener listener, SecretMasker masker) {
        this.name = settings.name();
        this.type = settings.type();
        this.interceptors = List.copyOf(interceptors);
        this.invoker = invoker;
        this.retryPolicy = new RetryPolicy(settings.retry());
        this.scheduler = scheduler;
        this.clock = clock;
        this.pending = pending;
        this.listener = listener;
        this.masker = masker;
        this.log = new FailureLog(name, settings.plugin(), clock, masker);
        this.timeoutMillis = timeout.toMillis();
        this.timed = listener != DeliveryListener.NONE;
        this.capacity = settings.queueCapacity();
        this.maxStuck = settings.concurrency();
        this.room = new Semaphore(settings.queueCapacity());
        this.inFlight = new Semaphore(settings.concurrency());
        invoker.onStuck(this::abandoned);
        // An async handler needs a thread only to start requests; a blocking one needs one per call.
        int threads = invoker.isAsync() ? Math.min(2, settings.concurrency()) : settings.concurrency();
        for (int i = 0; i < threads; i++) {
            workers.add(new Worker());
        }
    }

    void start() {
        workers.forEach(worker -> worker.thread.start());
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

    /** A worker thread and the attempt it is in, so that a stuck one can be settled without it. */
    private final class Worker implements Runnable {
        final Thread thread = new Thread(this, "lane-" + name + "-" + workerNumbers.getAndIncrement());
        volatile Delivery current;
        volatile long started;
        volatile boolean abandoned;

        Worker() {
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (!stopped && !abandoned) {
                    inFlight.acquire();
                    Delivery delivery = ready.take();
                    attempt(this, delivery);
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            } finally {
                if (abandoned) {
                    stuck.decrementAndGet();
                }
            }
        }
    }

    private void attempt(Worker worker, Delivery delivery) {
        delivery.attempts++;
        long started = timed ? scheduler.nanoTime() : 0L;
        worker.started = started;
        worker.current = delivery;
        CompletionStage<Void> outcome;
        try {
            outcome = new InterceptorChain(interceptors, 0, delivery.event, invoker).proceed(delivery.event);
        } catch (Throwable bug) {
            // A filter or handler that throws anything, Errors included, fails the attempt only.
            outcome = CompletableFuture.failedFuture(bug);
        }
        worker.current = null;
        if (worker.abandoned) {
            return; // settled by abandoned() while this thread was stuck
        }
        outcome.whenComplete((ok, failure) -> settle(delivery, started, failure));
    }

    /** The attempt's end: frees its slot, then tells the listener and delivers, retries or fails. */
    private void settle(Delivery delivery, long started, Throwable failure) {
        inFlight.release();
        if (timed) {
            listener.attempted(name, delivery.event, delivery.attempts,
                    Duration.ofNanos(scheduler.nanoTime() - started), failure == null);
        }
        if (failure == null) {
            succeeded(delivery);
        } else {
            attemptFailed(delivery, failure);
        }
    }

    /** Told by the invoker, on the scheduler's thread, of a worker stuck past its timeout. */
    private void abandoned(Thread thread, TimeoutException failure) {
        Worker worker = workers.stream().filter(w -> w.thread == thread).findFirst().orElse(null);
        if (worker == null || worker.current == null) {
            return;
        }
        Delivery delivery = worker.current;
        worker.abandoned = true;
        workers.remove(worker);
        boolean replaced = stuck.incrementAndGet() <= maxStuck && !stopped;
        if (replaced) {
            Worker replacement = new Worker();
            workers.add(replacement);
            replacement.thread.start();
        }
        log.stuck(timeoutMillis, thread.getName(), replaced);
        settle(delivery, worker.started, failure);
    }

    private void succeeded(Delivery delivery) {
        stats.delivered.increment();
        listener.delivered(name, delivery.event, delivery.attempts);
        finish();
    }

    private void attemptFailed(Delivery delivery, Throwable failure) {
        RetryDecision decision = retryPolicy.decide(failure, delivery.attempts);
        String reason = masker.mask(decision.reason());
        WorkflowEvent event = delivery.event;
        if (decision.retry() && !stopped) {
            stats.retried.increment();
            log.retrying(event, delivery.attempts, reason, decision.delay());
            listener.retryScheduled(name, event, delivery.attempts, clock.instant().plus(decision.delay()), reason);
            scheduler.schedule(() -> ready.add(delivery), decision.delay());
            return;
        }
        stats.recordFailure("event " + event.id() + " (" + event.eventType() + "): " + reason);
        if (decision.handlerBug()) {
            log.bug(event, delivery.attempts, reason, RetryPolicy.unwrap(failure));
        } else {
            log.failed(event, delivery.attempts, reason);
        }
        listener.failed(name, event, delivery.attempts, reason);
        finish();
    }

    private void finish() {
        room.release();
        pending.done();
    }

    HandlerStats stats() {
        return new HandlerStats(name, type, stats.delivered.sum(), stats.retried.sum(), stats.failed.sum(),
                capacity - room.availablePermits(), stuck.get());
    }

    List<String> recentFailures() {
        return stats.recentFailures();
    }

    /** Stops the workers; deliveries still queued or scheduled stay unfinished. */
    void stop() {
        stopped = true;
        workers.forEach(worker -> worker.thread.interrupt());
    }

    /** Closes the handler; call after {@link #stop}. */
    void closeHandler() {
        try {
            invoker.close();
        } catch (Exception e) {
            log.closeFailed(e);
        }
    }
}
