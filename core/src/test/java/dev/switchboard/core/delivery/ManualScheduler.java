package dev.switchboard.core.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Scheduler} and {@link Clock} on manual time, in the manner of Kafka's MockTime and
 * OkHttp's TaskFaker: nothing happens until {@link #advance} moves time on, which runs every task
 * that falls due, in order, on the calling thread.
 */
final class ManualScheduler implements Scheduler {

    private final Instant start = Instant.parse("2025-11-12T10:30:00Z");
    private final List<Entry> tasks = new ArrayList<>();
    private long nanos;
    private long sequence;
    private int oneShotsScheduled;

    private final class Entry implements Task {
        final Runnable task;
        final long period;
        final long order = sequence++;
        long due;
        boolean cancelled;

        Entry(Runnable task, long due, long period) {
            this.task = task;
            this.due = due;
            this.period = period;
        }

        @Override
        public void cancel() {
            synchronized (ManualScheduler.this) {
                cancelled = true;
                tasks.remove(this);
            }
        }
    }

    @Override
    public synchronized Task schedule(Runnable task, Duration delay) {
        Entry entry = new Entry(task, nanos + delay.toNanos(), 0);
        tasks.add(entry);
        oneShotsScheduled++;
        return entry;
    }

    @Override
    public synchronized Task repeat(Runnable task, Duration period) {
        Entry entry = new Entry(task, nanos + period.toNanos(), period.toNanos());
        tasks.add(entry);
        return entry;
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized void close() {
        tasks.clear();
    }

    /** Moves time on by {@code duration}, running each task as its time comes. */
    void advance(Duration duration) {
        long target;
        synchronized (this) {
            target = nanos + duration.toNanos();
        }
        while (true) {
            Entry next;
            synchronized (this) {
                next = tasks.stream().filter(e -> e.due <= target)
                        .min((a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.order, b.order))
                        .orElse(null);
                if (next == null) {
                    nanos = target;
                    return;
                }
                nanos = Math.max(nanos, next.due);
                if (next.period > 0) {
                    next.due += next.period;
                } else {
                    tasks.remove(next);
                }
            }
            next.task.run();
        }
    }

    /** One-shot tasks scheduled so far, run or not (repeating ones, such as deadline sweeps, are not counted). */
    synchronized int oneShotsScheduled() {
        return oneShotsScheduled;
    }

    /** The wall clock on the same manual time. */
    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return start.plusNanos(nanoTime());
            }
        };
    }
}
