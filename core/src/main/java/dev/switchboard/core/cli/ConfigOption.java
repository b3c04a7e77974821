package dev.switchboard.core.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by run and validate. */
final class ConfigOption {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "handlers.yaml to use (default: the installation's conf/handlers.yaml).")
    Path file;

    Path fileOrDefault() {
        return file != null ? file : Installation.defaultConfig();
    }
}
