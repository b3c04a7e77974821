package dev.switchboard.core.delivery;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The attempt timeouts of one handler. All its attempts have the same timeout, so their deadlines
 * come in the order the attempts start: a first-in first-out queue that the engine's scheduler sweeps
 * every {@link #period} does the work of one scheduled task per attempt (an insertion into the
 * executor's heap and a removal, both under its lock) at the cost of a queue offer. An attempt may
 * run over its timeout by up to one period.
 */
final class Deadlines {

    /** One attempt under watch. */
    abstract static class Watch {
        private long deadline;

        /** @return true once the attempt has finished by itself; it is then forgotten */
        abstract boolean finished();

        /** Ends the attempt as timed out (it has not finished). */
        abstract void expire();
    }

    private static final Duration MIN_PERIOD = Duration.ofMillis(5);
    private static final Duration MAX_PERIOD = Duration.ofMillis(100);

    private final long timeoutNanos;
    private final ConcurrentLinkedQueue<Watch> watched = new ConcurrentLinkedQueue<>();
    private final Scheduler scheduler;
    private final Scheduler.Task sweeper;

    Deadlines(Duration timeout, Scheduler scheduler) {
        this.timeoutNanos = timeout.toNanos();
        this.scheduler = scheduler;
        this.sweeper = scheduler.repeat(this::sweep, period(timeout));
    }

    /** A twentieth of the timeout, within 5 ms to 100 ms. */
    static Duration period(Duration timeout) {
        Duration twentieth = timeout.dividedBy(20);
        return twentieth.compareTo(MIN_PERIOD) < 0 ? MIN_PERIOD : twentieth.compareTo(MAX_PERIOD) > 0 ? MAX_PERIOD : twentieth;
    }

    /** Starts the attempt's clock now. */
    void watch(Watch watch) {
        watch.deadline = scheduler.nanoTime() + timeoutNanos;
        watched.offer(watch);
    }

    /**
     * Forgets the finished attempts at the head of the queue and expires the overdue ones. An
     * unfinished attempt that is not due yet ends the sweep: all behind it started later.
     */
    void sweep() {
        long now = scheduler.nanoTime();
        Watch head;
        while ((head = watched.peek()) != null) {
            if (head.finished()) {
                watched.poll();
            } else if (now - head.deadline >= 0) {
                watched.poll();
                head.expire();
            } else {
                return;
            }
        }
    }

    /** @return attempts still in the queue (finished ones are dropped lazily) */
    int size() {
        return watched.size();
    }

    void close() {
        sweeper.cancel();
    }
}
