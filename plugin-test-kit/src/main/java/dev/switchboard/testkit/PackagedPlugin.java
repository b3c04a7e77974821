package dev.switchboard.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The plugin JAR a bundled plugin's module packaged, for its integration tests: failsafe names it
 * in the system property {@code plugin.jar} (see {@code plugins/pom.xml}).
 */
public final class PackagedPlugin {

    private PackagedPlugin() {
    }

    /** @return the packaged JAR */
    public static Path jar() {
        String jar = System.getProperty("plugin.jar");
        if (jar == null) {
            throw new IllegalStateException("system property plugin.jar is not set: run this test"
                    + " with failsafe after package (mvn verify), as plugins/pom.xml does");
        }
        return Path.of(jar);
    }

    /**
     * Installs the packaged JAR as a user does: copied into a {@code plugins} folder.
     *
     * @param dir a folder the test owns, usually its {@code @TempDir}
     * @return {@code dir/plugins}, holding the JAR
     */
    public static Path installIn(Path dir) throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = jar();
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        return plugins;
    }
}
