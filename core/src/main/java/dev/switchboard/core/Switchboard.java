package dev.switchboard.core;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.config.RuntimeConfig;
import dev.switchboard.core.delivery.DeliveryListener;
import dev.switchboard.core.plugin.PluginCatalog;
import dev.switchboard.core.runtime.RuntimeParts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

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

    private final RuntimeParts parts;

    private Switchboard(RuntimeParts parts) {
        this.parts = parts;
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
        return parts.publish(event);
    }

    /**
     * Accepts an event only if every subscribed handler has room now; for callers that must not
     * wait (the HTTP ingest answers 503 instead).
     *
     * @return the accepted event, or empty when some handler's queue is full
     */
    public Optional<WorkflowEvent> tryPublish(WorkflowEvent event) {
        return parts.tryPublish(event);
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
        parts.listeners().add(eventType, listener);
        return this;
    }

    /** @return true when every accepted delivery finished (delivered or failed for good) in time */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return parts.engine().awaitIdle(timeout);
    }

    /**
     * Waits while {@code limit} or more deliveries are unfinished, until fewer than half of it are:
     * for a feeder that should read no further ahead than delivery needs (every event waiting in a
     * queue is memory the garbage collector copies again and again).
     *
     * @return true when below, false when the timeout passed first
     */
    public boolean awaitPendingBelow(long limit, Duration timeout) throws InterruptedException {
        return parts.engine().awaitPendingBelow(limit, Math.max(1, limit / 2), timeout);
    }

    public List<HandlerStats> stats() {
        return parts.engine().stats();
    }

    /** @return per handler, the last few reasons its deliveries failed for good */
    public Map<String, List<String>> recentFailures() {
        return parts.engine().recentFailures();
    }

    public RuntimeConfig config() {
        return parts.config();
    }

    public PluginCatalog plugins() {
        return parts.catalog();
    }

    /**
     * Waits up to {@code grace} for pending deliveries, then stops, closes every handler (which
     * flushes what it buffers) and unloads the plugins.
     *
     * @return how many deliveries were still unfinished (0 when everything finished)
     */
    public long close(Duration grace) {
        return parts.close(grace);
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
            return new Switchboard(RuntimeParts.start(configFile, configText, pluginsDir, environment,
                    deliveryListener));
        }
    }
}
