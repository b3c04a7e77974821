package dev.switchboard.core.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A {@link SwitchboardServer} on a free port of 127.0.0.1 and a JDK HTTP client talking to it,
 * every request bounded by a timeout.
 */
final class TestService extends ServiceClient implements AutoCloseable {

    final SwitchboardServer server;

    private TestService(SwitchboardServer server) {
        super(server.uri());
        this.server = server;
    }

    /** @param yaml a whole handlers.yaml; its server section, if any, must not set host or port */
    static TestService start(String yaml) throws Exception {
        return start(yaml, Map.of());
    }

    static TestService start(String yaml, Map<String, String> env) throws Exception {
        return start(SwitchboardServer.builder().configText(yaml).environment(env));
    }

    /** A server whose store is the SQLite file in {@code dataDir}. */
    static TestService startOn(Path dataDir, String yaml) throws Exception {
        return start(SwitchboardServer.builder().configText(yaml).environment(Map.of()).dataDir(dataDir));
    }

    /** A server configured by the builder, on a free port of 127.0.0.1. */
    static TestService start(SwitchboardServer.Builder builder) throws Exception {
        return new TestService(builder.host("127.0.0.1").port(0).start());
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /** Closes with this grace for pending deliveries (short for tests that leave retries scheduled). */
    void close(Duration grace) {
        server.close(grace);
    }
}
