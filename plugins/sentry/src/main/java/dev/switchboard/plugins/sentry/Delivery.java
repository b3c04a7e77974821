package dev.switchboard.plugins.sentry;

import io.sentry.hints.Enqueable;
import io.sentry.hints.SubmissionResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * The fate of one captured event, learned from the SDK. Handed to the SDK as the capture's hint:
 * its transport calls {@link #markEnqueued()} when the envelope joins its send queue and
 * {@link #setResult} once Sentry answered (or the send failed, or its rate limiter dropped the
 * envelope). The first outcome wins; later calls are ignored.
 */
final class Delivery implements SubmissionResult, Enqueable {

    private final CompletableFuture<Boolean> outcome = new CompletableFuture<>();
    private final BiConsumer<Delivery, Boolean> onSettled;
    private volatile boolean enqueued;

    Delivery(BiConsumer<Delivery, Boolean> onSettled) {
        this.onSettled = onSettled;
    }

    @Override
    public void markEnqueued() {
        enqueued = true;
    }

    @Override
    public void setResult(boolean success) {
        settle(success);
    }

    @Override
    public boolean isSuccess() {
        return Boolean.TRUE.equals(outcome.getNow(false));
    }

    boolean isEnqueued() {
        return enqueued;
    }

    boolean isSettled() {
        return outcome.isDone();
    }

    /** Records the outcome unless one was recorded already. */
    void settle(boolean success) {
        if (outcome.complete(success)) {
            onSettled.accept(this, success);
        }
    }

    /**
     * @param timeout how long to wait for the SDK's answer
     * @return true if Sentry accepted the event, false if it was not delivered, null if there is no
     *     answer yet
     */
    Boolean await(Duration timeout) throws InterruptedException {
        try {
            return outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a delivery outcome never completes exceptionally", e);
        }
    }
}
