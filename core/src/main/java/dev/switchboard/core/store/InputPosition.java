package dev.switchboard.core.store;

import java.util.Objects;

/**
 * How far an input file has been accepted, as a store keeps it for {@code run --input FILE} (in the
 * manner of Filebeat's registry): a rerun on the same file resumes after the last accepted line.
 *
 * @param source the file's identity (its device and inode, see the command line's input reader);
 *     never null
 * @param offset the byte offset just after the last accepted line, at least 0
 * @param line the number of that line (1 for the first), at least 0
 * @since 0.1
 */
public record InputPosition(String source, long offset, long line) {

    /** Checks the fields. */
    public InputPosition {
        Objects.requireNonNull(source, "source");
        if (offset < 0 || line < 0) {
            throw new IllegalArgumentException("an input position is never negative: " + offset + ", " + line);
        }
    }
}
