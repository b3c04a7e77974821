package dev.switchboard.plugins.sentry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Stands in for Sentry's envelope endpoint ({@code POST /api/<project>/envelope/}) on 127.0.0.1:
 * gunzips bodies sent with {@code Content-Encoding: gzip}, splits each envelope into its header and
 * items, and answers 200 unless a test scripted other replies.
 */
final class SentryStandIn implements AutoCloseable {

    static final String PUBLIC_KEY = "0123456789abcdef0123456789abcdef";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENVELOPE_PATH = Pattern.compile("/api/([^/]+)/envelope/");

    private final HttpServer server;
    private final ExecutorService threads;
    private final BlockingQueue<Envelope> received = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final CountDownLatch released = new CountDownLatch(1);

    private SentryStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        threads = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "sentry-stand-in");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
    }

    static SentryStandIn start() throws IOException {
        return new SentryStandIn();
    }

    /** @return a DSN that points at this stand-in's project */
    String dsn(String project) {
        return "http://" + PUBLIC_KEY + "@127.0.0.1:" + server.getAddress().getPort() + "/" + project;
    }

    /** The next request gets this answer (after the scripted ones before it). */
    SentryStandIn thenReply(int status, Map<String, String> headers) {
        script.add(new Reply(status, headers, Duration.ZERO, false));
        return this;
    }

    /** The next request is answered 200, but only after {@code delay}. */
    SentryStandIn thenReplyAfter(Duration delay) {
        script.add(new Reply(200, Map.of(), delay, false));
        return this;
    }

    /** The next request is answered only when the stand-in closes. */
    SentryStandIn thenHang() {
        script.add(new Reply(200, Map.of(), Duration.ZERO, true));
        return this;
    }

    Envelope awaitEnvelope(Duration timeout) throws InterruptedException {
        Envelope envelope = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (envelope == null) {
            throw new AssertionError("no envelope arrived within " + timeout);
        }
        return envelope;
    }

    /** @return the envelopes received so far and not yet awaited */
    List<Envelope> drain() {
        List<Envelope> rest = new ArrayList<>();
        received.drainTo(rest);
        return rest;
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = ENVELOPE_PATH.matcher(exchange.getRequestURI().getPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            if ("gzip".equalsIgnoreCase(headers.get("content-encoding"))) {
                body = gunzip(body);
            }
            Envelope envelope = Envelope.parse(path.group(1), headers, body);
            received.add(envelope);

            Reply reply = script.poll();
            if (reply == null) {
                reply = new Reply(200, Map.of(), Duration.ZERO, false);
            }
            if (reply.hang) {
                released.await(30, TimeUnit.SECONDS);
            } else if (!reply.delay.isZero()) {
                Thread.sleep(reply.delay.toMillis());
            }
            reply.headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] answer = ("{\"id\":\"" + envelope.header().path("event_id").asText() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    private record Reply(int status, Map<String, String> headers, Duration delay, boolean hang) {
    }

    /** One envelope: its request path's project, request headers, header line and items. */
    record Envelope(String project, Map<String, String> requestHeaders, JsonNode header,
                    List<Item> items) {

        /** @return the payload of the envelope's only {@code event} item */
        JsonNode event() {
            List<JsonNode> events = items.stream()
                    .filter(item -> "event".equals(item.type()))
                    .map(Item::json)
                    .toList();
            if (events.size() != 1) {
                throw new AssertionError("expected one event item, got " + items);
            }
            return events.get(0);
        }

        static Envelope parse(String project, Map<String, String> headers, byte[] body) {
            int[] position = {0};
            JsonNode header = json(line(body, position));
            List<Item> items = new ArrayList<>();
            while (position[0] < body.length) {
                byte[] itemHeaderLine = line(body, position);
                if (itemHeaderLine.length == 0) {
                    continue;
                }
                JsonNode itemHeader = json(itemHeaderLine);
                byte[] payload;
                if (itemHeader.has("length")) {
                    int length = itemHeader.get("length").asInt();
                    payload = Arrays.copyOfRange(body, position[0], position[0] + length);
                    position[0] += length;
                    if (position[0] < body.length && body[position[0]] == '\n') {
                        position[0]++;
                    }
                } else {
                    payload = line(body, position);
                }
                items.add(new Item(itemHeader.path("type").asText(), itemHeader, payload));
            }
            return new Envelope(project, headers, header, items);
        }

        private static byte[] line(byte[] body, int[] position) {
            int start = position[0];
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            position[0] = Math.min(end + 1, body.length);
            return Arrays.copyOfRange(body, start, end);
        }

        private static JsonNode json(byte[] bytes) {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "not JSON: " + new String(bytes, StandardCharsets.UTF_8), e);
            }
        }
    }

    /** One envelope item: its type, header and raw payload. */
    record Item(String type, JsonNode header, byte[] payload) {
        JsonNode json() {
            return Envelope.json(payload);
        }

        @Override
        public String toString() {
            return type + " (" + payload.length + " bytes)";
        }
    }
}
