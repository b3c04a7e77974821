package dev.switchboard.core.cli;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.HandlerSpec;
import dev.switchboard.core.event.EventJson;
import dev.switchboard.core.event.InvalidEventException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.time.Duration;

/**
 * Publishes one event per NDJSON line; a bad line is reported as {@code FILE:LINE: message} and
 * skipped. It reads ahead of delivery only as far as keeps every handler busy ({@link #readAhead}
 * pending deliveries), not as far as the queues would allow: the steady end-to-end profile showed
 * each young collection copying the tens of thousands of events parsed ahead, 30-110 ms a time.
 *
 * <p>An event read from a file with an identity gets its id from the line ({@link LineIds}), so a
 * rerun sends the same {@code webhook-id} for the same line; other events get a fresh one.
 *
 * <p>{@link #stop()} (from a shutdown hook) ends the feed between two lines, also while it waits
 * for input or for delivery to catch up.
 */
final class NdjsonFeed {

    /** The least read-ahead, in pending deliveries. */
    static final int MIN_READ_AHEAD = 2_048;

    /** @param stopped true when {@link #stop()} ended the feed before the end of its input */
    record Result(long read, long accepted, long rejected, boolean stopped) {
    }

    private final String source;
    private final Switchboard switchboard;
    private final long readAhead;
    /** Null for input without identity. */
    private final LineIds ids;
    /** Held while a line is parsed and published, so that {@link #stop()} never cuts one in half. */
    private final Object publishing = new Object();
    private volatile boolean stopped;
    private volatile boolean endOfInput;
    private long accepted;
    private long rejected;

    /**
     * @param source the input's name, for error messages
     * @param identity the input's identity (see {@link InputSource#identity()}), or null when it has none
     */
    NdjsonFeed(String source, String identity, Switchboard switchboard) {
        this.source = source;
        this.switchboard = switchboard;
        this.readAhead = readAhead(switchboard);
        this.ids = identity == null ? null : new LineIds(identity);
    }

    /** Four times what all handlers may have in flight at once, and at least {@link #MIN_READ_AHEAD}. */
    static long readAhead(Switchboard switchboard) {
        long inFlight = switchboard.config().handlers().stream().mapToLong(HandlerSpec::concurrency).sum();
        return Math.max(MIN_READ_AHEAD, 4 * inFlight);
    }

    Result feed(InputLines lines) throws IOException, InterruptedException {
        while (!stopped) {
            InputLines.Line line = lines.next();
            if (line == null) {
                endOfInput = true;
                break;
            }
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
                if (stopped) {
                    break;
                }
                publish(line, text);
            }
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
        if (ids != null) {
            event = event.toBuilder().id(ids.of(line.start(), line.content())).build();
        }
        switchboard.publish(event);
        accepted++;
    }

    private void reject(InputLines.Line line, String message) {
        rejected++;
        System.err.println(source + ":" + line.number() + ": " + message);
    }

    /**
     * Publishes nothing more: returns once a line being published is done. Safe from any thread; the
     * feed itself may stay blocked reading input (standard input may never end).
     */
    void stop() {
        stopped = true;
        synchronized (publishing) {
            // Waits for a publish in progress; afterwards no line is published.
        }
    }

    /** @return what was read so far; exact once the feed has returned or {@link #stop()} has */
    Result progress() {
        synchronized (publishing) {
            return new Result(accepted + rejected, accepted, rejected, stopped && !endOfInput);
        }
    }
}
