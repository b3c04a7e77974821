package dev.switchboard.core.plugin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A plugin JAR, or one provider in it, that could not be used and was skipped.
 *
 * @param jar the plugin JAR as found in the plugins folder; null for the host class path
 * @param className the provider (or {@code Plugin-Class}) that failed; null when the whole JAR
 *     failed
 * @param reason why, in one line
 * @since 0.1
 */
public record PluginFailure(Path jar, String className, String reason) {

    /** Checks that there is a reason. */
    public PluginFailure {
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * @return the one-line form, e.g.
     *     {@code plugins/bad.jar: provider com.x.BadFactory: no public no-argument constructor}
     */
    @Override
    public String toString() {
        String where = jar == null ? "host class path" : jar.toString();
        return className == null
                ? where + ": " + reason
                : where + ": provider " + className + ": " + reason;
    }
}
