package dev.switchboard.core;

import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.config.HandlersConfigLoader;
import dev.switchboard.core.config.RuntimeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text of handlers.yaml as read once, from a file (which a reload reads again) or given as
 * text: parsed, hashed and searched for substituted values from the same bytes.
 */
final class ConfigSource {

    private final Path file;
    private final String text;
    private final Map<String, String> environment;

    private ConfigSource(Path file, String text, Map<String, String> environment) {
        this.file = file;
        this.text = text;
        this.environment = environment;
    }

    static ConfigSource read(Path file, Map<String, String> environment) throws ConfigProblem {
        try {
            return new ConfigSource(file, Files.readString(file, StandardCharsets.UTF_8), environment);
        } catch (IOException e) {
            // The loader words the reason as every other unreadable file's.
            HandlersConfigLoader.load(file, environment);
            throw new ConfigProblem(List.of(file + ": cannot read: " + e));
        }
    }

    static ConfigSource text(String yaml, Map<String, String> environment) {
        return new ConfigSource(null, yaml, environment);
    }

    /** @return the same file read again */
    ConfigSource reread() throws ConfigProblem {
        if (file == null) {
            throw new IllegalStateException("the configuration was given as text: there is no file to reload");
        }
        return read(file, environment);
    }

    RuntimeConfig parse() throws ConfigProblem {
        return HandlersConfigLoader.parse(file != null ? file.toString() : "handlers.yaml", text, environment);
    }

    Set<String> substitutedValues() {
        return SubstitutedValues.in(text, environment);
    }

    /** @return the SHA-256 of the text's UTF-8 bytes, in hex */
    String hash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
