package dev.switchboard.core.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a stream of bytes into lines and knows where each one lies in the input: its number and
 * the byte offsets of its start and of its end. A line ends with {@code \n} or {@code \r\n} (neither
 * belongs to its content); the last line may end without one. A {@code BufferedReader} would lose
 * the offsets, which {@code run --input} needs to resume a file after its last accepted line.
 *
 * <p>It may start in the middle of a file: the stream's first byte is then at {@code offset} and the
 * first line read is number {@code linesBefore + 1}. Not thread-safe.
 */
final class InputLines {

    /**
     * One line of the input.
     *
     * @param number 1 for the first line of the input
     * @param start the byte offset of its first byte
     * @param end the byte offset just after its line ending (where the next line starts)
     * @param content its bytes, without the line ending
     */
    record Line(long number, long start, long end, byte[] content) {

        /**
         * @return the content as UTF-8 text
         * @throws CharacterCodingException when it is not valid UTF-8
         */
        String text() throws CharacterCodingException {
            String text = new String(content, StandardCharsets.UTF_8);
            if (text.indexOf('\uFFFD') >= 0) {
                // The fast decoder replaced something, or the line holds U+FFFD itself: decide strictly.
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content));
            }
            return text;
        }
    }

    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    /** The input's offset of {@code buffer[0]}. */
    private long bufferOffset;
    private long lineNumber;
    /** The start of a line longer than what was left in the buffer. */
    private byte[] carried = new byte[0];
    private int carriedLength;
    private boolean ended;

    /**
     * @param in the input, from its first unread byte; the caller closes it
     * @param offset the input's byte offset of that byte (0 at the start of a file)
     * @param linesBefore how many lines precede it
     */
    InputLines(InputStream in, long offset, long linesBefore) {
        this.in = in;
        this.bufferOffset = offset;
        this.lineNumber = linesBefore;
    }

    /** @return the next line, or null at the end of the input */
    Line next() throws IOException {
        while (true) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    return line(i, i + 1);
                }
            }
            if (ended || !fill()) {
                return carriedLength > 0 ? line(limit, limit) : null;
            }
        }
    }

    /** The line that ends at {@code contentEnd} of the buffer and goes on to {@code next}. */
    private Line line(int contentEnd, int next) {
        long start = bufferOffset + position - carriedLength;
        byte[] content;
        if (carriedLength == 0) {
            content = Arrays.copyOfRange(buffer, position, contentEnd);
        } else {
            content = Arrays.copyOf(carried, carriedLength + contentEnd - position);
            System.arraycopy(buffer, position, content, carriedLength, contentEnd - position);
            carriedLength = 0;
        }
        if (next > contentEnd && content.length > 0 && content[content.length - 1] == '\r') {
            content = Arrays.copyOf(content, content.length - 1);
        }
        position = next;
        return new Line(++lineNumber, start, bufferOffset + next, content);
    }

    /** Keeps the unfinished line and reads more. @return false at the end of the input */
    private boolean fill() throws IOException {
        int rest = limit - position;
        if (rest > 0) {
            if (carried.length < carriedLength + rest) {
                carried = Arrays.copyOf(carried, Math.max(2 * carried.length, carriedLength + rest));
            }
            System.arraycopy(buffer, position, carried, carriedLength, rest);
            carriedLength += rest;
        }
        bufferOffset += limit;
        position = 0;
        limit = 0;
        // What is there now, at least a byte: a line typed on a terminal is read once its newline arrives.
        int read = in.read(buffer, 0, BUFFER);
        if (read < 0) {
            ended = true;
            return false;
        }
        limit = read;
        return true;
    }
}
