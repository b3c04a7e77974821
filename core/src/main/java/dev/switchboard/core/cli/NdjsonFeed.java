package dev.switchboard.core.cli;

import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.HandlerSpec;
import dev.switchboard.core.event.EventJson;
import dev.switchboard.core.event.InvalidEventException;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;

/**
 * Publishes one event per NDJSON line; a bad line is reported as {@code FILE:LINE: message} and
 * skipped. It reads ahead of delivery only as far as keeps every handler busy ({@link #readAhead}
 * pending deliveries), not as far as the queues would allow: the steady end-to-end profile showed
 * each young collection copying the tens of thousands of events parsed ahead, 30-110 ms a time.
 */
final class NdjsonFeed {

    /** The least read-ahead, in pending deliveries. */
    static final int MIN_READ_AHEAD = 2_048;

    record Result(long read, long accepted, long rejected) {
    }

    private final String source;
    private final Switchboard switchboard;
    private final long readAhead;

    NdjsonFeed(String source, Switchboard switchboard) {
        this.source = source;
        this.switchboard = switchboard;
        this.readAhead = readAhead(switchboard);
    }

    /** Four times what all handlers may have in flight at once, and at least {@link #MIN_READ_AHEAD}. */
    static long readAhead(Switchboard switchboard) {
        long inFlight = switchboard.config().handlers().stream().mapToLong(HandlerSpec::concurrency).sum();
        return Math.max(MIN_READ_AHEAD, 4 * inFlight);
    }

    Result feed(BufferedReader reader) throws IOException, InterruptedException {
        long lineNumber = 0;
        long accepted = 0;
        long rejected = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try {
                while (!switchboard.awaitPendingBelow(readAhead, Duration.ofSeconds(60))) {
                    System.err.println("still delivering: " + switchboard.stats());
                }
                switchboard.publish(EventJson.parse(line));
                accepted++;
            } catch (InvalidEventException e) {
                rejected++;
                System.err.println(source + ":" + lineNumber + ": " + e.getMessage());
            }
        }
        return new Result(accepted + rejected, accepted, rejected);
    }
}
