package dev.switchboard.benchmarks.memory;

import dev.switchboard.benchmarks.support.Args;
import dev.switchboard.benchmarks.support.Folders;
import dev.switchboard.benchmarks.support.Proc;
import dev.switchboard.benchmarks.support.SeedEvents;
import dev.switchboard.benchmarks.support.StoreFlavours;
import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.event.EventJson;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.ObjectName;

/**
 * Heap and disk per pending delivery: the runtime (embedded, with the bundled {@code webhook} plugin
 * loaded from {@code plugins/} by PF4J, {@code concurrency: 64}) and its store ({@code --store}, see
 * {@link StoreFlavours}; a SQLite store in an empty {@code --data} folder) take seed events, parsed
 * from NDJSON lines as {@code run --input} does, while its receiver accepts connections and never
 * answers: 64 requests hang in flight and the rest wait in the store. At each count of
 * {@code --pending} (e.g. {@code 100000,300000,1000000}) it measures used heap after a full GC,
 * the process's resident set and the data folder's files (database, WAL); per pending delivery is
 * the growth since before the first event divided by the count. For a store that keeps only a
 * bounded window in memory the heap stays flat as the backlog grows. The largest classes of the
 * heap's growth at the last count come from the JVM's class histogram.
 */
public final class MemoryBench {

    /** Events published and not yet durable at most: enough to fill the store's group commits. */
    private static final int IN_FLIGHT_PUBLISHES = 4_096;

    private MemoryBench() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, "plugins", "pending", "out", "store", "data");
        List<Integer> counts = new ArrayList<>();
        for (String count : args.string("pending", "100000").split(",")) {
            counts.add(Integer.parseInt(count.replace("_", "")));
        }
        int last = counts.get(counts.size() - 1);
        String store = args.string("store", "memory");
        Path data = args.string("data", null) == null ? Files.createTempDirectory("memory-bench")
                : args.path("data").toAbsolutePath();
        Folders.delete(data);
        Files.createDirectories(data);
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket stalled = new ServerSocket(0, 512, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(stalled.accept()); // accepted, never read, never answered
                    }
                } catch (Exception closed) {
                    // the benchmark is over
                }
            }, "stalled-receiver");
            acceptor.setDaemon(true);
            acceptor.start();
            String yaml = """
                    version: 1
                    %shandlers:
                      - name: stalled
                        type: webhook
                        events: ["*"]
                        concurrency: 64
                        queue_capacity: %d
                        timeout: 1h
                        retry: {attempts: 1}
                        config: {url: "http://127.0.0.1:%d/hook"}
                    """.formatted(StoreFlavours.section(store), last * 2, stalled.getLocalPort());
            Switchboard switchboard = Switchboard.builder().configText(yaml).pluginsDir(args.path("plugins"))
                    .dataDir(data).environment(Map.of()).build();
            try {
                long before = usedAfterGc();
                String histogramBefore = histogram();
                StringBuilder table = new StringBuilder(String.format(
                        "Store: %s. Heap after full GC before the first event: %.1f MiB.%n%n"
                                + "| pending deliveries | in flight (stalled connections) | heap after GC | heap per pending delivery"
                                + " | resident set | database | WAL | disk per pending delivery | load average |%n"
                                + "|---|---|---|---|---|---|---|---|---|%n", store, before / 1048576.0));
                int published = 0;
                for (int count : counts) {
                    publish(switchboard, published, count);
                    published = count;
                    awaitSettled(switchboard, held, count);
                    long after = usedAfterGc();
                    long db = size(data.resolve("switchboard.db"));
                    long wal = size(data.resolve("switchboard.db-wal"));
                    String row = String.format("| %,d | %d | %.1f MiB | %,.0f bytes | %.0f MiB | %.1f MiB | %.1f MiB | %s | %s |%n",
                            count, held.size(), after / 1048576.0, (after - before) / (double) count,
                            Proc.residentMiB(ProcessHandle.current().pid()), db / 1048576.0, wal / 1048576.0,
                            db + wal == 0 ? "–" : String.format("%,.0f bytes", (db + wal) / (double) count),
                            Proc.loadAverage());
                    System.out.print(row);
                    System.out.flush();
                    table.append(row);
                }
                table.append(String.format("%nLargest heap growth by class at %,d pending (instances, bytes):%n%n```%n%s```%n",
                        last, topGrowth(histogramBefore, histogram())));
                System.out.println();
                System.out.println(table);
                String out = args.string("out", null);
                if (out != null) {
                    Files.writeString(Path.of(out), table, StandardCharsets.UTF_8);
                }
            } finally {
                // Closing would wait for (or fail) every stalled delivery; the process ends here instead.
                System.out.flush();
                Folders.delete(data);
                Runtime.getRuntime().halt(0);
            }
        }
    }

    /**
     * Publishes events {@code from} .. {@code to - 1}, a few thousand not yet durable at a time so
     * that a durable store's group commits fill; returns once all are durable.
     */
    private static void publish(Switchboard switchboard, int from, int to) throws Exception {
        Semaphore window = new Semaphore(IN_FLIGHT_PUBLISHES);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = from; i < to; i++) {
            window.acquire();
            // Each line is made here and dropped: what stays is what the runtime holds.
            switchboard.publishAsync(EventJson.parse(SeedEvents.line(SeedEvents.SPEC, i)), null)
                    .whenComplete((event, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                        window.release();
                    });
        }
        if (!window.tryAcquire(IN_FLIGHT_PUBLISHES, 120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("events not durable 120 s after they were published");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("an event was not accepted", failure.get());
        }
    }

    /** Waits until 64 requests hang at the receiver and checks that every delivery is still pending. */
    private static void awaitSettled(Switchboard switchboard, List<Socket> held, int pending) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (held.size() < 64 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        HandlerStats stats = switchboard.stats().get(0);
        if (stats.queued() != pending || stats.delivered() + stats.failed() != 0) {
            throw new IllegalStateException("expected " + pending + " pending deliveries, got " + stats);
        }
    }

    private static long size(Path file) {
        return file.toFile().length();
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The JVM's class histogram ({@code jcmd PID GC.class_histogram}), of live objects. */
    private static String histogram() throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
    }

    /** @return the classes whose live bytes grew most, one per line */
    private static String topGrowth(String before, String after) {
        Map<String, long[]> start = parse(before);
        Map<String, long[]> end = parse(after);
        StringBuilder out = new StringBuilder();
        end.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] {
                    e.getValue()[0] - start.getOrDefault(e.getKey(), new long[2])[0],
                    e.getValue()[1] - start.getOrDefault(e.getKey(), new long[2])[1]}))
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(12)
                .forEach(e -> out.append(String.format("%,10d %,12d  %s%n", e.getValue()[0], e.getValue()[1], e.getKey())));
        return out.toString();
    }

    private static Map<String, long[]> parse(String histogram) {
        Map<String, long[]> classes = new java.util.HashMap<>();
        for (String line : histogram.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                classes.merge(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        return classes;
    }
}
