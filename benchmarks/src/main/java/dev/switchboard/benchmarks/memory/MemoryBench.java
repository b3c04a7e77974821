package dev.switchboard.benchmarks.memory;

import dev.switchboard.benchmarks.support.Args;
import dev.switchboard.benchmarks.support.SeedEvents;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.ObjectName;

/**
 * Heap per pending delivery: the runtime (embedded, with the bundled {@code webhook} plugin loaded
 * from {@code plugins/} by PF4J, {@code concurrency: 64}) takes {@code --pending} seed events, parsed
 * from NDJSON lines as {@code run --input} does, while its receiver accepts connections and never
 * answers: 64 requests hang in flight and the rest wait in the lane. Used heap after a full GC, minus
 * the same before the first event, divided by the pending count. The largest classes of the
 * difference come from the JVM's class histogram.
 */
public final class MemoryBench {

    private MemoryBench() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, "plugins", "pending", "out");
        int pending = args.integer("pending", 100_000);
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
                    handlers:
                      - name: stalled
                        type: webhook
                        events: ["*"]
                        concurrency: 64
                        queue_capacity: %d
                        timeout: 1h
                        retry: {attempts: 1}
                        config: {url: "http://127.0.0.1:%d/hook"}
                    """.formatted(pending * 2, stalled.getLocalPort());
            Switchboard switchboard = Switchboard.builder().configText(yaml).pluginsDir(args.path("plugins"))
                    .environment(Map.of()).build();
            try {
                long before = usedAfterGc();
                String histogramBefore = histogram();
                for (int i = 0; i < pending; i++) {
                    // Each line is made here and dropped: what stays is what the runtime holds.
                    switchboard.publish(EventJson.parse(SeedEvents.line(SeedEvents.SPEC, i)));
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (held.size() < 64 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                HandlerStats stats = switchboard.stats().get(0);
                if (stats.queued() != pending || stats.delivered() + stats.failed() != 0) {
                    throw new IllegalStateException("expected " + pending + " pending deliveries, got " + stats);
                }
                long after = usedAfterGc();
                double perDelivery = (after - before) / (double) pending;
                String top = topGrowth(histogramBefore, histogram());
                String table = String.format("| pending deliveries | in flight (stalled connections) | heap before | heap after | per pending delivery |%n"
                                + "|---|---|---|---|---|%n| %,d | %d | %.1f MiB | %.1f MiB | %,.0f bytes |%n%n"
                                + "Largest growth by class (instances, bytes):%n%n```%n%s```%n",
                        pending, held.size(), before / 1048576.0, after / 1048576.0, perDelivery, top);
                System.out.println(table);
                String out = args.string("out", null);
                if (out != null) {
                    Files.writeString(Path.of(out), table, StandardCharsets.UTF_8);
                }
            } finally {
                // Closing would fail (and log) every stalled delivery; the process ends here instead.
                System.out.flush();
                Runtime.getRuntime().halt(0);
            }
        }
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
