package dev.switchboard.plugins.datadog;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.ConfigKey;
import dev.switchboard.api.HandlerConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A datadog handler's {@code config:} block, read and checked once, so that
 * {@code switchboard validate} reports every mistake as a {@link ConfigException} naming its key.
 */
final class DatadogSettings {

    enum Mode { STATSD, API }

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8125;
    static final String DEFAULT_API_URL = "https://api.datadoghq.com/api/v1/series";

    /** What the block may hold; the runtime refuses any other key before the factory runs. */
    static final List<ConfigKey> KEYS = List.of(
            ConfigKey.string("mode", "statsd (DogStatsD over UDP) or api (the HTTP series API)").defaultValue("statsd"),
            ConfigKey.string("prefix", "The metric name prefix").defaultValue(WorkflowMetrics.DEFAULT_PREFIX),
            ConfigKey.list("tags", "Tags added to every metric, as key:value"),
            ConfigKey.string("host", "The DogStatsD agent's host (statsd mode)").defaultValue(DEFAULT_HOST),
            ConfigKey.integer("port", "The DogStatsD agent's UDP port (statsd mode)").defaultValue(DEFAULT_PORT),
            ConfigKey.bool("origin_detection", "Whether DogStatsD tags metrics with the container (statsd mode)")
                    .defaultValue(true),
            ConfigKey.string("api_url", "The series API endpoint (api mode)").defaultValue(DEFAULT_API_URL),
            ConfigKey.string("api_key", "The Datadog API key; required in api mode").secret());
    // Datadog metric names: ASCII letters, digits, '_' and '.', starting with a letter.
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*");

    final Mode mode;
    final WorkflowMetrics metrics;
    final String host;
    final int port;
    final boolean originDetection;
    final String apiUrl;
    /** Only set in api mode. Never printed. */
    final String apiKey;

    private DatadogSettings(HandlerConfig config) {
        this.mode = mode(config.string("mode", "statsd"));
        this.metrics = new WorkflowMetrics(prefix(config.string("prefix", WorkflowMetrics.DEFAULT_PREFIX)),
                tags(config.stringList("tags")));
        this.host = host(config.string("host", DEFAULT_HOST));
        this.port = port(config.integer("port", DEFAULT_PORT));
        this.originDetection = config.bool("origin_detection", true);
        this.apiUrl = apiUrl(config.string("api_url", DEFAULT_API_URL));
        this.apiKey = mode == Mode.API ? apiKey(config.secret("api_key")) : null;
    }

    /**
     * @param config the handler's config block
     * @return the checked settings
     * @throws ConfigException naming the first key at fault
     */
    static DatadogSettings read(HandlerConfig config) {
        return new DatadogSettings(config);
    }

    private static Mode mode(String value) {
        return switch (value) {
            case "statsd" -> Mode.STATSD;
            case "api" -> Mode.API;
            default -> throw new ConfigException("mode", "unknown mode '" + value + "'; expected statsd or api");
        };
    }

    private static String prefix(String value) {
        if (!PREFIX.matcher(value).matches()) {
            throw new ConfigException("prefix", "'" + value + "' is not a metric name prefix: use "
                    + "letters, digits, '_' and '.', starting with a letter, e.g. strands.workflow");
        }
        return value;
    }

    private static List<String> tags(List<String> tags) {
        for (String tag : tags) {
            if (tag.isBlank() || tag.chars().anyMatch(c -> c == ',' || c == '|' || c == '\n' || c == '\r')) {
                throw new ConfigException("tags", "'" + tag + "' is not a tag: write key:value, "
                        + "without ',', '|' or line breaks");
            }
        }
        return tags;
    }

    private static String host(String value) {
        if (value.isBlank()) {
            throw new ConfigException("host", "must not be empty");
        }
        return value.trim();
    }

    private static int port(int value) {
        if (value < 1 || value > 65535) {
            throw new ConfigException("port", "must be between 1 and 65535, was " + value);
        }
        return value;
    }

    // The URL is not echoed: some users put ?api_key=... into it.
    private static String apiUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null) {
                return value;
            }
        } catch (URISyntaxException invalid) {
            // reported below
        }
        throw new ConfigException("api_url", "must be an absolute http or https URL");
    }

    private static String apiKey(String value) {
        if (value.isBlank()) {
            throw new ConfigException("api_key", "must not be empty");
        }
        return value.trim();
    }

    @Override
    public String toString() {
        return "DatadogSettings{mode=" + mode + ", host=" + host + ", port=" + port + "}";
    }
}
