package dev.switchboard.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.RedactSettings;
import dev.switchboard.core.event.EventJson;
import dev.switchboard.core.sessions.KeptEvents;
import dev.switchboard.core.sessions.SessionLimits;
import dev.switchboard.core.sessions.Sessions;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared store (handlers.yaml {@code store: {type: postgres, url: …}}): several runtimes on one
 * PostgreSQL database share its events, deliveries, dead letters and sessions. An accepted event is
 * committed before {@link #accept} returns. Each runtime claims due deliveries in batches with
 * {@code FOR UPDATE SKIP LOCKED} and a lease ({@code lease_owner}, {@code lease_until}) that it renews
 * while it works; a lease that expires (its runtime died or hangs) is claimed by another runtime,
 * which delivers the delivery again with the same delivery and event ids (the same
 * {@code webhook-id}). While both are alive, no delivery is handed out by two runtimes. A runtime
 * that closes releases the deliveries it still holds, and they are due at once for the others.
 *
 * <p>Writes go through one writer thread per runtime with group commit, as in {@link SqliteStore};
 * a commit that makes deliveries due notifies the other runtimes ({@code LISTEN/NOTIFY}), which also
 * poll at a bounded interval. Connections come from a HikariCP pool, which replaces connections lost
 * with the server: while the server is unreachable, accepts and settles fail with a
 * {@link StoreException}, and succeed again once it is back. Times are the runtimes' clocks, to the
 * millisecond: their clocks must agree (NTP) to well within the lease. Thread-safe.
 *
 * <p>Backlog limits count the shared backlog: each runtime reads it again with every lease renewal,
 * and counts its own accepts and settles in between.
 *
 * @since 0.1
 */
public final class PostgresStore implements SessionStore {

    /** The default lease of a claimed delivery, renewed every third of it. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);

    private final String database;
    private final Clock clock;
    private final Duration retention;
    private final Duration lease;
    private final int claimBatch;
    private final Duration pollInterval;
    private final int pruneBatch;
    private final String owner;
    private final HikariDataSource pool;
    private final Backlogs backlogs;
    /** Accepts whose room is taken and which are not committed yet, by handler: not in the database's count. */
    private final ConcurrentHashMap<String, AtomicLong> uncommitted = new ConcurrentHashMap<>();
    private final PostgresReader reader;
    private final PostgresWriter writer;
    private final PostgresDeadLetters deadLetters;
    private final PostgresHandlerStates handlerStates;
    private final PostgresDeliveries deliveries;
    private final ConcurrentHashMap<String, PostgresQueue> queues = new ConcurrentHashMap<>();
    private final PostgresListener listener;
    private final ScheduledExecutorService renewer;
    private volatile SessionLimits sessionLimits = SessionLimits.DEFAULTS;
    private volatile boolean closed;

    private PostgresStore(Builder builder, HikariDataSource pool) {
        this.database = PostgresFaults.describe(builder.url);
        this.clock = builder.clock;
        this.retention = builder.retention;
        this.lease = builder.lease;
        this.claimBatch = builder.claimBatch;
        this.pollInterval = builder.pollInterval;
        this.pruneBatch = builder.pruneBatch;
        this.owner = builder.owner != null ? builder.owner : defaultOwner();
        this.pool = pool;
        this.backlogs = new Backlogs(builder.limits);
        this.reader = new PostgresReader(database, pool);
        this.writer = new PostgresWriter(database, pool, owner, builder.maxBatch);
        this.deadLetters = new PostgresDeadLetters(this, clock, writer);
        this.handlerStates = new PostgresHandlerStates(this, reader, writer);
        this.deliveries = new PostgresDeliveries(this, reader);
        storedBacklogs().forEach(backlogs::add);
        this.listener = new PostgresListener(() -> connect(builder), this::handlerDue, this::everyHandlerDue);
        this.renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "switchboard-store-leases");
            thread.setDaemon(true);
            return thread;
        });
        long every = builder.renewEvery != null ? builder.renewEvery.toMillis() : Math.max(1, lease.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renewQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * @param url the JDBC URL, {@code jdbc:postgresql://HOST[:PORT]/DATABASE}
     * @return a builder for a store on that database
     */
    public static Builder at(String url) {
        return new Builder(url);
    }

    private static String defaultOwner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public CompletableFuture<Void> acceptAsync(WorkflowEvent event, List<String> handlers, InputPosition position,
            Runnable beforeVisible) throws StoreFullException {
        List<String> targets = Backlogs.targets(event, handlers);
        checkOpen();
        String body = EventJson.write(event);
        Instant now = clock.instant();
        backlogs.reserve(targets);
        targets.forEach(handler -> uncommitted(handler).incrementAndGet());
        try {
            beforeVisible.run();
            return writer.submit(new PostgresWriter.Write() {
                @Override
                public void apply(PostgresTransaction transaction) {
                    transaction.accept(event, body, now, targets, position);
                }

                @Override
                public void committed() {
                    targets.forEach(handler -> uncommitted(handler).decrementAndGet());
                    targets.forEach(handler -> postgresQueue(handler).databaseChanged());
                }

                @Override
                public void failed() {
                    targets.forEach(handler -> uncommitted(handler).decrementAndGet());
                    backlogs.release(targets);
                }
            });
        } catch (RuntimeException e) {
            targets.forEach(handler -> uncommitted(handler).decrementAndGet());
            backlogs.release(targets);
            throw e;
        }
    }

    private AtomicLong uncommitted(String handler) {
        return uncommitted.computeIfAbsent(handler, name -> new AtomicLong());
    }

    @Override
    public Optional<InputPosition> inputPosition(String source) {
        checkOpen();
        return reader.query("SELECT byte_offset, line FROM inputs WHERE source = ?", List.of(source),
                row -> new InputPosition(source, row.getLong(1), row.getLong(2))).stream().findFirst();
    }

    @Override
    public Map<String, Long> backlogs() {
        return backlogs.snapshot();
    }

    @Override
    public void checkWritable() {
        checkOpen();
        writer.await(transaction -> {
            try (PreparedStatement touch = transaction.connection().prepareStatement(
                    "UPDATE schema_version SET version = version")) {
                touch.executeUpdate();
            }
        });
    }

    @Override
    public HandlerQueue queue(String handler) {
        return postgresQueue(handler);
    }

    PostgresQueue postgresQueue(String handler) {
        Objects.requireNonNull(handler, "handler");
        return queues.computeIfAbsent(handler,
                name -> new PostgresQueue(name, this, clock, backlogs, writer, reader, claimBatch, pollInterval));
    }

    @Override
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    @Override
    public HandlerStates handlerStates() {
        return handlerStates;
    }

    @Override
    public Deliveries deliveries() {
        return deliveries;
    }

    /**
     * Prunes a small batch of delivered deliveries older than the retention, of events left with none,
     * and of sessions beyond the rules of {@link #sessions}. Rows another runtime is pruning at the same
     * moment are skipped.
     */
    @Override
    public int prune() {
        checkOpen();
        Instant now = clock.instant();
        long cutoff = now.minus(retention).toEpochMilli();
        SessionLimits rules = sessionLimits;
        int[] removed = new int[1];
        writer.await(transaction -> {
            Connection connection = transaction.connection();
            removed[0] = update(connection, "DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries"
                    + " WHERE state = 'delivered' AND updated_at < ? LIMIT ? FOR UPDATE SKIP LOCKED)", cutoff, pruneBatch)
                    + update(connection, "DELETE FROM events WHERE id IN (SELECT e.id FROM events e WHERE"
                    + " e.accepted_at < ? AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id)"
                    + " LIMIT ? FOR UPDATE SKIP LOCKED)", cutoff, pruneBatch)
                    + update(connection, "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions"
                    + " WHERE updated_at < ? LIMIT ? FOR UPDATE SKIP LOCKED)",
                    now.minus(rules.maxAge()).toEpochMilli(), pruneBatch)
                    + update(connection, "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions"
                    + " ORDER BY updated_at DESC, first_event DESC LIMIT ? OFFSET ? FOR UPDATE SKIP LOCKED)",
                    pruneBatch, rules.maxSessions());
        });
        return removed[0];
    }

    private static int update(Connection connection, String sql, long first, long second) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, first);
            statement.setLong(2, second);
            return statement.executeUpdate();
        }
    }

    /**
     * The workflow sessions of every runtime on this database, by the rules of
     * {@link SqliteStore#sessions}.
     */
    @Override
    public Sessions sessions(SessionLimits limits, RedactSettings redact) {
        checkOpen();
        Objects.requireNonNull(limits, "limits");
        sessionLimits = limits;
        return new PostgresSessions(this, reader, writer, clock, limits,
                new KeptEvents(redact, limits.maxEventBytes()));
    }

    /**
     * @param url a JDBC URL
     * @return the URL without its parameters (which may hold a password), fit for a log line
     */
    public static String withoutParameters(String url) {
        return PostgresFaults.describe(url);
    }

    /** @return the database's URL without parameters, for log lines */
    public String database() {
        return database;
    }

    /** @return the name this runtime's leases carry in {@code lease_owner} */
    public String owner() {
        return owner;
    }

    Duration leaseDuration() {
        return lease;
    }

    /**
     * Extends the leases of every delivery this runtime holds (one statement) and reads the shared
     * backlogs again. Runs every third of the lease.
     */
    void renewLeases() {
        long until = clock.instant().plus(lease).toEpochMilli();
        Long[] held = queues.values().stream().flatMap(queue -> queue.held().stream()).toArray(Long[]::new);
        if (held.length > 0) {
            reader.change(connection -> {
                try (PreparedStatement renew = connection.prepareStatement("UPDATE deliveries SET lease_until = ?"
                        + " WHERE id = ANY (?) AND state = 'in_flight' AND lease_owner = ?")) {
                    renew.setLong(1, until);
                    renew.setArray(2, connection.createArrayOf("bigint", held));
                    renew.setString(3, owner);
                    return renew.executeUpdate();
                }
            });
        }
        Map<String, Long> stored = storedBacklogs();
        Set<String> handlers = new HashSet<>(stored.keySet());
        handlers.addAll(backlogs.handlers());
        for (String handler : handlers) {
            backlogs.set(handler, stored.getOrDefault(handler, 0L) + uncommitted(handler).get());
        }
    }

    private void renewQuietly() {
        try {
            renewLeases();
        } catch (RuntimeException e) {
            LOG.warn("could not renew this runtime's leases: {}", e.getMessage());
        }
    }

    private Map<String, Long> storedBacklogs() {
        Map<String, Long> counts = new HashMap<>();
        reader.query("SELECT handler, count(*) FROM deliveries WHERE state IN ('pending', 'in_flight')"
                + " GROUP BY handler", List.of(), row -> counts.put(row.getString(1), row.getLong(2)));
        return counts;
    }

    private void handlerDue(String handler) {
        PostgresQueue queue = queues.get(handler);
        if (queue != null) {
            queue.databaseChanged();
        }
    }

    private void everyHandlerDue() {
        queues.values().forEach(PostgresQueue::databaseChanged);
    }

    Backlogs backlogCounts() {
        return backlogs;
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the delivery store is closed");
        }
    }

    /**
     * Stops the store: waiting takers fail, queued writes commit, and the deliveries this runtime
     * still holds (claimed and not handed out, or handed out and not settled) are released: pending
     * again, due at once for the other runtimes.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        queues.values().forEach(PostgresQueue::wakeAll);
        renewer.shutdownNow();
        listener.close();
        try {
            writer.close();
            releaseLeases();
        } finally {
            pool.close();
        }
    }

    private void releaseLeases() {
        try {
            int released = reader.change(connection -> {
                try (PreparedStatement release = connection.prepareStatement("WITH released AS (UPDATE deliveries"
                        + " SET state = 'pending', lease_owner = NULL, lease_until = NULL WHERE state = 'in_flight'"
                        + " AND lease_owner = ? RETURNING handler) SELECT handler, pg_notify(?, handler) FROM"
                        + " (SELECT DISTINCT handler FROM released) h")) {
                    release.setString(1, owner);
                    release.setString(2, PostgresListener.CHANNEL);
                    int handlers = 0;
                    try (var rows = release.executeQuery()) {
                        while (rows.next()) {
                            handlers++;
                        }
                    }
                    return handlers;
                }
            });
            if (released > 0) {
                LOG.info("released the deliveries this runtime still held ({} handlers) to the other runtimes",
                        released);
            }
        } catch (StoreException e) {
            LOG.warn("could not release this runtime's leases ({}); other runtimes claim them when they expire",
                    e.getMessage());
        }
    }

    /**
     * For tests: stops as a killed process would, releasing nothing and renewing no lease again.
     */
    void halt() {
        closed = true;
        queues.values().forEach(PostgresQueue::wakeAll);
        renewer.shutdownNow();
        listener.close();
        pool.close();
        writer.close();
    }

    private static Connection connect(Builder builder) throws SQLException {
        Properties properties = new Properties();
        if (builder.user != null) {
            properties.setProperty("user", builder.user);
        }
        if (builder.password != null) {
            properties.setProperty("password", builder.password);
        }
        return DriverManager.getConnection(builder.url, properties);
    }

    private static PostgresStore open(Builder builder) {
        String database = PostgresFaults.describe(builder.url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(builder.url);
        config.setUsername(builder.user);
        config.setPassword(builder.password);
        config.setMaximumPoolSize(builder.poolSize);
        config.setPoolName("switchboard-store");
        // An unreachable server fails an accept within seconds (503), not after the default 30 s.
        config.setConnectionTimeout(builder.connectTimeout.toMillis());
        config.setValidationTimeout(Math.min(builder.connectTimeout.toMillis(), 2_000));
        config.setInitializationFailTimeout(1);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() instanceof SQLException sql ? sql : e;
            throw PostgresFaults.describe(database, cause instanceof Exception ex ? ex : e);
        }
        try {
            try (Connection connection = pool.getConnection()) {
                connection.setAutoCommit(false);
                PostgresSchema.migrate(connection, database);
            }
            return new PostgresStore(builder, pool);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw PostgresFaults.describe(database, e);
        }
    }

    /**
     * Configures a {@link PostgresStore} before it is opened. Not thread-safe; use once.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final String url;
        private String user;
        private String password;
        private Clock clock = Clock.systemUTC();
        private BacklogLimits limits = BacklogLimits.of(BacklogLimits.DEFAULT_LIMIT);
        private Duration retention = SqliteStore.DEFAULT_RETENTION;
        private Duration lease = DEFAULT_LEASE;
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private int claimBatch = 16;
        private int maxBatch = 1_024;
        private int pruneBatch = 500;
        private int poolSize = 8;
        private String owner;
        private Duration renewEvery;

        private Builder(String url) {
            this.url = Objects.requireNonNull(url, "url");
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("a PostgreSQL URL starts with jdbc:postgresql:");
            }
        }

        /** @param value the database user, or null for the driver's default @return this builder */
        public Builder user(String value) {
            this.user = value;
            return this;
        }

        /** @param value the user's password, or null; never logged @return this builder */
        public Builder password(String value) {
            this.password = value;
            return this;
        }

        /** @param value the clock due times, leases and ages are read from @return this builder */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** @param value each handler's backlog limit, default 1,000,000 @return this builder */
        public Builder limits(BacklogLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /** @param value how long delivered records are kept, default 7 days @return this builder */
        public Builder retention(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("retention must not be negative");
            }
            this.retention = value;
            return this;
        }

        /**
         * @param value how long a claimed delivery stays leased without renewal, default 30 s: how long
         *     the deliveries of a runtime that died wait before another runtime claims them
         * @return this builder
         */
        public Builder lease(Duration value) {
            if (value.toMillis() < 3) {
                throw new IllegalArgumentException("a lease must be at least 3 ms");
            }
            this.lease = value;
            return this;
        }

        /** How many deliveries of one handler one claim takes at most. */
        Builder claimBatch(int value) {
            this.claimBatch = value;
            return this;
        }

        /** How long an idle queue waits at most before it asks the database again. */
        Builder pollInterval(Duration value) {
            this.pollInterval = value;
            return this;
        }

        /** How long a write waits at most for a connection. */
        Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /** How many connections the pool keeps at most. */
        Builder poolSize(int value) {
            this.poolSize = value;
            return this;
        }

        /** The name of this runtime's leases (default: host, process id and a random part). */
        Builder owner(String value) {
            this.owner = value;
            return this;
        }

        /** How often leases are renewed (default: every third of the lease); tests renew by hand. */
        Builder renewEvery(Duration value) {
            this.renewEvery = value;
            return this;
        }

        /** How many rows of each table one prune removes at most. */
        Builder pruneBatch(int value) {
            this.pruneBatch = value;
            return this;
        }

        /**
         * Opens the store: connects, and creates or migrates the schema (one runtime at a time).
         *
         * @return the open store
         * @throws StoreException when the database cannot be reached, refuses the user, or has a
         *     schema written by a newer version
         */
        public PostgresStore open() {
            return PostgresStore.open(this);
        }
    }
}
