package dev.switchboard.core;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.HandlerConfig;
import dev.switchboard.core.config.ConfigErrors;
import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.config.HandlerSpec;
import dev.switchboard.core.config.RuntimeConfig;
import dev.switchboard.core.store.BacklogLimits;
import dev.switchboard.core.store.DeliveryStore;
import dev.switchboard.core.store.MemoryStore;
import dev.switchboard.core.store.PostgresStore;
import dev.switchboard.core.store.SqliteStore;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code store:} section of handlers.yaml, read and checked: which store keeps accepted events
 * until they are delivered, and where. Every mistake is one {@code FILE:LINE:COLUMN: store.KEY:
 * message} line.
 *
 * <pre>
 * store:
 *   type: sqlite          # default; memory keeps everything in this process only (lost on a crash or stop)
 *   path: /var/lib/switchboard/switchboard.db   # default: switchboard.db in the data folder
 *   sync: full            # full survives a power loss; normal survives a crash of the process
 *   retention: 7d         # how long delivered records are kept
 * </pre>
 *
 * <p>Or the shared store of several runtimes:
 *
 * <pre>
 * store:
 *   type: postgres
 *   url: jdbc:postgresql://db.internal:5432/switchboard
 *   user: switchboard
 *   password: ${PGPASSWORD}   # a secret: never printed
 *   lease: 30s                # how long another runtime waits before it takes over a dead one's deliveries
 * </pre>
 */
final class StoreSettings {

    static final String FILE_NAME = "switchboard.db";
    static final List<String> KEYS = List.of("type", "path", "sync", "retention", "url", "user", "password", "lease");
    private static final List<String> SQLITE_KEYS = List.of("path", "sync");
    private static final List<String> POSTGRES_KEYS = List.of("url", "user", "password", "lease");

    enum Type {
        SQLITE, MEMORY, POSTGRES
    }

    final Type type;
    /** The SQLite file; null for the other stores. */
    final Path file;
    final SqliteStore.Sync sync;
    final Duration retention;
    /** The PostgreSQL store's connection; null for the other stores. */
    final Postgres postgres;

    /** Where the PostgreSQL store is; the password is never printed (no toString). */
    static final class Postgres {
        final String url;
        final String user;
        private final String password;
        final Duration lease;

        Postgres(String url, String user, String password, Duration lease) {
            this.url = url;
            this.user = user;
            this.password = password;
            this.lease = lease;
        }

        @Override
        public String toString() {
            return PostgresStore.withoutParameters(url) + (user == null ? "" : " (user " + user + ")");
        }
    }

    private StoreSettings(Type type, Path file, SqliteStore.Sync sync, Duration retention, Postgres postgres) {
        this.type = type;
        this.file = file;
        this.sync = sync;
        this.retention = retention;
        this.postgres = postgres;
    }

    /**
     * @param dataDir the data folder that overrides {@code store.path} ({@code --data DIR}), or null
     * @param defaultDataDir the data folder used when neither {@code dataDir} nor {@code store.path}
     *     is given (the installation's), or null; with none of the three, the store is in memory
     * @throws ConfigProblem listing every mistake of the section
     */
    static StoreSettings read(RuntimeConfig config, Path dataDir, Path defaultDataDir) throws ConfigProblem {
        List<String> problems = new ArrayList<>();
        HandlerConfig section = config.store();
        Supplier<String> none = () -> null;
        for (String key : section.asMap().keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(line(config, key, "unknown key; allowed: " + String.join(", ", KEYS)));
            }
        }
        String typeText = read(config, problems, () -> section.string("type", null), none);
        String pathText = read(config, problems, () -> section.string("path", null), none);
        String syncText = read(config, problems, () -> section.string("sync", "full"), () -> "full");
        Duration retention = read(config, problems, () -> section.duration("retention", SqliteStore.DEFAULT_RETENTION),
                () -> SqliteStore.DEFAULT_RETENTION);

        Type type = Type.SQLITE;
        if (typeText != null) {
            try {
                type = Type.valueOf(typeText.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(line(config, "type", "must be sqlite, memory or postgres"));
            }
        }
        if (type == Type.POSTGRES) {
            for (String key : SQLITE_KEYS) {
                if (section.asMap().containsKey(key)) {
                    problems.add(line(config, key, "applies to the sqlite store only, not to postgres"));
                }
            }
            Postgres postgres = postgres(config, section, problems);
            if (!problems.isEmpty()) {
                throw new ConfigProblem(problems);
            }
            return new StoreSettings(Type.POSTGRES, null, SqliteStore.Sync.FULL, retention, postgres);
        }
        for (String key : POSTGRES_KEYS) {
            if (section.asMap().containsKey(key)) {
                problems.add(line(config, key, "applies to the postgres store only"));
            }
        }
        SqliteStore.Sync sync = SqliteStore.Sync.FULL;
        try {
            sync = SqliteStore.Sync.valueOf(syncText.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(line(config, "sync", "must be full (survives a power loss) or normal (survives a crash of"
                    + " the process)"));
        }
        if (retention.isNegative()) {
            problems.add(line(config, "retention", "must not be negative"));
        }
        Path file = null;
        if (dataDir != null) {
            file = dataDir.resolve(FILE_NAME);
        } else if (pathText != null) {
            try {
                file = Path.of(pathText.strip());
            } catch (InvalidPathException e) {
                problems.add(line(config, "path", "is not a valid path"));
            }
        } else if (defaultDataDir != null) {
            file = defaultDataDir.resolve(FILE_NAME);
        } else if (typeText != null && type == Type.SQLITE) {
            problems.add(line(config, "path", "is needed: this runtime has no data folder (give one with --data DIR)"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigProblem(problems);
        }
        boolean memory = type == Type.MEMORY || file == null;
        return new StoreSettings(memory ? Type.MEMORY : Type.SQLITE, memory ? null : file, sync, retention, null);
    }

    private static Postgres postgres(RuntimeConfig config, HandlerConfig section, List<String> problems) {
        Supplier<String> none = () -> null;
        String url = read(config, problems, () -> section.string("url", null), none);
        String user = read(config, problems, () -> section.string("user", null), none);
        String password = section.asMap().containsKey("password")
                ? read(config, problems, () -> section.secret("password"), none) : null;
        Duration lease = read(config, problems, () -> section.duration("lease", PostgresStore.DEFAULT_LEASE),
                () -> PostgresStore.DEFAULT_LEASE);
        if (url == null) {
            if (problems.stream().noneMatch(problem -> problem.contains("store.url"))) {
                problems.add(line(config, "url", "is needed for type postgres, e.g."
                        + " jdbc:postgresql://db.internal:5432/switchboard"));
            }
        } else if (!url.strip().startsWith("jdbc:postgresql://")) {
            problems.add(line(config, "url", "must be a PostgreSQL JDBC URL: jdbc:postgresql://HOST[:PORT]/DATABASE"));
        }
        if (lease.toMillis() < 1_000) {
            problems.add(line(config, "lease", "must be at least 1s (it is renewed every third of it)"));
        }
        return new Postgres(url == null ? null : url.strip(), user, password, lease);
    }

    /** Each handler's {@code queue_capacity} is its backlog limit in the store. */
    static BacklogLimits limits(RuntimeConfig config) {
        Map<String, Long> perHandler = new HashMap<>();
        for (HandlerSpec spec : config.handlers()) {
            perHandler.put(spec.name(), (long) spec.queueCapacity());
        }
        return new BacklogLimits(BacklogLimits.DEFAULT_LIMIT, perHandler);
    }

    /** @throws dev.switchboard.core.store.StoreException when the SQLite file or the database cannot be opened */
    DeliveryStore open(RuntimeConfig config, Clock clock) {
        return switch (type) {
            case MEMORY -> new MemoryStore(clock, limits(config));
            case SQLITE -> SqliteStore.at(file).sync(sync).retention(retention).clock(clock).limits(limits(config))
                    .open();
            case POSTGRES -> PostgresStore.at(postgres.url).user(postgres.user).password(postgres.password)
                    .lease(postgres.lease).retention(retention).clock(clock).limits(limits(config)).open();
        };
    }

    boolean durable() {
        return type != Type.MEMORY;
    }

    /** @return e.g. {@code the SQLite store data/switchboard.db (sync full)}, for log lines; never a password */
    String describe() {
        return switch (type) {
            case SQLITE -> "the SQLite store " + file + " (sync " + sync.name().toLowerCase(Locale.ROOT) + ")";
            case POSTGRES -> "the PostgreSQL store " + postgres;
            case MEMORY -> "the memory store (nothing pending survives a stop or a crash)";
        };
    }

    private static <T> T read(RuntimeConfig config, List<String> problems, Supplier<T> getter, Supplier<T> fallback) {
        try {
            return getter.get();
        } catch (ConfigException e) {
            problems.add(ConfigErrors.forStore(config, e));
            return fallback.get();
        }
    }

    private static String line(RuntimeConfig config, String key, String message) {
        return ConfigErrors.forStore(config, new ConfigException(key, message));
    }
}
