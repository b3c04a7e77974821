package dev.switchboard.core.cli;

import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.config.HandlersConfigLoader;
import dev.switchboard.core.config.RuntimeConfig;
import dev.switchboard.core.server.DeliveryJson;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where {@code deliveries} and {@code replay} find the deliveries: through a running runtime's API
 * ({@code --url}, with {@code --api-key} or {@code SWITCHBOARD_API_KEY}), or in a stopped
 * runtime's data folder ({@code --data DIR}, by default as {@code run}: {@code SWITCHBOARD_DATA},
 * else the installation's {@code data/}), whose handlers.yaml ({@code --config}) gives the redaction
 * of the events shown.
 */
final class DeliveriesTarget {

    static final String API_KEY_VARIABLE = "SWITCHBOARD_API_KEY";
    static final String DATA_VARIABLE = "SWITCHBOARD_DATA";
    static final String DATABASE = "switchboard.db";

    @Option(names = "--url", paramLabel = "URL",
            description = "A running runtime's address, e.g. http://127.0.0.1:8080/ (instead of --data).")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "One of its server.api_keys, with --url (default: env SWITCHBOARD_API_KEY; "
                    + "prefer the variable, the command line is visible to other users).")
    String apiKey;

    @Option(names = "--data", paramLabel = "DIR",
            description = "A stopped runtime's data folder (default: env SWITCHBOARD_DATA, else the installation's data/).")
    Path data;

    @Mixin
    ConfigOption config;

    /**
     * @return the client for where the options point
     * @throws ConfigProblem when a stopped runtime's handlers.yaml cannot be read
     * @throws UsageError for options that do not go together, or a store that cannot be opened
     */
    DeliveriesClient open() throws ConfigProblem {
        if (url != null) {
            if (data != null || config.file != null) {
                throw new UsageError("--url reaches a running runtime; --data and --config are for a stopped one's"
                        + " folder: give one or the other");
            }
            String key = apiKey != null ? apiKey : System.getenv(API_KEY_VARIABLE);
            return new RemoteDeliveries(RemoteDeliveries.baseUri(url), key == null || key.isBlank() ? null : key);
        }
        if (apiKey != null) {
            throw new UsageError("--api-key goes with --url (a running runtime's API)");
        }
        RuntimeConfig runtimeConfig = HandlersConfigLoader.load(config.fileOrDefault(), System.getenv());
        return LocalDeliveries.open(dataDir().resolve(DATABASE), DeliveryJson.redaction(runtimeConfig));
    }

    private Path dataDir() {
        if (data != null) {
            if (!Files.isDirectory(data)) {
                throw new UsageError("--data " + data + ": " + (Files.exists(data) ? "not a folder" : "no such folder"));
            }
            return data;
        }
        String fromEnvironment = System.getenv(DATA_VARIABLE);
        return fromEnvironment != null && !fromEnvironment.isBlank() ? Path.of(fromEnvironment)
                : Installation.home().resolve("data");
    }
}
