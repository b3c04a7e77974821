package dev.switchboard.core.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A real HTTP receiver on 127.0.0.1 that answers every request with the status it is told to
 * ({@link #answer}), and records each request: when it came (real clock), its {@code webhook-id}
 * header, its body and the status it got. It can {@link #hold} requests unanswered, as a slow
 * receiver does.
 */
public final class ScriptedReceiver implements AutoCloseable {

    /** One request as it arrived. */
    public record Arrival(long atMillis, String webhookId, String body, int status) {
    }

    private final HttpServer server;
    private final AtomicInteger status = new AtomicInteger(204);
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch held = new CountDownLatch(0);

    public ScriptedReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int answer = status.get();
            arrivals.add(new Arrival(System.currentTimeMillis(), exchange.getRequestHeaders().getFirst("webhook-id"),
                    body, answer));
            try {
                held.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    /** @param value the status every request gets from now on (204 at first) */
    public void answer(int value) {
        status.set(value);
    }

    /**
     * From now on, each request is recorded as it arrives and then left unanswered until
     * {@link #release} (30 s at most). Requests are answered one at a time, so later ones wait too.
     */
    public void hold() {
        held = new CountDownLatch(1);
    }

    /** Answers the held requests, and every later one at once. */
    public void release() {
        held.countDown();
    }

    /** @return {@code http://127.0.0.1:PORT/hook} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** @return every request so far, in arrival order */
    public List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Waits (bounded) until at least {@code count} requests have arrived. */
    public List<Arrival> await(int count, Duration patience) throws InterruptedException {
        waitFor(() -> arrivals.size() >= count, patience, count + " requests");
        return arrivals();
    }

    private static void waitFor(BooleanSupplier condition, Duration patience, String what) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + patience + " for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
