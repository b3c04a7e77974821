package dev.switchboard.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.config.HandlersConfigLoader;
import dev.switchboard.core.config.RedactSettings;
import dev.switchboard.core.config.RuntimeConfig;
import dev.switchboard.core.sessions.SessionLimits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code server:} section: defaults, overrides, and one {@code FILE:LINE:COLUMN} line per mistake. */
class ServerSettingsTest {

    private static final String HANDLERS = "version: 1\nhandlers:\n  - {name: c, type: console, events: [x]}\n";

    private static ServerSettings read(String server, Map<String, String> env) throws ConfigProblem {
        RuntimeConfig config = HandlersConfigLoader.parse("handlers.yaml", HANDLERS + server, env);
        return ServerSettings.read(config, null, null);
    }

    private static List<String> problems(String server) {
        try {
            read(server, Map.of());
        } catch (ConfigProblem problem) {
            return problem.lines();
        }
        throw new AssertionError("no problem reported");
    }

    @Test
    void withoutAServerSectionTheDefaultsHold() throws Exception {
        ServerSettings settings = read("", Map.of());

        assertThat(settings.host).isEqualTo("127.0.0.1");
        assertThat(settings.port).isEqualTo(8080);
        assertThat(settings.maxBodyBytes).isEqualTo(1 << 20);
        assertThat(settings.maxHeaderBytes).isEqualTo(8192);
        assertThat(settings.apiKeys.required()).isFalse();
        assertThat(settings.metricsAuth).isEqualTo(MetricsAuth.OPEN);
        assertThat(settings.corsOrigins).isEmpty();
        assertThat(settings.idleTimeout).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.readTimeout).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.shutdownGrace).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.drain).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.sessions).isEqualTo(SessionLimits.DEFAULTS);
    }

    @Test
    void everyKeyIsRead() throws Exception {
        ServerSettings settings = read("""
                server:
                  host: 0.0.0.0
                  port: 9090
                  max_body_bytes: 4096
                  max_header_bytes: 16384
                  max_connections: 10
                  api_keys: ["${API_KEY}"]
                  cors: {allowed_origins: ["https://ops.example.com", "http://localhost:3000"]}
                  timeouts: {idle: 5s, read: 2s, shutdown: 1m, drain: 0s}
                  sessions: {max_count: 5, max_age: 1h, max_events: 7}
                """, Map.of("API_KEY", "k-123"));

        assertThat(settings.host).isEqualTo("0.0.0.0");
        assertThat(settings.port).isEqualTo(9090);
        assertThat(settings.maxBodyBytes).isEqualTo(4096);
        assertThat(settings.maxHeaderBytes).isEqualTo(16384);
        assertThat(settings.maxConnections).isEqualTo(10);
        assertThat(settings.apiKeys.accepts("k-123")).isTrue();
        assertThat(settings.apiKeys.accepts("k-12")).isFalse();
        assertThat(settings.metricsAuth).as("auto, not on loopback, with keys").isEqualTo(MetricsAuth.API_KEY);
        assertThat(settings.corsOrigins).containsExactly("https://ops.example.com", "http://localhost:3000");
        assertThat(settings.idleTimeout).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.readTimeout).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.shutdownGrace).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.drain).as("0 turns the drain off").isZero();
        assertThat(settings.sessions).isEqualTo(new SessionLimits(5, Duration.ofHours(1), 7));
        assertThat(settings.apiKeys.toString()).doesNotContain("k-123");
    }

    @Test
    void theCommandLinesHostAndPortWin() throws Exception {
        RuntimeConfig config = HandlersConfigLoader.parse("handlers.yaml", HANDLERS + "server: {host: 0.0.0.0, port: 9090}\n", Map.of());

        ServerSettings settings = ServerSettings.read(config, "127.0.0.1", 0);

        assertThat(settings.host).isEqualTo("127.0.0.1");
        assertThat(settings.port).isZero();
        assertThat(settings.loopback()).isTrue();
    }

    @Test
    void eachMistakeIsOneLineAtItsKey() {
        assertThat(problems("""
                server:
                  port: 70000
                  colour: blue
                  metrics_auth: sometimes
                  max_body_bytes: lots
                  cors: {allowed_origins: ["ops.example.com"], methods: [GET]}
                  timeouts: {idle: soon, write: 1s}
                  sessions: {max_count: 0}
                """)).containsExactly(
                "handlers.yaml:6:3: server.colour: unknown key; allowed: host, port, max_body_bytes, max_header_bytes, "
                        + "max_connections, api_keys, metrics_auth, cors, timeouts, sessions",
                "handlers.yaml:5:3: server.port: must be between 0 and 65535",
                "handlers.yaml:8:3: server.max_body_bytes: must be a whole number",
                "handlers.yaml:7:3: server.metrics_auth: must be one of auto, open, api_key",
                "handlers.yaml:9:48: server.cors.methods: unknown key; allowed: allowed_origins",
                "handlers.yaml:9:10: server.cors.allowed_origins: 'ops.example.com' is not an origin: write "
                        + "scheme://host[:port], e.g. https://ops.example.com, or *",
                "handlers.yaml:10:14: server.timeouts.idle: bad duration: write a number and a unit, e.g. 250ms, 10s, 5m",
                "handlers.yaml:10:26: server.timeouts.write: unknown key; allowed: idle, read, shutdown, drain",
                "handlers.yaml:11:14: server.sessions.max_count: must be between 1 and 1000000");
    }

    @Test
    void anEmptyApiKeyAndMetricsAuthWithoutKeysAreMistakes() {
        assertThat(problems("server:\n  api_keys: [\"\"]\n  metrics_auth: api_key\n")).containsExactly(
                "handlers.yaml:5:3: server.api_keys: a key must not be empty (is its environment variable set?)",
                "handlers.yaml:6:3: server.metrics_auth: api_key needs at least one key in server.api_keys");
    }

    @Test
    void aServerSectionMistakeStopsTheServiceBeforeItListens() {
        assertThatThrownBy(() -> SwitchboardServer.builder().configText(HANDLERS + "server:\n  port: -1\n").start())
                .isInstanceOf(ConfigProblem.class)
                .hasMessage("handlers.yaml:5:3: server.port: must be between 0 and 65535");
    }

    @Test
    void theSessionsByteBoundsAndRedactionAreRead() throws Exception {
        ServerSettings settings = read("""
                server:
                  sessions: {max_bytes: 10485760, max_event_bytes: 4096, redact: {keys: [token], mode: mask}}
                """, Map.of());

        assertThat(settings.sessions.maxBytes()).isEqualTo(10L << 20);
        assertThat(settings.sessions.maxEventBytes()).isEqualTo(4096);
        assertThat(settings.sessionsRedact).isEqualTo(new RedactSettings(List.of("token"), RedactSettings.Mode.MASK));
    }

    @Test
    void bySessionsDefaultTheViewRemovesEveryKeyAnyHandlerRedactsAndTheBuiltInThree() throws Exception {
        RuntimeConfig config = HandlersConfigLoader.parse("handlers.yaml", """
                version: 1
                defaults: {redact: {keys: [token]}}
                handlers:
                  - {name: a, type: console, events: [x]}
                  - {name: b, type: console, events: [x], redact: {keys: [ssn], mode: mask}}
                """, Map.of());

        ServerSettings settings = ServerSettings.read(config, null, null);

        assertThat(settings.sessionsRedact).isEqualTo(new RedactSettings(
                List.of("api_key", "password", "secret", "token", "ssn"), RedactSettings.Mode.REMOVE));
        assertThat(settings.sessions.maxBytes()).isEqualTo(SessionLimits.defaultMaxBytes())
                .isEqualTo((long) (Runtime.getRuntime().maxMemory() * 0.05));
        assertThat(settings.sessions.maxEventBytes()).isEqualTo(65536);
    }

    @Test
    void eachSessionsByteBoundOrRedactionMistakeIsOneLineAtItsKey() {
        assertThat(problems("""
                server:
                  sessions:
                    max_bytes: 1.5
                    max_event_bytes: lots
                    redact: {keys: [a], mode: hide, colour: red}
                """)).containsExactly(
                "handlers.yaml:6:5: server.sessions.max_bytes: must be a whole number of bytes between 1024 and "
                        + (1L << 40),
                "handlers.yaml:7:5: server.sessions.max_event_bytes: must be a whole number",
                "handlers.yaml:8:37: server.sessions.redact.colour: unknown key; allowed: keys, mode",
                "handlers.yaml:8:25: server.sessions.redact.mode: unknown mode 'hide'; allowed: remove, mask");
        assertThat(problems("server:\n  sessions: {max_bytes: 2048, max_event_bytes: 4096}\n")).containsExactly(
                "handlers.yaml:5:31: server.sessions.max_event_bytes: must not be more than sessions.max_bytes (2048)");
    }
}
