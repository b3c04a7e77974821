package dev.switchboard.core.runtime;

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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running pieces behind {@link dev.switchboard.core.Switchboard}, in start-up order: plugins,
 * configuration, HTTP client, handlers, lanes. Stops them in reverse.
 */
public final class RuntimeParts {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeParts.class);

    private final RuntimeConfig config;
    private final PluginCatalog catalog;
    private final PooledHttpTransport http;
    private final DeliveryEngine engine;
    private final EventListeners listeners = new EventListeners();
    private long closedWithUnfinished = -1;

    private RuntimeParts(RuntimeConfig config, PluginCatalog catalog, PooledHttpTransport http,
                         DeliveryEngine engine) {
        this.config = config;
        this.catalog = catalog;
        this.http = http;
        this.engine = engine;
    }

    public static RuntimeParts start(Path configFile, String configText, Path pluginsDir,
                                     Map<String, String> env, DeliveryListener listener) throws ConfigProblem {
        PluginCatalog catalog = PluginCatalog.load(pluginsDir, RuntimeVersion.get());
        PooledHttpTransport http = null;
        Scheduler scheduler = null;
        try {
            if (!catalog.conflicts().isEmpty()) {
                throw new ConfigProblem(catalog.conflicts().stream().map(Object::toString).toList());
            }
            RuntimeConfig config = configFile != null
                    ? HandlersConfigLoader.load(configFile, env)
                    : HandlersConfigLoader.parse("handlers.yaml", configText, env);
            Clock clock = Clock.systemUTC();
            http = new PooledHttpTransport(EventJson.mapper(), clock, "switchboard/" + RuntimeVersion.get());
            scheduler = Scheduler.system();
            DeliveryEngine engine = new DeliveryEngine(listener, clock, scheduler,
                    substitutedValues(configFile, configText, env));
            new HandlerAssembler(catalog, http, clock).assemble(config, engine);
            engine.start();
            return new RuntimeParts(config, catalog, http, engine);
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
    private static Set<String> substitutedValues(Path configFile, String configText, Map<String, String> env) {
        try {
            return SubstitutedValues.in(configFile != null ? Files.readString(configFile) : configText, env);
        } catch (IOException e) {
            LOG.warn("could not re-read {} to find its substituted values: {}", configFile, e.getMessage());
            return Set.of();
        }
    }

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

    public Optional<WorkflowEvent> tryPublish(WorkflowEvent event) {
        WorkflowEvent accepted = withId(event);
        // Listeners hear of the event before any lane can report on its delivery, as with publish().
        if (engine.tryPublish(accepted, listeners::notify) < 0) {
            return Optional.empty();
        }
        return Optional.of(accepted);
    }

    private static WorkflowEvent withId(WorkflowEvent event) {
        return event.id() != null ? event : event.withId(EventIds.next());
    }

    /** Idempotent: a second call returns at once with what the first left unfinished. */
    public synchronized long close(Duration grace) {
        if (closedWithUnfinished >= 0) {
            return closedWithUnfinished;
        }
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
        closedWithUnfinished = unfinished;
        return unfinished;
    }

    public RuntimeConfig config() {
        return config;
    }

    public PluginCatalog catalog() {
        return catalog;
    }

    public DeliveryEngine engine() {
        return engine;
    }

    public EventListeners listeners() {
        return listeners;
    }
}
