package dev.switchboard.core.cli;

import java.nio.file.Path;

/**
 * Where the unpacked distribution lives: the launcher passes it as {@code -Dswitchboard.home};
 * without it (in an IDE), the current directory.
 */
final class Installation {

    private Installation() {
    }

    static Path home() {
        String home = System.getProperty("switchboard.home");
        return Path.of(home == null || home.isBlank() ? "." : home);
    }

    static Path defaultConfig() {
        return home().resolve("conf").resolve("handlers.yaml");
    }

    static Path defaultData() {
        return home().resolve("data");
    }

    static Path defaultPlugins() {
        return home().resolve("plugins");
    }
}
