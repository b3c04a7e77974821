package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} checks a handler's {@code config:} against the keys its factory declares. */
class ValidateDeclaredKeysTest {

    @TempDir
    Path temp;

    @Test
    void validateReportsAMisspeltKeyOfTheBuiltInConsoleHandlerWithTheLikelyKey() throws Exception {
        Path config = Files.writeString(temp.resolve("handlers.yaml"), """
                version: 1
                handlers:
                  - name: screen
                    type: console
                    events: ["*"]
                    config:
                      strem: stderr
                      max_value_chars: many
                """);

        Path noPlugins = Files.createDirectories(temp.resolve("plugins"));

        CommandRun run = CommandRun.of("validate", "--config", config.toString(), "--plugins", noPlugins.toString());

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.stdout()).doesNotContain("ok");
        assertThat(run.stderr().lines().filter(line -> line.contains("handler 'screen'")).toList()).containsExactly(
                config + ":7:7: handler 'screen': config.strem: unknown key; did you mean 'stream'?"
                        + " (type console reads stream, max_value_chars)",
                config + ":8:24: handler 'screen': config.max_value_chars: must be a whole number");
    }
}
