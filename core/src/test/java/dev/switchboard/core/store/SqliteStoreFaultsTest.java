package dev.switchboard.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.testing.Shell;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real faults of the SQLite store's files, each one clear exception at open naming the file. */
class SqliteStoreFaultsTest {

    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("switchboard.db");
    }

    @Test
    void aSecondStoreOnTheSameFileFailsAtOpenWithAClearMessage() {
        try (SqliteStore first = SqliteStore.at(file()).open()) {
            assertThatThrownBy(() -> SqliteStore.at(file()).open())
                    .isInstanceOf(StoreLockedException.class)
                    .hasMessageContaining(file().toString())
                    .hasMessageContaining("in use by another Switchboard")
                    .hasMessageContaining("switchboard.db.lock");
            assertThat(first.queue("audit").backlog()).isZero();
        }
        SqliteStore.at(file()).open().close();
    }

    @Test
    void aFileThatIsNotADatabaseIsOneClearErrorAndIsLeftUntouched() throws IOException {
        byte[] garbage = "this is a shopping list, not a database\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(file(), garbage);

        assertThatThrownBy(() -> SqliteStore.at(file()).open())
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith(file() + ": is not a SQLite database");
        assertThat(Files.readAllBytes(file())).isEqualTo(garbage);
    }

    @Test
    void aTruncatedDatabaseIsOneClearErrorAndIsLeftUntouched() throws Exception {
        try (SqliteStore store = SqliteStore.at(file()).sync(SqliteStore.Sync.NORMAL).open()) {
            for (int i = 0; i < 300; i++) {
                store.accept(WorkflowEvent.builder("step_complete").id("event-" + i)
                        .data(Map.of("response", "x".repeat(200))).build(), List.of("audit", "slack"));
            }
        }
        assertThat(Files.exists(dir.resolve("switchboard.db-wal"))).as("checkpointed at close").isFalse();
        try (RandomAccessFile raw = new RandomAccessFile(file().toFile(), "rw")) {
            raw.setLength(raw.length() / 3 + 100);
        }
        byte[] truncated = Files.readAllBytes(file());

        assertThatThrownBy(() -> SqliteStore.at(file()).open())
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith(file() + ": the database file is corrupt");
        assertThat(Files.readAllBytes(file())).isEqualTo(truncated);
    }

    @Test
    void aPathThatIsADirectoryIsOneClearError() throws IOException {
        Files.createDirectories(file());

        assertThatThrownBy(() -> SqliteStore.at(file()).open())
                .isInstanceOf(StoreException.class)
                .hasMessage(file() + ": is a directory, not a database file");
    }

    @Test
    void aDataFolderThatCannotBeCreatedIsOneClearError() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("data"), "a file where the data folder should be");

        assertThatThrownBy(() -> SqliteStore.at(notAFolder.resolve("switchboard.db")).open())
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith(notAFolder + ": cannot create the data folder");
    }

    /**
     * A folder the store may not write in. Permission bits do not stop root, who runs these tests on
     * some machines: then the folder is made immutable ({@code chattr +i}, which stops root too).
     */
    @Test
    void aDataFolderThatIsNotWritableIsOneClearError() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("readonly"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        boolean immutable = false;
        try {
            if (writable(folder)) {
                immutable = Shell.run("chattr", "+i", folder.toString());
                assumeThat(immutable && !writable(folder))
                        .as("running as root without chattr: no real read-only folder to test with").isTrue();
            }
            assertThatThrownBy(() -> SqliteStore.at(folder.resolve("switchboard.db")).open())
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith(folder + ": cannot write in the data folder");
        } finally {
            if (immutable) {
                Shell.run("chattr", "-i", folder.toString());
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /**
     * The readiness probe writes for real: it fails while the store's files are immutable
     * ({@code chattr +i}, which stops root too, and the file handles already open), and passes, with
     * the store as it was, once they are not.
     */
    @Test
    void checkWritableFailsWhileTheFilesAreImmutableAndPassesOnceTheyAreNot() throws Exception {
        Path wal = dir.resolve("switchboard.db-wal");
        try (SqliteStore store = SqliteStore.at(file()).open()) {
            store.checkWritable();
            try {
                assumeThat(Shell.run("chattr", "+i", file().toString(), wal.toString()))
                        .as("chattr +i (root, on a file system with the immutable flag)").isTrue();
                assertThatThrownBy(store::checkWritable)
                        .isInstanceOf(StoreException.class)
                        .hasMessageStartingWith(file() + ": cannot write the database: switchboard.db is not writable"
                                + " (read-only or immutable)");
                assertThatThrownBy(() -> store.accept(WorkflowEvent.builder("step_complete").id("refused").build(),
                        List.of("audit"))).isInstanceOf(StoreException.class);
            } finally {
                Shell.run("chattr", "-i", file().toString(), wal.toString());
            }
            store.checkWritable();
            store.accept(WorkflowEvent.builder("step_complete").id("accepted").build(), List.of("audit"));
        }
        try (SqliteStore reopened = SqliteStore.at(file()).open()) {
            assertThat(reopened.queue("audit").poll(Duration.ZERO).event().id()).isEqualTo("accepted");
            assertThat(reopened.queue("audit").backlog()).isEqualTo(1);
        }
    }

    /**
     * A full disk, for real: a child JVM whose file-size limit ({@code ulimit -S -f}, with SIGXFSZ
     * ignored so that a write fails with EFBIG instead of killing it) the database outgrows; then the
     * limit is lifted ({@code prlimit}), as when the disk has room again, and the store writes again.
     */
    @Test
    void aFullDiskFailsAcceptsClearlyLosesNothingAcceptedAndWritesAgainOnceThereIsRoom() throws Exception {
        assumeThat(Shell.run("bash", "-c", "ulimit -S -f 2048")).as("bash with ulimit").isTrue();
        assumeThat(Shell.run("prlimit", "--version")).as("prlimit (util-linux) lifts the child's limit").isTrue();
        Process child = new ProcessBuilder("bash", "-c", "trap '' XFSZ; ulimit -S -f 2048; exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), FileSizeLimitedStoreHolder.class.getName(),
                file().toString())
                .redirectError(dir.resolve("child.err").toFile())
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8)); Writer in = new OutputStreamWriter(child.getOutputStream(),
                StandardCharsets.UTF_8)) {
            for (int i = 0; i < 3; i++) {
                lines.add(out.readLine());
            }
            assertThat(Shell.run("prlimit", "--pid", Long.toString(child.pid()), "--fsize=unlimited:")).isTrue();
            in.write("room\n");
            in.flush();
            out.lines().forEach(lines::add);
        } finally {
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }

        assertThat(lines).as("see child.err").hasSize(5).doesNotContainNull();
        long accepted = Long.parseLong(lines.get(0).substring("accepted ".length()));
        assertThat(accepted).isPositive();
        assertThat(lines.get(1)).startsWith("failed " + file()).containsAnyOf("full", "I/O error");
        assertThat(lines.get(2)).startsWith("again " + file());
        assertThat(lines.get(3)).isEqualTo("room accepted");
        assertThat(lines.get(4)).isEqualTo("backlog " + (accepted + 1));
        try (SqliteStore store = SqliteStore.at(file()).open()) {
            assertThat(store.queue("audit").backlog()).as("every acknowledged event, nothing half-stored")
                    .isEqualTo(accepted + 1);
        }
    }

    private static boolean writable(Path folder) {
        try {
            Files.delete(Files.createFile(folder.resolve("probe")));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
