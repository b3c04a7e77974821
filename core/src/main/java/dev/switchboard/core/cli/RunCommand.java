package dev.switchboard.core.cli;

import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.ConfigProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code run --input FILE|-}: dispatches NDJSON events, waits until every delivery is delivered or
 * has failed for good, prints a per-handler summary. Exit 0 when all were delivered, 1 when any
 * failed for good (or an input line was rejected), 2 on a usage or configuration error.
 * {@code run} without {@code --input} serves the HTTP API until stopped (see {@link Service}).
 */
@Command(name = "run", description = "Deliver workflow events to the configured handlers.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    PluginsOption plugins;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE|-",
            description = "NDJSON events to deliver ('-' for standard input); exits when all are delivered. "
                    + "Without it, serves the HTTP API until stopped.")
    String input;

    @Option(names = "--host", paramLabel = "HOST",
            description = "Address to serve on (default: server.host, else 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Port to serve on, 0 for any free one (default: server.port, else 8080).")
    Integer port;

    @Option(names = "--startup-training", hidden = true,
            description = "Start and stop once without delivering anything (the launcher records its start-up archive).")
    boolean startupTraining;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (startupTraining) {
            return new StartupTraining(config.fileOrDefault(), plugins.dirOrDefault()).run();
        }
        if (input == null) {
            return new Service(config.fileOrDefault(), plugins.dirOrDefault(), host, port).run();
        }
        if (host != null || port != null) {
            System.err.println("switchboard run: --host and --port serve the HTTP API; they do not go with --input");
            return Main.USAGE;
        }
        Switchboard switchboard;
        try {
            switchboard = Switchboard.builder()
                    .config(config.fileOrDefault())
                    .pluginsDir(plugins.dirOrDefault())
                    .build();
        } catch (ConfigProblem problem) {
            problem.lines().forEach(System.err::println);
            return Main.USAGE;
        }
        try (BufferedReader reader = open(input)) {
            NdjsonFeed.Result fed = new NdjsonFeed(displayName(input), switchboard).feed(reader);
            while (!switchboard.awaitIdle(Duration.ofSeconds(60))) {
                System.err.println("still delivering: " + switchboard.stats());
            }
            List<HandlerStats> stats = switchboard.stats();
            Map<String, List<String>> failures = switchboard.recentFailures();
            new RunSummary(stats, failures, fed).print(System.out, System.err);
            boolean anyFailed = fed.rejected() > 0 || stats.stream().anyMatch(s -> s.failed() > 0);
            return anyFailed ? Main.DELIVERY_FAILED : Main.OK;
        } finally {
            switchboard.close();
        }
    }

    private static BufferedReader open(String input) throws IOException {
        if ("-".equals(input)) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
        }
        return Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8);
    }

    private static String displayName(String input) {
        return "-".equals(input) ? "<stdin>" : input;
    }
}
