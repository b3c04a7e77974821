package dev.switchboard.core.plugin;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;

/** Where a class was loaded from, to name the JAR of a built-in factory in a message. */
final class CodeSources {

    private CodeSources() {
    }

    /** @return the JAR or folder of the class path that holds it, or null when unknown */
    static Path of(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            // A location that is not a file (a custom loader's URL) names nothing useful.
            return null;
        }
    }
}
