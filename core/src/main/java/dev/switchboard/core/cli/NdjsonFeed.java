package dev.switchboard.core.cli;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.HandlerSpec;
import dev.switchboard.core.event.EventJson;
import dev.switchboard.core.event.InvalidEventException;
import dev.switchboard.core.store.InputPosition;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Publishes one event per NDJSON line; a bad line is reported as {@code FILE:LINE: message} and
 * skipped. It reads ahead of delivery only as far as keeps every handler busy ({@link #readAhead}
 * pending deliveries), not as far as the queues would allow: the steady end-to-end profile showed
 * each young collection copying the tens of thousands of events parsed ahead, 30-110 ms a time.
 *
 * <p>A line counts as accepted only once its event is durable in the store. Up to {@link #WINDOW}
 * events are on their way to the disk at once, so that the store's writer commits them in large
 * batches; they become durable in the order they were published, and each carries the position of
 * its line, so the store's position of a file is always that of its last durable line.
 *
 * <p>An event read from a file with an identity gets its id from the line ({@link LineIds}), so a
 * rerun sends the same {@code webhook-id} for the same line; other events get a fresh one.
 *
 * <p>{@link #stop()} (from a shutdown hook) ends the feed between two lines, also while it waits
 * for input or for delivery to catch up. When the store cannot write, the feed reports the first
 * line it lost and reads no further.
 */
final class NdjsonFeed {

    /** The least read-ahead, in pending deliveries. */
    static final int MIN_READ_AHEAD = 2_048;

    /** Events published and not yet durable, at most: the writer commits up to this many at once. */
    static final int WINDOW = 1_024;

    /**
     * @param read the lines read that were not blank
     * @param accepted of them, the events now durable in the store
     * @param rejected the lines that were not events
     * @param notStored the events the store could not write (0 unless {@code storeFailure} is set)
     * @param stopped true when {@link #stop()} or a store failure ended the feed before the end of its input
     * @param storeFailure why the store could not write, or null
     */
    record Result(long read, long accepted, long rejected, long notStored, boolean stopped, String storeFailure) {
    }

    /** An event on its way to the disk. */
    private record Pending(CompletableFuture<WorkflowEvent> durable, long line) {
    }

    private final String source;
    private final Switchboard switchboard;
    private final long readAhead;
    /** Null for input without identity. */
    private final String identity;
    private final LineIds ids;
    /**
     * Held while a line is parsed and published and while events are counted, so that {@link #stop()}
     * never cuts one in half. Guards the fields below it.
     */
    private final Object publishing = new Object();
    private final ArrayDeque<Pending> window = new ArrayDeque<>();
    private volatile boolean stopped;
    private volatile boolean endOfInput;
    /** The byte offset after the last line read (of a file: how far through it the feed is). */
    private volatile long offset;
    private long accepted;
    private long rejected;
    private long notStored;
    private volatile String storeFailure;
    private long firstLost;
    /** The last line stored after {@link #firstLost}, or 0. */
    private long lostBelowStored;

    /**
     * @param source the input's name, for error messages
     * @param identity the input's identity (see {@link InputSource#identity()}), or null when it has none
     */
    NdjsonFeed(String source, String identity, Switchboard switchboard) {
        this.source = source;
        this.switchboard = switchboard;
        this.readAhead = readAhead(switchboard);
        this.identity = identity;
        this.ids = identity == null ? null : new LineIds(identity);
    }

    /** Four times what all handlers may have in flight at once, and at least {@link #MIN_READ_AHEAD}. */
    static long readAhead(Switchboard switchboard) {
        long inFlight = switchboard.config().handlers().stream().mapToLong(HandlerSpec::concurrency).sum();
        return Math.max(MIN_READ_AHEAD, 4 * inFlight);
    }

    Result feed(InputLines lines) throws IOException, InterruptedException {
        while (!stopped && storeFailure == null) {
            InputLines.Line line = lines.next();
            if (line == null) {
                endOfInput = true;
                break;
            }
            offset = line.end();
            String text;
            try {
                text = line.text();
            } catch (CharacterCodingException e) {
                synchronized (publishing) {
                    reject(line, "not valid UTF-8");
                }
                continue;
            }
            if (text.isBlank()) {
                continue;
            }
            while (!stopped && !switchboard.awaitPendingBelow(readAhead, Duration.ofSeconds(60))) {
                System.err.println("still delivering: " + switchboard.stats());
            }
            synchronized (publishing) {
                if (stopped || storeFailure != null) {
                    break;
                }
                publish(line, text);
                countDurable();
            }
        }
        synchronized (publishing) {
            countAll();
        }
        return progress();
    }

    private void publish(InputLines.Line line, String text) {
        WorkflowEvent event;
        try {
            event = EventJson.parse(text);
        } catch (InvalidEventException e) {
            reject(line, e.getMessage());
            return;
        }
        InputPosition position = null;
        if (ids != null) {
            event = event.toBuilder().id(ids.of(line.start(), line.content())).build();
            position = new InputPosition(identity, line.end(), line.number());
        }
        window.add(new Pending(switchboard.publishAsync(event, position), line.number()));
    }

    private void reject(InputLines.Line line, String message) {
        rejected++;
        System.err.println(source + ":" + line.number() + ": " + message);
    }

    /** Counts the events that became durable; waits for the oldest while the window is full. */
    private void countDurable() {
        while (!window.isEmpty() && (window.size() >= WINDOW || window.peek().durable().isDone())) {
            count(window.poll());
        }
    }

    /** Waits for every event on its way to the disk and counts it. */
    private void countAll() {
        while (!window.isEmpty()) {
            count(window.poll());
        }
        reportLostBelowStored();
    }

    private void count(Pending pending) {
        try {
            pending.durable().join();
            accepted++;
            if (storeFailure != null && ids != null) {
                lostBelowStored = pending.line();
            }
        } catch (CompletionException | CancellationException e) {
            notStored++;
            if (storeFailure == null) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                storeFailure = cause.getMessage();
                firstLost = pending.line();
                System.err.println(source + ":" + pending.line() + ": not accepted, the store could not write it: "
                        + storeFailure + "; no more input is read");
            }
        }
    }

    /**
     * A write that failed may be followed by one already on its way that did not: then the store's
     * position is past a line it never stored, and only the user can decide to send it again.
     */
    private void reportLostBelowStored() {
        if (lostBelowStored > 0) {
            System.err.println(source + ": line " + firstLost + " was not stored, but line " + lostBelowStored
                    + " after it was, and a rerun resumes after that: use --from-start to send line " + firstLost
                    + " (the lines already sent go again with the same ids)");
            lostBelowStored = 0;
        }
    }

    /**
     * Publishes nothing more: returns once a line being published is done and every event published
     * is durable (or failed). Safe from any thread; the feed itself may stay blocked reading input
     * (standard input may never end).
     */
    void stop() {
        stopped = true;
        synchronized (publishing) {
            // Waits for a publish in progress; afterwards no line is published.
            countAll();
        }
    }

    /** @return the byte offset after the last line read */
    long offset() {
        return offset;
    }

    /** @return what was read so far; exact once the feed has returned or {@link #stop()} has */
    Result progress() {
        synchronized (publishing) {
            return new Result(accepted + rejected + notStored + window.size(), accepted, rejected, notStored,
                    (stopped || storeFailure != null) && !endOfInput, storeFailure);
        }
    }
}
