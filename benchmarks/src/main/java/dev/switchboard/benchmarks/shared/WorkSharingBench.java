package dev.switchboard.benchmarks.shared;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.Switchboard;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Work sharing on the PostgreSQL store (issue 12): 1, 2 and 3 runtimes on one database, each a
 * {@link Switchboard} in this process with its own pool, writer, listener and lease owner, one
 * handler with {@code concurrency: 8} per runtime, posting to a receiver that answers every request
 * after a fixed 20 ms. The receiver's latency, not the CPU, is the limit: one runtime can deliver
 * about 8 / 20 ms = 400 events/s. Each run accepts N events through the first runtime and counts
 * delivered events per second from the first arrival to the last; runs are interleaved (1, 2, 3,
 * then the next round), each on a fresh schema.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.switchboard.benchmarks.shared.WorkSharingBench
 * [EVENTS [ROUNDS]]} (default 3,000 events, 3 rounds).
 */
public final class WorkSharingBench {

    private static final int LATENCY_MILLIS = 20;
    private static final int CONCURRENCY = 8;

    private WorkSharingBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        AtomicInteger arrivals = new AtomicInteger();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        java.util.concurrent.ExecutorService serving = Executors.newFixedThreadPool(64);
        receiver.setExecutor(serving);
        receiver.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            try {
                Thread.sleep(LATENCY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long now = System.nanoTime();
            first.compareAndSet(0, now);
            last.set(now);
            arrivals.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String receiverUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        double[][] rates = new double[rounds][3];
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start()) {
            int schema = 0;
            for (int round = 0; round < rounds; round++) {
                for (int runtimes = 1; runtimes <= 3; runtimes++) {
                    String name = "bench_" + (++schema);
                    try (Connection connection = database.getPostgresDatabase().getConnection();
                         Statement statement = connection.createStatement()) {
                        statement.execute("CREATE SCHEMA " + name);
                    }
                    String url = "jdbc:postgresql://127.0.0.1:" + database.getPort() + "/postgres?currentSchema=" + name;
                    arrivals.set(0);
                    first.set(0);
                    rates[round][runtimes - 1] = run(url, receiverUrl, runtimes, events, arrivals, first, last);
                    System.out.printf("round %d, %d runtime(s): %.0f events/s%n", round + 1, runtimes,
                            rates[round][runtimes - 1]);
                }
            }
        } finally {
            receiver.stop(0);
            serving.shutdownNow();
        }
        System.out.println();
        System.out.println("| round | 1 runtime | 2 runtimes | 3 runtimes | 2 / 1 | 3 / 1 |");
        System.out.println("|---|---|---|---|---|---|");
        List<Double> two = new ArrayList<>();
        List<Double> three = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            double[] r = rates[round];
            two.add(r[1] / r[0]);
            three.add(r[2] / r[0]);
            System.out.printf("| %d | %.0f/s | %.0f/s | %.0f/s | %.2f× | %.2f× |%n", round + 1, r[0], r[1], r[2],
                    r[1] / r[0], r[2] / r[0]);
        }
        System.out.printf("median ratio 2/1: %.2f×, 3/1: %.2f× (%d events per run, %d ms receiver, concurrency %d per"
                + " runtime)%n", median(two), median(three), events, LATENCY_MILLIS, CONCURRENCY);
    }

    private static double run(String url, String receiverUrl, int runtimes, int events, AtomicInteger arrivals,
            AtomicLong first, AtomicLong last) throws Exception {
        String yaml = """
                version: 1
                store: {type: postgres, url: "%s", user: postgres, password: "${PGPASSWORD}"}
                handlers:
                  - name: hook
                    type: http-post
                    events: ["*"]
                    concurrency: %d
                    config: {url: "%s"}
                """.formatted(url, CONCURRENCY, receiverUrl);
        List<Switchboard> started = new ArrayList<>();
        try {
            for (int i = 0; i < runtimes; i++) {
                started.add(Switchboard.builder().configText(yaml).environment(Map.of("PGPASSWORD", "unused"))
                        .build());
            }
            List<CompletableFuture<WorkflowEvent>> accepted = new ArrayList<>();
            for (int seq = 0; seq < events; seq++) {
                accepted.add(started.get(0).publishAsync(WorkflowEvent.builder("step_complete")
                        .data(Map.of("seq", seq)).build(), null));
            }
            accepted.forEach(CompletableFuture::join);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (arrivals.get() < events) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + arrivals.get() + " of " + events + " delivered");
                }
                Thread.sleep(5);
            }
            return (events - 1) / ((last.get() - first.get()) / 1e9);
        } finally {
            started.forEach(runtime -> runtime.close(Duration.ofSeconds(5)));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
