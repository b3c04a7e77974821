package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.store.SqliteStore;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher on a store it cannot open: a truncated database file, a data folder another
 * Switchboard serves on, a temporary folder the SQLite driver cannot unpack its library in. {@code run --input} and serving {@code run} each stop at once with one line
 * on stderr naming the file and exit 2, and leave the database byte for byte as it was.
 */
class StoreFaultsIT {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Pattern SERVING = Pattern.compile("serving on (http://127\\.0\\.0\\.1:\\d+/)");

    @TempDir
    Path work;

    Path config;
    Path input;

    Path data() {
        return work.resolve("data");
    }

    Path db() {
        return data().resolve("switchboard.db");
    }

    @BeforeEach
    void files() throws Exception {
        config = Files.writeString(work.resolve("handlers.yaml"), """
                version: 1
                handlers:
                  - {name: audit, type: console, events: [x]}
                server:
                  timeouts: {drain: 0s}
                """);
        input = Files.writeString(work.resolve("events.ndjson"), "{\"event_type\": \"x\"}\n");
    }

    private List<String> run(String... arguments) {
        List<String> command = new ArrayList<>(List.of(DistributionIT.LAUNCHER.toString(), "run", "--config",
                config.toString(), "--data", data().toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    /** Both forms of {@code run} on the data folder. */
    private List<Launcher.Result> runAndServe() throws Exception {
        return runAndServe(Map.of());
    }

    private List<Launcher.Result> runAndServe(Map<String, String> env) throws Exception {
        return List.of(Launcher.run(work, env, run("--input", input.toString())),
                Launcher.run(work, env, run("--port", "0")));
    }

    private static void assertOneLineAndExit2(Launcher.Result result, String message) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().lines().toList()).as(result.toString()).singleElement().asString()
                .startsWith("switchboard run: " + message);
        assertThat(result.stdout()).isEmpty();
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

        for (Launcher.Result result : runAndServe()) {
            assertOneLineAndExit2(result, db() + ": the database file is corrupt or not a database; it was left"
                    + " untouched — restore it from a backup or move it aside (");
            assertThat(Files.readAllBytes(db())).isEqualTo(truncated);
        }
    }

    /**
     * The SQLite driver unpacks its native library into a temporary folder at start: one that is
     * missing (or full, not writable, mounted noexec) is one line naming it, not the driver's stack
     * traces and "Error opening connection".
     */
    @Test
    void aTemporaryFolderTheDriverCannotUnpackItsLibraryInIsOneLineAndExit2() throws Exception {
        Path missing = work.resolve("no-such-folder");

        for (Launcher.Result result : runAndServe(Map.of("JAVA_OPTS", "-Dorg.sqlite.tmpdir=" + missing))) {
            assertOneLineAndExit2(result, missing + ": cannot unpack SQLite's native library here (the folder must"
                    + " exist, be writable, have room and allow running programs, not be mounted noexec), so " + db()
                    + " cannot be opened; name another folder with JAVA_OPTS=-Dorg.sqlite.tmpdir=DIR");
        }
    }

    @Test
    void aDataFolderAnotherSwitchboardServesOnIsOneLineAndExit2AndIsLeftUntouched() throws Exception {
        try (Launcher.Running first = Launcher.start(work, Map.of(), run("--port", "0"))) {
            first.awaitStderr(SERVING, STARTUP);
            byte[] database = Files.readAllBytes(db());

            for (Launcher.Result result : runAndServe()) {
                assertOneLineAndExit2(result, db() + ": is in use by another Switchboard (it holds " + db() + ".lock);"
                        + " stop that one or give this one another data folder");
                assertThat(Files.readAllBytes(db())).isEqualTo(database);
            }
            assertThat(first.process.isAlive()).as("the first serves on").isTrue();
            assertThat(first.terminate(STARTUP)).as(first.stderr()).isZero();
        }
    }
}
