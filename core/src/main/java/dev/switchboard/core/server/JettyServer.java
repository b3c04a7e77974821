package dev.switchboard.core.server;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The embedded Jetty (core Handler API, no servlets) with the service's limits: header size, idle
 * and read timeouts, a bounded thread pool and connection count. Handlers, outermost first:
 * graceful shutdown (lets requests in flight finish), CORS (only for configured origins; answers
 * preflights itself), then the routes.
 */
final class JettyServer {

    private static final int MAX_THREADS = 32;
    /** How long stopping waits for requests in flight; deliveries have their own grace. */
    private static final Duration REQUEST_GRACE = Duration.ofSeconds(5);
    private static final Duration IDLE_AT_SHUTDOWN = Duration.ofMillis(100);

    private final Server server;
    private final ServerConnector connector;

    private JettyServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** @throws IOException when the address cannot be listened on (e.g. the port is taken) */
    static JettyServer start(ServerSettings settings, Handler routes) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4);
        threads.setName("http");
        Server server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(settings.maxHeaderBytes);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setIdleTimeout(settings.readTimeout.toMillis());

        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.host);
        connector.setPort(settings.port);
        connector.setIdleTimeout(settings.idleTimeout.toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(settings.maxConnections, connector));

        CrossOriginHandler cors = new CrossOriginHandler();
        cors.setAllowedOriginPatterns(originPatterns(settings));
        cors.setAllowedMethods(Set.of("GET", "POST", "DELETE"));
        cors.setAllowedHeaders(Set.of("Content-Type", "Authorization", "X-API-Key"));
        cors.setExposedHeaders(Set.of("Retry-After"));
        cors.setAllowCredentials(false);
        cors.setHandler(routes);

        GracefulHandler graceful = new GracefulHandler(cors);
        // Idle keep-alive connections need not linger through shutdown (Jetty's default is 1 s).
        graceful.setShutdownIdleTimeout(IDLE_AT_SHUTDOWN.toMillis());
        server.setHandler(graceful);
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(REQUEST_GRACE.toMillis());
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server);
            throw new IOException("cannot listen on " + settings.host + ":" + settings.port + ": " + e.getMessage(), e);
        } catch (Exception e) {
            stopQuietly(server);
            throw new IOException("the HTTP server did not start: " + e, e);
        }
        return new JettyServer(server, connector);
    }

    /** Starts the server on a thread of its own; see {@link Background}. */
    static Background<JettyServer> startInBackground(ServerSettings settings, Handler routes) {
        return Background.make("http-start", () -> start(settings, routes));
    }

    /** Exact origins are matched literally; {@code *} allows any. */
    private static Set<String> originPatterns(ServerSettings settings) {
        Set<String> patterns = new LinkedHashSet<>();
        for (String origin : settings.corsOrigins) {
            patterns.add(origin.equals("*") ? "*" : Pattern.quote(origin));
        }
        return patterns;
    }

    int port() {
        return connector.getLocalPort();
    }

    /** Stops accepting, lets requests in flight finish (bounded), closes the connections. */
    void stop() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(JettyServer.class).warn("stopping the HTTP server: {}", e.toString());
        }
    }
}
