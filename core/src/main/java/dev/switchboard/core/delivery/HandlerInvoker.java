package dev.switchboard.core.delivery;

import dev.switchboard.api.AsyncEventHandler;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.plugin.ContextClassLoaders;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * The end of every pipeline: one attempt of the handler under its timeout, with the plugin's
 * class loader as context loader. An {@link AsyncEventHandler} holds no thread while in flight;
 * a blocking handler runs on the calling worker and is interrupted when its time is up. A worker
 * that still has not returned {@link #stuckGrace} after the interrupt is abandoned: the lane is
 * told, fails the attempt as timed out and gives the slot to a new worker.
 */
final class HandlerInvoker {

    /** Told of a worker whose handler ignored the interrupt at its timeout. */
    interface StuckWorkers {
        /**
         * Called on the scheduler's thread while the worker is still inside the handler; what
         * {@link #invoke} returns to that worker when it comes back is then to be ignored.
         */
        void abandoned(Thread worker, TimeoutException failure);
    }

    private static final Duration MAX_STUCK_GRACE = Duration.ofSeconds(1);

    private final EventHandler handler;
    private final ClassLoader loader;
    private final Duration timeout;
    private final Duration stuckGrace;
    private final Scheduler scheduler;
    private final Deadlines deadlines;
    private volatile StuckWorkers stuckWorkers = (worker, failure) -> {
    };

    HandlerInvoker(EventHandler handler, ClassLoader loader, Duration timeout, Scheduler scheduler) {
        this.handler = handler;
        this.loader = loader;
        this.timeout = timeout;
        this.stuckGrace = stuckGrace(timeout);
        this.scheduler = scheduler;
        this.deadlines = new Deadlines(timeout, scheduler);
    }

    /** How long an interrupted handler may take to unwind: its timeout, at most one second. */
    static Duration stuckGrace(Duration timeout) {
        return timeout.compareTo(MAX_STUCK_GRACE) < 0 ? timeout : MAX_STUCK_GRACE;
    }

    void onStuck(StuckWorkers stuckWorkers) {
        this.stuckWorkers = stuckWorkers;
    }

    boolean isAsync() {
        return handler instanceof AsyncEventHandler;
    }

    void close() throws Exception {
        deadlines.close();
        ContextClassLoaders.runWith(loader, handler::close);
    }

    CompletionStage<Void> invoke(WorkflowEvent event) {
        if (handler instanceof AsyncEventHandler) {
            CompletionStage<Void> stage = ContextClassLoaders.callWith(loader,
                    () -> ((AsyncEventHandler) handler).handleAsync(event));
            if (stage == null) {
                return CompletableFuture.failedFuture(
                        new IllegalStateException("handleAsync returned null"));
            }
            CompletableFuture<Void> attempt = stage.toCompletableFuture();
            if (!attempt.isDone()) {
                deadlines.watch(new AsyncWatch(attempt));
            }
            return attempt;
        }
        return invokeBlocking(event);
    }

    private CompletionStage<Void> invokeBlocking(WorkflowEvent event) {
        Deadline deadline = new Deadline(Thread.currentThread());
        deadlines.watch(deadline);
        Throwable failure = null;
        try {
            ContextClassLoaders.runWith(loader, () -> handler.handle(event));
        } catch (Throwable e) {
            // Anything a plugin throws, Errors included, fails this attempt and not the lane.
            failure = e;
        }
        return deadline.finish(failure);
    }

    private TimeoutException timedOut() {
        return new TimeoutException("timed out after " + timeout.toMillis() + " ms");
    }

    /** Fails an async attempt with a {@link TimeoutException} (its stage cancels what it started). */
    private static final class AsyncWatch extends Deadlines.Watch {
        private final CompletableFuture<Void> attempt;

        AsyncWatch(CompletableFuture<Void> attempt) {
            this.attempt = attempt;
        }

        @Override
        boolean finished() {
            return attempt.isDone();
        }

        @Override
        void expire() {
            attempt.completeExceptionally(new TimeoutException());
        }
    }

    /**
     * Interrupts the worker once, unless the attempt finished first; abandons it if the interrupt
     * is not heeded within the grace.
     */
    private final class Deadline extends Deadlines.Watch {
        private final Thread worker;
        private boolean finished;
        private boolean expired;
        private boolean abandoned;

        Deadline(Thread worker) {
            this.worker = worker;
        }

        @Override
        synchronized boolean finished() {
            return finished;
        }

        @Override
        synchronized void expire() {
            if (!finished) {
                expired = true;
                worker.interrupt();
                scheduler.schedule(this::abandonIfStuck, stuckGrace);
            }
        }

        /** Under the lock, so that the worker cannot come back unnoticed while the lane is told. */
        private synchronized void abandonIfStuck() {
            if (!finished) {
                abandoned = true;
                stuckWorkers.abandoned(worker, new TimeoutException("timed out after " + timeout.toMillis()
                        + " ms and did not stop when interrupted; its thread was abandoned"));
            }
        }

        /** Clears the interrupt of a timed-out attempt. */
        synchronized CompletionStage<Void> finish(Throwable failure) {
            finished = true;
            if (expired) {
                Thread.interrupted();
                return CompletableFuture.failedFuture(timedOut());
            }
            return failure == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(failure);
        }
    }
}
