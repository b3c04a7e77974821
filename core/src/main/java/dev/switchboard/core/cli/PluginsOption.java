package dev.switchboard.core.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --plugins DIR}, shared by every command. */
final class PluginsOption {

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Folder of plugin JARs (default: the installation's plugins/).")
    Path dir;

    /**
     * @return the folder given, or the installation's (which may be missing: then there are no plugins)
     * @throws UsageError when a folder given with {@code --plugins} does not exist, rather than
     *         running as if no plugin were installed
     */
    Path dirOrDefault() {
        if (dir == null) {
            return Installation.defaultPlugins();
        }
        if (!Files.isDirectory(dir)) {
            throw new UsageError("--plugins " + dir + ": " + (Files.exists(dir) ? "not a folder" : "no such folder"));
        }
        return dir;
    }
}
