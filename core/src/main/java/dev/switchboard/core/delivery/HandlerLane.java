package dev.switchboard.core.delivery;

import dev.switchboard.api.DeliveryException;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.config.DeliveryPolicy;
import dev.switchboard.core.store.HandlerQueue;
import dev.switchboard.core.store.HandlerState;
import dev.switchboard.core.store.HandlerStates;
import dev.switchboard.core.store.Settlement;
import dev.switchboard.core.store.StoreException;
import dev.switchboard.core.store.StoredDelivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * One handler's own lane: its own workers draining the handler's {@link HandlerQueue} in the
 * store, with at most {@code concurrency} attempts in flight, so a slow or failing handler never
 * delays another. The backlog, and the time each retry is due, live in the store; the lane holds
 * only the deliveries it is attempting. A failed attempt is handed to the {@link RetryPolicy}, and
 * the store is told to hand the delivery out again when the retry is due (or to keep it as a dead
 * letter); the worker moves on. Anything the handler throws fails the attempt, never the lane; a
 * worker stuck in a handler that ignores its timeout's interrupt is abandoned and, up to
 * {@code concurrency} of them, replaced.
 *
 * <p>The handler's delivery policy applies to each delivery in this order: expiry (a stale one is a
 * dead letter without an attempt), then the {@link HandlerGate} (disabled by a 410, paused by a 429,
 * circuit breaker) before a lease, {@link SessionOrder} (a delivery behind its session is parked),
 * the gate's rate token and breaker probe right before the attempt; a dead letter goes on to the
 * {@code fallback} handler ({@link FallbackHandoff}).
 */
final class HandlerLane {

    /** How long a worker waits before it reads the store again after a read failed. */
    static final Duration STORE_RETRY = Duration.ofSeconds(1);
    /** The reason of a delivery dead-lettered by {@code expire_after}. */
    static final String EXPIRED = "expired";
    /** The reason of a delivery leased but not attempted when a reload replaced its lane. */
    static final String RELOADED = "not attempted: the handler was reloaded";
    private static final Duration ORDER_POLL = Duration.ofMillis(20);
    private static final int GONE = 410;
    private static final int TOO_MANY_REQUESTS = 429;

    private final String name;
    private final Subscription subscription;
    private final String type;
    private final List<DeliveryInterceptor> interceptors;
    private final HandlerInvoker invoker;
    private final RetryPolicy retryPolicy;
    private final Scheduler scheduler;
    private final Clock clock;
    private final HandlerQueue queue;
    private final PendingDeliveries pending;
    private final DeliveryListener listener;
    private final SecretMasker masker;
    private final FailureLog log;
    private final long timeoutMillis;
    private final Duration expireAfter;
    private final HandlerGate gate;
    /** The handler that receives this one's dead letters, or null. */
    private final String fallback;
    private final FallbackHandoff fallbacks;
    /** Null unless {@code ordering: session}. */
    private final SessionOrder order;
    /** Attempts are timed only for a listener (a nanoTime read costs ~50 ns on a VM, twice per attempt). */
    private final boolean timed;
    private final int maxStuck;
    private final Semaphore inFlight;
    private final LaneStats stats = new LaneStats();
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final AtomicInteger workerNumbers = new AtomicInteger();
    private final AtomicInteger stuck = new AtomicInteger();
    private volatile boolean stopped;

    HandlerLane(LaneSettings settings, Duration timeout, List<DeliveryInterceptor> interceptors,
                HandlerInvoker invoker, Scheduler scheduler, Clock clock, HandlerQueue queue,
                PendingDeliveries pending, DeliveryListener listener, SecretMasker masker, DoubleSupplier random,
                HandlerStates states, HandlerState saved, FallbackHandoff fallbacks, Subscription subscription) {
        this.name = settings.name();
        this.subscription = subscription;
        this.type = settings.type();
        this.interceptors = List.copyOf(interceptors);
        this.invoker = invoker;
        this.retryPolicy = new RetryPolicy(settings.retry(), random);
        this.scheduler = scheduler;
        this.clock = clock;
        this.queue = queue;
        this.pending = pending;
        this.listener = listener;
        this.masker = masker;
        this.log = new FailureLog(name, settings.plugin(), clock, masker);
        this.timeoutMillis = timeout.toMillis();
        this.expireAfter = settings.policy().expireAfter();
        this.gate = new HandlerGate(name, settings.policy(), clock, states, saved);
        this.fallback = settings.policy().fallback();
        this.fallbacks = fallbacks;
        this.order = settings.policy().ordering() == DeliveryPolicy.Ordering.SESSION
                ? new SessionOrder(queue::unfinishedOfSession, scheduler::nanoTime) : null;
        this.timed = listener != DeliveryListener.NONE;
        this.maxStuck = settings.concurrency();
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

    /** Which events the handler takes ({@code events:}, {@code match:}). */
    Subscription subscription() {
        return subscription;
    }

    /**
     * One attempt of a leased delivery.
     *
     * @param probe whether it is the circuit breaker's one probe while half open
     */
    private record Attempt(StoredDelivery delivery, int number, boolean probe) {
        WorkflowEvent event() {
            return delivery.event();
        }
    }

    /** A worker thread and the attempt it is in, so that a stuck one can be settled without it. */
    private final class Worker implements Runnable {
        final Thread thread = new Thread(this, "lane-" + name + "-" + workerNumbers.getAndIncrement());
        volatile Attempt current;
        volatile long started;
        volatile boolean abandoned;
        /** Waiting for a slot or a lease, holding no delivery: only then may {@link #drain} interrupt it. */
        private boolean waiting;

        Worker() {
            thread.setDaemon(true);
        }

        /** @return false when the lane is draining or stopped: the worker ends */
        synchronized boolean startWaiting() {
            waiting = !stopped;
            return waiting;
        }

        /** @return false when a drain interrupted the wait: a delivery just leased must go back */
        synchronized boolean endWaiting() {
            waiting = false;
            return !(stopped && Thread.interrupted());
        }

        synchronized void interruptIfWaiting() {
            if (waiting) {
                thread.interrupt();
            }
        }

        @Override
        public void run() {
            try {
                while (!abandoned && startWaiting()) {
                    inFlight.acquire();
                    StoredDelivery delivery;
                    try {
                        waitWhileClosed();
                        delivery = next();
                        if (!endWaiting()) {
                            inFlight.release();
                            release(delivery);
                            return;
                        }
                        if (delivery == null) {
                            inFlight.release();
                            continue;
                        }
                    } catch (InterruptedException | IllegalStateException stop) {
                        inFlight.release();
                        throw stop;
                    } catch (StoreException unreadable) {
                        inFlight.release();
                        log.storeUnreadable(unreadable);
                        Thread.sleep(STORE_RETRY.toMillis());
                        continue;
                    }
                    if (expired(delivery)) {
                        inFlight.release();
                        pending.taken();
                        expire(delivery);
                        continue;
                    }
                    if (order != null && !order.admit(delivery)) {
                        inFlight.release(); // parked behind its session's delivery: not in flight
                        continue;
                    }
                    pending.taken();
                    HandlerGate.Admission admission = admitted();
                    attempt(this, new Attempt(delivery, delivery.attempts() + 1, admission.probe()));
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            } catch (IllegalStateException storeClosed) {
                // The store closed under a waiting worker: the runtime is stopping.
            } finally {
                if (abandoned) {
                    stuck.decrementAndGet();
                }
            }
        }
    }

    /**
     * The next delivery to try: with {@code ordering: session}, one of a session whose turn came
     * first; else one leased from the store, waiting for it (briefly, with ordering, so that a turn
     * that comes meanwhile is not kept waiting).
     */
    private StoredDelivery next() throws InterruptedException {
        if (order == null) {
            return queue.take();
        }
        StoredDelivery ready = order.nextReady();
        return ready != null ? ready : queue.poll(ORDER_POLL);
    }

    /** Before a lease: waits while the handler is disabled, paused or its breaker open (holding no delivery). */
    private void waitWhileClosed() throws InterruptedException {
        long closed;
        while ((closed = gate.closedFor()) > 0) {
            gate.await(closed);
        }
    }

    /** After a lease: waits for the gate to admit the attempt (a rate token, the breaker's probe). */
    private HandlerGate.Admission admitted() throws InterruptedException {
        HandlerGate.Admission admission;
        while (!(admission = gate.admit()).admitted()) {
            gate.await(admission.waitNanos());
        }
        return admission;
    }

    /** Whether {@code expire_after} has passed since the event was accepted (or, unknown that, since it was first due). */
    private boolean expired(StoredDelivery delivery) {
        if (expireAfter == null) {
            return false;
        }
        Instant accepted = delivery.acceptedAt() != null ? delivery.acceptedAt()
                : delivery.attempts() == 0 ? delivery.dueAt() : null;
        return accepted != null && !clock.instant().isBefore(accepted.plus(expireAfter));
    }

    /** A stale delivery becomes a dead letter without an attempt: a late alert is worse than none. */
    private void expire(StoredDelivery delivery) {
        Attempt attempt = new Attempt(delivery, delivery.attempts(), false);
        stats.recordFailure("event " + delivery.eventId() + " (" + delivery.event().eventType() + "): " + EXPIRED);
        log.expired(delivery.event(), expireAfter);
        listener.failed(name, delivery.event(), attempt.number, EXPIRED);
        record(attempt, Settlement.dead(EXPIRED), "a dead letter");
        handOff(delivery.event(), EXPIRED);
    }

    /** A dead letter goes on to the fallback handler, when there is one. */
    private void handOff(WorkflowEvent event, String reason) {
        if (fallback != null && fallbacks != null) {
            fallbacks.handOff(name, fallback, event, reason);
        }
    }

    private void attempt(Worker worker, Attempt attempt) {
        long started = timed ? scheduler.nanoTime() : 0L;
        worker.started = started;
        worker.current = attempt;
        WorkflowEvent event = attempt.event();
        CompletionStage<Void> outcome;
        try {
            outcome = new InterceptorChain(interceptors, 0, event, invoker).proceed(event);
        } catch (Throwable bug) {
            // A filter or handler that throws anything, Errors included, fails the attempt only.
            outcome = CompletableFuture.failedFuture(bug);
        }
        worker.current = null;
        if (worker.abandoned) {
            return; // settled by abandoned() while this thread was stuck
        }
        outcome.whenComplete((ok, failure) -> settle(attempt, started, failure));
    }

    /** The attempt's end: frees its slot, then tells the listener and delivers, retries or fails. */
    private void settle(Attempt attempt, long started, Throwable failure) {
        inFlight.release();
        if (timed) {
            listener.attempted(name, attempt.event(), attempt.number,
                    Duration.ofNanos(scheduler.nanoTime() - started), failure == null);
        }
        if (failure == null) {
            succeeded(attempt);
        } else {
            attemptFailed(attempt, failure);
        }
    }

    /** Told by the invoker, on the scheduler's thread, of a worker stuck past its timeout. */
    private void abandoned(Thread thread, TimeoutException failure) {
        Worker worker = workers.stream().filter(w -> w.thread == thread).findFirst().orElse(null);
        if (worker == null || worker.current == null) {
            return;
        }
        Attempt attempt = worker.current;
        worker.abandoned = true;
        workers.remove(worker);
        boolean replaced = stuck.incrementAndGet() <= maxStuck && !stopped;
        if (replaced) {
            Worker replacement = new Worker();
            workers.add(replacement);
            replacement.thread.start();
        }
        log.stuck(timeoutMillis, thread.getName(), replaced);
        settle(attempt, worker.started, failure);
    }

    private void succeeded(Attempt attempt) {
        gate.succeeded(attempt.probe);
        stats.delivered.increment();
        listener.delivered(name, attempt.event(), attempt.number);
        log.delivered(attempt.delivery().id(), attempt.event(), attempt.number);
        record(attempt, Settlement.delivered(), "delivered");
    }

    private void attemptFailed(Attempt attempt, Throwable failure) {
        RetryDecision decision = retryPolicy.decide(failure, attempt.number);
        String reason = masker.mask(decision.reason());
        Integer status = statusOf(failure);
        WorkflowEvent event = attempt.event();
        Throwable cause = RetryPolicy.unwrap(failure);
        // The receiver says stop sending (Standard Webhooks): the handler is disabled, the delivery held.
        if (status != null && status == GONE) {
            gate.gone("410");
            hold(attempt, clock.instant(), reason, status);
            return;
        }
        // A 429 with Retry-After speaks for the whole handler (Slack's limit is per webhook), not this delivery.
        if (status != null && status == TOO_MANY_REQUESTS && cause instanceof DeliveryException limited
                && limited.retryAfter().isPresent()) {
            gate.pause(min(limited.retryAfter().get(), retryPolicy.retryAfterCap()));
        }
        gate.failed(attempt.probe, countsAgainstReceiver(cause, status), reason);
        // An attempt that was under way when the breaker opened (or opened it) spent its delivery's last
        // attempt on a receiver known to be down: that delivery is held for the next probe, not dead.
        // A probe is an attempt like any other: a delivery out of attempts after it is dead, so that an
        // outage that never ends still ends every delivery.
        if (!attempt.probe && !decision.retry() && !decision.handlerBug() && countsAgainstReceiver(cause, status)) {
            Instant probeAt = gate.heldUntil();
            if (probeAt != null) {
                hold(attempt, probeAt, reason, status);
                return;
            }
        }
        if (decision.retry()) {
            stats.retried.increment();
            log.retrying(attempt.delivery().id(), event, attempt.number, reason, decision.delay());
            Instant due = clock.instant().plus(decision.delay());
            listener.retryScheduled(name, event, attempt.number, due, reason);
            record(attempt, Settlement.retryAt(due, reason).withStatus(status), "to be retried");
            return;
        }
        stats.recordFailure("event " + event.id() + " (" + event.eventType() + "): " + reason);
        if (decision.handlerBug()) {
            log.bug(attempt.delivery().id(), event, attempt.number, reason, RetryPolicy.unwrap(failure));
        } else {
            log.failed(attempt.delivery().id(), event, attempt.number, reason);
        }
        listener.failed(name, event, attempt.number, reason);
        record(attempt, Settlement.dead(reason).withStatus(status), "a dead letter");
        handOff(event, reason);
    }

    /** Settles a delivery as pending again at {@code due} without giving up on it (its attempt counted). */
    private void hold(Attempt attempt, Instant due, String reason, Integer status) {
        stats.retried.increment();
        listener.retryScheduled(name, attempt.event(), attempt.number, due, reason);
        record(attempt, Settlement.retryAt(due, reason).withStatus(status), "held");
    }

    /** A failure that says the receiver is unwell (5xx, 408, a timeout, a refused connection), not the payload. */
    private static boolean countsAgainstReceiver(Throwable cause, Integer status) {
        if (cause instanceof DeliveryException delivery) {
            return delivery.isRetryable() && (status == null || status != TOO_MANY_REQUESTS);
        }
        return cause instanceof java.io.IOException || cause instanceof TimeoutException;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    PolicyState policyState() {
        return gate.state();
    }

    /** @return whether the handler was disabled */
    boolean enable() {
        return gate.enable();
    }

    private static Integer statusOf(Throwable failure) {
        return RetryPolicy.unwrap(failure) instanceof DeliveryException e && e.statusCode() > 0 ? e.statusCode() : null;
    }

    /**
     * Tells the store what became of the delivery, without waiting for the disk. The delivery counts
     * as finished here once the store has it as delivered or dead; a retry stays unfinished until its
     * last attempt. A settlement the store could not record is logged and counted as finished: the
     * store still has the delivery in flight, and resumes it on the next start.
     */
    private void record(Attempt attempt, Settlement settlement, String outcome) {
        boolean finishes = settlement.retryAt() == null;
        CompletableFuture<Void> recorded;
        try {
            recorded = queue.settle(attempt.delivery(), settlement);
            if (finishes && order != null) {
                order.ended(attempt.delivery());
            }
        } catch (IllegalStateException storeClosed) {
            recorded = CompletableFuture.failedFuture(storeClosed);
        }
        recorded.whenComplete((ok, failure) -> {
            if (finishes && order != null) {
                order.durable(attempt.delivery());
            }
            if (failure != null) {
                // An attempt that ends after the store closed at shutdown stays in flight there, as the log said.
                if (!(stopped && failure instanceof IllegalStateException)) {
                    log.notRecorded(attempt.delivery().id(), attempt.event(), attempt.number, outcome, failure);
                }
                pending.settled(true);
            } else {
                pending.settled(finishes);
            }
        });
    }

    HandlerStats stats() {
        return new HandlerStats(name, type, stats.delivered.sum(), stats.retried.sum(), stats.failed.sum(),
                queue.backlog(), stuck.get());
    }

    List<String> recentFailures() {
        return stats.recentFailures();
    }

    /**
     * Stops leasing, for a reload that removes or replaces the handler: a worker waiting for a
     * delivery stops waiting, one in an attempt finishes it first. See {@link #awaitDrained}.
     */
    void drain() {
        stopped = true;
        workers.forEach(Worker::interruptIfWaiting);
    }

    /**
     * Waits, after {@link #drain}, until no worker is left and every attempt under way has settled,
     * then gives back to the store the deliveries parked behind their session's one (so that the
     * lane that takes over leases them again).
     *
     * @return true when everything settled in time
     */
    boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Worker worker : workers) {
            worker.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        int slots = maxStuck;
        boolean settled = inFlight.tryAcquire(slots, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (settled) {
            inFlight.release(slots);
        }
        if (order != null) {
            order.parkedAndReady().forEach(this::release);
        }
        return settled;
    }

    /** A delivery leased but not attempted goes back to the store, due now (the store counts it as an attempt). */
    private void release(StoredDelivery delivery) {
        if (delivery == null) {
            return;
        }
        try {
            queue.settle(delivery, Settlement.retryAt(clock.instant(), RELOADED));
        } catch (IllegalStateException storeClosed) {
            // The runtime is stopping: the lease ends with the store and the delivery is resumed.
        }
    }

    /** Stops the workers; what is not finished stays in the store. */
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
