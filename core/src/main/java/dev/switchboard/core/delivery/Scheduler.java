package dev.switchboard.core.delivery;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one source of timers and elapsed time of the delivery engine (retry waits, attempt
 * timeouts), injected so that tests can drive it with a manual clock instead of sleeping.
 * Implementations are thread-safe; tasks run on the scheduler's own thread and must be quick.
 */
public interface Scheduler extends AutoCloseable {

    /** A scheduled task that may still be called off. */
    interface Task {
        void cancel();
    }

    /** Runs {@code task} once, {@code delay} from now. */
    Task schedule(Runnable task, Duration delay);

    /** Runs {@code task} every {@code period}, the first time one period from now. */
    Task repeat(Runnable task, Duration period);

    /** A monotonic reading in nanoseconds, only meaningful as a difference (as System.nanoTime). */
    long nanoTime();

    /** Stops running tasks; what was scheduled is dropped. */
    @Override
    void close();

    /** The real clock: one daemon thread, {@code switchboard-timer}. */
    static Scheduler system() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "switchboard-timer");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        ScheduledExecutorService timer = Executors.unconfigurableScheduledExecutorService(executor);
        return new Scheduler() {
            @Override
            public Task schedule(Runnable task, Duration delay) {
                return cancelling(timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS));
            }

            @Override
            public Task repeat(Runnable task, Duration period) {
                long nanos = period.toNanos();
                return cancelling(timer.scheduleWithFixedDelay(task, nanos, nanos, TimeUnit.NANOSECONDS));
            }

            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void close() {
                timer.shutdownNow();
            }

            private Task cancelling(ScheduledFuture<?> future) {
                return () -> future.cancel(false);
            }
        };
    }
}
