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
 * <p>Thread-safe: publish from any number of threads.
 */
public final class Switchboard implements AutoCloseable {

    /** How long {@link #close()} waits for pending deliveries before it gives up on them. */
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

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Accepts an event: gives it an id (unless it has one), tells in-process listeners, and hands
     * it to every subscribed handler, waiting while a handler's queue is full.
     *
     * @return the accepted event, carrying its id
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
     * wait (the HTTP ingest answers 503 instead).
     *
     * @return the accepted event, or empty when some handler's queue is full
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
     * delivery.
     *
     * @return this runtime
     */
    public Switchboard on(String eventType, Consumer<WorkflowEvent> listener) {
        listeners.add(eventType, listener);
        return this;
    }

    /** @return true when every accepted delivery finished (delivered or failed for good) in time */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return engine.awaitIdle(timeout);
    }

    /**
     * Waits while {@code limit} or more deliveries are unfinished, until fewer than half of it are:
     * for a feeder that should read no further ahead than delivery needs (every event waiting in a
     * queue is memory the garbage collector copies again and again).
     *
     * @return true when below, false when the timeout passed first
     */
    public boolean awaitPendingBelow(long limit, Duration timeout) throws InterruptedException {
        return engine.awaitPendingBelow(limit, Math.max(1, limit / 2), timeout);
    }

    public List<HandlerStats> stats() {
        return engine.stats();
    }

    /** @return per handler, the last few reasons its deliveries failed for good */
    public Map<String, List<String>> recentFailures() {
        return engine.recentFailures();
    }

    public RuntimeConfig config() {
        return config;
    }

    public PluginCatalog plugins() {
        return catalog;
    }

    /**
     * Waits up to {@code grace} for pending deliveries, then stops, closes every handler (which
     * flushes what it buffers) and unloads the plugins.
     *
     * @return how many deliveries were still unfinished (0 when everything finished)
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

    /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_GRACE}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_GRACE);
    }

    /** Builds a {@link Switchboard}; not thread-safe. */
    public static final class Builder {
        private Path configFile;
        private String configText;
        private Path pluginsDir;
        private Map<String, String> environment = System.getenv();
        private DeliveryListener deliveryListener = DeliveryListener.NONE;

        private Builder() {
        }

        /** Reads handlers.yaml from this file. */
        public Builder config(Path file) {
            this.configFile = file;
            this.configText = null;
            return this;
        }

        /** Reads handlers.yaml from this text; errors name it {@code handlers.yaml}. */
        public Builder configText(String yaml) {
            this.configText = yaml;
            this.configFile = null;
            return this;
        }

        /** Loads plugin JARs from this folder; without it only built-in handlers exist. */
        public Builder pluginsDir(Path dir) {
            this.pluginsDir = dir;
            return this;
        }

        /** What {@code ${VAR}} reads; the process environment by default. */
        public Builder environment(Map<String, String> env) {
            this.environment = Map.copyOf(env);
            return this;
        }

        /** Told what becomes of every delivery (for stores and views of sessions). */
        public Builder deliveryListener(DeliveryListener listener) {
            this.deliveryListener = listener;
            return this;
        }

        /**
         * Loads plugins, reads the configuration, creates every handler and starts the lanes.
         *
         * @throws ConfigProblem listing every mistake as {@code FILE:LINE:COLUMN: message}
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
