package dev.switchboard.benchmarks.ordering;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.benchmarks.support.Args;
import dev.switchboard.benchmarks.support.Folders;
import dev.switchboard.benchmarks.support.Proc;
import dev.switchboard.benchmarks.support.StoreFlavours;
import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.Switchboard;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ordering: session} against {@code ordering: none}: one no-op handler ({@code --type}),
 * {@code --deliveries} events spread round-robin over {@code --sessions} sessions, published through
 * the embedding API reading ahead of delivery as {@code run --input} does (at most 2,048 unfinished),
 * then {@link Switchboard#awaitIdle}; each run a fresh runtime with the store of {@code --store}.
 * After two unmeasured warm-up runs of each, {@code --rounds} rounds alternating which goes first;
 * per round the ratio of deliveries per second (session / none), then the median of the ratios.
 * A no-op handler is the worst case for ordering's own cost: nothing else takes time.
 */
public final class OrderingBench {

    private OrderingBench() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, "sessions", "deliveries", "rounds", "store", "type", "work", "out");
        int sessions = args.integer("sessions", 1_000);
        int deliveries = args.integer("deliveries", 200_000);
        int rounds = args.integer("rounds", 5);
        String store = args.string("store", "memory");
        String type = args.string("type", "noop");
        Path work = args.string("work", null) == null ? Files.createTempDirectory("ordering-bench")
                : Files.createDirectories(args.path("work"));
        String loadAtStart = Proc.loadAverage();
        for (int warmUp = 0; warmUp < 2; warmUp++) {
            run("none", store, type, sessions, deliveries, work);
            run("session", store, type, sessions, deliveries, work);
        }
        System.out.printf("warm-up done (each twice); load %s%n", Proc.loadAverage());
        List<Double> none = new ArrayList<>();
        List<Double> session = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            boolean noneFirst = round % 2 == 0;
            double first = run(noneFirst ? "none" : "session", store, type, sessions, deliveries, work);
            double second = run(noneFirst ? "session" : "none", store, type, sessions, deliveries, work);
            double n = noneFirst ? first : second;
            double s = noneFirst ? second : first;
            none.add(n);
            session.add(s);
            ratios.add(s / n);
            System.out.printf("round %d: none %,.0f/s  session %,.0f/s  ratio %.2f  load %s%n", round + 1, n, s, s / n,
                    Proc.loadAverage());
        }
        String table = String.format("""
                | ordering | deliveries/s (median of %d rounds) |
                |---|---|
                | none | %,.0f |
                | session (%,d sessions) | %,.0f |

                Ratio session / none, per round: %s; median **%.2f**. %,d deliveries per run, store %s, handler type %s.
                Load average (1, 5, 15 min) at the start %s, at the end %s.
                """, rounds, median(none), sessions, median(session), ratios.stream().map(r -> String.format("%.2f", r)).toList(),
                median(ratios), deliveries, store, type, loadAtStart, Proc.loadAverage());
        System.out.println();
        System.out.println(table);
        String out = args.string("out", null);
        if (out != null) {
            Files.writeString(Path.of(out), table, StandardCharsets.UTF_8);
        }
    }

    /** @return deliveries per second */
    private static double run(String ordering, String store, String type, int sessions, int deliveries, Path work)
            throws Exception {
        String yaml = "version: 1\n" + StoreFlavours.section(store) + "handlers:\n  - name: h\n    type: " + type
                + "\n    events: [\"*\"]\n    ordering: " + ordering + "\n    queue_capacity: " + deliveries + "\n";
        Path data = Files.createDirectories(work.resolve("data"));
        Folders.delete(data);
        Files.createDirectories(data);
        List<WorkflowEvent> events = new ArrayList<>(sessions);
        for (int s = 0; s < sessions; s++) {
            events.add(WorkflowEvent.builder("step_complete").sessionId("session-" + s).specName("research-workflow")
                    .data(Map.of("step_index", s)).build());
        }
        // Each run starts from a collected heap, so that one run's garbage is not the next one's pause.
        System.gc();
        Thread.sleep(500);
        try (Switchboard switchboard = Switchboard.builder().configText(yaml).environment(Map.of()).dataDir(data).build()) {
            long start = System.nanoTime();
            CompletableFuture<WorkflowEvent> last = null;
            for (int i = 0; i < deliveries; i++) {
                if (!switchboard.awaitPendingBelow(2_048, Duration.ofMinutes(5))) {
                    throw new IllegalStateException(ordering + ": deliveries stalled: " + switchboard.stats());
                }
                last = switchboard.publishAsync(events.get(i % sessions), null);
            }
            last.join();
            if (!switchboard.awaitIdle(Duration.ofMinutes(5))) {
                throw new IllegalStateException(ordering + ": unfinished after 5 minutes: " + switchboard.stats());
            }
            long wall = System.nanoTime() - start;
            long delivered = switchboard.stats().stream().mapToLong(HandlerStats::delivered).sum();
            if (delivered != deliveries) {
                throw new IllegalStateException(ordering + ": " + delivered + " delivered of " + deliveries);
            }
            return deliveries / (wall / 1e9);
        } finally {
            Folders.delete(data);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
