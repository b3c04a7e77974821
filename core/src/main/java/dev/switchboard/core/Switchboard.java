package dev.switchboard.core;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.config.HandlersConfigLoader;
import dev.switchboard.core.config.RuntimeConfig;
import dev.switchboard.core.delivery.DeliveryEngine;
import dev.switchboard.core.delivery.DeliveryListener;
import dev.switchboard.core.delivery.Scheduler;
import dev.switchboard.core.event.EventIds;
import dev.switchboard.core.event.EventJson;
import dev.switchboard.core.http.PooledHttpTransport;
import dev.switchboard.core.plugin.PluginCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private final RuntimeConfig config;
    private final PooledHttpTransport http;
    private final DeliveryEngine engine;
    private final EventListeners listeners = new EventListeners();
    private final Object closeLock = new Object();
    private long closedWithUnfinished = -1;

    private Switchboard(PluginCatalog catalog, RuntimeConfig config, PooledHttpTransport http,
                        DeliveryEngine engine) {
        this.catalog = catalog;
        this.config = config;
        this.http = http;
        this.engine = engine;
    }

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
     * Accepts an event: gives it an id (unless it has one), tells in-process listeners in the
     * calling thread, and hands it to every subscribed handler, blocking while a handler's queue is
     * full. Returns once the event is queued, not once it is delivered. Thread-safe.
     *
     * @param event the event; never null
     * @return the accepted event, carrying its id (the same instance when it had one)
     * @throws IllegalStateException if the thread is interrupted while it waits for room; the
     *     interrupt flag is set again
     * @since 0.1
     */
    public WorkflowEvent publish(WorkflowEvent event) {
        WorkflowEvent accepted = withId(event);
        listeners.notify(accepted);
        try {
            engine.publish(accepted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for room in a handler's queue", e);
        }
        return accepted;
    }

    /**
     * Accepts an event only if every subscribed handler has room now; for callers that must not
     * wait (the HTTP ingest answers 503 instead). Never blocks; listeners are told in the calling
     * thread, and only of an accepted event. Thread-safe.
     *
     * @param event the event; never null
     * @return the accepted event carrying its id, or empty when some handler's queue is full (then
     *     no handler and no listener received it)
     * @since 0.1
     */
    public Optional<WorkflowEvent> tryPublish(WorkflowEvent event) {
        WorkflowEvent accepted = withId(event);
        // Listeners hear of the event before any lane can report on its delivery, as with publish().
        if (engine.tryPublish(accepted, listeners::notify) < 0) {
            return Optional.empty();
        }
        return Optional.of(accepted);
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
     * Waits up to {@code grace} for pending deliveries, then stops, closes every handler (which
     * flushes what it buffers) and unloads the plugins. Thread-safe and idempotent: a second call,
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
                LOG.warn("{} deliveries were still unfinished after {} s and are dropped at shutdown: {}",
                        unfinished, grace.toSeconds(), engine.stats());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unfinished = engine.pendingCount();
        }
        engine.close();
        http.close();
        catalog.close();
        return unfinished;
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

        private Builder() {
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
         * Loads plugins, reads the configuration, creates every handler and starts the lanes.
         *
         * May be called again for another, independent runtime.
         *
         * @return the started runtime; close it when done
         * @throws ConfigProblem listing every mistake as {@code FILE:LINE:COLUMN: message}
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
            try {
                if (!catalog.conflicts().isEmpty()) {
                    throw new ConfigProblem(catalog.conflicts().stream().map(Object::toString).toList());
                }
                RuntimeConfig config = configFile != null
                        ? HandlersConfigLoader.load(configFile, environment)
                        : HandlersConfigLoader.parse("handlers.yaml", configText, environment);
                Clock clock = Clock.systemUTC();
                http = new PooledHttpTransport(EventJson.mapper(), clock, "switchboard/" + RuntimeVersion.get());
                scheduler = Scheduler.system();
                DeliveryEngine engine = new DeliveryEngine(deliveryListener, clock, scheduler, substitutedValues());
                new HandlerAssembler(catalog, http, clock).assemble(config, engine);
                engine.start();
                return new Switchboard(catalog, config, http, engine);
            } catch (ConfigProblem | RuntimeException e) {
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

        /** The configuration was just read from the same file, so it is readable; if not, nothing is masked. */
        private Set<String> substitutedValues() {
            try {
                return SubstitutedValues.in(configFile != null ? Files.readString(configFile) : configText,
                        environment);
            } catch (IOException e) {
                LOG.warn("could not re-read {} to find its substituted values: {}", configFile, e.getMessage());
                return Set.of();
            }
        }
    }
}
