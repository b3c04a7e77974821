package dev.switchboard.benchmarks.ingest;

import dev.switchboard.benchmarks.support.Args;
import dev.switchboard.benchmarks.support.Proc;
import dev.switchboard.benchmarks.support.Spread;
import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.server.SwitchboardServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Ingest: events accepted per second over {@code POST /v1/events} against a ceiling in the same
 * process, {@link TrivialServer} (reads the body, answers 202). This process is both servers: the
 * runtime's embedding API ({@code SwitchboardServer}, one no-op handler) and the trivial one (run it
 * pinned to one CPU); it starts {@link IngestLoad} pinned to the other CPU, which posts single
 * events on 64 connections and NDJSON batches of 100, to both endpoints, interleaved, and reports
 * rates on its own clock. Every post must be answered 202, and the no-op handler must have received
 * exactly the events posted to {@code /v1/events}.
 */
public final class IngestBench {

    private IngestBench() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, "load-cpu", "rounds", "single", "batches", "out");
        String yaml = """
                version: 1
                handlers:
                  - name: sink
                    type: noop
                    events: ["*"]
                    queue_capacity: 2000000
                server:
                  host: 127.0.0.1
                  port: 0
                """;
        SwitchboardServer server = SwitchboardServer.builder()
                .configText(yaml)
                .environment(Map.of())
                .start();
        try (TrivialServer trivial = new TrivialServer()) {
            String jar = Path.of(IngestBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            List<String> command = Proc.pinned(args.integer("load-cpu", 1), List.of(Proc.javaCommand(), "-cp", jar,
                    IngestLoad.class.getName(), "--base", server.uri().toString(), "--trivial", trivial.uri().toString(),
                    "--rounds", Integer.toString(args.integer("rounds", 3)),
                    "--single", Integer.toString(args.integer("single", 50_000)),
                    "--batches", Integer.toString(args.integer("batches", 1_000))));
            System.out.printf("server on %s, trivial endpoint on %s (this process); load generator pinned to CPU %d%s%n", server.uri(),
                    trivial.uri(), args.integer("load-cpu", 1), Proc.canPin() ? "" : " (taskset missing: NOT pinned)");
            Process load = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            Map<String, Double> threadsAtBegin = Map.of();
            long postedToEvents = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(load.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    String[] fields = line.split(" ");
                    if (fields[0].equals("BEGIN")) {
                        threadsAtBegin = Proc.cpuSecondsByThread(ProcessHandle.current().pid());
                        continue;
                    }
                    if (fields[0].equals("RESULT")) {
                        // The server's CPU over the phase, by thread group (Jetty's are "http").
                        line += "  server CPU s by thread: "
                                + Proc.cpuDelta(threadsAtBegin, Proc.cpuSecondsByThread(ProcessHandle.current().pid()));
                    }
                    System.out.println(line);
                    if (fields[0].equals("RESULT")) {
                        // RESULT <phase> <events/s> <events>
                        rates.computeIfAbsent(fields[1], k -> new ArrayList<>()).add(Double.parseDouble(fields[2]));
                    }
                    if (fields[0].equals("RESULT") || fields[0].equals("WARM")) {
                        if (fields[1].startsWith("events")) {
                            postedToEvents += Long.parseLong(fields[3]);
                        }
                    }
                }
            }
            if (!load.waitFor(60, TimeUnit.SECONDS) || load.exitValue() != 0) {
                throw new IllegalStateException("the load generator failed (see its messages above)");
            }
            if (!server.switchboard().awaitIdle(Duration.ofSeconds(60))) {
                throw new IllegalStateException("deliveries unfinished: " + server.switchboard().stats());
            }
            HandlerStats sink = server.switchboard().stats().get(0);
            if (sink.delivered() != postedToEvents) {
                throw new IllegalStateException("posted " + postedToEvents + " events to /v1/events but the handler got "
                        + sink.delivered());
            }
            String table = table(rates);
            System.out.println();
            System.out.println(table);
            String outFile = args.string("out", null);
            if (outFile != null) {
                Files.writeString(Path.of(outFile), table, StandardCharsets.UTF_8);
            }
        } finally {
            server.close(Duration.ofSeconds(10));
        }
    }

    private static String table(Map<String, List<Double>> rates) {
        StringBuilder out = new StringBuilder();
        out.append("| posts | endpoint | events accepted/s median (min–max) | ratio to trivial, median of rounds (min–max) |\n|---|---|---|---|\n");
        for (String shape : List.of("single", "batch100")) {
            Spread trivial = Spread.of(rates.getOrDefault("trivial-" + shape, List.of()));
            Spread events = Spread.of(rates.getOrDefault("events-" + shape, List.of()));
            String what = shape.equals("single") ? "one event per post, 64 connections" : "NDJSON batches of 100, 64 connections";
            out.append(String.format("| %s | trivial endpoint (ceiling) | %s | 1.00× |%n", what, trivial.format("%,.0f")));
            List<Double> ratios = new ArrayList<>();
            List<Double> trivialRuns = rates.getOrDefault("trivial-" + shape, List.of());
            List<Double> eventRuns = rates.getOrDefault("events-" + shape, List.of());
            for (int i = 0; i < Math.min(trivialRuns.size(), eventRuns.size()); i++) {
                ratios.add(eventRuns.get(i) / trivialRuns.get(i));
            }
            out.append(String.format("| %s | /v1/events | %s | %s |%n", what, events.format("%,.0f"),
                    Spread.of(ratios).format("%.2f×")));
        }
        out.append(String.format("%nMedian of %d interleaved runs per row; the ratio is taken per round (the two"
                + " endpoints back to back), then its median.%n", rates.values().stream().mapToInt(List::size).max().orElse(0)));
        return out.toString();
    }
}
