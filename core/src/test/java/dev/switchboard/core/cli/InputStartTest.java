package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.switchboard.core.store.InputPosition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputStartTest {

    private static final Function<String, Optional<InputPosition>> NOTHING_STORED = source -> Optional.empty();

    @TempDir
    Path temp;

    @Test
    void aFileWithAStoredPositionIsResumedAfterThatLineAndSaysSo() throws Exception {
        try (InputSource input = file("a\nb\nc\n")) {
            InputStart start = InputStart.of(input, stored(input, 4, 2), false);

            assertThat(start).isEqualTo(new InputStart(4, 2, "resuming " + input.name()
                    + " after line 2 (byte 4); --from-start re-reads it"));
        }
    }

    @Test
    void aFileReadToItsEndIsResumedAtItsEnd() throws Exception {
        try (InputSource input = file("a\nb\n")) {
            assertThat(InputStart.of(input, stored(input, 4, 2), false).offset()).isEqualTo(4);
        }
    }

    @Test
    void fromStartReadsItAllAgainWhateverWasStored() throws Exception {
        try (InputSource input = file("a\nb\nc\n")) {
            assertThat(InputStart.of(input, stored(input, 4, 2), true)).isEqualTo(InputStart.BEGINNING);
        }
    }

    @Test
    void aFileShorterThanTheStoredOffsetWasTruncatedAndIsReadFromTheStartSayingSo() throws Exception {
        try (InputSource input = file("a\n")) {
            InputStart start = InputStart.of(input, stored(input, 6, 3), false);

            assertThat(start.offset()).isZero();
            assertThat(start.line()).isZero();
            assertThat(start.notice()).isEqualTo(input.name() + " is shorter than when it was last read (2 bytes,"
                    + " line 3 ended at byte 6): it was truncated; reading it from the start");
        }
    }

    @Test
    void aFileWhoseStoredOffsetNoLongerEndsALineHasChangedAndIsReadFromTheStartSayingSo() throws Exception {
        try (InputSource input = file("a\nlonger\nc\n")) {
            InputStart start = InputStart.of(input, stored(input, 4, 2), false);

            assertThat(start.offset()).isZero();
            assertThat(start.notice()).isEqualTo(input.name() + " has changed since it was last read (byte 4, where"
                    + " line 2 ended, no longer ends a line); reading it from the start");
        }
    }

    @Test
    void aLastLineWithoutNewlineThatAnAppendFinishedIsResumedAfter() throws Exception {
        try (InputSource lf = file("a\nb\nc\n"); InputSource crlf = file("a\nb\r\nc\r\n", "crlf.ndjson")) {
            assertThat(InputStart.of(lf, stored(lf, 3, 2), false).offset()).isEqualTo(3);
            assertThat(InputStart.of(crlf, stored(crlf, 3, 2), false).offset()).isEqualTo(3);
        }
    }

    @Test
    void aFileNeverReadBeforeStartsAtTheBeginningSilently() throws Exception {
        try (InputSource input = file("a\n")) {
            assertThat(InputStart.of(input, NOTHING_STORED, false)).isEqualTo(InputStart.BEGINNING);
        }
    }

    @Test
    void aPositionStoredForAnotherIdentityIsNotThisFiles() throws Exception {
        try (InputSource input = file("a\nb\n")) {
            Function<String, Optional<InputPosition>> positions = source -> source.equals(input.identity())
                    ? Optional.empty() : Optional.of(new InputPosition(source, 2, 1));

            assertThat(InputStart.of(input, positions, false)).isEqualTo(InputStart.BEGINNING);
        }
    }

    @Test
    void standardInputIsNeverResumedAndTheStoreIsNotAsked() throws Exception {
        try (InputSource input = InputSource.open("-")) {
            assertThat(InputStart.of(input, source -> {
                throw new AssertionError("asked the store for " + source);
            }, false)).isEqualTo(InputStart.BEGINNING);
        }
    }

    @Test
    void aFileWithoutIdentityIsReadFromTheStartSayingItCannotBeResumed() throws Exception {
        InputSource input = mock(InputSource.class); // Linux reports an inode for every local file
        when(input.isRegularFile()).thenReturn(true);
        when(input.name()).thenReturn("events.ndjson");

        InputStart start = InputStart.of(input, NOTHING_STORED, false);

        assertThat(start.offset()).isZero();
        assertThat(start.notice()).isEqualTo("events.ndjson: its file system reports no file identity, so it cannot"
                + " be resumed: a rerun reads it all again, with new event ids");
    }

    private InputSource file(String content) throws Exception {
        return file(content, "events.ndjson");
    }

    private InputSource file(String content, String name) throws Exception {
        return InputSource.open(Files.writeString(temp.resolve(name), content).toString());
    }

    private static Function<String, Optional<InputPosition>> stored(InputSource input, long offset, long line) {
        return source -> source.equals(input.identity())
                ? Optional.of(new InputPosition(source, offset, line)) : Optional.empty();
    }
}
