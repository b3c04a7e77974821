package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code validate} checks the {@code server:} section as {@code run} reads it: same lines, both
 * exit 2, each at the key it is about.
 */
class ValidateServerSectionTest {

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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "port: 99999                              | 5:3: server.port: must be between 0 and 65535",
        "api_keys: ['']                           | 5:3: server.api_keys: a key must not be empty (is its environment variable set?)",
        "api_keys: secret-key                     | 5:3: server.api_keys: must be a list, not a single value",
        "max_body_bytes: 1099511627776            | 5:3: server.max_body_bytes: must be a whole number from -2147483648 to 2147483647",
        "cors: {allowed_origins: ['ops.example']} | 5:10: server.cors.allowed_origins: 'ops.example' is not an origin: write scheme://host[:port], e.g. https://ops.example.com, or *",
    })
    void aServerMistakeFailsValidateAndRunAlikeAtItsPlace(String setting, String expected) throws Exception {
        Path config = Files.writeString(temp.resolve("handlers.yaml"),
                "version: 1\nhandlers:\n  - {name: c, type: console, events: [x]}\nserver:\n  " + setting + "\n");
        String plugins = Files.createDirectory(temp.resolve("plugins")).toString();

        int validate = Main.execute("validate", "--config", config.toString(), "--plugins", plugins);
        String validateErr = err.toString(StandardCharsets.UTF_8);
        assertThat(validate).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("ok");
        err.reset();
        // Only a file that validate refused is run: a valid one would serve until stopped.
        int run = Main.execute("run", "--config", config.toString(), "--plugins", plugins);

        assertThat(run).isEqualTo(2);
        assertThat(validateErr.strip()).isEqualTo(config + ":" + expected);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo(validateErr.strip());
    }
}
