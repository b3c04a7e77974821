package dev.switchboard.core.store;

import dev.switchboard.api.WorkflowEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accepted events per second of the SQLite store, group commit against one transaction per event,
 * with {@code sync: full} and {@code normal}, side by side in one run: {@code THREADS} threads
 * accept single events (one delivery each) for {@code SECONDS} seconds per configuration, after a
 * warm-up, in two alternating rounds. Not a test: run by hand (see benchmarks/RESULTS.md).
 *
 * <p>Arguments: {@code [seconds=3] [threads=64] [folder=a temp folder]}.
 */
final class SqliteStoreBench {

    private SqliteStoreBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Path folder = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("store-bench");
        record Config(String name, SqliteStore.Sync sync, int maxBatch) {
        }
        List<Config> configs = List.of(new Config("group commit, sync=full", SqliteStore.Sync.FULL, 1_024),
                new Config("one tx per event, sync=full", SqliteStore.Sync.FULL, 1),
                new Config("group commit, sync=normal", SqliteStore.Sync.NORMAL, 1_024),
                new Config("one tx per event, sync=normal", SqliteStore.Sync.NORMAL, 1));
        double[] best = new double[configs.size()];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < configs.size(); i++) {
                Config config = configs.get(i);
                Path file = folder.resolve("round" + round + "-" + i + ".db");
                double rate = run(file, config.sync(), config.maxBatch(), threads, seconds);
                best[i] = Math.max(best[i], rate);
                System.out.printf(Locale.ROOT, "round %d  %-32s %,10.0f events/s%n", round + 1, config.name(), rate);
            }
        }
        System.out.printf(Locale.ROOT, "best of 2, %d threads, %d s each:%n", threads, seconds);
        for (int i = 0; i < configs.size(); i++) {
            System.out.printf(Locale.ROOT, "  %-32s %,10.0f events/s%n", configs.get(i).name(), best[i]);
        }
        System.out.printf(Locale.ROOT, "group/single, full: %.1fx; normal: %.1fx; normal/full, group: %.2fx%n",
                best[0] / best[1], best[2] / best[3], best[2] / best[0]);
    }

    private static double run(Path file, SqliteStore.Sync sync, int maxBatch, int threads, int seconds)
            throws Exception {
        try (SqliteStore store = SqliteStore.at(file).sync(sync).maxBatch(maxBatch).clock(Clock.systemUTC()).open()) {
            AtomicLong accepted = new AtomicLong();
            AtomicBoolean measuring = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch finished = new CountDownLatch(threads);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    try {
                        for (long seq = 0; !stop.get(); seq++) {
                            store.accept(WorkflowEvent.builder("step_complete").id(thread + "-" + seq)
                                    .specName("bench").data(Map.of("seq", seq, "response", "Step output")).build(),
                                    List.of("audit"));
                            if (measuring.get()) {
                                accepted.incrementAndGet();
                            }
                        }
                    } catch (StoreFullException e) {
                        throw new IllegalStateException(e);
                    } finally {
                        finished.countDown();
                    }
                });
                worker.start();
                workers.add(worker);
            }
            Thread.sleep(1_000);
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep(seconds * 1_000L);
            long count = accepted.get();
            double elapsed = (System.nanoTime() - start) / 1e9;
            stop.set(true);
            finished.await();
            return count / elapsed;
        }
    }
}
