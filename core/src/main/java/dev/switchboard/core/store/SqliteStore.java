package dev.switchboard.core.store;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.RedactSettings;
import dev.switchboard.core.event.EventJson;
import dev.switchboard.core.sessions.KeptEvents;
import dev.switchboard.core.sessions.SessionLimits;
import dev.switchboard.core.sessions.Sessions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded, durable store (handlers.yaml {@code store: {type: sqlite}}, the default): one
 * SQLite file in WAL mode, in the data folder. An accepted event is committed to disk before
 * {@link #accept} returns; from then on each delivery is delivered or dead-lettered, whatever
 * happens to the process. Deliveries leased when the process died are pending again on the next
 * open (at-least-once); retry times survive.
 *
 * <p>One writer thread commits in groups: the accepts and settles that arrive while a commit runs
 * share the next transaction and its sync to disk. Only a bounded window of each handler's due
 * deliveries is in memory; the backlog stays on disk.
 *
 * <p>A second store on the same file fails at open (a lock file beside the database). A file that
 * is not a readable SQLite database fails at open with one {@link StoreException} naming it, and is
 * never overwritten. Times are kept to the millisecond; a due time between two milliseconds is
 * rounded up, so a delivery is never handed out early. Thread-safe.
 *
 * <pre>{@code
 * try (SqliteStore store = SqliteStore.at(Path.of("data/switchboard.db")).sync(Sync.FULL).open()) { … }
 * }</pre>
 *
 * @since 0.1
 */
public final class SqliteStore implements SessionStore {

    /** The default retention of delivered records. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);

    /** How hard a commit pushes to disk ({@code store.sync} in handlers.yaml). */
    public enum Sync {
        /**
         * A commit survives a power loss (the default): no write is acknowledged before the
         * write-ahead log holding it is synced to disk. With group commit the sync runs beside the
         * writer, one for every transaction committed while the last one ran; without it ({@code
         * maxBatch} 1), SQLite syncs each commit itself ({@code PRAGMA synchronous=FULL}).
         */
        FULL,
        /** {@code PRAGMA synchronous=NORMAL}: a commit survives a crash of the process, perhaps not a power loss. */
        NORMAL
    }

    private final Path file;
    private final Sync sync;
    private final Clock clock;
    private final Duration retention;
    private final int windowSize;
    private final int pruneBatch;
    private final Backlogs backlogs;
    private final AutoCloseable lock;
    private final SqliteReader reader;
    private final SqliteWriter writer;
    private final SqliteDeadLetters deadLetters;
    private final SqliteDeliveries deliveries;
    private final SqliteHandlerStates handlerStates;
    private final ConcurrentHashMap<String, SqliteQueue> queues = new ConcurrentHashMap<>();
    private final List<SqliteSessions> sessionViews = new CopyOnWriteArrayList<>();
    /** The retention rules of the sessions table, applied by {@link #prune()}. */
    private volatile SessionLimits sessionLimits = SessionLimits.DEFAULTS;
    private volatile boolean closed;

    private SqliteStore(Builder builder, AutoCloseable lock, SqliteReader reader, SqliteWriter writer) {
        this.file = builder.file;
        this.sync = builder.sync;
        this.clock = builder.clock;
        this.retention = builder.retention;
        this.windowSize = builder.windowSize;
        this.pruneBatch = builder.pruneBatch;
        this.backlogs = new Backlogs(builder.limits);
        this.lock = lock;
        this.reader = reader;
        this.writer = writer;
        this.deadLetters = new SqliteDeadLetters(this, clock, reader, writer);
        this.deliveries = new SqliteDeliveries(this, reader);
        this.handlerStates = new SqliteHandlerStates(this, reader, writer);
        reader.backlogs().forEach(backlogs::add);
    }

    /**
     * @param file the database file (the runtime's default is {@code data/switchboard.db}); its
     *     folder is created when missing
     * @return a builder for a store on that file
     */
    public static Builder at(Path file) {
        return new Builder(file);
    }

    @Override
    public CompletableFuture<Void> acceptAsync(WorkflowEvent event, List<String> handlers, InputPosition position,
            Runnable beforeVisible) throws StoreFullException {
        List<String> targets = Backlogs.targets(event, handlers);
        checkOpen();
        String body = EventJson.write(event);
        Instant now = clock.instant();
        backlogs.reserve(targets);
        try {
            beforeVisible.run();
            return writer.submit(new SqliteWriter.Write() {
                private final long[] ids = new long[targets.size()];

                @Override
                public void apply(SqliteStatements statements) throws SQLException {
                    statements.insertEvent(event, body, now);
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = statements.insertDelivery(event.id(), targets.get(i), now);
                    }
                    if (position != null) {
                        statements.inputPosition(position, now);
                    }
                }

                @Override
                public void committed() {
                    // As the rows read back would be: times to the millisecond.
                    Instant stored = Instant.ofEpochMilli(now.toEpochMilli());
                    for (int i = 0; i < ids.length; i++) {
                        String handler = targets.get(i);
                        sqliteQueue(handler).accepted(new StoredDelivery(ids[i], event, handler, 0, stored, null, stored));
                    }
                }

                @Override
                public void failed() {
                    backlogs.release(targets);
                }
            });
        } catch (RuntimeException e) {
            backlogs.release(targets);
            throw e;
        }
    }

    @Override
    public Optional<InputPosition> inputPosition(String source) {
        checkOpen();
        return reader.inputPosition(source);
    }

    @Override
    public Map<String, Long> backlogs() {
        return backlogs.snapshot();
    }

    @Override
    public void checkWritable() {
        checkOpen();
        writer.await(SqliteStatements::touch);
    }

    @Override
    public HandlerQueue queue(String handler) {
        return sqliteQueue(handler);
    }

    SqliteQueue sqliteQueue(String handler) {
        Objects.requireNonNull(handler, "handler");
        return queues.computeIfAbsent(handler,
                name -> new SqliteQueue(name, this, clock, backlogs, writer, reader, windowSize));
    }

    @Override
    public HandlerStates handlerStates() {
        return handlerStates;
    }

    @Override
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    @Override
    public Deliveries deliveries() {
        return deliveries;
    }

    /**
     * Prunes delivered deliveries older than the retention (and events left with none), and sessions
     * beyond the rules of {@link #sessions}, a small batch of each.
     */
    @Override
    public int prune() {
        checkOpen();
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention);
        SessionLimits rules = sessionLimits;
        int[] removed = new int[1];
        writer.await(statements -> removed[0] = statements.prune(cutoff, pruneBatch)
                + statements.pruneSessions(now.minus(rules.maxAge()), rules.maxSessions(), pruneBatch));
        return removed[0];
    }

    /**
     * The workflow sessions this store has seen, read from it: they survive a restart and agree with
     * what was delivered. Every accepted event with a session id counts in its session, in the
     * transaction that stores it; the status follows {@link dev.switchboard.core.sessions.SessionStatus#after}.
     *
     * <p>The limits become the store's retention rules for sessions (until the next call; before the
     * first, {@link SessionLimits#DEFAULTS}): at most {@code maxSessions} sessions are shown (those
     * most recently updated) and kept, a session not updated for {@code maxAge} is neither shown nor
     * kept, a session shows its last {@code maxEventsPerSession} events (their rows stay for the
     * deliveries, until the store's retention), and of each event's data (redacted by
     * {@code redact}) at most {@code maxEventBytes}. {@code maxBytes} does not apply: nothing of the
     * view is held in memory.
     *
     * @param limits the rules above
     * @param redact what is removed or masked from each event's data before it is shown
     * @return the sessions, on a read connection of their own that {@link #close()} closes
     * @throws StoreException when the database cannot be opened for reading
     * @throws IllegalStateException when the store is closed
     * @since 0.1
     */
    @Override
    public synchronized Sessions sessions(SessionLimits limits, RedactSettings redact) {
        checkOpen();
        Objects.requireNonNull(limits, "limits");
        Connection reading;
        try {
            reading = SqliteFiles.connect(file, sync);
        } catch (SQLException e) {
            throw SqliteFaults.describe(file, e);
        }
        SqliteSessions view = new SqliteSessions(this, file, reading, writer, clock, limits,
                new KeptEvents(redact, limits.maxEventBytes()));
        sessionViews.add(view);
        sessionLimits = limits;
        return view;
    }

    /** @return the database file */
    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        queues.values().forEach(SqliteQueue::wakeAll);
        try {
            writer.close();
        } finally {
            sessionViews.forEach(SqliteFiles::closeQuietly);
            SqliteFiles.closeQuietly(reader);
            SqliteFiles.closeQuietly(lock);
        }
    }

    /**
     * @param handler a handler's name, or null for every handler
     * @return the deliveries this process has leased and not settled (by id, with when each was
     *     leased): the store's deliveries in flight, which their rows show as pending
     */
    Map<Long, Instant> leased(String handler) {
        if (handler != null) {
            SqliteQueue queue = queues.get(handler);
            return queue == null ? Map.of() : queue.leased();
        }
        Map<Long, Instant> leased = new HashMap<>();
        queues.values().forEach(queue -> leased.putAll(queue.leased()));
        return leased;
    }

    Backlogs backlogCounts() {
        return backlogs;
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the delivery store is closed");
        }
    }

    private static SqliteStore open(Builder builder) {
        Path file = builder.file;
        AutoCloseable lock = SqliteFiles.lock(file);
        Connection writing = null;
        SqliteReader reader = null;
        try {
            SqliteFiles.checkHeader(file);
            boolean syncBesideWriter = builder.sync == Sync.FULL && builder.maxBatch > 1;
            Sync sqliteSync = syncBesideWriter ? Sync.NORMAL : builder.sync;
            writing = SqliteFiles.connect(file, sqliteSync);
            SqliteSchema.migrate(writing, file, SqliteSchema.latest());
            resumeLeased(writing);
            reader = new SqliteReader(file, SqliteFiles.connect(file, sqliteSync));
            SqliteWriter writer = new SqliteWriter(file, writing, syncBesideWriter ? new WalSync(file) : null,
                    builder.maxBatch);
            try {
                return new SqliteStore(builder, lock, reader, writer);
            } catch (RuntimeException e) {
                writer.close();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            SqliteFiles.closeQuietly(reader);
            SqliteFiles.closeQuietly(writing);
            SqliteFiles.closeQuietly(lock);
            throw SqliteFaults.describe(file, e);
        }
    }

    /** Deliveries leased when the last process stopped are pending again: at-least-once. */
    private static void resumeLeased(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            int resumed = statement.executeUpdate("UPDATE deliveries SET state = 'pending' WHERE state = 'in_flight'");
            connection.commit();
            if (resumed > 0) {
                LOG.info("{} deliveries that were in flight when the store last closed are pending again", resumed);
            }
        }
    }

    /**
     * Configures a {@link SqliteStore} before it is opened. Not thread-safe; use once.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Path file;
        private Sync sync = Sync.FULL;
        private Clock clock = Clock.systemUTC();
        private BacklogLimits limits = BacklogLimits.of(BacklogLimits.DEFAULT_LIMIT);
        private Duration retention = DEFAULT_RETENTION;
        // Above run --input's read-ahead (NdjsonFeed.MIN_READ_AHEAD), so that a handler keeping up with
        // the input is handed its deliveries as accepted and never reads them back.
        private int windowSize = 4_096;
        private int maxBatch = 1_024;
        private int pruneBatch = 500;

        private Builder(Path file) {
            this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        }

        /** @param value how hard commits sync, default {@link Sync#FULL} @return this builder */
        public Builder sync(Sync value) {
            this.sync = Objects.requireNonNull(value, "sync");
            return this;
        }

        /** @param value the clock due times and ages are read from, default UTC system time @return this builder */
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

        /** How many due deliveries of one handler are held in memory at most. */
        Builder windowSize(int value) {
            this.windowSize = value;
            return this;
        }

        /** How many writes one transaction holds at most; 1 is one transaction per write. */
        Builder maxBatch(int value) {
            this.maxBatch = value;
            return this;
        }

        /** How many rows of each table one prune removes at most. */
        Builder pruneBatch(int value) {
            this.pruneBatch = value;
            return this;
        }

        /**
         * Opens the store: locks the data folder, checks and migrates the database (creating it
         * when missing) and makes deliveries left in flight pending again.
         *
         * @return the open store
         * @throws StoreException when the file is locked by another process, corrupt, not a
         *     database, not writable, or written by a newer version
         */
        public SqliteStore open() {
            return SqliteStore.open(this);
        }
    }
}
