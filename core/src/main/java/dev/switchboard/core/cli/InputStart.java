package dev.switchboard.core.cli;

import dev.switchboard.core.store.InputPosition;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where {@code run --input} begins reading: after the last line a previous run had accepted from the
 * same file, or at the beginning.
 *
 * @param offset the byte offset to read from
 * @param line how many lines precede that offset
 * @param notice one line for stderr saying why it begins there, or null when there is nothing to say
 *     (a first run, or {@code --from-start})
 */
record InputStart(long offset, long line, String notice) {

    static final InputStart BEGINNING = new InputStart(0, 0, null);

    /**
     * @param input the input, opened
     * @param positions where the store says a file of this identity stood, empty when it says nothing
     *     (as {@code DeliveryStore::inputPosition})
     * @param fromStart true for {@code --from-start}: read it all again, whatever was stored
     */
    static InputStart of(InputSource input, Function<String, Optional<InputPosition>> positions,
            boolean fromStart) throws IOException {
        if (!input.isRegularFile() || fromStart) {
            return BEGINNING;
        }
        if (input.identity() == null) {
            return new InputStart(0, 0, input.name() + ": its file system reports no file identity, so it cannot be"
                    + " resumed: a rerun reads it all again, with new event ids");
        }
        Optional<InputPosition> stored = positions.apply(input.identity());
        if (stored.isEmpty()) {
            return BEGINNING;
        }
        InputPosition position = stored.get();
        if (position.offset() > input.size()) {
            return new InputStart(0, 0, input.name() + " is shorter than when it was last read (" + input.size()
                    + " bytes, line " + position.line() + " ended at byte " + position.offset()
                    + "): it was truncated; reading it from the start");
        }
        if (!endsLine(input, position.offset())) {
            return new InputStart(0, 0, input.name() + " has changed since it was last read (byte "
                    + position.offset() + ", where line " + position.line() + " ended, no longer ends a line);"
                    + " reading it from the start");
        }
        return new InputStart(position.offset(), position.line(), "resuming " + input.name() + " after line "
                + position.line() + " (byte " + position.offset() + "); --from-start re-reads it");
    }

    /**
     * Whether a line ends at {@code offset}: the byte before it is a newline, or it is the end of the
     * file, or a newline follows (a last line that had none was finished by what was appended).
     */
    private static boolean endsLine(InputSource input, long offset) throws IOException {
        if (offset == 0 || offset == input.size() || input.byteAt(offset - 1) == '\n') {
            return true;
        }
        int next = input.byteAt(offset);
        return next == '\n' || next == '\r';
    }
}
