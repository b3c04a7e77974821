package dev.switchboard.core.server;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.HandlerConfig;
import dev.switchboard.core.config.ConfigErrors;
import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.config.HandlerSpec;
import dev.switchboard.core.config.RedactSettings;
import dev.switchboard.core.config.RuntimeConfig;
import dev.switchboard.core.sessions.SessionLimits;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code server:} section of handlers.yaml, read and checked; every mistake becomes one
 * {@code FILE:LINE:COLUMN: server.KEY: message} line.
 *
 * <pre>{@code
 * server:
 *   host: 127.0.0.1
 *   port: 8080
 *   max_body_bytes: 1048576
 *   max_header_bytes: 8192
 *   max_connections: 256
 *   api_keys: ["${SWITCHBOARD_API_KEY}"]
 *   metrics_auth: auto            # open | api_key | auto (open on loopback)
 *   cors: {allowed_origins: ["https://ops.example.com"]}
 *   timeouts: {idle: 30s, read: 30s, shutdown: 30s, drain: 5s}
 *   sessions: {max_count: 1000, max_age: 24h, max_events: 200, max_bytes: 53687091, max_event_bytes: 65536,
 *              redact: {keys: [api_key, password, secret], mode: remove}}
 * }</pre>
 */
final class ServerSettings {

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8080;
    static final int DEFAULT_MAX_BODY = 1 << 20;
    /** Long enough for a load balancer probing every second or two to see "not ready" twice. */
    static final Duration DEFAULT_DRAIN = Duration.ofSeconds(5);
    private static final int MAX_BODY_CEILING = 64 << 20;

    private static final List<String> KEYS = List.of("host", "port", "max_body_bytes", "max_header_bytes",
            "max_connections", "api_keys", "metrics_auth", "cors", "timeouts", "sessions");
    private static final List<String> CORS_KEYS = List.of("allowed_origins");
    private static final List<String> TIMEOUT_KEYS = List.of("idle", "read", "shutdown", "drain");
    private static final List<String> SESSION_KEYS = List.of("max_count", "max_age", "max_events", "max_bytes",
            "max_event_bytes", "redact");
    private static final List<String> REDACT_KEYS = List.of("keys", "mode");
    private static final long MAX_BYTES_CEILING = 1L << 40;

    final String host;
    final int port;
    final int maxBodyBytes;
    final int maxHeaderBytes;
    final int maxConnections;
    final ApiKeys apiKeys;
    /** Resolved: never {@link MetricsAuth#AUTO}. */
    final MetricsAuth metricsAuth;
    final List<String> corsOrigins;
    final Duration idleTimeout;
    final Duration readTimeout;
    final Duration shutdownGrace;
    /** How long {@code /readyz} answers 503 before the listener closes; 0 for not at all. */
    final Duration drain;
    final SessionLimits sessions;
    /** What the sessions view removes from event data before keeping it. */
    final RedactSettings sessionsRedact;

    private ServerSettings(Reader in, String hostOverride, Integer portOverride) {
        HandlerConfig server = in.config.server();
        in.unknownKeys(server, "", KEYS);
        String configuredHost = in.read(() -> server.string("host", DEFAULT_HOST), DEFAULT_HOST);
        if (configuredHost.isBlank()) {
            in.problem("host", "must not be empty");
        }
        host = hostOverride != null ? hostOverride : configuredHost;
        int configuredPort = in.within("port", in.read(() -> server.integer("port", DEFAULT_PORT), DEFAULT_PORT),
                0, 65535);
        port = portOverride != null ? portOverride : configuredPort;
        maxBodyBytes = in.within("max_body_bytes",
                in.read(() -> server.integer("max_body_bytes", DEFAULT_MAX_BODY), DEFAULT_MAX_BODY), 1, MAX_BODY_CEILING);
        maxHeaderBytes = in.within("max_header_bytes",
                in.read(() -> server.integer("max_header_bytes", 8192), 8192), 1024, 65536);
        maxConnections = in.within("max_connections",
                in.read(() -> server.integer("max_connections", 256), 256), 1, 100_000);
        List<String> keys = in.read(() -> server.stringList("api_keys"), List.of());
        if (keys.stream().anyMatch(String::isBlank)) {
            in.problem("api_keys", "a key must not be empty (is its environment variable set?)");
        }
        apiKeys = ApiKeys.of(keys.stream().filter(key -> !key.isBlank()).toList());
        metricsAuth = metricsAuth(in, server);

        HandlerConfig cors = in.read(() -> server.section("cors"), null);
        corsOrigins = cors == null ? List.of() : origins(in, cors);

        HandlerConfig timeouts = in.read(() -> server.section("timeouts"), null);
        idleTimeout = duration(in, timeouts, "idle", Duration.ofSeconds(30));
        readTimeout = duration(in, timeouts, "read", Duration.ofSeconds(30));
        shutdownGrace = duration(in, timeouts, "shutdown", Duration.ofSeconds(30));
        drain = timeouts == null ? DEFAULT_DRAIN : in.read(() -> timeouts.duration("drain", DEFAULT_DRAIN), DEFAULT_DRAIN);
        if (timeouts != null) {
            in.unknownKeys(timeouts, "timeouts.", TIMEOUT_KEYS);
        }

        HandlerConfig limits = in.read(() -> server.section("sessions"), null);
        SessionLimits defaults = SessionLimits.DEFAULTS;
        RedactSettings redact = viewRedaction(in.config);
        if (limits == null) {
            sessions = defaults;
        } else {
            in.unknownKeys(limits, "sessions.", SESSION_KEYS);
            int maxCount = in.within("sessions.max_count",
                    in.read(() -> limits.integer("max_count", defaults.maxSessions()), defaults.maxSessions()),
                    1, 1_000_000);
            int maxEvents = in.within("sessions.max_events",
                    in.read(() -> limits.integer("max_events", defaults.maxEventsPerSession()),
                            defaults.maxEventsPerSession()), 1, 100_000);
            Duration maxAge = in.read(() -> limits.duration("max_age", defaults.maxAge()), defaults.maxAge());
            if (maxAge.isZero()) {
                in.problem("sessions.max_age", "must be longer than 0");
                maxAge = defaults.maxAge();
            }
            long maxBytes = wholeBytes(in, "sessions.max_bytes",
                    in.read(() -> limits.number("max_bytes", defaults.maxBytes()), (double) defaults.maxBytes()),
                    defaults.maxBytes());
            int maxEventBytes = in.within("sessions.max_event_bytes",
                    in.read(() -> limits.integer("max_event_bytes", defaults.maxEventBytes()), defaults.maxEventBytes()),
                    2, 64 << 20);
            if (maxEventBytes > maxBytes) {
                in.problem("sessions.max_event_bytes", "must not be more than sessions.max_bytes (" + maxBytes + ")");
                maxEventBytes = (int) Math.min(maxEventBytes, maxBytes);
            }
            HandlerConfig redactSection = in.read(() -> limits.section("redact"), null);
            if (redactSection != null) {
                redact = redact(in, redactSection, redact);
            }
            sessions = new SessionLimits(maxCount, maxAge, maxEvents, maxBytes, maxEventBytes);
        }
        sessionsRedact = redact;
    }

    /**
     * Without {@code sessions.redact}, the view removes every key that any handler's redaction
     * removes or masks, and the built-in three: no handler's rules can leave a secret in the view.
     */
    private static RedactSettings viewRedaction(RuntimeConfig config) {
        Set<String> keys = new LinkedHashSet<>(RedactSettings.DEFAULT.keys());
        for (HandlerSpec handler : config.handlers()) {
            keys.addAll(handler.redact().keys());
        }
        return new RedactSettings(List.copyOf(keys), RedactSettings.Mode.REMOVE);
    }

    private static RedactSettings redact(Reader in, HandlerConfig section, RedactSettings fallback) {
        in.unknownKeys(section, "sessions.redact.", REDACT_KEYS);
        List<String> keys = section.has("keys") ? in.read(() -> section.stringList("keys"), fallback.keys())
                : fallback.keys();
        String mode = in.read(() -> section.string("mode", "remove"), "remove").strip().toLowerCase(Locale.ROOT);
        if (!mode.equals("remove") && !mode.equals("mask")) {
            in.problem("sessions.redact.mode", "unknown mode '" + mode + "'; allowed: remove, mask");
            mode = "remove";
        }
        return new RedactSettings(List.copyOf(keys), mode.equals("mask") ? RedactSettings.Mode.MASK
                : RedactSettings.Mode.REMOVE);
    }

    private static long wholeBytes(Reader in, String key, double value, long fallback) {
        if (value != Math.rint(value) || value < 1024 || value > MAX_BYTES_CEILING) {
            in.problem(key, "must be a whole number of bytes between 1024 and " + MAX_BYTES_CEILING);
            return fallback;
        }
        return (long) value;
    }

    /**
     * @param hostOverride {@code --host}, or null to use the file's (default {@value #DEFAULT_HOST})
     * @param portOverride {@code --port}, or null to use the file's (default 8080); 0 picks a free port
     * @throws ConfigProblem listing every mistake of the section
     */
    static ServerSettings read(RuntimeConfig config, String hostOverride, Integer portOverride) throws ConfigProblem {
        Reader reader = new Reader(config);
        ServerSettings settings = new ServerSettings(reader, hostOverride, portOverride);
        if (!reader.problems.isEmpty()) {
            throw new ConfigProblem(reader.problems);
        }
        return settings;
    }

    /** @return whether the server listens only on a loopback address */
    boolean loopback() {
        return isLoopback(host);
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private MetricsAuth metricsAuth(Reader in, HandlerConfig server) {
        String label = in.read(() -> server.string("metrics_auth", "auto"), "auto");
        MetricsAuth auth = MetricsAuth.parse(label).orElse(null);
        if (auth == null) {
            in.problem("metrics_auth", "must be one of " + String.join(", ", MetricsAuth.labels()));
            return MetricsAuth.OPEN;
        }
        if (auth == MetricsAuth.API_KEY && !apiKeys.required()) {
            in.problem("metrics_auth", "api_key needs at least one key in server.api_keys");
        }
        if (auth == MetricsAuth.AUTO) {
            return isLoopback(host) || !apiKeys.required() ? MetricsAuth.OPEN : MetricsAuth.API_KEY;
        }
        return auth;
    }

    private static List<String> origins(Reader in, HandlerConfig cors) {
        in.unknownKeys(cors, "cors.", CORS_KEYS);
        List<String> origins = in.read(() -> cors.stringList("allowed_origins"), List.of());
        for (String origin : origins) {
            if (!origin.equals("*") && !isOrigin(origin)) {
                in.problem("cors.allowed_origins", "'" + origin
                        + "' is not an origin: write scheme://host[:port], e.g. https://ops.example.com, or *");
            }
        }
        return origins;
    }

    private static boolean isOrigin(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawPath().isEmpty() && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Duration duration(Reader in, HandlerConfig section, String key, Duration fallback) {
        if (section == null) {
            return fallback;
        }
        Duration value = in.read(() -> section.duration(key, fallback), fallback);
        if (value.isZero()) {
            in.problem("timeouts." + key, "must be longer than 0");
            return fallback;
        }
        return value;
    }

    /** Reads keys of the section, turning each {@link ConfigException} into a line and going on. */
    private static final class Reader {
        final RuntimeConfig config;
        final List<String> problems = new ArrayList<>();

        Reader(RuntimeConfig config) {
            this.config = config;
        }

        <T> T read(Supplier<T> getter, T fallback) {
            try {
                return getter.get();
            } catch (ConfigException e) {
                problems.add(ConfigErrors.forServer(config, e));
                return fallback;
            }
        }

        void problem(String key, String message) {
            problems.add(ConfigErrors.forServer(config, new ConfigException(key, message)));
        }

        int within(String key, int value, int min, int max) {
            if (value < min || value > max) {
                problem(key, "must be between " + min + " and " + max);
            }
            return Math.max(min, Math.min(max, value));
        }

        void unknownKeys(HandlerConfig section, String prefix, List<String> allowed) {
            for (String key : section.asMap().keySet()) {
                if (!allowed.contains(key)) {
                    problem(prefix + key, "unknown key; allowed: " + String.join(", ", allowed));
                }
            }
        }
    }
}
