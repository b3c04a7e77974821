package dev.switchboard.benchmarks.ingest;

import dev.switchboard.benchmarks.support.Args;
import dev.switchboard.benchmarks.support.SeedEvents;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * NDJSON bodies of 100 events to the trivial endpoint and to {@code /v1/events}, in alternating
 * order, after an unmeasured warm-up of each (twice its measured posts: the JIT must be done with
 * both endpoints before either is measured). Prints {@code RESULT phase events/s events} per
 * measured phase (its own clock, first post to last answer); exits 1 if any answer is not 202.
 */
public final class IngestLoad {

    private static final int CONNECTIONS = 64;
    private static final int BATCH = 100;
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

    private final CloseableHttpAsyncClient client;
    private final Semaphore slots = new Semaphore(CONNECTIONS);
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

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
        Args args = new Args(argv, "base", "trivial", "rounds", "single", "batches");
        URI base = URI.create(args.required("base"));
        URI trivial = URI.create(args.required("trivial"));
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
        IngestLoad load = new IngestLoad();
        try {
            Phase[] phases = {
                new Phase("trivial-single", trivial, singles, ContentType.APPLICATION_JSON, 1, single),
                new Phase("events-single", base.resolve("v1/events"), singles, ContentType.APPLICATION_JSON, 1, single),
                new Phase("trivial-batch100", trivial, ndjson, NDJSON, BATCH, batches),
                new Phase("events-batch100", base.resolve("v1/events"), ndjson, NDJSON, BATCH, batches),
            };
            for (Phase phase : phases) {
                long events = load.run(phase, 2 * phase.posts).events;
                System.out.printf("WARM %s 0 %d%n", phase.name, events);
            }
            for (int round = 1; round <= args.integer("rounds", 3); round++) {
                for (int pair = 0; pair < phases.length; pair += 2) {
                    Phase first = round % 2 == 1 ? phases[pair] : phases[pair + 1];
                    Phase second = round % 2 == 1 ? phases[pair + 1] : phases[pair];
                    for (Phase phase : List.of(first, second)) {
                        System.out.println("BEGIN " + phase.name);
                        System.out.flush();
                        Outcome outcome = load.run(phase, phase.posts);
                        System.out.printf("RESULT %s %.0f %d%n", phase.name, outcome.eventsPerSecond, outcome.events);
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
