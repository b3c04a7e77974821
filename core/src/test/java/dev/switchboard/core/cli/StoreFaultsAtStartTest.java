package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.store.SqliteStore;
import dev.switchboard.core.testing.ServiceProcess;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that cannot be opened stops {@code switchboard run}, delivering {@code --input} and
 * serving alike, before it does anything: one line on stderr naming the file, exit 2, and the
 * database left byte for byte as it was.
 */
class StoreFaultsAtStartTest {

    /** Long enough for a start on a loaded machine; a run that serves by mistake would block forever. */
    static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    Path config;
    Path plugins;
    Path input;

    Path data() {
        return dir.resolve("data");
    }

    Path db() {
        return data().resolve("switchboard.db");
    }

    @BeforeEach
    void files() throws IOException {
        config = Files.writeString(dir.resolve("handlers.yaml"),
                "version: 1\nserver:\n  timeouts: {drain: 0s}\nhandlers:\n  - {name: audit, type: console, events: [x]}\n");
        plugins = Files.createDirectories(dir.resolve("plugins"));
        input = Files.writeString(dir.resolve("events.ndjson"), "{\"event_type\": \"x\"}\n");
    }

    @Test
    void aTruncatedDatabaseIsOneLineAndExit2AndIsLeftUntouched() throws Exception {
        try (SqliteStore store = SqliteStore.at(db()).sync(SqliteStore.Sync.NORMAL).open()) {
            for (int i = 0; i < 300; i++) {
                store.accept(WorkflowEvent.builder("x").id("event-" + i).data(Map.of("response", "x".repeat(200)))
                        .build(), List.of("audit"));
            }
        }
        try (RandomAccessFile raw = new RandomAccessFile(db().toFile(), "rw")) {
            raw.setLength(raw.length() / 3 + 100);
        }
        byte[] truncated = Files.readAllBytes(db());

        for (CommandRun run : List.of(runInput(), serve())) {
            assertOneLineAndExit2(run, db() + ": the database file is corrupt or not a database; it was left"
                    + " untouched — restore it from a backup or move it aside (");
            assertThat(Files.readAllBytes(db())).isEqualTo(truncated);
        }
    }

    /** Another runtime, a process of its own, serves on the data folder: the lock stops the second. */
    @Test
    void aDataFolderInUseByARunningRuntimeIsOneLineAndExit2AndIsLeftUntouched() throws Exception {
        try (ServiceProcess first = ServiceProcess.start(dir.resolve("first.err"), BOUND, "--config", config.toString(),
                "--plugins", plugins.toString(), "--data", data().toString())) {
            byte[] database = Files.readAllBytes(db());
            byte[] log = Files.readAllBytes(data().resolve("switchboard.db-wal"));

            for (CommandRun run : List.of(runInput(), serve())) {
                assertOneLineAndExit2(run, db() + ": is in use by another Switchboard (it holds " + db() + ".lock);"
                        + " stop that one or give this one another data folder");
                assertThat(Files.readAllBytes(db())).isEqualTo(database);
                assertThat(Files.readAllBytes(data().resolve("switchboard.db-wal"))).isEqualTo(log);
            }
            assertThat(first.isAlive()).as("the first runtime serves on").isTrue();
            assertThat(first.stop(BOUND)).isZero();
        }
    }

    private CommandRun runInput() {
        return assertTimeoutPreemptively(BOUND, () -> CommandRun.of("run", "--config", config.toString(), "--plugins",
                plugins.toString(), "--data", data().toString(), "--input", input.toString()));
    }

    private CommandRun serve() {
        return assertTimeoutPreemptively(BOUND, () -> CommandRun.of("run", "--config", config.toString(), "--plugins",
                plugins.toString(), "--data", data().toString(), "--host", "127.0.0.1", "--port", "0"));
    }

    private static void assertOneLineAndExit2(CommandRun run, String message) {
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(Main.USAGE);
        assertThat(run.stderr().lines().toList()).singleElement().asString()
                .startsWith("switchboard run: " + message);
        assertThat(run.stdout()).isEmpty();
    }
}
