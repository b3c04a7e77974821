package dev.switchboard.core.cli;

import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.ConfigProblem;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code run --input FILE|-}: dispatches NDJSON events, waits until every delivery is delivered or
 * has failed for good, prints a per-handler summary. Exit 0 when all were delivered, 1 when any
 * failed for good (or an input line was rejected), 2 on a usage or configuration error; SIGTERM
 * and Ctrl-C stop it early (see {@link InputRun}). A file is resumed after the last line an earlier
 * run on it had accepted, unless {@code --from-start} (see {@link InputStart}); standard input never is.
 * SIGHUP (and with {@code --watch}, a change of the file) reloads the configuration (see {@link ConfigReloading}).
 * {@code run} without {@code --input} serves the HTTP API until stopped (see {@link Service}).
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Deliver workflow events to the configured handlers.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    PluginsOption plugins;

    @Mixin
    DataOption data;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE|-",
            description = "NDJSON events to deliver ('-' for standard input); exits when all are delivered. "
                    + "Without it, serves the HTTP API until stopped.")
    String input;

    @Option(names = "--from-start",
            description = "Read the --input file from its first line, although an earlier run on the same file"
                    + " stored where it stopped (the events get the same ids as before).")
    boolean fromStart;

    @Option(names = "--host", paramLabel = "HOST",
            description = "Address to serve on (default: server.host, else 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Port to serve on, 0 for any free one (default: server.port, else 8080).")
    Integer port;

    @Option(names = "--watch",
            description = "Reload the configuration file when it changes, as SIGHUP and POST /v1/admin/reload do.")
    boolean watch;

    @Option(names = "--startup-training", hidden = true,
            description = "Start and stop once without delivering anything (the launcher records its start-up archive).")
    boolean startupTraining;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (startupTraining) {
            return new StartupTraining(config.fileOrDefault(), plugins.dirOrDefault()).run();
        }
        if (fromStart && input == null) {
            System.err.println("switchboard run: --from-start re-reads an --input file; it goes only with --input");
            return Main.USAGE;
        }
        if (input == null) {
            return new Service(config.fileOrDefault(), plugins.dirOrDefault(), data, host, port, watch).run();
        }
        if (host != null || port != null) {
            System.err.println("switchboard run: --host and --port serve the HTTP API; they do not go with --input");
            return Main.USAGE;
        }
        InputSource source = InputSource.open(input);
        Switchboard switchboard;
        AttemptLatencies latencies = new AttemptLatencies();
        try {
            switchboard = Switchboard.builder()
                    .deliveryListener(latencies)
                    .config(config.fileOrDefault())
                    .pluginsDir(plugins.dirOrDefault())
                    .dataDir(data.overriding())
                    .defaultDataDir(data.installationDefault())
                    .build();
        } catch (ConfigProblem problem) {
            source.close();
            problem.lines().forEach(System.err::println);
            return Main.USAGE;
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        try (source; ConfigReloading reloading = ConfigReloading.start(switchboard, config.fileOrDefault(), watch)) {
            InputStart start = InputStart.of(source, switchboard.store()::inputPosition, fromStart);
            if (start.notice() != null) {
                System.err.println(start.notice());
            }
            return new InputRun(switchboard, source, latencies).run(source.lines(start));
        } finally {
            switchboard.close();
        }
    }
}
