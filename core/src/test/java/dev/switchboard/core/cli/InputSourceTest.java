package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputSourceTest {

    @TempDir
    Path temp;

    @Test
    void aRegularFileHasAnIdentityThatAppendingAndRenamingKeep() throws Exception {
        Path file = Files.writeString(temp.resolve("events.ndjson"), "{\"event_type\": \"a\"}\n");
        String first = identity(file);

        Files.writeString(file, "{\"event_type\": \"b\"}\n", StandardOpenOption.APPEND);
        String appended = identity(file);
        Path renamed = Files.move(file, temp.resolve("events.ndjson.1"));

        assertThat(first).matches("\\(dev=\\p{XDigit}+,ino=\\d+\\)/\\p{XDigit}{16}");
        assertThat(appended).isEqualTo(first);
        assertThat(identity(renamed)).isEqualTo(first);
    }

    @Test
    void aNewFileUnderTheOldNameIsAnotherFile() throws Exception {
        Path file = Files.writeString(temp.resolve("events.ndjson"), "{\"event_type\": \"a\"}\n");
        String first = identity(file);
        Files.move(file, temp.resolve("events.ndjson.1"));
        Files.writeString(file, "{\"event_type\": \"a\"}\n");

        assertThat(identity(file)).isNotEqualTo(first);
    }

    @Test
    void aFileRewrittenInPlaceWithAnotherFirstLineIsAnotherFileThoughItKeepsItsInode() throws Exception {
        Path file = Files.writeString(temp.resolve("events.ndjson"), "{\"event_type\": \"a\"}\n{\"event_type\": \"b\"}\n");
        String first = identity(file);
        Object inode = Files.readAttributes(file, "unix:ino").get("ino");

        Files.writeString(file, "{\"event_type\": \"c\"}\n");

        assertThat(Files.readAttributes(file, "unix:ino").get("ino")).isEqualTo(inode);
        assertThat(identity(file)).isNotEqualTo(first);
    }

    @Test
    void theFingerprintCoversTheFirstLineWithItsNewlineAndAtMostTheFirstKibibyte() throws Exception {
        Path shortLine = Files.writeString(temp.resolve("short"), "{}\n");
        Path shortLineThenMore = Files.writeString(temp.resolve("short-more"), "{}\nanything else\n");
        Path longLine = Files.writeString(temp.resolve("long"), "x".repeat(InputSource.FINGERPRINT_BYTES) + "a\n");
        Path longLineOtherTail = Files.writeString(temp.resolve("long-other"),
                "x".repeat(InputSource.FINGERPRINT_BYTES) + "b\n");

        assertThat(fingerprint(shortLineThenMore)).isEqualTo(fingerprint(shortLine));
        assertThat(fingerprint(longLineOtherTail)).isEqualTo(fingerprint(longLine));
        assertThat(fingerprint(longLine)).isNotEqualTo(fingerprint(shortLine));
    }

    @Test
    void aDeviceIsReadAsAStreamWithoutIdentity() throws Exception {
        try (InputSource input = InputSource.open("/dev/null")) {
            assertThat(input.isRegularFile()).isFalse();
            assertThat(input.identity()).isNull();
            assertThat(input.lines(InputStart.BEGINNING).next()).isNull();
        }
    }

    @Test
    void standardInputHasNoIdentity() throws Exception {
        try (InputSource input = InputSource.open("-")) {
            assertThat(input.name()).isEqualTo("<stdin>");
            assertThat(input.isRegularFile()).isFalse();
            assertThat(input.identity()).isNull();
        }
    }

    @Test
    void aRegularFileIsReadFromTheStartItIsGiven() throws Exception {
        Path file = Files.writeString(temp.resolve("events.ndjson"), "one\ntwo\nthree\n");
        try (InputSource input = InputSource.open(file.toString())) {
            InputLines lines = input.lines(new InputStart(4, 1, null));

            InputLines.Line two = lines.next();

            assertThat(two.text()).isEqualTo("two");
            assertThat(two.number()).isEqualTo(2);
            assertThat(two.start()).isEqualTo(4);
            assertThat(two.end()).isEqualTo(8);
        }
    }

    @Test
    void aMissingFileOrAFolderIsAUsageError() {
        assertThatThrownBy(() -> InputSource.open(temp.resolve("missing").toString()))
                .isInstanceOf(UsageError.class).hasMessage("--input " + temp.resolve("missing") + ": no such file");
        assertThatThrownBy(() -> InputSource.open(temp.toString()))
                .isInstanceOf(UsageError.class).hasMessage("--input " + temp + ": is a folder, not a file");
    }

    private static String identity(Path file) throws Exception {
        try (InputSource input = InputSource.open(file.toString())) {
            assertThat(input.isRegularFile()).isTrue();
            assertThat(input.size()).isEqualTo(Files.size(file));
            return input.identity();
        }
    }

    private static String fingerprint(Path file) throws Exception {
        String identity = identity(file);
        return identity.substring(identity.indexOf('/') + 1);
    }
}
