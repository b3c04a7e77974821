package dev.switchboard.core.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --data DIR}: the data folder, where the SQLite store keeps {@code switchboard.db}. Given,
 * or set in {@code SWITCHBOARD_DATA}, it overrides handlers.yaml's {@code store.path}; otherwise
 * {@code store.path} is used when set, else the installation's {@code data/}.
 */
final class DataOption {

    /** The environment variable that names the data folder when {@code --data} is not given. */
    static final String VARIABLE = "SWITCHBOARD_DATA";

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data folder of the store (default: $" + VARIABLE + ", else store.path, else the"
                    + " installation's data/).")
    Path dir;

    /** @return the folder that overrides {@code store.path}, or null when neither the option nor the variable is set */
    Path overriding() {
        if (dir != null) {
            return dir;
        }
        String variable = System.getenv(VARIABLE);
        return variable == null || variable.isBlank() ? null : Path.of(variable);
    }

    /** @return the installation's data folder, used when nothing else names one */
    Path installationDefault() {
        return Installation.defaultData();
    }
}
