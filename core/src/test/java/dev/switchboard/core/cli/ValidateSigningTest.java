package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.switchboard.core.testing.PosterPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} on handlers with {@code signing:}: what it prints never holds a secret. */
class ValidateSigningTest {

    private static final String GOOD = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String NOT_BASE64 = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2La!!Sw";

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

    private String printed() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private int validate(String secondSecret) throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        PosterPlugin.writeTo(plugins);
        Path config = Files.writeString(temp.resolve("handlers.yaml"), """
                version: 1
                handlers:
                  - name: first
                    type: poster
                    events: ["*"]
                    signing: {secret: %s}
                    config: {url: "http://127.0.0.1:9/first"}
                  - name: second
                    type: poster
                    events: ["*"]
                    signing: {secret: "%s"}
                    config: {url: "http://127.0.0.1:9/second"}
                """.formatted(GOOD, secondSecret));
        return Main.execute("validate", "--config", config.toString(), "--plugins", plugins.toString());
    }

    @Test
    void aMalformedSecretIsOneLineThatQuotesNoSecret() throws Exception {
        int exit = validate(NOT_BASE64);

        assertThat(exit).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo(temp.resolve("handlers.yaml")
                + ":11:23: handler 'second': signing.secret: the part after 'whsec_' is not valid base64");
        assertThat(printed()).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2La");
    }

    @Test
    void aValidConfigurationPrintsOkAndNoSecret() throws Exception {
        int exit = validate(GOOD);

        assertThat(exit).isEqualTo(Main.OK);
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("ok");
        assertThat(printed()).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2La");
    }
}
