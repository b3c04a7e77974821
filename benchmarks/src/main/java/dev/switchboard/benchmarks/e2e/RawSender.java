package dev.switchboard.benchmarks.e2e;

import dev.switchboard.benchmarks.support.Args;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The raw limit: a minimal sender posting NDJSON lines as they are, one per request, with a pooled
 * keep-alive Apache httpclient5 async client and {@value #IN_FLIGHT} requests in flight. With
 * {@code --warm}, it first posts the warm-up events, prints {@code warm-done} and waits for a line
 * on stdin before the measured events. It then prints {@code done} and exits at the end of stdin,
 * so that its CPU time and peak RSS can be read while it is alive.
 *
 * <pre>java -cp benchmarks.jar dev.switchboard.benchmarks.e2e.RawSender --url URL --events FILE
 *     [--warm-url URL --warm FILE]</pre>
 */
public final class RawSender {

    static final int IN_FLIGHT = 64;

    private final CloseableHttpAsyncClient client;
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    private RawSender() {
        client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(IN_FLIGHT)
                        .setMaxConnPerRoute(IN_FLIGHT)
                        .build())
                .setIOReactorConfig(IOReactorConfig.custom().setTcpNoDelay(true).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
        client.start();
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, "url", "events", "warm-url", "warm");
        List<byte[]> events = read(args.path("events"));
        List<byte[]> warm = args.string("warm", null) == null ? List.of() : read(args.path("warm"));
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        RawSender sender = new RawSender();
        try {
            if (!warm.isEmpty()) {
                sender.send(URI.create(args.required("warm-url")), warm);
                System.out.println("warm-done");
                System.out.flush();
                if (stdin.readLine() == null) {
                    return;
                }
            }
            sender.send(URI.create(args.required("url")), events);
            System.out.println("done");
            System.out.flush();
            while (stdin.readLine() != null) {
                // Wait for the end of stdin: the benchmark reads our CPU time and RSS meanwhile.
            }
        } finally {
            sender.client.close(CloseMode.GRACEFUL);
        }
        if (sender.failures.get() > 0) {
            System.err.println("raw sender: " + sender.failures.get() + " requests failed, first: " + sender.firstFailure.get());
            System.exit(1);
        }
    }

    private static List<byte[]> read(Path file) throws IOException {
        List<byte[]> bodies = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                bodies.add(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return bodies;
    }

    /** Posts every body with at most {@value #IN_FLIGHT} in flight; returns when all are answered. */
    private void send(URI url, List<byte[]> bodies) throws InterruptedException {
        for (byte[] body : bodies) {
            slots.acquire();
            client.execute(SimpleRequestBuilder.post(url).setBody(body, ContentType.APPLICATION_JSON).build(),
                    new FutureCallback<SimpleHttpResponse>() {
                        @Override
                        public void completed(SimpleHttpResponse response) {
                            if (response.getCode() / 100 != 2) {
                                fail("HTTP " + response.getCode());
                            }
                            slots.release();
                        }

                        @Override
                        public void failed(Exception cause) {
                            fail(cause.toString());
                            slots.release();
                        }

                        @Override
                        public void cancelled() {
                            fail("cancelled");
                            slots.release();
                        }
                    });
        }
        if (!slots.tryAcquire(IN_FLIGHT, 120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests still unanswered after 120 s");
        }
        slots.release(IN_FLIGHT);
    }

    private void fail(String reason) {
        failures.incrementAndGet();
        firstFailure.compareAndSet(null, reason);
    }
}
