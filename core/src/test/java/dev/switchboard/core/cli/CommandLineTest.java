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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help, and the command-line mistakes that are one line and exit 2 rather than a stack trace or silence. */
class CommandLineTest {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path config() throws Exception {
        return Files.writeString(temp.resolve("handlers.yaml"),
                "version: 1\nhandlers:\n  - {name: c, type: console, events: [x]}\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "validate", "plugins"})
    void everyCommandAnswersHelpWithItsUsageAndExitZero(String command) {
        assertThat(Main.execute(command, "--help")).isZero();
        assertThat(stdout()).startsWith("Usage: switchboard " + command).contains("-h, --help").contains("--plugins");
        out.reset();

        assertThat(Main.execute(command, "-h")).isZero();
        assertThat(stdout()).startsWith("Usage: switchboard " + command);
        assertThat(stderr()).isEmpty();
    }

    @Test
    void theHelpCommandListsTheCommandsOrDescribesOne() {
        assertThat(Main.execute("help")).isZero();
        assertThat(stdout()).contains("run").contains("validate").contains("plugins").contains("help");
        out.reset();

        assertThat(Main.execute("help", "run")).isZero();
        assertThat(stdout()).startsWith("Usage: switchboard run").contains("--input");
    }

    @Test
    void aMissingInputFileIsOneLineAndExitTwo() throws Exception {
        Path missing = temp.resolve("nonexistent.ndjson");

        int exit = Main.execute("run", "--config", config().toString(), "--input", missing.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).isEqualTo("switchboard run: --input " + missing + ": no such file" + System.lineSeparator());
    }

    @Test
    void aFolderAsInputIsOneLineAndExitTwo() throws Exception {
        int exit = Main.execute("run", "--config", config().toString(), "--input", temp.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(stderr().strip()).isEqualTo("switchboard run: --input " + temp + ": is a folder, not a file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "validate", "plugins"})
    void aMissingPluginsFolderIsOneLineAndExitTwoForEveryCommand(String command) throws Exception {
        Path missing = temp.resolve("nonexistent");
        Path input = Files.writeString(temp.resolve("in.ndjson"), "{\"event_type\": \"x\"}\n");
        String[] args = switch (command) {
            case "run" -> new String[] {"run", "--config", config().toString(), "--plugins", missing.toString(),
                "--input", input.toString()};
            case "validate" -> new String[] {"validate", "--config", config().toString(), "--plugins", missing.toString()};
            default -> new String[] {"plugins", "--plugins", missing.toString()};
        };

        int exit = Main.execute(args);

        assertThat(exit).isEqualTo(2);
        assertThat(stderr().strip()).isEqualTo("switchboard " + command + ": --plugins " + missing + ": no such folder");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void aFileGivenAsThePluginsFolderIsAnError() throws Exception {
        Path file = config();

        assertThat(Main.execute("plugins", "--plugins", file.toString())).isEqualTo(2);
        assertThat(stderr().strip()).isEqualTo("switchboard plugins: --plugins " + file + ": not a folder");
    }
}
