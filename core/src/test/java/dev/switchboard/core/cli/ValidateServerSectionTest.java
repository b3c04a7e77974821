package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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

        CommandRun validate = CommandRun.of("validate", "--config", config.toString(), "--plugins", plugins);
        assertThat(validate.exitCode()).isEqualTo(2);
        assertThat(validate.stdout()).doesNotContain("ok");
        // Only a file that validate refused is run: a valid one would serve until stopped.
        CommandRun run = CommandRun.of("run", "--config", config.toString(), "--plugins", plugins);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(validate.stderr().strip()).isEqualTo(config + ":" + expected);
        assertThat(run.stderr().strip()).isEqualTo(validate.stderr().strip());
    }
}
