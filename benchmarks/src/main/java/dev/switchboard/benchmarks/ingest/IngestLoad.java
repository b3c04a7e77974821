package dev.switchboard.benchmarks.ingest;

import dev.switchboard.benchmarks.support.Args;
import dev.switchboard.benchmarks.support.SeedEvents;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;

/**
 * The ingest load generator: an httpclient5 async client with 64 keep-alive connections and 64
 * posts in flight. Per round it posts {@code --single} one-event bodies and {@code --batches}
 * NDJSON bodies of 100 events to the trivial endpoint and to each target's {@code /v1/events}
 * ({@code --targets name=URI,...}: one runtime per store), in an order that rotates round by round,
 * after an unmeasured warm-up of each (twice its measured posts: the JIT must be done with every
 * endpoint before any is measured). Prints {@code RESULT phase events/s events} per measured phase
 * (its own clock, first post to last answer) and {@code WARM phase 0 events} per warm-up, phase
 * being {@code ENDPOINT-single} or {@code ENDPOINT-batch100}; after each such line it waits for a
 * line on stdin, so that the runtime just posted to can finish its deliveries before the next phase
 * is measured. Exits 1 if any answer is not 202.
 */
public final class IngestLoad {

    private static final int CONNECTIONS = 64;
    private static final int BATCH = 100;
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

    private final CloseableHttpAsyncClient client;
    private final Semaphore slots = new Semaphore(CONNECTIONS);
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final BufferedReader go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));

    private IngestLoad() {
        client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(CONNECTIONS)
                        .setMaxConnPerRoute(CONNECTIONS)
                        .build())
                .setIOReactorConfig(IOReactorConfig.custom().setTcpNoDelay(true).build())
                .disableAutomaticRetries()
                .build();
        client.start();
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, "targets", "trivial", "rounds", "single", "batches");
        Map<String, URI> endpoints = new LinkedHashMap<>();
        endpoints.put("trivial", URI.create(args.required("trivial")));
        for (String target : args.required("targets").split(",")) {
            String[] nameUri = target.split("=", 2);
            endpoints.put(nameUri[0], URI.create(nameUri[1]).resolve("v1/events"));
        }
        int single = args.integer("single", 50_000);
        int batches = args.integer("batches", 1_000);
        List<byte[]> singles = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            singles.add(SeedEvents.line(SeedEvents.SPEC, i).getBytes(StandardCharsets.UTF_8));
        }
        List<byte[]> ndjson = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < BATCH; i++) {
                body.append(SeedEvents.line(SeedEvents.SPEC, b * BATCH + i)).append('\n');
            }
            ndjson.add(body.toString().getBytes(StandardCharsets.UTF_8));
        }
        // One list of phases per shape, each endpoint once.
        List<List<Phase>> shapes = new ArrayList<>();
        List<Phase> singlePhases = new ArrayList<>();
        List<Phase> batchPhases = new ArrayList<>();
        endpoints.forEach((name, url) -> {
            singlePhases.add(new Phase(name + "-single", url, singles, ContentType.APPLICATION_JSON, 1, single));
            batchPhases.add(new Phase(name + "-batch100", url, ndjson, NDJSON, BATCH, batches));
        });
        shapes.add(singlePhases);
        if (batches > 0) {
            shapes.add(batchPhases);
        }
        IngestLoad load = new IngestLoad();
        try {
            for (List<Phase> phases : shapes) {
                for (Phase phase : phases) {
                    long events = load.run(phase, 2 * phase.posts).events;
                    load.report("WARM %s 0 %d", phase.name, events);
                }
            }
            for (int round = 1; round <= args.integer("rounds", 3); round++) {
                for (List<Phase> phases : shapes) {
                    // Rotate who goes first, so that drifting background load favours none.
                    List<Phase> order = new ArrayList<>(phases);
                    Collections.rotate(order, -((round - 1) % order.size()));
                    for (Phase phase : order) {
                        load.report("BEGIN %s", phase.name);
                        Outcome outcome = load.run(phase, phase.posts);
                        load.report("RESULT %s %.0f %d", phase.name, outcome.eventsPerSecond, outcome.events);
                    }
                }
            }
        } finally {
            load.client.close(CloseMode.GRACEFUL);
        }
        if (load.failures.get() > 0) {
            System.err.println("ingest load: " + load.failures.get() + " posts were not answered 202; first: "
                    + load.firstFailure.get());
            System.exit(1);
        }
    }

    /** Prints one line and waits for the line on stdin that says go on. */
    private void report(String format, Object... values) throws IOException {
        System.out.println(String.format(Locale.ROOT, format, values));
        System.out.flush();
        if (go.readLine() == null) {
            throw new IllegalStateException("the benchmark closed this generator's input");
        }
    }

    private Outcome run(Phase phase, int posts) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < posts; i++) {
            slots.acquire();
            byte[] body = phase.bodies.get(i % phase.bodies.size());
            client.execute(SimpleRequestBuilder.post(phase.url).setBody(body, phase.type).build(),
                    new FutureCallback<SimpleHttpResponse>() {
                        @Override
                        public void completed(SimpleHttpResponse response) {
                            if (response.getCode() != 202) {
                                fail(phase.name + ": HTTP " + response.getCode() + " " + response.getBodyText());
                            }
                            slots.release();
                        }

                        @Override
                        public void failed(Exception cause) {
                            fail(phase.name + ": " + cause);
                            slots.release();
                        }

                        @Override
                        public void cancelled() {
                            fail(phase.name + ": cancelled");
                            slots.release();
                        }
                    });
        }
        if (!slots.tryAcquire(CONNECTIONS, 120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(phase.name + ": posts unanswered after 120 s");
        }
        long elapsed = System.nanoTime() - start;
        slots.release(CONNECTIONS);
        long events = (long) posts * phase.eventsPerPost;
        return new Outcome(events * 1e9 / elapsed, events);
    }

    private void fail(String reason) {
        failures.incrementAndGet();
        firstFailure.compareAndSet(null, reason);
    }

    private record Phase(String name, URI url, List<byte[]> bodies, ContentType type, int eventsPerPost, int posts) {
    }

    private record Outcome(double eventsPerSecond, long events) {
    }
}
