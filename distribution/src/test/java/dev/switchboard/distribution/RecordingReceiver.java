package dev.switchboard.distribution;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local webhook receiver for crash tests: it records every request by the event's
 * {@code data.seq}, with its {@code webhook-id} and when it arrived and was answered, and answers
 * slowly (a few to tens of milliseconds) and sometimes with 503, or with 429 and a
 * {@code Retry-After}. Each answer is a draw from the seed, the seq and how many requests of that
 * seq came before, never from timing, so a seed repeats its answers for the same order of arrivals.
 */
final class RecordingReceiver implements AutoCloseable {

    /** How a request was answered. */
    enum Answer {
        OK(200), UNAVAILABLE(503), TOO_MANY(429);

        final int status;

        Answer(int status) {
            this.status = status;
        }
    }

    /** The header by which a runtime names itself to the receiver (set in the test's handlers.yaml). */
    static final String RUNTIME_HEADER = "x-runtime";

    /** Requests to this path are refused with a 404 (a delivery dead at once) and not recorded. */
    static final String REFUSING_PATH = "/refuse";

    /**
     * One request as it arrived.
     *
     * @param runtime the runtime that sent it ({@value #RUNTIME_HEADER}), null when it did not say
     * @param arrivedNanos when its body had been read ({@link System#nanoTime()})
     * @param answeredNanos when the answer was about to be written, after the slow pause
     * @param answerWritten whether writing the answer succeeded (false: the sender was gone)
     */
    record Arrival(long seq, String webhookId, String runtime, long arrivedNanos, long answeredNanos, Answer answer,
                   boolean answerWritten) {

        /** An arrival from the only runtime, which does not name itself. */
        Arrival(long seq, String webhookId, long arrivedNanos, long answeredNanos, Answer answer, boolean answerWritten) {
            this(seq, webhookId, null, arrivedNanos, answeredNanos, answer, answerWritten);
        }
    }

    /**
     * The odds of each answer and how slow they come. A 429 pauses the whole handler for its
     * Retry-After (README, Delivery policy), so at most {@code maxTooMany} are given in a run.
     */
    record Odds(double unavailable, double tooMany, int maxTooMany, int retryAfterSeconds, int minDelayMillis,
            int maxDelayMillis) {
    }

    private static final Pattern SEQ = Pattern.compile("\"seq\"\\s*:\\s*(\\d+)");

    private final long seed;
    private final Odds odds;
    private final AtomicInteger tooManyGiven = new AtomicInteger();
    private final HttpServer server;
    private final ExecutorService threads;
    private final List<Arrival> arrivals = new ArrayList<>();
    private final Map<Long, Integer> counts = new HashMap<>();
    private final AtomicInteger refused = new AtomicInteger();

    RecordingReceiver(long seed, Odds odds) throws IOException {
        this.seed = seed;
        this.odds = odds;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        this.threads = Executors.newFixedThreadPool(48, r -> {
            Thread thread = new Thread(r, "recording-receiver");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
    }

    /** @return the URL to configure as the webhook's target */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** @return the URL of a webhook whose every request is refused with a 404 */
    String refusingUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + REFUSING_PATH;
    }

    /** @return how many requests were refused at {@link #refusingUrl()} */
    int refusedCount() {
        return refused.get();
    }

    /** @return every request so far, in the order they arrived */
    List<Arrival> arrivals() {
        synchronized (arrivals) {
            List<Arrival> copy = new ArrayList<>(arrivals);
            copy.sort(Comparator.comparingLong(Arrival::arrivedNanos));
            return copy;
        }
    }

    /** @return how many requests have arrived so far */
    int count() {
        synchronized (arrivals) {
            return arrivals.size();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            long arrived = System.nanoTime();
            if (exchange.getRequestURI().getPath().equals(REFUSING_PATH)) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
            String runtime = exchange.getRequestHeaders().getFirst(RUNTIME_HEADER);
            Matcher seq = SEQ.matcher(new String(body, StandardCharsets.UTF_8));
            if (!seq.find() || webhookId == null) {
                // Not a request of the test: answered for good, so that it is not retried, and not recorded.
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            long n = Long.parseLong(seq.group(1));
            int earlier;
            synchronized (arrivals) {
                earlier = counts.merge(n, 1, Integer::sum) - 1;
            }
            SplittableRandom draw = new SplittableRandom(seed * 1_000_003L + n * 7_919L + earlier);
            Answer answer = answer(draw.nextDouble());
            if (answer == Answer.TOO_MANY && tooManyGiven.incrementAndGet() > odds.maxTooMany()) {
                answer = Answer.OK;
            }
            sleep(odds.minDelayMillis() + draw.nextInt(odds.maxDelayMillis() - odds.minDelayMillis() + 1));
            long answered = System.nanoTime();
            boolean written = false;
            try {
                if (answer == Answer.TOO_MANY) {
                    exchange.getResponseHeaders().add("Retry-After", Integer.toString(odds.retryAfterSeconds()));
                }
                exchange.sendResponseHeaders(answer.status, -1);
                written = true;
            } finally {
                synchronized (arrivals) {
                    arrivals.add(new Arrival(n, webhookId, runtime, arrived, answered, answer, written));
                }
            }
        }
    }

    private Answer answer(double r) {
        if (r < odds.unavailable()) {
            return Answer.UNAVAILABLE;
        }
        return r < odds.unavailable() + odds.tooMany() ? Answer.TOO_MANY : Answer.OK;
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
