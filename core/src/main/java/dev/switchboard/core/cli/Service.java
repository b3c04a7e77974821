package dev.switchboard.core.cli;

import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.server.SwitchboardServer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code run} without {@code --input}: serves the HTTP API until SIGTERM or SIGINT. A JVM shutdown
 * hook then shuts down gracefully ({@code /readyz} answers 503 for {@code server.timeouts.drain},
 * then stop accepting, finish deliveries within {@code server.timeouts.shutdown}, flush plugins)
 * and ends the process with 0, or 1 when some delivery could not finish in time. Exit 2 for a configuration error or an address in use.
 */
final class Service {
    // SIGHUP, and with --watch a change of the file, reloads the configuration: see ConfigReloading.

    private final Path config;
    private final Path plugins;
    private final DataOption data;
    private final String host;
    private final Integer port;
    private final boolean watch;

    Service(Path config, Path plugins, DataOption data, String host, Integer port, boolean watch) {
        this.watch = watch;
        this.config = config;
        this.plugins = plugins;
        this.data = data;
        this.host = host;
        this.port = port;
    }

    int run() throws InterruptedException {
        SwitchboardServer.Builder builder = SwitchboardServer.builder().config(config).pluginsDir(plugins)
                .dataDir(data.overriding()).defaultDataDir(data.installationDefault());
        if (host != null) {
            builder.host(host);
        }
        if (port != null) {
            builder.port(port);
        }
        SwitchboardServer server;
        try {
            server = builder.start();
        } catch (ConfigProblem problem) {
            problem.lines().forEach(System.err::println);
            return Main.USAGE;
        } catch (IOException e) {
            System.err.println("switchboard run: " + e.getMessage());
            return Main.USAGE;
        }
        try {
            ConfigReloading.start(server.switchboard(), config, watch); // daemon threads, ended with the process
        } catch (IOException e) {
            System.err.println("switchboard run: --watch cannot watch " + config + ": " + e.getMessage());
            server.close();
            return Main.USAGE;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutDown(server), "switchboard-shutdown"));
        System.err.println("switchboard: serving on " + server.uri() + " with handlers "
                + server.switchboard().config().handlers().stream().map(h -> h.name()).toList()
                + "; stop with Ctrl-C or SIGTERM");
        server.awaitClosed();
        return Main.OK;
    }

    /**
     * Runs in the shutdown hook. A JVM ended by a signal exits with 128 + the signal's number, so the
     * hook ends the process itself, with the outcome of the shutdown, once everything is closed.
     */
    private static void shutDown(SwitchboardServer server) {
        ShutdownReport.begin("/readyz answers 503 for " + server.drain().toMillis() + " ms, then ", server.shutdownGrace());
        ShutdownReport.halt(ShutdownReport.end(server.shutDown(), server.switchboard().durable()));
    }
}
