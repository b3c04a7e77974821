package dev.switchboard.benchmarks.fanout;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.benchmarks.support.Args;
import dev.switchboard.benchmarks.support.Folders;
import dev.switchboard.benchmarks.support.Proc;
import dev.switchboard.benchmarks.support.SeedEvents;
import dev.switchboard.benchmarks.support.Spread;
import dev.switchboard.benchmarks.support.StoreFlavours;
import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.HandlerSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The cost of one delivery as the fan-out grows: the same number of deliveries ({@code
 * --deliveries}) to 1, 5 or 20 no-op handlers ({@code --handlers}; events = deliveries / handlers)
 * through the embedding API ({@link Switchboard#publishAsync}, reading ahead of delivery as far as
 * {@code run --input} does, then {@link Switchboard#awaitIdle}),
 * with each store of {@code --stores}, every run a fresh runtime (and data folder). Measures the
 * wall time and this process's CPU time (user + system, from /proc, all threads: publisher, lanes,
 * store writer, JIT, GC) per delivery. CPU per delivery is what waiting for a CPU on a shared
 * machine does not inflate, so it is the figure the ratio is taken on: per round, the cost per
 * delivery at H handlers over that at 1 handler with the same store. After one unmeasured warm-up
 * run of each configuration, {@code --rounds} rounds, the order rotating round by round.
 */
public final class FanOutBench {

    private FanOutBench() {
    }

    private record Config(String store, int handlers) {
        String name() {
            return store + "/" + handlers;
        }
    }

    private record Run(double wallMicrosPerDelivery, double cpuMicrosPerDelivery, double switchesPerDelivery,
                       String threads) {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, "handlers", "stores", "deliveries", "rounds", "type", "work", "out");
        List<Integer> fanOuts = new ArrayList<>();
        for (String h : args.string("handlers", "1,5,20").split(",")) {
            fanOuts.add(Integer.parseInt(h));
        }
        List<String> stores = StoreFlavours.parse(args.string("stores", "memory,sqlite-normal,sqlite-full"));
        int deliveries = args.integer("deliveries", 200_000);
        int rounds = args.integer("rounds", 3);
        String type = args.string("type", "noop");
        Path work = args.string("work", null) == null ? Files.createTempDirectory("fanout-bench")
                : Files.createDirectories(args.path("work"));
        List<Config> configs = new ArrayList<>();
        for (String store : stores) {
            for (int handlers : fanOuts) {
                configs.add(new Config(store, handlers));
            }
        }
        String loadAtStart = Proc.loadAverage();
        for (Config config : configs) {
            run(config, type, Math.max(config.handlers(), deliveries / 4), work);
        }
        System.out.printf("warm-up done (each configuration once, a quarter of the deliveries); load %s%n", Proc.loadAverage());
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            List<Config> order = new ArrayList<>(configs);
            Collections.rotate(order, -round);
            for (Config config : order) {
                Run run = run(config, type, deliveries, work);
                runs.computeIfAbsent(config.name(), k -> new ArrayList<>()).add(run);
                System.out.printf("round %d %-18s %7.2f µs wall %7.2f µs CPU %6.2f context switches per delivery  load %s"
                                + "  CPU s by thread: %s%n", round + 1, config.name(), run.wallMicrosPerDelivery,
                        run.cpuMicrosPerDelivery, run.switchesPerDelivery, Proc.loadAverage(), run.threads);
            }
        }
        String table = table(runs, fanOuts, stores, deliveries, type)
                + String.format("Load average (1, 5, 15 min) at the start %s, at the end %s.%n", loadAtStart, Proc.loadAverage());
        System.out.println();
        System.out.println(table);
        String out = args.string("out", null);
        if (out != null) {
            Files.writeString(Path.of(out), table, StandardCharsets.UTF_8);
        }
    }

    private static Run run(Config config, String type, int deliveries, Path work) throws Exception {
        StringBuilder yaml = new StringBuilder("version: 1\n").append(StoreFlavours.section(config.store()))
                .append("handlers:\n");
        for (int i = 0; i < config.handlers(); i++) {
            yaml.append("  - name: h").append(i).append("\n    type: ").append(type)
                    .append("\n    events: [\"*\"]\n    queue_capacity: ").append(deliveries).append('\n');
        }
        Path data = Files.createDirectories(work.resolve("data"));
        Folders.delete(data);
        Files.createDirectories(data);
        int events = deliveries / config.handlers();
        WorkflowEvent event = SeedEvents.seed();
        long pid = ProcessHandle.current().pid();
        try (Switchboard switchboard = Switchboard.builder().configText(yaml.toString()).environment(Map.of())
                .dataDir(data).build()) {
            Map<String, Double> threadsBefore = Proc.cpuSecondsByThread(pid);
            double cpuBefore = Proc.cpuSeconds(pid);
            long switchesBefore = Proc.contextSwitches(pid);
            long start = System.nanoTime();
            long readAhead = readAhead(switchboard);
            CompletableFuture<WorkflowEvent> last = null;
            for (int i = 0; i < events; i++) {
                if (!switchboard.awaitPendingBelow(readAhead, Duration.ofMinutes(5))) {
                    throw new IllegalStateException(config.name() + ": deliveries stalled: " + switchboard.stats());
                }
                last = switchboard.publishAsync(event, null);
            }
            last.join(); // durable in order: a store failure surfaces here
            if (!switchboard.awaitIdle(Duration.ofMinutes(5))) {
                throw new IllegalStateException(config.name() + ": deliveries unfinished after 5 minutes: "
                        + switchboard.stats());
            }
            long wall = System.nanoTime() - start;
            double cpu = Proc.cpuSeconds(pid) - cpuBefore;
            long switches = Proc.contextSwitches(pid) - switchesBefore;
            String threads = grouped(threadsBefore, Proc.cpuSecondsByThread(pid));
            long delivered = switchboard.stats().stream().mapToLong(HandlerStats::delivered).sum();
            int made = events * config.handlers();
            if (delivered != made) {
                throw new IllegalStateException(config.name() + ": " + delivered + " delivered of " + made);
            }
            return new Run(wall / 1e3 / made, cpu * 1e6 / made, switches / (double) made, threads);
        } finally {
            Folders.delete(data);
        }
    }

    /**
     * How far the publisher runs ahead of delivery, as {@code run --input} does: at most four times
     * what all handlers may have in flight, and at least 2,048 unfinished deliveries.
     */
    private static long readAhead(Switchboard switchboard) {
        long inFlight = switchboard.config().handlers().stream().mapToLong(HandlerSpec::concurrency).sum();
        return Math.max(2_048, 4 * inFlight);
    }

    /** CPU seconds by thread group, lanes summed over handlers: lanes, store writer, publisher (main), JIT, GC, other. */
    private static String grouped(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> groups = new TreeMap<>();
        after.forEach((name, seconds) -> {
            double used = seconds - before.getOrDefault(name, 0.0);
            String group = name.startsWith("lane-") ? "lanes"
                    : name.startsWith("switchboard-sto") ? "store-writer"
                    : name.equals("java") || name.equals("main") ? "publisher"
                    : name.startsWith("C1") || name.startsWith("C2") ? "jit"
                    : name.startsWith("GC") || name.startsWith("G1") || name.equals("VM Thread") ? "gc/vm"
                    : "other";
            groups.merge(group, used, Double::sum);
        });
        return groups.entrySet().stream().filter(e -> e.getValue() > 0.005)
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .map(e -> String.format("%s=%.2f", e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.joining(" "));
    }

    private static String table(Map<String, List<Run>> runs, List<Integer> fanOuts,
                                List<String> stores, int deliveries, String type) {
        StringBuilder out = new StringBuilder(String.format(
                "%,d deliveries per run to `%s` handlers (events = deliveries / handlers).%n%n"
                        + "| store | handlers | µs wall per delivery, median (min–max) | µs CPU per delivery, median (min–max)"
                        + " | context switches per delivery, median | CPU per delivery ÷ one handler's, per round: median (min–max) |%n"
                        + "|---|---|---|---|---|---|%n",
                deliveries, type));
        for (String store : stores) {
            List<Run> one = runs.get(new Config(store, fanOuts.get(0)).name());
            for (int handlers : fanOuts) {
                List<Run> mine = runs.get(new Config(store, handlers).name());
                List<Double> ratios = new ArrayList<>();
                for (int i = 0; i < Math.min(one.size(), mine.size()); i++) {
                    ratios.add(mine.get(i).cpuMicrosPerDelivery / one.get(i).cpuMicrosPerDelivery);
                }
                out.append(String.format("| %s | %d | %s | %s | %.2f | %s |%n", store, handlers,
                        Spread.of(mine.stream().map(Run::wallMicrosPerDelivery).toList()).format("%.2f"),
                        Spread.of(mine.stream().map(Run::cpuMicrosPerDelivery).toList()).format("%.2f"),
                        Spread.of(mine.stream().map(Run::switchesPerDelivery).toList()).median(),
                        Spread.of(ratios).format("%.2f×")));
            }
        }
        out.append(String.format("%nThe base of the last column is the first fan-out (%d handler%s) with the same store,"
                + " in the same round.%n", fanOuts.get(0), fanOuts.get(0) == 1 ? "" : "s"));
        return out.toString();
    }
}
