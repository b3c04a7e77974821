package dev.switchboard.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when a secret it configured (a header token, a DSN, an API key, a webhook URL's
 * path) appears in any stdout or stderr line of a Switchboard process it ran. Registered for every
 * test of this module (META-INF/services and junit-platform.properties): {@link Launcher} hands it
 * the output of every runtime process, and each test names its secrets with {@link #secret}; the
 * values of environment variables whose names look secret are taken too.
 */
public final class SecretScan implements BeforeEachCallback, AfterEachCallback {

    /** Environment variables whose values are secrets, by name. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(token|key|secret|password|dsn|webhook).*");

    private static final Set<String> SECRETS = new LinkedHashSet<>();
    private static final Map<Path, String> OUTPUTS = new LinkedHashMap<>();
    private static String runningTest;

    /** Declares values the current test configured that must never be printed. */
    static synchronized void secret(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                SECRETS.add(value);
            }
        }
    }

    /** Declares the values of the secret-looking variables of a runtime process's environment. */
    static synchronized void environment(Map<String, String> env) {
        env.forEach((name, value) -> {
            if (SECRET_NAME.matcher(name).matches()) {
                secret(value);
            }
        });
    }

    /** A file that receives a runtime process's standard output or error. */
    static synchronized void output(Path file, String label) {
        OUTPUTS.put(file, label);
    }

    static synchronized int secretCount() {
        return SECRETS.size();
    }

    /** @return the display name of the test the scan is watching, null between tests */
    static synchronized String runningTest() {
        return runningTest;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
        synchronized (SecretScan.class) {
            runningTest = context.getDisplayName();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> findings;
        synchronized (SecretScan.class) {
            findings = findings(OUTPUTS, SECRETS);
            reset();
            runningTest = null;
        }
        if (!findings.isEmpty()) {
            throw new AssertionError("configured secrets were printed:\n" + String.join("\n", findings));
        }
    }

    private static synchronized void reset() {
        SECRETS.clear();
        OUTPUTS.clear();
    }

    /**
     * @return one line per output line that carries a secret, naming the file, the line and which
     *         secret (by its position and length, never its value)
     */
    static List<String> findings(Map<Path, String> outputs, Set<String> secrets) {
        List<String> findings = new ArrayList<>();
        List<String> ordered = List.copyOf(secrets);
        outputs.forEach((file, label) -> {
            List<String> lines = read(file);
            for (int i = 0; i < lines.size(); i++) {
                for (int s = 0; s < ordered.size(); s++) {
                    if (lines.get(i).contains(ordered.get(s))) {
                        findings.add(label + " (" + file + ") line " + (i + 1) + ": secret #" + (s + 1)
                                + " (" + ordered.get(s).length() + " characters)");
                    }
                }
            }
        });
        return findings;
    }

    private static List<String> read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
