package dev.switchboard.distribution;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP/1.1 receiver (plain sockets, so it can reset a connection) that answers each attempt
 * as a seeded random draw decides: 30 % 500, 5 % slower than the sender's timeout, 5 % a connection
 * reset, 5 % 429 with {@code Retry-After}, 3 % 400, else 200. The draw depends on the seed, the
 * path, the event's {@code data.n} and the attempt's number, never on timing, so a run repeats.
 * It records every attempt per event, for the test to check against what the runtime reports.
 */
final class FaultyReceiver implements AutoCloseable {

    enum Answer { OK, SERVER_ERROR, SLOW, RESET, TOO_MANY, BAD_REQUEST }

    /** One request as it arrived, and how it was answered. */
    record Attempt(long receivedNanos, Answer answer) {
    }

    private static final Pattern N = Pattern.compile("\"n\"\\s*:\\s*(\\d+)");

    private final long seed;
    private final Duration slow;
    private final int retryAfterSeconds;
    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "faulty-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, List<Attempt>> attempts = new ConcurrentHashMap<>();

    FaultyReceiver(long seed, Duration slow, int retryAfterSeconds) throws IOException {
        this.seed = seed;
        this.slow = slow;
        this.retryAfterSeconds = retryAfterSeconds;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        connections.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** @return per {@code PATH#n}, its attempts in the order they arrived */
    Map<String, List<Attempt>> attempts() {
        Map<String, List<Attempt>> copy = new TreeMap<>();
        attempts.forEach((key, list) -> {
            synchronized (list) {
                copy.put(key, List.copyOf(list));
            }
        });
        return copy;
    }

    Answer draw(String path, int n, int attempt) {
        double r = new SplittableRandom(seed * 1_000_003L + path.hashCode() * 7_919L + n * 31L + attempt).nextDouble();
        if (r < 0.30) {
            return Answer.SERVER_ERROR;
        } else if (r < 0.35) {
            return Answer.SLOW;
        } else if (r < 0.40) {
            return Answer.RESET;
        } else if (r < 0.45) {
            return Answer.TOO_MANY;
        } else if (r < 0.48) {
            return Answer.BAD_REQUEST;
        }
        return Answer.OK;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                Request request = Request.read(in);
                if (request == null) {
                    return;
                }
                long now = System.nanoTime();
                Matcher n = N.matcher(request.body);
                if (!n.find()) {
                    respond(out, "400 Bad Request", "");
                    continue;
                }
                String key = request.path + "#" + n.group(1);
                List<Attempt> list = attempts.computeIfAbsent(key, k -> new ArrayList<>());
                Answer answer;
                synchronized (list) {
                    answer = draw(request.path, Integer.parseInt(n.group(1)), list.size() + 1);
                    list.add(new Attempt(now, answer));
                }
                if (!answer(socket, out, answer)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException gone) {
            // The sender closed the connection (after its timeout, or at the end): nothing to answer.
        }
    }

    /** @return whether the connection stays open for another request */
    private boolean answer(Socket socket, OutputStream out, Answer answer) throws IOException, InterruptedException {
        switch (answer) {
            case SERVER_ERROR -> respond(out, "500 Internal Server Error", "");
            case TOO_MANY -> respond(out, "429 Too Many Requests", "Retry-After: " + retryAfterSeconds + "\r\n");
            case BAD_REQUEST -> respond(out, "400 Bad Request", "");
            case OK -> respond(out, "200 OK", "");
            case SLOW -> {
                Thread.sleep(slow.toMillis());
                // Says it closes: a sender that pooled the connection again must not send on it.
                respond(out, "200 OK", "Connection: close\r\n");
                return false;
            }
            case RESET -> {
                socket.setSoLinger(true, 0); // close() then sends RST instead of FIN
                return false;
            }
            default -> throw new IllegalStateException(answer.toString());
        }
        return true;
    }

    private static void respond(OutputStream out, String status, String headers) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }

    /** A request's first line, path and body; bodies come with Content-Length (the runtime sends no chunks). */
    private record Request(String path, String body) {

        static Request read(InputStream in) throws IOException {
            String line = readLine(in);
            if (line == null || line.isEmpty()) {
                return null;
            }
            int length = 0;
            String header;
            while ((header = readLine(in)) != null && !header.isEmpty()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring("content-length:".length()).strip());
                } else if (lower.startsWith("transfer-encoding:")) {
                    throw new IOException("chunked bodies are not expected: " + header);
                }
            }
            byte[] body = in.readNBytes(length);
            String[] parts = line.split(" ");
            return new Request(parts.length > 1 ? parts[1] : "", new String(body, StandardCharsets.UTF_8));
        }

        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.US_ASCII);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                line.write(b);
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
        }
    }
}
