package dev.switchboard.core.server;

import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.config.HandlerSpec;
import dev.switchboard.core.config.HandlersConfigLoader;
import dev.switchboard.core.config.RuntimeConfig;
import dev.switchboard.core.delivery.Redaction;
import dev.switchboard.core.delivery.Subscription;
import dev.switchboard.core.sessions.SessionView;
import dev.switchboard.core.sessions.Sessions;
import dev.switchboard.core.store.DeliveryStore;
import dev.switchboard.core.store.SessionStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switchboard as an HTTP service: the runtime of a handlers.yaml behind an embedded Jetty that
 * takes events ({@code POST /v1/events}), starts workflows and shows and steers the sessions seen in
 * the stream ({@code /v1/sessions}), lists the handlers ({@code /v1/handlers}), lists and replays stored
 * deliveries and dead letters ({@code /v1/deliveries}) and reports health and
 * Prometheus metrics. Settings come from the file's {@code server:} section.
 *
 * <pre>{@code
 * SwitchboardServer server = SwitchboardServer.builder()
 *         .config(Path.of("conf/handlers.yaml"))
 *         .pluginsDir(Path.of("plugins"))
 *         .start();                        // throws ConfigProblem, IOException (address in use)
 * System.out.println(server.uri());       // http://127.0.0.1:8080/
 * server.close();                         // stop accepting, finish deliveries, flush plugins
 * }</pre>
 *
 * <p>Thread-safe: every method may be called from any number of threads at once; {@link #close}
 * is idempotent. Arguments are never null unless a method says otherwise.
 *
 * @since 0.1
 */
public final class SwitchboardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SwitchboardServer.class);

    private final Switchboard switchboard;
    private final ServerSettings settings;
    private final ServiceMetrics metrics;
    private final HealthEndpoints health;
    private final JettyServer jetty;
    private final Routes routes;
    private final int port;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private long unfinished = -1;

    private SwitchboardServer(Switchboard switchboard, ServerSettings settings, ServiceMetrics metrics,
                              HealthEndpoints health, JettyServer jetty, Routes routes) {
        this.switchboard = switchboard;
        this.settings = settings;
        this.metrics = metrics;
        this.health = health;
        this.jetty = jetty;
        this.routes = routes;
        this.port = jetty.port();
    }

    /**
     * Starts configuring a server; nothing is loaded or listened on until {@link Builder#start()}.
     *
     * @return a new builder
     * @since 0.1
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks the {@code server:} section exactly as {@link Builder#start()} reads it, without
     * listening: what {@code switchboard validate} runs. Safe from any thread.
     *
     * @throws ConfigProblem listing every mistake of the section
     * @param config the loaded configuration
     * @since 0.1
     */
    public static void checkSettings(RuntimeConfig config) throws ConfigProblem {
        ServerSettings.read(config, null, null);
    }

    /**
     * The port listened on. Thread-safe.
     *
     * @return the port (the chosen one when the configured port is 0)
     * @since 0.1
     */
    public int port() {
        return port;
    }

    /** The routing table, for the contract test that compares it with the OpenAPI document. */
    Routes routes() {
        return routes;
    }

    /**
     * The service's base address. Thread-safe.
     *
     * @return the address, e.g. {@code http://127.0.0.1:8080/}; never null
     * @since 0.1
     */
    public URI uri() {
        String host = settings.host.contains(":") ? "[" + settings.host + "]" : settings.host;
        return URI.create("http://" + host + ":" + port + "/");
    }

    /**
     * The runtime behind the service, for publishing in-process beside the HTTP ingest or reading
     * its statistics. Thread-safe. Close the server, not the runtime: {@link #close} closes both.
     *
     * @return the runtime; never null
     * @since 0.1
     */
    public Switchboard switchboard() {
        return switchboard;
    }

    /**
     * How long {@link #close()} waits for deliveries. Thread-safe.
     *
     * @return {@code server.timeouts.shutdown}; never null
     * @since 0.1
     */
    public Duration shutdownGrace() {
        return settings.shutdownGrace;
    }

    /**
     * {@code server.timeouts.drain}: how long {@link #shutDown()} answers 503 on {@code /readyz}
     * before the listener closes. Thread-safe.
     *
     * @return the drain delay, never null
     * @since 0.1
     */
    public Duration drain() {
        return settings.drain;
    }

    /**
     * Blocks until {@link #close} has finished, called from whatever thread; for a main thread
     * that serves until a shutdown hook closes the server. Thread-safe.
     *
     * @throws InterruptedException if the thread is interrupted while it waits
     * @since 0.1
     */
    public void awaitClosed() throws InterruptedException {
        stopped.await();
    }

    /**
     * Blocks until {@link #close} has finished or the timeout passes. Thread-safe.
     *
     * @param timeout how long to wait at most; never null
     * @return true when {@link #close} finished within the timeout
     * @throws InterruptedException if the thread is interrupted while it waits
     * @since 0.1
     */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Shuts down gracefully: {@code /readyz} turns 503, the server stops accepting and lets requests
     * in flight finish, then the runtime waits up to {@code grace} for pending deliveries and closes
     * every handler (which flushes what it buffers). Thread-safe and idempotent: a second call, or
     * one made while the first runs, waits for the first and returns its result.
     *
     * @param grace how long to wait for pending deliveries; never null
     * @return how many deliveries were still unfinished (0 when everything finished)
     * @since 0.1
     */
    public synchronized long close(Duration grace) {
        if (unfinished >= 0) {
            return unfinished;
        }
        health.ready(false);
        jetty.stop();
        unfinished = switchboard.close(grace);
        metrics.close();
        stopped.countDown();
        return unfinished;
    }

    /**
     * What SIGTERM does: {@code /readyz} answers 503 for {@code server.timeouts.drain} (default 5 s)
     * while every request is still served, so a load balancer stops sending before connections are
     * refused; then {@link #close(Duration)} with {@code server.timeouts.shutdown}. Blocks for the
     * drain and the grace; thread-safe.
     *
     * @return how many deliveries were still unfinished (0 when everything finished)
     * @since 0.1
     */
    public long shutDown() {
        health.ready(false);
        try {
            Thread.sleep(settings.drain.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return close(settings.shutdownGrace);
    }

    /**
     * {@link #close(Duration)} with {@code server.timeouts.shutdown} (default 30 s), without a
     * drain. Thread-safe and idempotent.
     *
     * @since 0.1
     */
    @Override
    public void close() {
        close(settings.shutdownGrace);
    }

    /**
     * Configures and starts a {@link SwitchboardServer}. Not thread-safe: configure and start it
     * from one thread. Exactly one of {@link #config(Path)} and {@link #configText(String)} is
     * required; the last call wins.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Switchboard.Builder runtime = Switchboard.builder();
        private Path configFile;
        private String configText;
        private Map<String, String> environment = System.getenv();
        private String host;
        private Integer port;

        private Builder() {
        }

        /**
         * Reads handlers.yaml (with its {@code server:} section) from this file; errors name it.
         *
         * @param file the file; never null
         * @return this builder
         * @since 0.1
         */
        public Builder config(Path file) {
            runtime.config(file);
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
            runtime.configText(yaml);
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
            runtime.pluginsDir(dir);
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
            runtime.environment(env);
            this.environment = Map.copyOf(env);
            return this;
        }

        /**
         * The data folder, overriding {@code store.path}: see {@link Switchboard.Builder#dataDir}.
         *
         * @param dir the folder; null for none
         * @return this builder
         * @since 0.1
         */
        public Builder dataDir(Path dir) {
            runtime.dataDir(dir);
            return this;
        }

        /**
         * The data folder used when nothing else says where the store is: see
         * {@link Switchboard.Builder#defaultDataDir}.
         *
         * @param dir the folder; null for none
         * @return this builder
         * @since 0.1
         */
        public Builder defaultDataDir(Path dir) {
            runtime.defaultDataDir(dir);
            return this;
        }

        /**
         * Uses this store instead of the configured one: see {@link Switchboard.Builder#store}.
         *
         * @param value the store; null to open the configured one
         * @return this builder
         * @since 0.1
         */
        public Builder store(DeliveryStore value) {
            runtime.store(value);
            return this;
        }

        /**
         * Listens on this address instead of {@code server.host}.
         *
         * @param value a host name or IP address; null to use {@code server.host}
         * @return this builder
         * @since 0.1
         */
        public Builder host(String value) {
            this.host = value;
            return this;
        }

        /**
         * Listens on this port instead of {@code server.port}.
         *
         * @param value the port; 0 picks a free one (see {@link SwitchboardServer#port()})
         * @return this builder
         * @since 0.1
         */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /**
         * Listens, makes the JVM metrics and builds the runtime at the same time (the first two are
         * independent of plugins and handlers), then serves. Until the runtime is built, every
         * request is answered 503, {@code /readyz} included.
         *
         * @return the started server, serving; close it when done
         * @throws ConfigProblem listing every mistake of the file, its {@code server:} section included
         * @throws IOException when the address cannot be listened on
         * @throws dev.switchboard.core.store.StoreException when the store's file cannot be opened
         * @throws IllegalStateException if neither {@link #config(Path)} nor {@link #configText(String)}
         *     was called
         * @since 0.1
         */
        public SwitchboardServer start() throws ConfigProblem, IOException {
            ServerSettings settings = ServerSettings.read(loadConfig(), host, port);
            StartingGate gate = new StartingGate();
            Background<JettyServer> listening = JettyServer.startInBackground(settings, gate);
            Background<JvmMetrics> jvmMetrics = Background.make("metrics-start", JvmMetrics::new);
            Switchboard switchboard;
            DeliveryFanout fanout = new DeliveryFanout();
            try {
                switchboard = runtime.deliveryListener(fanout).build();
            } catch (ConfigProblem | RuntimeException e) {
                listening.closeWhenMade(JettyServer::stop);
                jvmMetrics.closeWhenMade(JvmMetrics::close);
                throw e;
            }
            ServiceMetrics metrics = null;
            try {
                metrics = new ServiceMetrics(jvmMetrics.await(), switchboard);
                HandlerActivity activity = new HandlerActivity(Clock.systemUTC());
                Sessions sessions = sessions(switchboard, settings, fanout, metrics, activity);
                HealthEndpoints health = new HealthEndpoints(metrics, switchboard);
                Routes routes = routes(switchboard, settings, sessions, metrics, health, activity);
                JettyServer jetty = listening.await();
                gate.open(routes);
                health.ready(true);
                SwitchboardServer server = new SwitchboardServer(switchboard, settings, metrics, health, jetty, routes);
                if (!settings.apiKeys.required() && !settings.loopback()) {
                    LOG.warn("listening on {} without server.api_keys: anyone who can reach it can post events and "
                            + "steer sessions", settings.host);
                }
                return server;
            } catch (IOException | RuntimeException e) {
                listening.closeWhenMade(JettyServer::stop);
                if (metrics != null) {
                    metrics.close();
                } else {
                    jvmMetrics.closeWhenMade(JvmMetrics::close);
                }
                switchboard.close(Duration.ZERO);
                throw e;
            }
        }

        /**
         * The configuration as the runtime will read it, for the {@code server:} section the server
         * needs before the runtime is built (the runtime reads the file again: a few milliseconds).
         */
        private RuntimeConfig loadConfig() throws ConfigProblem {
            if (configFile == null && configText == null) {
                throw new IllegalStateException("call config(Path) or configText(String) first");
            }
            return configFile != null ? HandlersConfigLoader.load(configFile, environment)
                    : HandlersConfigLoader.parse("handlers.yaml", configText, environment);
        }

        /**
         * The sessions view: read from the store when it is a durable one (SQLite or PostgreSQL), so
         * that it survives a restart, agrees with what was delivered and is the same through every
         * runtime sharing the store; else kept in memory, told of every accepted
         * event and every delivery outcome.
         */
        private static Sessions sessions(Switchboard switchboard, ServerSettings settings, DeliveryFanout fanout,
                                         ServiceMetrics metrics, HandlerActivity activity) {
            if (switchboard.store() instanceof SessionStore store) {
                fanout.attach(metrics.deliveries(), activity);
                return store.sessions(settings.sessions, settings.sessionsRedact);
            }
            SessionView view = new SessionView(settings.sessions, subscriptions(switchboard.config()),
                    settings.sessionsRedact, Clock.systemUTC());
            fanout.attach(view, metrics.deliveries(), activity);
            switchboard.on("*", view::record);
            return view;
        }

        private static Map<String, Subscription> subscriptions(RuntimeConfig config) {
            Map<String, Subscription> subscriptions = new LinkedHashMap<>();
            for (HandlerSpec spec : config.handlers()) {
                subscriptions.put(spec.name(), new Subscription(spec.events(), spec.match()));
            }
            return subscriptions;
        }

        /** The whole API in one table. */
        private static Routes routes(Switchboard switchboard, ServerSettings settings, Sessions sessions,
                                     ServiceMetrics metrics, HealthEndpoints health, HandlerActivity activity) {
            SessionsEndpoint sessionsEndpoint = new SessionsEndpoint(sessions);
            DeliveriesEndpoint deliveries = new DeliveriesEndpoint(switchboard.store(),
                    Redaction.of(settings.sessionsRedact));
            ReplayEndpoint replay = new ReplayEndpoint(switchboard.store(), deliveries);
            UiEndpoint ui = UiEndpoint.load();
            HandlersEndpoint handlers = new HandlersEndpoint(switchboard, activity);
            return new Routes(new Access(settings.apiKeys, settings.metricsAuth))
                    .add("GET", "/healthz", Access.Need.NOTHING, health::health)
                    .add("GET", "/readyz", Access.Need.NOTHING, health::readiness)
                    .add("GET", "/metrics", Access.Need.METRICS, health::metrics)
                    .add("GET", "/openapi.json", Access.Need.NOTHING, OpenApiEndpoint.load())
                    .add("GET", "/ui/", Access.Need.NOTHING, ui::index)
                    .add("GET", "/ui/{file}", Access.Need.NOTHING, ui::file)
                    .add("POST", "/v1/events", Access.Need.API_KEY,
                            new EventsEndpoint(switchboard, settings.maxBodyBytes, metrics))
                    .add("GET", "/v1/sessions", Access.Need.API_KEY, sessionsEndpoint::list)
                    .add("POST", "/v1/sessions", Access.Need.API_KEY,
                            new StartEndpoint(switchboard, settings.maxBodyBytes))
                    .add("GET", "/v1/sessions/{id}", Access.Need.API_KEY, sessionsEndpoint::get)
                    .add("DELETE", "/v1/sessions/{id}", Access.Need.API_KEY, sessionsEndpoint::delete)
                    .add("POST", "/v1/sessions/{id}/resume", Access.Need.API_KEY,
                            new ResumeEndpoint(switchboard, sessions))
                    .add("GET", "/v1/handlers", Access.Need.API_KEY, handlers::list)
                    .add("POST", "/v1/admin/reload", Access.Need.API_KEY, new ReloadEndpoint(switchboard))
                    .add("POST", "/v1/handlers/{name}/enable", Access.Need.API_KEY, handlers::enable)
                    .add("GET", "/v1/plugins", Access.Need.API_KEY, new PluginsEndpoint(switchboard.plugins()))
                    .add("POST", "/v1/preview", Access.Need.API_KEY,
                            new PreviewEndpoint(switchboard, settings.maxBodyBytes))
                    .add("GET", "/v1/deliveries", Access.Need.API_KEY, deliveries::list)
                    .add("GET", "/v1/deliveries/{id}", Access.Need.API_KEY, deliveries::get)
                    .add("DELETE", "/v1/deliveries/{id}", Access.Need.API_KEY, deliveries::delete)
                    .add("POST", "/v1/deliveries/{id}/replay", Access.Need.API_KEY, replay::one)
                    .add("POST", "/v1/deliveries/replay", Access.Need.API_KEY, replay::many);
        }
    }
}
