package dev.switchboard.core.delivery;

import dev.switchboard.api.AsyncEventHandler;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.plugin.ContextClassLoaders;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;

/**
 * The end of every pipeline: one attempt of the handler under its timeout, with the plugin's
 * class loader as context loader. An {@link AsyncEventHandler} holds no thread while in flight;
 * a blocking handler runs on the calling worker and is interrupted when its time is up.
 */
final class HandlerInvoker {

    private final EventHandler handler;
    private final ClassLoader loader;
    private final Duration timeout;
    private final Deadlines deadlines;

    HandlerInvoker(EventHandler handler, ClassLoader loader, Duration timeout,
                   ScheduledExecutorService timer) {
        this.handler = handler;
        this.loader = loader;
        this.timeout = timeout;
        this.deadlines = new Deadlines(timeout, timer);
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
        Exception failure = null;
        try {
            ContextClassLoaders.runWith(loader, () -> handler.handle(event));
        } catch (Exception e) {
            failure = e;
        }
        if (!deadline.finish()) {
            return CompletableFuture.failedFuture(new TimeoutException("timed out after " + timeout.toMillis() + " ms"));
        }
        return failure == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(failure);
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

    /** Interrupts the worker once, unless the attempt finished first; never both. */
    private static final class Deadline extends Deadlines.Watch {
        private final Thread worker;
        private boolean finished;
        private boolean expired;

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
            }
        }

        /** @return true when the attempt finished in time; clears the interrupt otherwise */
        synchronized boolean finish() {
            finished = true;
            if (expired) {
                Thread.interrupted();
                return false;
            }
            return true;
        }
    }
}
