package dev.switchboard.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 (a free port) for a plugin's tests: records every request and
 * answers each with the status it is told ({@link #answer}, 204 by default). Close it after the test.
 *
 * <pre>{@code
 * try (LocalReceiver receiver = new LocalReceiver()) {
 *     ... config url: receiver.url("/hook") ...
 *     assertEquals("/hook", receiver.requests().get(0).path());
 * }
 * }</pre>
 */
public final class LocalReceiver implements AutoCloseable {

    /**
     * One request as it arrived.
     *
     * @param headers by lower-case name, the first value of each
     */
    public record Request(String method, String path, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final AtomicInteger status = new AtomicInteger(204);
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** Starts the server. @throws IOException if no port can be bound */
    public LocalReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((key, values) -> headers.put(key.toLowerCase(java.util.Locale.ROOT),
                    values.get(0)));
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
            int answer = status.get();
            exchange.sendResponseHeaders(answer, answer == 204 ? -1 : 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.flush();
            }
        });
        server.start();
    }

    /** @param path e.g. {@code /hook} @return {@code http://127.0.0.1:PORT/hook} */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** @param code the status every later request gets, e.g. 503 */
    public void answer(int code) {
        status.set(code);
    }

    /** @return every request so far, in arrival order */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
