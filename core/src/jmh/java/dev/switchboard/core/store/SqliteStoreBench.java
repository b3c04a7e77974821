package dev.switchboard.core.store;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.event.EventIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accepted events per second of the SQLite store, group commit against one transaction per event
 * ({@code maxBatch} 1, package-private: hence this program lives in the store's package), with
 * {@code sync: full} and {@code normal}, side by side in one run: {@code threads} threads accept
 * single events (one delivery each, ids as the runtime gives them: {@link EventIds}) for {@code
 * seconds} seconds per configuration, after a second of warm-up, each on a new database file
 * (removed afterwards). The four configurations alternate within each round, the order rotating round by round; the ratios are taken per round, then their
 * median. Not a JMH benchmark (each measurement needs its own store and threads) and not a test:
 * run by hand (benchmarks/README.md, "Group commit").
 *
 * <p>Arguments: {@code [seconds=3] [threads=64] [rounds=3] [folder=a temporary folder]}.
 */
final class SqliteStoreBench {

    private SqliteStoreBench() {
    }

    private record Config(String name, SqliteStore.Sync sync, int maxBatch) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path folder = args.length > 3 ? Files.createDirectories(Path.of(args[3])) : Files.createTempDirectory("store-bench");
        List<Config> configs = List.of(new Config("group commit, sync=full", SqliteStore.Sync.FULL, 1_024),
                new Config("one tx per event, sync=full", SqliteStore.Sync.FULL, 1),
                new Config("group commit, sync=normal", SqliteStore.Sync.NORMAL, 1_024),
                new Config("one tx per event, sync=normal", SqliteStore.Sync.NORMAL, 1));
        double[][] rates = new double[configs.size()][rounds];
        String loadAtStart = loadAverage();
        for (int round = 0; round < rounds; round++) {
            List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3));
            Collections.rotate(order, -round);
            for (int i : order) {
                Config config = configs.get(i);
                Path file = folder.resolve("round" + round + "-" + i + ".db");
                rates[i][round] = run(file, config.sync(), config.maxBatch(), threads, seconds);
                System.out.printf(Locale.ROOT, "round %d  %-32s %,10.0f events/s  load %s%n", round + 1, config.name(),
                        rates[i][round], loadAverage());
            }
        }
        System.out.printf(Locale.ROOT, "%n%d threads, %d s each, %d rounds; load average at the start %s, at the end %s%n",
                threads, seconds, rounds, loadAtStart, loadAverage());
        System.out.println("| configuration | events accepted/s, median (min–max) |");
        System.out.println("|---|---|");
        for (int i = 0; i < configs.size(); i++) {
            System.out.printf(Locale.ROOT, "| %s | %s |%n", configs.get(i).name(), spread(rates[i], "%,.0f"));
        }
        System.out.println();
        System.out.println("| ratio, per round | rounds | median (min–max) |");
        System.out.println("|---|---|---|");
        ratio("group commit ÷ one tx per event, sync=full", rates[0], rates[1]);
        ratio("group commit ÷ one tx per event, sync=normal", rates[2], rates[3]);
        ratio("normal ÷ full, group commit", rates[2], rates[0]);
    }

    private static void ratio(String name, double[] over, double[] under) {
        double[] ratios = new double[over.length];
        StringBuilder each = new StringBuilder();
        for (int r = 0; r < over.length; r++) {
            ratios[r] = over[r] / under[r];
            each.append(r == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", ratios[r]));
        }
        System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", name, each, spread(ratios, "%.1f×"));
    }

    /** @return median (min–max) */
    private static String spread(double[] values, String format) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return String.format(Locale.ROOT, format, median) + " (" + String.format(Locale.ROOT, format, sorted[0]) + "–"
                + String.format(Locale.ROOT, format, sorted[n - 1]) + ")";
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static double run(Path file, SqliteStore.Sync sync, int maxBatch, int threads, int seconds)
            throws Exception {
        double rate;
        try (SqliteStore store = SqliteStore.at(file).sync(sync).maxBatch(maxBatch).clock(Clock.systemUTC()).open()) {
            AtomicLong accepted = new AtomicLong();
            AtomicBoolean measuring = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch finished = new CountDownLatch(threads);
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    try {
                        for (long seq = 0; !stop.get(); seq++) {
                            store.accept(WorkflowEvent.builder("step_complete").id(EventIds.next())
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
            }
            Thread.sleep(1_000);
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep(seconds * 1_000L);
            long count = accepted.get();
            rate = count / ((System.nanoTime() - start) / 1e9);
            stop.set(true);
            finished.await();
        }
        for (String suffix : List.of("", "-wal", "-shm", ".lock")) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
        return rate;
    }
}
