package dev.switchboard.core.cli;

import dev.switchboard.core.Switchboard;
import dev.switchboard.core.event.EventJson;
import dev.switchboard.core.event.InvalidEventException;
import java.io.BufferedReader;
import java.io.IOException;

/** Publishes one event per NDJSON line; a bad line is reported as {@code FILE:LINE: message} and skipped. */
final class NdjsonFeed {

    record Result(long read, long accepted, long rejected) {
    }

    private final String source;
    private final Switchboard switchboard;

    NdjsonFeed(String source, Switchboard switchboard) {
        this.source = source;
        this.switchboard = switchboard;
    }

    Result feed(BufferedReader reader) throws IOException {
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
