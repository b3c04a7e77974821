package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} without {@code --input}: the mistakes that stop it before it serves. */
class RunServiceCommandTest {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aServerSectionMistakeExitsTwoWithFileLineAndColumn() throws Exception {
        Path config = Files.writeString(temp.resolve("handlers.yaml"),
                "version: 1\nhandlers:\n  - {name: c, type: console, events: [x]}\nserver:\n  port: 8080\n  max_body_bytes: -5\n");

        Path plugins = Files.createDirectory(temp.resolve("plugins"));

        int exit = Main.execute("run", "--config", config.toString(), "--plugins", plugins.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(stderr().strip()).isEqualTo(config + ":6:3: server.max_body_bytes: must be between 1 and 67108864");
    }

    @Test
    void hostAndPortDoNotGoWithInput() throws Exception {
        Path config = Files.writeString(temp.resolve("handlers.yaml"), "version: 1\nhandlers:\n  - {name: c, type: console, events: [x]}\n");
        Path input = Files.writeString(temp.resolve("in.ndjson"), "");

        int exit = Main.execute("run", "--config", config.toString(), "--input", input.toString(), "--port", "9000");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).contains("--host and --port serve the HTTP API");
    }
}
