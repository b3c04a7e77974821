package dev.switchboard.core;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.ConfigBlock;
import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.config.RuntimeConfig;
import dev.switchboard.core.delivery.DeliveryEngine;
import dev.switchboard.core.delivery.DeliveryListener;
import dev.switchboard.core.delivery.PolicyState;
import dev.switchboard.core.delivery.Scheduler;
import dev.switchboard.core.event.EventIds;
import dev.switchboard.core.event.EventJson;
import dev.switchboard.core.http.PooledHttpTransport;
import dev.switchboard.core.plugin.PluginCatalog;
import dev.switchboard.core.store.DeliveryStore;
import dev.switchboard.core.store.InputPosition;
import dev.switchboard.core.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switchboard embedded in a host that runs workflows in-process: build it from a handlers.yaml
 * and a plugins folder, {@link #publish} events, listen in-process with {@link #on}, and
 * {@link #close} to finish what is pending.
 *
 * <pre>{@code
 * try (Switchboard switchboard = Switchboard.builder()
 *         .config(Path.of("conf/handlers.yaml"))
 *         .pluginsDir(Path.of("plugins"))
 *         .build()) {
 *     switchboard.on("hitl_pause", event -> System.out.println("paused: " + event.sessionId()));
 *     switchboard.publish(WorkflowEvent.builder("workflow_start").specName("research").build());
 * }
 * }</pre>
 *
 * <p>Accepted events wait for their handlers in a store (handlers.yaml's {@code store:} section):
 * by default a SQLite file in the data folder ({@link Builder#dataDir}), so that an accepted event
 * is delivered or dead-lettered whatever happens to the process, and what a stop leaves unfinished
 * is resumed by the next runtime on the same data folder. Without a data folder and without
 * {@code store.path}, and with {@code store: {type: memory}}, the store is this process's memory.
 *
 * <p>Thread-safe: every method may be called from any number of threads at once. Events are
 * published before {@link #close}; what becomes of one published during or after it is not
 * defined. Arguments are never null unless a method says otherwise.
 *
 * @since 0.1
 */
public final class Switchboard implements AutoCloseable {

    /**
     * How long {@link #close()} waits for pending deliveries before it gives up on them.
     *
     * @since 0.1
     */
    public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(Switchboard.class);

    // The running pieces, in start-up order; close() stops them in reverse.
    private final PluginCatalog catalog;
    private volatile RuntimeConfig config;
    private volatile String configHash;
    private final ConfigSource source;
    private final Object reloadLock = new Object();
    private final AtomicLong reloadsSucceeded = new AtomicLong();
    private final AtomicLong reloadsFailed = new AtomicLong();
    private final PooledHttpTransport http;
    private final DeliveryEngine engine;
    private final DeliveryStore store;
    private final StoreSettings storeSettings;
    private final StoreHealth storeHealth;
    private final Scheduler.Task pruning;
    private final EventListeners listeners = new EventListeners();
    private final Object closeLock = new Object();
    private long closedWithUnfinished = -1;
    private volatile Set<String> substitutedValues;
    /** The handlers of {@link #preview}, created at its first call. */
    private DryRun dryRun;
    private boolean dryRunClosed;

    private Switchboard(PluginCatalog catalog, RuntimeConfig config, PooledHttpTransport http,
                        DeliveryEngine engine, DeliveryStore store, StoreSettings storeSettings, Scheduler scheduler,
                        Set<String> substitutedValues, ConfigSource source) {
        this.substitutedValues = Set.copyOf(substitutedValues);
        this.catalog = catalog;
        this.config = config;
        this.source = source;
        this.configHash = source.hash();
        this.http = http;
        this.engine = engine;
        this.store = store;
        this.storeSettings = storeSettings;
        this.storeHealth = new StoreHealth(store);
        this.pruning = scheduler.repeat(this::prune, PRUNE_EVERY);
    }

    /** How often delivered records past the store's retention are pruned, a few small batches at a time. */
    static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
    private static final int PRUNE_BATCHES = 20;

    /**
     * Starts configuring a runtime; nothing is loaded until {@link Builder#build()}.
     *
     * @return a new builder
     * @since 0.1
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Accepts an event: gives it an id (unless it has one), stores it with one delivery per
     * subscribed handler, and returns once that is durable, blocking while a handler's backlog is
     * full. In-process listeners are told in the calling thread before any handler can report on
     * the event. Returns once the event is stored, not once it is delivered. Thread-safe.
     *
     * @param event the event; never null
     * @return the accepted event, carrying its id (the same instance when it had one)
     * @throws IllegalStateException if the thread is interrupted while it waits for room; the
     *     interrupt flag is set again
     * @throws StoreException when the store cannot write (disk full, file not writable): the event
     *     was not accepted
     * @since 0.1
     */
    public WorkflowEvent publish(WorkflowEvent event) {
        WorkflowEvent accepted = withId(event);
        try {
            engine.publish(accepted, listeners::notify);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for room in a handler's backlog", e);
        } catch (StoreException e) {
            storeHealth.failed(e);
            throw e;
        }
        return accepted;
    }

    /**
     * Accepts an event as {@link #publish} does, without waiting for the disk: blocks only while a
     * handler's backlog is full, and returns a future that completes once the event is durable.
     * Events published one after another from one thread become durable in that order, so a feeder
     * can keep many in flight and still count them in order. Thread-safe.
     *
     * @param event the event; never null
     * @param position where an input file stands once this event is accepted, stored with it so
     *     that a rerun resumes after it; null for an event from no file
     * @return completes with the accepted event (carrying its id) once durable, or exceptionally
     *     with a {@link StoreException} when the store could not write it
     * @throws IllegalStateException if the thread is interrupted while it waits for room; the
     *     interrupt flag is set again
     * @since 0.1
     */
    public CompletableFuture<WorkflowEvent> publishAsync(WorkflowEvent event, InputPosition position) {
        WorkflowEvent accepted = withId(event);
        CompletableFuture<Void> durable;
        try {
            durable = engine.publishAsync(accepted, position, listeners::notify);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for room in a handler's backlog", e);
        }
        return withHealth(durable, accepted);
    }

    /**
     * Accepts an event only if every subscribed handler's backlog has room now; for callers that
     * must not wait for room (the HTTP ingest answers 503 instead). Waits only for the disk: returns
     * once the event is durable. Listeners are told in the calling thread, and only of an accepted
     * event. Thread-safe.
     *
     * @param event the event; never null
     * @return the accepted event carrying its id, or empty when some handler's backlog is full (then
     *     no handler and no listener received it)
     * @throws StoreException when the store cannot write: the event was not accepted
     * @since 0.1
     */
    public Optional<WorkflowEvent> tryPublish(WorkflowEvent event) {
        return tryPublishAsync(event).map(durable -> {
            try {
                return durable.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        });
    }

    /**
     * As {@link #tryPublish}, without waiting for the disk: for a caller that accepts several events
     * at once (a batch of them in one request) and acknowledges them together. Events accepted one
     * after another from one thread become durable in that order. Thread-safe.
     *
     * @param event the event; never null
     * @return empty when some handler's backlog is full (then no handler and no listener received
     *     it); else a future that completes with the accepted event (carrying its id) once durable,
     *     or exceptionally with a {@link StoreException} when the store could not write it
     * @since 0.1
     */
    public Optional<CompletableFuture<WorkflowEvent>> tryPublishAsync(WorkflowEvent event) {
        WorkflowEvent accepted = withId(event);
        // Listeners hear of the event before any lane can report on its delivery, as with publish().
        CompletableFuture<Void> durable = engine.tryPublishAsync(accepted, listeners::notify);
        return durable == null ? Optional.empty() : Optional.of(withHealth(durable, accepted));
    }

    /** The event once durable; a store failure marks the store unhealthy, for readiness. */
    private CompletableFuture<WorkflowEvent> withHealth(CompletableFuture<Void> durable, WorkflowEvent accepted) {
        return durable.handle((ok, failure) -> {
            if (failure == null) {
                return accepted;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof StoreException fault) {
                storeHealth.failed(fault);
            }
            throw failure instanceof CompletionException wrapped ? wrapped : new CompletionException(cause);
        });
    }

    /**
     * The store where accepted events wait for their handlers: its dead letters, input positions
     * and backlogs. Thread-safe. Close the runtime, not the store: {@link #close} closes both.
     *
     * @return the store; never null
     * @since 0.1
     */
    public DeliveryStore store() {
        return store;
    }

    /**
     * Whether the store can write now, for a readiness check: after a write failed, a small write is
     * tried (at most once a second) until one succeeds. Thread-safe.
     *
     * @return empty when it can, else why it cannot (one line naming the file)
     * @since 0.1
     */
    public Optional<String> storeProblem() {
        return Optional.ofNullable(storeHealth.problem());
    }

    /**
     * Whether the store keeps what it accepted across a stop or a crash (the SQLite store) or not
     * (the memory store). Thread-safe.
     *
     * @return true for a durable store
     * @since 0.1
     */
    public boolean durable() {
        return storeSettings.durable();
    }

    private static WorkflowEvent withId(WorkflowEvent event) {
        return event.id() != null ? event : event.toBuilder().id(EventIds.next()).build();
    }

    /**
     * Calls {@code listener} in the publishing thread for every accepted event whose type matches
     * (exact, {@code prefix_*} or {@code *}), like the seed's {@code workflow.on(...)}, before any
     * handler can report on the event's delivery. A listener that throws is logged and does not stop
     * delivery. A listener should return quickly: it runs while the publisher waits. Thread-safe;
     * a listener added while events flow hears of the events accepted after it was added.
     *
     * @param eventType the event type to hear of: exact, {@code prefix_*} or {@code *}; never null
     * @param listener called once per matching accepted event, possibly from many threads at once;
     *     never null
     * @return this runtime
     * @since 0.1
     */
    public Switchboard on(String eventType, Consumer<WorkflowEvent> listener) {
        listeners.add(eventType, listener);
        return this;
    }

    /**
     * Blocks until every accepted delivery has finished (delivered or failed for good), retries
     * included, or the timeout passes. Thread-safe; publishing meanwhile extends the wait.
     *
     * @param timeout how long to wait at most; never null
     * @return true when every accepted delivery finished in time
     * @throws InterruptedException if the thread is interrupted while it waits
     * @since 0.1
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return engine.awaitIdle(timeout);
    }

    /**
     * Waits while {@code limit} or more deliveries are unfinished, until fewer than half of it are:
     * for a feeder that should read no further ahead than delivery needs (every event waiting in a
     * queue is memory the garbage collector copies again and again). Thread-safe.
     *
     * @param limit the number of unfinished deliveries at which to wait; positive
     * @param timeout how long to wait at most; never null
     * @return true when below, false when the timeout passed first
     * @throws InterruptedException if the thread is interrupted while it waits
     * @since 0.1
     */
    public boolean awaitPendingBelow(long limit, Duration timeout) throws InterruptedException {
        return engine.awaitPendingBelow(limit, Math.max(1, limit / 2), timeout);
    }

    /**
     * Counts of each handler's deliveries so far, read while deliveries go on (each count is
     * current, the set of them is not one atomic snapshot). Thread-safe.
     *
     * @return one entry per configured handler, in the file's order; unmodifiable, never null
     * @since 0.1
     */
    public List<HandlerStats> stats() {
        return engine.stats();
    }

    /**
     * Each handler's delivery policy state: disabled by a 410 (and when), its circuit breaker
     * ({@code closed}, {@code open}, {@code half_open}), and a pause a receiver's 429 asked for. Thread-safe.
     *
     * @return per handler name, in the file's order; a new map, never null
     * @since 0.1
     */
    public Map<String, PolicyState> policyStates() {
        return engine.policyStates();
    }

    /**
     * Enables a handler that a 410 disabled; its held deliveries are attempted again. The state is
     * saved in the store. Thread-safe.
     *
     * @param handler the handler's name
     * @return whether it was disabled
     * @throws IllegalArgumentException when no handler has that name
     * @since 0.1
     */
    public boolean enableHandler(String handler) {
        return engine.enable(handler);
    }

    /**
     * The last few reasons each handler's deliveries failed for good, with substituted secrets
     * masked. Thread-safe.
     *
     * @return per handler name, in the file's order, its recent reasons (oldest first, empty when
     *     none); a new map, never null
     * @since 0.1
     */
    public Map<String, List<String>> recentFailures() {
        return engine.recentFailures();
    }

    /**
     * The configuration this runtime was built from. Thread-safe.
     *
     * @return the configuration as read (environment substituted); never null
     * @since 0.1
     */
    public RuntimeConfig config() {
        return config;
    }

    /**
     * The SHA-256 of the configuration's text now loaded (the file's bytes as last read), in hex.
     * Thread-safe.
     *
     * @return the hash; never null
     * @since 0.2
     */
    public String configHash() {
        return configHash;
    }

    /**
     * Reads the configuration file again and, when all of it is right, swaps the running handlers for
     * its handlers: every handler of the new file is created before anything changes; then new ones
     * start, removed ones take no new events (their undelivered deliveries stay in the store, their
     * attempts under way finish), and the others are replaced without losing or repeating a delivery
     * (the old handler's attempts under way settle before the new one leases from the same queue).
     * The {@code server:} and {@code store:} sections and the plugins are not reloaded: a file that
     * changes either section is refused as a whole. On any mistake nothing changes. One reload runs at
     * a time; thread-safe.
     *
     * @return what changed
     * @throws ConfigProblem every mistake as {@code FILE:LINE:COLUMN: message}; the running
     *     configuration stays
     * @throws IllegalStateException when the runtime was built from text ({@link Builder#configText}),
     *     so there is no file to read again
     * @since 0.2
     */
    public ConfigReload reload() throws ConfigProblem {
        synchronized (reloadLock) {
            try {
                ConfigReload done = reloadFrom(source.reread());
                reloadsSucceeded.incrementAndGet();
                LOG.info("configuration reloaded ({}): added {}, replaced {}, removed {}", done.hash(),
                        done.added(), done.replaced(), done.removed());
                return done;
            } catch (ConfigProblem e) {
                reloadsFailed.incrementAndGet();
                LOG.error("configuration not reloaded; the running one stays:\n{}", String.join("\n", e.lines()));
                throw e;
            }
        }
    }

    /**
     * How many reloads succeeded and failed since the start, for {@code switchboard_config_reloads_total}.
     *
     * @param succeeded true for the successful ones
     * @return the count
     * @since 0.2
     */
    public long reloads(boolean succeeded) {
        return succeeded ? reloadsSucceeded.get() : reloadsFailed.get();
    }

    private ConfigReload reloadFrom(ConfigSource next) throws ConfigProblem {
        RuntimeConfig nextConfig = next.parse();
        List<String> fixed = new ArrayList<>();
        notReloadable("server", config.server(), nextConfig.server(), fixed);
        notReloadable("store", config.store(), nextConfig.store(), fixed);
        if (!fixed.isEmpty()) {
            throw new ConfigProblem(fixed);
        }
        List<DeliveryEngine.NewHandler> created = new ArrayList<>();
        new HandlerAssembler(catalog, http, Clock.systemUTC()).assemble(nextConfig, (spec, handler, factory, filters) ->
                created.add(new DeliveryEngine.NewHandler(spec, handler, factory.origin(), factory.classLoader(), filters)));
        Set<String> substituted = next.substitutedValues();
        DeliveryEngine.Reloaded done;
        try {
            done = engine.reload(created, substituted, RELOAD_SETTLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the replaced handlers settled", e);
        }
        config = nextConfig;
        substitutedValues = substituted;
        configHash = next.hash();
        resetDryRun();
        return new ConfigReload(configHash, done.added(), done.replaced(), done.removed());
    }

    /** How long a reload waits at most for a replaced handler's attempts under way. */
    private static final Duration RELOAD_SETTLE = Duration.ofSeconds(60);

    private static void notReloadable(String section, ConfigBlock running, ConfigBlock next, List<String> problems) {
        if (!running.asMap().equals(next.asMap())) {
            problems.add(next.positionOf(null) + ": " + section + ": differs from the running configuration's, and "
                    + section + ": is not reloaded; restart to change it (nothing was reloaded)");
        }
    }

    /**
     * The plugins loaded from the plugins folder and the handler and filter types they provide.
     * Thread-safe.
     *
     * @return the catalog; never null (empty of plugins without a plugins folder)
     * @since 0.1
     */
    public PluginCatalog plugins() {
        return catalog;
    }

    /**
     * Shows, without sending anything, what each handler would do with an event: whether its
     * {@code events:} and {@code match:} take it (and why not), and after the same redaction,
     * filters, payload template and signing as a real attempt, the exact HTTP requests of an
     * HTTP-based handler (secrets masked as {@code ***}), the description of a
     * {@link dev.switchboard.api.Previewable} one, or that the handler cannot preview. The event is
     * not accepted or stored. The first call creates a second set of the handlers (closed by
     * {@link #close}); thread-safe.
     *
     * @param event the event; given an id when it has none
     * @param handler one handler's name, or null for every handler
     * @return one entry per handler, in the order of {@code handlers.yaml}
     * @throws IllegalArgumentException if {@code handler} names no handler
     * @throws IllegalStateException once the runtime is closed
     * @since 0.2
     */
    public Preview preview(WorkflowEvent event, String handler) {
        return dryRun().preview(event, handler);
    }

    private synchronized DryRun dryRun() {
        if (dryRunClosed) {
            throw new IllegalStateException("the runtime is closed");
        }
        if (dryRun == null) {
            try {
                dryRun = DryRun.create(catalog, config, Clock.systemUTC(), substitutedValues);
            } catch (ConfigProblem e) {
                // The same configuration built the running handlers a moment ago.
                throw new IllegalStateException("the handlers could not be created again for a preview: "
                        + String.join("; ", e.lines()), e);
            }
        }
        return dryRun;
    }

    /** The preview's handlers are made again from the reloaded configuration at the next preview. */
    private synchronized void resetDryRun() {
        if (dryRun != null) {
            dryRun.close();
            dryRun = null;
        }
    }

    private synchronized void closeDryRun() {
        dryRunClosed = true;
        if (dryRun != null) {
            dryRun.close();
        }
    }

    /**
     * Waits up to {@code grace} for pending deliveries, then stops, closes every handler (which
     * flushes what it buffers), closes the store and unloads the plugins. What is unfinished then
     * stays in a durable store for the next start (the log says how many); the memory store drops it. Thread-safe and idempotent: a second call,
     * or one made while the first runs, waits for the first and returns its result.
     *
     * @param grace how long to wait for pending deliveries; never null ({@link Duration#ZERO} for
     *     not at all)
     * @return how many deliveries were still unfinished (0 when everything finished)
     * @since 0.1
     */
    public long close(Duration grace) {
        synchronized (closeLock) {
            if (closedWithUnfinished < 0) {
                closedWithUnfinished = stop(grace);
            }
            return closedWithUnfinished;
        }
    }

    private long stop(Duration grace) {
        long unfinished = 0;
        try {
            if (!engine.awaitIdle(grace)) {
                unfinished = engine.pendingCount();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unfinished = engine.pendingCount();
        }
        if (unfinished > 0 && storeSettings.durable()) {
            LOG.info("{} deliveries were still unfinished after {} s; they stay in {} and are resumed on the next"
                    + " start: {}", unfinished, grace.toSeconds(), storeSettings.describe(), engine.stats());
        } else if (unfinished > 0) {
            LOG.warn("{} deliveries were still unfinished after {} s and are dropped at shutdown ({}): {}",
                    unfinished, grace.toSeconds(), storeSettings.describe(), engine.stats());
        }
        pruning.cancel();
        closeDryRun();
        engine.close();
        try {
            store.close();
        } catch (StoreException e) {
            LOG.error("the store could not finish its last writes: {}", e.getMessage());
        }
        http.close();
        catalog.close();
        return unfinished;
    }

    private void prune() {
        try {
            for (int batch = 0; batch < PRUNE_BATCHES && store.prune() > 0; batch++) {
                // Small batches, one after another, so that ingest never waits long behind one.
            }
        } catch (StoreException e) {
            storeHealth.failed(e);
            LOG.warn("pruning delivered records failed: {}", e.getMessage());
        } catch (IllegalStateException closed) {
            // Closing: the next start prunes.
        }
    }

    /**
     * {@link #close(Duration)} with {@link #DEFAULT_CLOSE_GRACE}. Thread-safe and idempotent.
     *
     * @since 0.1
     */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_GRACE);
    }

    /**
     * Builds a {@link Switchboard}. Not thread-safe: configure and build it from one thread. Exactly
     * one of {@link #config(Path)} and {@link #configText(String)} is required; the last call wins.
     *
     * @since 0.1
     */
    public static final class Builder {
        private Path configFile;
        private String configText;
        private Path pluginsDir;
        private Map<String, String> environment = System.getenv();
        private DeliveryListener deliveryListener = DeliveryListener.NONE;
        private Path dataDir;
        private Path defaultDataDir;
        private DeliveryStore store;

        private Builder() {
        }

        /**
         * The data folder: the SQLite store keeps its file there, as {@code switchboard.db}, whatever
         * {@code store.path} says (what {@code --data DIR} sets).
         *
         * @param dir the folder, created when missing; null for none
         * @return this builder
         * @since 0.1
         */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /**
         * The data folder used when neither {@link #dataDir} nor {@code store.path} says where the
         * SQLite store's file is (the command line passes the installation's {@code data/}). With
         * none of the three, the store is in memory.
         *
         * @param dir the folder, created when missing; null for none
         * @return this builder
         * @since 0.1
         */
        public Builder defaultDataDir(Path dir) {
            this.defaultDataDir = dir;
            return this;
        }

        /**
         * Uses this store instead of opening the one handlers.yaml's {@code store:} section describes
         * (the section is still checked). The runtime closes it when it closes.
         *
         * @param value the store; null to open the configured one
         * @return this builder
         * @since 0.1
         */
        public Builder store(DeliveryStore value) {
            this.store = value;
            return this;
        }

        /**
         * Reads handlers.yaml from this file (read by {@link #build()}); errors name it.
         *
         * @param file the file; never null
         * @return this builder
         * @since 0.1
         */
        public Builder config(Path file) {
            this.configFile = file;
            this.configText = null;
            return this;
        }

        /**
         * Reads handlers.yaml from this text; errors name it {@code handlers.yaml}.
         *
         * @param yaml the file's text; never null
         * @return this builder
         * @since 0.1
         */
        public Builder configText(String yaml) {
            this.configText = yaml;
            this.configFile = null;
            return this;
        }

        /**
         * Loads plugin JARs from this folder; without it only built-in handlers exist.
         *
         * @param dir the plugins folder; null for none
         * @return this builder
         * @since 0.1
         */
        public Builder pluginsDir(Path dir) {
            this.pluginsDir = dir;
            return this;
        }

        /**
         * What {@code ${VAR}} reads; the process environment by default.
         *
         * @param env variable names to values, copied; never null
         * @return this builder
         * @since 0.1
         */
        public Builder environment(Map<String, String> env) {
            this.environment = Map.copyOf(env);
            return this;
        }

        /**
         * Told what becomes of every delivery (for stores and views of sessions); called from the
         * handlers' worker threads, so it must be thread-safe. None by default.
         *
         * @param listener the listener; never null ({@link DeliveryListener#NONE} for none)
         * @return this builder
         * @since 0.1
         */
        public Builder deliveryListener(DeliveryListener listener) {
            this.deliveryListener = listener;
            return this;
        }

        /**
         * Loads plugins, reads the configuration, opens the store (resuming what it kept), creates
         * every handler and starts the lanes.
         *
         * May be called again for another, independent runtime (on another data folder).
         *
         * @return the started runtime; close it when done
         * @throws ConfigProblem listing every mistake as {@code FILE:LINE:COLUMN: message}
         * @throws StoreException when the store's file cannot be opened: held by another runtime,
         *     corrupt, not writable, or written by a newer version (one line naming the file)
         * @throws IllegalStateException if neither {@link #config(Path)} nor {@link #configText(String)}
         *     was called
         * @since 0.1
         */
        public Switchboard build() throws ConfigProblem {
            if (configFile == null && configText == null) {
                throw new IllegalStateException("call config(Path) or configText(String) first");
            }
            PluginCatalog catalog = PluginCatalog.load(pluginsDir, RuntimeVersion.get());
            PooledHttpTransport http = null;
            Scheduler scheduler = null;
            DeliveryStore opened = store;
            try {
                if (!catalog.conflicts().isEmpty()) {
                    throw new ConfigProblem(catalog.conflicts().stream().map(Object::toString).toList());
                }
                ConfigSource source = configFile != null
                        ? ConfigSource.read(configFile, environment)
                        : ConfigSource.text(configText, environment);
                RuntimeConfig config = source.parse();
                StoreSettings storeSettings = StoreSettings.read(config, dataDir, defaultDataDir);
                Clock clock = Clock.systemUTC();
                http = new PooledHttpTransport(EventJson.mapper(), clock, "switchboard/" + RuntimeVersion.get());
                scheduler = Scheduler.system();
                if (opened == null) {
                    opened = storeSettings.open(config, clock);
                }
                Set<String> substituted = source.substitutedValues();
                DeliveryEngine engine = new DeliveryEngine(deliveryListener, clock, scheduler, substituted, opened);
                new HandlerAssembler(catalog, http, clock).assemble(config, engine);
                engine.start();
                LOG.debug("accepted events wait in {}", storeSettings.describe());
                return new Switchboard(catalog, config, http, engine, opened, storeSettings, scheduler, substituted,
                        source);
            } catch (ConfigProblem | RuntimeException e) {
                if (opened != null) {
                    opened.close();
                }
                // Not engine.close(): the assembler has closed the handlers it created already.
                if (scheduler != null) {
                    scheduler.close();
                }
                if (http != null) {
                    http.close();
                }
                catalog.close();
                throw e;
            }
        }
    }
}
