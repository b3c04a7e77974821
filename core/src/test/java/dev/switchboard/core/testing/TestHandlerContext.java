package dev.switchboard.core.testing;

import dev.switchboard.api.HandlerConfig;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.HttpTransport;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link HandlerContext} for creating handlers and filters in tests: a name, a config block, the
 * system clock, runtime version 0.1.0, and an HTTP transport that refuses every request (pass a
 * recording or a real one with {@link #withHttp} when the test needs HTTP). For core's own tests;
 * plugins use switchboard-plugin-test-kit's.
 *
 * @param name the handler's name
 * @param config its {@code config:} block
 * @param http the transport handed to the plugin
 */
public record TestHandlerContext(String name, HandlerConfig config, HttpTransport http)
        implements HandlerContext {

    /** A transport that fails every request: for handlers that must not touch the network. */
    public static final HttpTransport NO_HTTP = (url, headers, body, event) ->
            CompletableFuture.failedFuture(new IOException("no HTTP in this test: " + url));

    /** @param name the handler's name @param config its config @return the context */
    public static TestHandlerContext of(String name, Map<String, ?> config) {
        return of(name, new MapHandlerConfig(config));
    }

    /** @param name the handler's name @param config its config @return the context */
    public static TestHandlerContext of(String name, HandlerConfig config) {
        return new TestHandlerContext(name, config, NO_HTTP);
    }

    /** @param transport the transport to hand out @return a copy using it */
    public TestHandlerContext withHttp(HttpTransport transport) {
        return new TestHandlerContext(name, config, transport);
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public String runtimeVersion() {
        return "0.1.0";
    }
}
