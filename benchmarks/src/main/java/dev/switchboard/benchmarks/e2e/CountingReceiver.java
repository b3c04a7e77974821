package dev.switchboard.benchmarks.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The end-to-end receiver: a Jetty 12 core handler on 127.0.0.1 that reads every body, parses it as
 * JSON, checks the seed's keys and {@code data.seq}, counts it for its path and answers 200 with no
 * body. The same receiver serves the raw sender and Switchboard.
 */
final class CountingReceiver extends Handler.Abstract implements AutoCloseable {

    private static final int MAX_BODY = 1 << 20;

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, PathCounter> counters;
    private final Server server;
    private final ServerConnector connector;

    CountingReceiver(PathCounter... paths) throws Exception {
        this.counters = java.util.Arrays.stream(paths)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(PathCounter::path, p -> p));
        this.server = new Server(new QueuedThreadPool(32, 4));
        this.connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(512);
        server.addConnector(connector);
        server.setHandler(this);
        server.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long arrived = System.nanoTime();
        PathCounter counter = counters.get(Request.getPathInContext(request));
        if (counter == null || !"POST".equals(request.getMethod())) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            return true;
        }
        counter.arrived(arrived);
        Content.Source.asByteArrayAsync(request, MAX_BODY).whenComplete((bytes, failure) -> {
            if (failure != null) {
                counter.invalidBody();
            } else {
                counter.body(parse(bytes));
            }
            response.setStatus(HttpStatus.OK_200);
            counter.responded(System.nanoTime());
            callback.succeeded();
        });
        return true;
    }

    private JsonNode parse(byte[] bytes) {
        try {
            return mapper.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
