package dev.switchboard.core;

import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.config.RuntimeConfig;
import dev.switchboard.core.store.DeliveryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Where a configuration's runtime keeps its deliveries on disk, by the same rules as
 * {@link Switchboard.Builder#dataDir} and {@link Switchboard.Builder#defaultDataDir}: for commands
 * that open a stopped runtime's store ({@code switchboard deliveries}, {@code switchboard replay}).
 * Thread-safe.
 *
 * @since 0.1
 */
public final class StoreLocation {

    private StoreLocation() {
    }

    /**
     * @param config the loaded configuration, with its {@code store:} section; never null
     * @param dataDir the data folder that overrides {@code store.path} ({@code --data DIR}), or null
     * @param defaultDataDir the data folder used when nothing else names one, or null
     * @return the SQLite file, or empty when the runtime would keep its deliveries in memory or in PostgreSQL
     * @throws ConfigProblem listing every mistake of the {@code store:} section
     * @since 0.1
     */
    public static Optional<Path> sqliteFile(RuntimeConfig config, Path dataDir, Path defaultDataDir)
            throws ConfigProblem {
        StoreSettings settings = StoreSettings.read(config, dataDir, defaultDataDir);
        return settings.type == StoreSettings.Type.SQLITE ? Optional.of(settings.file) : Optional.empty();
    }

    /**
     * @param config the loaded configuration, with its {@code store:} section; never null
     * @return the PostgreSQL database the runtimes share, for messages: its JDBC URL without
     *     parameters and the user, never the password; empty for the SQLite and memory stores
     * @throws ConfigProblem listing every mistake of the {@code store:} section
     * @since 0.1
     */
    public static Optional<String> postgresDatabase(RuntimeConfig config) throws ConfigProblem {
        StoreSettings settings = StoreSettings.read(config, null, null);
        return settings.type == StoreSettings.Type.POSTGRES ? Optional.of(settings.postgres.toString()) : Optional.empty();
    }

    /**
     * Opens the PostgreSQL store the configuration's runtimes share, as a runtime opens it (its
     * schema migrated if older), for commands that list and replay deliveries while the runtimes
     * run. The caller closes it.
     *
     * @param config the loaded configuration, with its {@code store:} section; never null
     * @return the store, or empty for the SQLite and memory stores
     * @throws ConfigProblem listing every mistake of the {@code store:} section
     * @throws dev.switchboard.core.store.StoreException when the database cannot be reached or opened
     * @since 0.1
     */
    public static Optional<DeliveryStore> openPostgres(RuntimeConfig config) throws ConfigProblem {
        StoreSettings settings = StoreSettings.read(config, null, null);
        return settings.type == StoreSettings.Type.POSTGRES
                ? Optional.of(settings.open(config, Clock.systemUTC())) : Optional.empty();
    }
}
