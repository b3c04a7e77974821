package dev.switchboard.core.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --plugins DIR}, shared by every command. */
final class PluginsOption {

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Folder of plugin JARs (default: the installation's plugins/).")
    Path dir;

    Path dirOrDefault() {
        return dir != null ? dir : Installation.defaultPlugins();
    }
}
