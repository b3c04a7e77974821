package dev.switchboard.core.cli;

import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.event.EventJson;
import dev.switchboard.core.event.InvalidEventException;
import dev.switchboard.core.server.SwitchboardServer;
import dev.switchboard.core.store.SqliteStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code run --startup-training} (hidden): what the launcher runs once to record its class-data-sharing
 * archive. It starts what serving starts (plugins, configuration, handlers, the HTTP server, on an
 * ephemeral loopback port), answers one {@code GET /readyz}, reads and writes one event as JSON, and
 * stops. Nothing is delivered: no event is published.
 */
final class StartupTraining {

    private static final String SAMPLE = "{\"event_type\":\"workflow_start\",\"timestamp\":\"2025-11-12T10:30:45.123456\","
            + "\"session_id\":\"a1b2\",\"spec_name\":\"training\",\"pattern_type\":\"chain\",\"data\":{\"step_index\":1}}";

    private final Path config;
    private final Path plugins;

    StartupTraining(Path config, Path plugins) {
        this.config = config;
        this.plugins = plugins;
    }

    int run() throws IOException {
        // A store of its own, in the same format: the configured one may hold deliveries, and training delivers nothing.
        Path data = Files.createTempDirectory("switchboard-training");
        try {
            return run(data);
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    private int run(Path data) {
        SwitchboardServer server;
        try {
            server = SwitchboardServer.builder().config(config).pluginsDir(plugins).host("127.0.0.1").port(0)
                    .store(SqliteStore.at(data.resolve("switchboard.db")).open()).start();
        } catch (ConfigProblem | IOException e) {
            return Main.USAGE;
        }
        try {
            readyz(server.port());
            EventJson.write(EventJson.parse(SAMPLE));
            return Main.OK;
        } catch (IOException | InvalidEventException e) {
            return Main.DELIVERY_FAILED;
        } finally {
            server.close(Duration.ZERO);
        }
    }

    private static void readyz(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            in.readAllBytes();
        }
    }
}
