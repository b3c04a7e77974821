package dev.switchboard.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The runtime's version, which plugins' {@code Plugin-Requires} is checked against. */
public final class RuntimeVersion {

    private static final String VERSION = load();

    private RuntimeVersion() {
    }

    /** @return this build's version, e.g. {@code 0.1.0}; {@code 0.0.0} when the build recorded none */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = RuntimeVersion.class.getResourceAsStream("/switchboard-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "0.0.0");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
