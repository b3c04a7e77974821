package dev.switchboard.benchmarks.ingest;

import dev.switchboard.benchmarks.support.Args;
import dev.switchboard.benchmarks.support.Folders;
import dev.switchboard.benchmarks.support.Proc;
import dev.switchboard.benchmarks.support.Spread;
import dev.switchboard.benchmarks.support.StoreFlavours;
import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.server.SwitchboardServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Ingest: events accepted per second over {@code POST /v1/events}, one runtime per store
 * ({@code --stores}, default {@code memory,sqlite-full,sqlite-normal}: the embedding API's
 * {@code SwitchboardServer}, one no-op handler, each SQLite store in a fresh data folder under
 * {@code --work}), against a ceiling in the same process, {@link TrivialServer} (reads the body,
 * answers 202). This process holds every server (run it pinned to one CPU); it starts
 * {@link IngestLoad} pinned to the other CPU, which posts single events on 64 connections and
 * NDJSON batches of 100 to every endpoint, interleaved, and reports rates on its own clock. After
 * each phase the runtime just posted to finishes its deliveries before the next phase begins, so
 * no runtime's backlog is delivered during another's measurement. Every post must be answered 202,
 * and each no-op handler must have received exactly the events posted to its runtime.
 */
public final class IngestBench {

    private static final String TRIVIAL = "trivial";

    private IngestBench() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, "load-cpu", "rounds", "single", "batches", "out", "stores", "work");
        List<String> stores = StoreFlavours.parse(args.string("stores", "memory,sqlite-full,sqlite-normal"));
        Path work = args.string("work", null) == null ? Files.createTempDirectory("ingest-bench")
                : Files.createDirectories(args.path("work"));
        Map<String, SwitchboardServer> servers = new LinkedHashMap<>();
        String loadAtStart = Proc.loadAverage();
        try (TrivialServer trivial = new TrivialServer()) {
            for (String store : stores) {
                servers.put(store, start(store, work));
            }
            String jar = Path.of(IngestBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            String targets = servers.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().uri())
                    .collect(Collectors.joining(","));
            List<String> command = Proc.pinned(args.integer("load-cpu", 1), List.of(Proc.javaCommand(), "-cp", jar,
                    IngestLoad.class.getName(), "--targets", targets, "--trivial", trivial.uri().toString(),
                    "--rounds", Integer.toString(args.integer("rounds", 3)),
                    "--single", Integer.toString(args.integer("single", 50_000)),
                    "--batches", Integer.toString(args.integer("batches", 1_000))));
            System.out.printf("servers %s, trivial endpoint %s (this process); load generator pinned to CPU %d%s%n", targets,
                    trivial.uri(), args.integer("load-cpu", 1), Proc.canPin() ? "" : " (taskset missing: NOT pinned)");
            Process load = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            Map<String, Long> posted = new HashMap<>();
            try {
                follow(load, servers, rates, posted);
            } finally {
                load.destroy();
            }
            if (!load.waitFor(60, TimeUnit.SECONDS) || load.exitValue() != 0) {
                throw new IllegalStateException("the load generator failed (see its messages above)");
            }
            for (Map.Entry<String, SwitchboardServer> server : servers.entrySet()) {
                HandlerStats sink = server.getValue().switchboard().stats().get(0);
                long expected = posted.getOrDefault(server.getKey(), 0L);
                if (sink.delivered() != expected) {
                    throw new IllegalStateException(server.getKey() + ": posted " + expected
                            + " events to /v1/events but the handler got " + sink.delivered());
                }
            }
            String table = table(rates, stores) + String.format("Load average (1, 5, 15 min) at the start %s, at the end"
                    + " %s.%n", loadAtStart, Proc.loadAverage());
            System.out.println();
            System.out.println(table);
            String outFile = args.string("out", null);
            if (outFile != null) {
                Files.writeString(Path.of(outFile), table, StandardCharsets.UTF_8);
            }
        } finally {
            servers.values().forEach(server -> server.close(Duration.ofSeconds(10)));
            for (String store : stores) {
                Folders.delete(work.resolve(store));
            }
        }
    }

    /** A runtime with one no-op handler and the given store, its SQLite file in an empty folder of its own. */
    private static SwitchboardServer start(String store, Path work) throws Exception {
        Path data = work.resolve(store);
        Folders.delete(data);
        Files.createDirectories(data);
        String yaml = """
                version: 1
                %shandlers:
                  - name: sink
                    type: noop
                    events: ["*"]
                    queue_capacity: 2000000
                server:
                  host: 127.0.0.1
                  port: 0
                """.formatted(StoreFlavours.section(store));
        return SwitchboardServer.builder().configText(yaml).environment(Map.of()).dataDir(data).start();
    }

    /**
     * Reads the generator's lines: on each, lets the runtime just posted to finish its deliveries,
     * records the rates and what was posted, and tells the generator to go on.
     */
    private static void follow(Process load, Map<String, SwitchboardServer> servers, Map<String, List<Double>> rates,
                               Map<String, Long> posted) throws IOException, InterruptedException {
        OutputStream go = load.getOutputStream();
        Map<String, Double> threadsAtBegin = Map.of();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(load.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String[] fields = line.split(" ");
                String phase = fields.length > 1 ? fields[1] : "";
                String endpoint = phase.contains("-") ? phase.substring(0, phase.lastIndexOf('-')) : phase;
                if (fields[0].equals("BEGIN")) {
                    threadsAtBegin = Proc.cpuSecondsByThread(ProcessHandle.current().pid());
                } else if (fields[0].equals("RESULT") || fields[0].equals("WARM")) {
                    if (fields[0].equals("RESULT")) {
                        // The server process's CPU over the phase, by thread group (Jetty's are "http").
                        line += "  load " + Proc.loadAverage() + "  server CPU s by thread: "
                                + Proc.cpuDelta(threadsAtBegin, Proc.cpuSecondsByThread(ProcessHandle.current().pid()));
                        rates.computeIfAbsent(phase, k -> new ArrayList<>()).add(Double.parseDouble(fields[2]));
                    }
                    SwitchboardServer server = servers.get(endpoint);
                    if (server != null) {
                        posted.merge(endpoint, Long.parseLong(fields[3]), Long::sum);
                        if (!server.switchboard().awaitIdle(Duration.ofSeconds(120))) {
                            throw new IllegalStateException(endpoint + ": deliveries unfinished 120 s after the phase: "
                                    + server.switchboard().stats());
                        }
                    }
                    System.out.println(line);
                } else {
                    System.out.println(line);
                }
                go.write('\n');
                go.flush();
            }
        }
    }

    private static String table(Map<String, List<Double>> rates, List<String> stores) {
        StringBuilder out = new StringBuilder();
        out.append("| posts | endpoint | events accepted/s median (min–max) | ratio to trivial, median of rounds (min–max) |\n"
                + "|---|---|---|---|\n");
        for (String shape : List.of("single", "batch100")) {
            List<Double> trivialRuns = rates.getOrDefault(TRIVIAL + "-" + shape, List.of());
            if (trivialRuns.isEmpty()) {
                continue;
            }
            String what = shape.equals("single") ? "one event per post, 64 connections" : "NDJSON batches of 100, 64 connections";
            out.append(String.format("| %s | trivial endpoint (ceiling) | %s | 1.00× |%n", what,
                    Spread.of(trivialRuns).format("%,.0f")));
            for (String store : stores) {
                List<Double> runs = rates.getOrDefault(store + "-" + shape, List.of());
                out.append(String.format("| %s | /v1/events, %s store | %s | %s |%n", what, store,
                        Spread.of(runs).format("%,.0f"), ratios(runs, trivialRuns).format("%.2f×")));
            }
            if (stores.contains("memory")) {
                List<Double> memoryRuns = rates.getOrDefault("memory-" + shape, List.of());
                for (String store : stores) {
                    if (!store.equals("memory")) {
                        out.append(String.format("| %s | %s ÷ memory | | %s |%n", what, store,
                                ratios(rates.getOrDefault(store + "-" + shape, List.of()), memoryRuns).format("%.2f×")));
                    }
                }
            }
        }
        out.append(String.format("%nMedian of %d interleaved runs per row; a ratio is taken per round (the endpoints"
                + " back to back), then its median.%n", rates.values().stream().mapToInt(List::size).max().orElse(0)));
        return out.toString();
    }

    /** @return each round's {@code runs[i] / bases[i]} */
    private static Spread ratios(List<Double> runs, List<Double> bases) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(runs.size(), bases.size()); i++) {
            ratios.add(runs.get(i) / bases.get(i));
        }
        return Spread.of(ratios);
    }
}
