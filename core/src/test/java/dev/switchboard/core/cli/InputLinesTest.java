package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputLinesTest {

    /** A line as the test compares it: number, start, end, text. */
    record Seen(long number, long start, long end, String text) {
    }

    @Test
    void eachLineKnowsItsNumberAndTheOffsetsOfItsStartAndOfItsEndAfterTheNewline() throws Exception {
        assertThat(all("{\"a\":1}\n\n{\"b\":22}\n", 0, 0)).containsExactly(
                new Seen(1, 0, 8, "{\"a\":1}"),
                new Seen(2, 8, 9, ""),
                new Seen(3, 9, 18, "{\"b\":22}"));
    }

    @Test
    void aCarriageReturnBeforeTheNewlineIsPartOfTheEndingNotOfTheContent() throws Exception {
        assertThat(all("one\r\ntwo\r\n", 0, 0)).containsExactly(
                new Seen(1, 0, 5, "one"),
                new Seen(2, 5, 10, "two"));
    }

    @Test
    void aCarriageReturnElsewhereStaysInTheContent() throws Exception {
        assertThat(all("a\rb\nc\r", 0, 0)).containsExactly(
                new Seen(1, 0, 4, "a\rb"),
                new Seen(2, 4, 6, "c\r"));
    }

    @Test
    void theLastLineMayEndWithoutANewlineAndEndsAtTheEndOfTheInput() throws Exception {
        assertThat(all("first\nlast", 0, 0)).containsExactly(
                new Seen(1, 0, 6, "first"),
                new Seen(2, 6, 10, "last"));
    }

    @Test
    void anEmptyInputHasNoLines() throws Exception {
        assertThat(all("", 0, 0)).isEmpty();
        assertThat(all("\n", 0, 0)).containsExactly(new Seen(1, 0, 1, ""));
    }

    @Test
    void offsetsCountBytesOfUtf8NotCharacters() throws Exception {
        assertThat(all("é€\n😀\n", 0, 0)).containsExactly(
                new Seen(1, 0, 6, "é€"),
                new Seen(2, 6, 11, "😀"));
    }

    @Test
    void startedAtAnOffsetItNumbersOnFromTheLinesBeforeIt() throws Exception {
        String file = "{\"a\":1}\n{\"b\":2}\r\n{\"c\":3}";
        Seen second = all(file, 0, 0).get(1);

        List<Seen> resumed = all(file.substring((int) second.start()), second.start(), 1);

        assertThat(resumed).containsExactly(
                new Seen(2, 8, 17, "{\"b\":2}"),
                new Seen(3, 17, 24, "{\"c\":3}"));
    }

    @Test
    void linesLongerThanTheBufferAndLinesAcrossItsEdgeKeepTheirOffsets() throws Exception {
        String longLine = "x".repeat(200_000);
        // Its \r is the last byte of the fourth buffer, its \n the first of the fifth.
        String edge = "y".repeat(4 * (1 << 16) - 1 - 200_001);
        String input = longLine + "\n" + edge + "\r\n" + "z\n" + longLine;

        List<Seen> lines = all(input, 0, 0);

        long afterEdge = 200_001 + edge.length() + 2;
        assertThat(lines).extracting(Seen::number).containsExactly(1L, 2L, 3L, 4L);
        assertThat(lines.get(0)).isEqualTo(new Seen(1, 0, 200_001, longLine));
        assertThat(lines.get(1)).isEqualTo(new Seen(2, 200_001, afterEdge, edge));
        assertThat(lines.get(2)).isEqualTo(new Seen(3, afterEdge, afterEdge + 2, "z"));
        assertThat(lines.get(3)).isEqualTo(new Seen(4, afterEdge + 2, input.length(), longLine));
    }

    @Test
    void aStreamThatGivesOneByteAtATimeYieldsTheSameLines() throws Exception {
        String input = "{\"a\":1}\r\n\n{\"b\":2}\nlast";
        InputStream trickle = new FilterInputStream(stream(input)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(1, len));
            }
        };

        assertThat(read(new InputLines(trickle, 0, 0))).isEqualTo(all(input, 0, 0));
    }

    @Test
    void contentThatIsNotUtf8IsReportedWhenReadAsTextAndALiteralReplacementCharacterIsNot() throws Exception {
        byte[] input = {'{', (byte) 0xC3, '}', '\n', (byte) 0xEF, (byte) 0xBF, (byte) 0xBD, '\n'};
        InputLines lines = new InputLines(new ByteArrayInputStream(input), 0, 0);

        InputLines.Line broken = lines.next();
        InputLines.Line replacement = lines.next();

        assertThat(broken.content()).containsExactly('{', (byte) 0xC3, '}');
        assertThatThrownBy(broken::text).isInstanceOf(CharacterCodingException.class);
        assertThat(replacement.text()).isEqualTo("\uFFFD");
        assertThat(lines.next()).isNull();
        assertThat(lines.next()).isNull();
    }

    private static List<Seen> all(String input, long offset, long linesBefore) throws IOException {
        return read(new InputLines(stream(input), offset, linesBefore));
    }

    private static List<Seen> read(InputLines lines) throws IOException {
        List<Seen> seen = new ArrayList<>();
        for (InputLines.Line line = lines.next(); line != null; line = lines.next()) {
            seen.add(new Seen(line.number(), line.start(), line.end(), line.text()));
        }
        return seen;
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
