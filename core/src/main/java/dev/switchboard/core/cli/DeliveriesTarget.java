package dev.switchboard.core.cli;

import dev.switchboard.core.StoreLocation;
import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.config.HandlersConfigLoader;
import dev.switchboard.core.config.RuntimeConfig;
import dev.switchboard.core.server.DeliveryJson;
import dev.switchboard.core.store.DeliveryStore;
import dev.switchboard.core.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where {@code deliveries} and {@code replay} find the deliveries: through a running runtime's API
 * ({@code --url}, with {@code --api-key} or {@code SWITCHBOARD_API_KEY}), or in a stopped
 * runtime's store, found as {@code run} finds it: {@code --data DIR}, else {@code SWITCHBOARD_DATA},
 * else handlers.yaml's {@code store.path}, else the installation's {@code data/}. That handlers.yaml
 * ({@code --config}) also gives the redaction of the events shown, as the runtime's API applies it.
 * With the PostgreSQL store ({@code --config} naming it) they work on the database the runtimes
 * share, while they run.
 */
final class DeliveriesTarget {

    static final String API_KEY_VARIABLE = "SWITCHBOARD_API_KEY";

    @Option(names = "--url", paramLabel = "URL",
            description = "A running runtime's address, e.g. http://127.0.0.1:8080/ (instead of --data).")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "One of its server.api_keys, with --url (default: env SWITCHBOARD_API_KEY; "
                    + "prefer the variable, the command line is visible to other users).")
    String apiKey;

    @Mixin
    DataOption data;

    @Mixin
    ConfigOption config;

    /**
     * @return the client for where the options point
     * @throws ConfigProblem when a stopped runtime's handlers.yaml cannot be read
     * @throws UsageError for options that do not go together, or a store that cannot be opened
     */
    DeliveriesClient open() throws ConfigProblem {
        return open(false);
    }

    /**
     * As {@link #open()}, to change a handler's state, which running runtimes hold: not in the
     * PostgreSQL database they share, only through the API of one of them.
     */
    DeliveriesClient openToEnable() throws ConfigProblem {
        return open(true);
    }

    private DeliveriesClient open(boolean handlerStates) throws ConfigProblem {
        if (url != null) {
            if (data.dir != null || config.file != null) {
                throw new UsageError("--url reaches a running runtime; --data and --config are for a stopped one's"
                        + " folder: give one or the other");
            }
            String key = apiKey != null ? apiKey : System.getenv(API_KEY_VARIABLE);
            return new RemoteDeliveries(RemoteDeliveries.baseUri(url), key == null || key.isBlank() ? null : key);
        }
        if (apiKey != null) {
            throw new UsageError("--api-key goes with --url (a running runtime's API)");
        }
        Path configFile = config.fileOrDefault();
        RuntimeConfig runtimeConfig = HandlersConfigLoader.load(configFile, System.getenv());
        Path overriding = data.overriding();
        if (data.dir != null && !Files.isDirectory(data.dir)) {
            throw new UsageError("--data " + data.dir + ": " + (Files.exists(data.dir) ? "not a folder" : "no such folder"));
        }
        Optional<String> database = StoreLocation.postgresDatabase(runtimeConfig);
        if (database.isPresent()) {
            if (data.dir != null) {
                throw new UsageError("--data " + data.dir + ": " + configFile + " keeps deliveries in PostgreSQL ("
                        + database.get() + "), not in a data folder: give --config alone, or --url");
            }
            if (handlerStates) {
                throw new UsageError("the runtimes on PostgreSQL (" + database.get() + ") enable a handler through"
                        + " the API of any of them: --url http://HOST:PORT/");
            }
            DeliveryStore store;
            try {
                store = StoreLocation.openPostgres(runtimeConfig).orElseThrow();
            } catch (StoreException e) {
                throw new UsageError(e.getMessage());
            }
            return LocalDeliveries.shared(store, DeliveryJson.redaction(runtimeConfig));
        }
        Path file = StoreLocation.sqliteFile(runtimeConfig, overriding, data.installationDefault())
                .orElseThrow(() -> new UsageError(configFile + " keeps deliveries in memory (store: {type: memory}):"
                        + " nothing is on disk; reach the running runtime with --url"));
        return LocalDeliveries.open(file, DeliveryJson.redaction(runtimeConfig));
    }
}
