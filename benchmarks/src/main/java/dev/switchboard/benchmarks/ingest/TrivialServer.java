package dev.switchboard.benchmarks.ingest;

import java.net.URI;
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
 * The ingest ceiling: a Jetty 12 core handler on 127.0.0.1, in the same process as the runtime and
 * shaped like its HTTP service (a pool of 32 threads, one acceptor, one selector), that reads every
 * body (up to 1 MiB) and answers 202 with no body: what any ingest endpoint costs at least on this
 * Jetty, without parsing, checks or delivery.
 */
final class TrivialServer implements AutoCloseable {

    private static final int MAX_BODY = 1 << 20;

    private final Server server;
    private final ServerConnector connector;

    TrivialServer() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("http-trivial");
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Content.Source.asByteArrayAsync(request, MAX_BODY).whenComplete((bytes, failure) -> {
                    if (failure != null) {
                        callback.failed(failure);
                        return;
                    }
                    response.setStatus(HttpStatus.ACCEPTED_202);
                    callback.succeeded();
                });
                return true;
            }
        });
        server.start();
    }

    /** @return where to post */
    URI uri() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/bench/trivial");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
