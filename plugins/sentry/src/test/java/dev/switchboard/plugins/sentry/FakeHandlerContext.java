package dev.switchboard.plugins.sentry;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.HandlerConfig;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.HttpTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A handler's name and config block, as the runtime would hand them to a factory. */
final class FakeHandlerContext implements HandlerContext {

    private final String name;
    private final HandlerConfig config;

    private FakeHandlerContext(String name, Map<String, Object> config) {
        this.name = name;
        this.config = new MapConfig(config);
    }

    static FakeHandlerContext of(String name, Map<String, Object> config) {
        return new FakeHandlerContext(name, config);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public HandlerConfig config() {
        return config;
    }

    @Override
    public HttpTransport http() {
        throw new UnsupportedOperationException("the sentry plugin sends through its SDK");
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public String runtimeVersion() {
        return "0.1.0";
    }

    /** Just enough of the runtime's config reader for this plugin's keys. */
    private static final class MapConfig implements HandlerConfig {
        private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

        private final Map<String, Object> values;

        MapConfig(Map<String, Object> values) {
            this.values = new LinkedHashMap<>(values);
        }

        @Override
        public boolean has(String key) {
            return values.get(key) != null;
        }

        @Override
        public String string(String key) {
            if (!has(key)) {
                throw new ConfigException(key, "required key is missing");
            }
            return String.valueOf(values.get(key));
        }

        @Override
        public String string(String key, String defaultValue) {
            return has(key) ? String.valueOf(values.get(key)) : defaultValue;
        }

        @Override
        public String secret(String key) {
            return string(key);
        }

        @Override
        public int integer(String key, int defaultValue) {
            return has(key) ? Integer.parseInt(string(key)) : defaultValue;
        }

        @Override
        public double number(String key, double defaultValue) {
            return has(key) ? Double.parseDouble(string(key)) : defaultValue;
        }

        @Override
        public boolean bool(String key, boolean defaultValue) {
            return has(key) ? Boolean.parseBoolean(string(key)) : defaultValue;
        }

        @Override
        public Duration duration(String key, Duration defaultValue) {
            if (!has(key)) {
                return defaultValue;
            }
            Matcher m = DURATION.matcher(string(key));
            if (!m.matches()) {
                throw new ConfigException(key, "not a duration: " + string(key));
            }
            long amount = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms":
                    return Duration.ofMillis(amount);
                case "s":
                    return Duration.ofSeconds(amount);
                case "m":
                    return Duration.ofMinutes(amount);
                default:
                    return Duration.ofHours(amount);
            }
        }

        @Override
        public List<String> stringList(String key) {
            throw new UnsupportedOperationException(key);
        }

        @Override
        public Map<String, String> stringMap(String key) {
            throw new UnsupportedOperationException(key);
        }

        @Override
        public HandlerConfig section(String key) {
            throw new UnsupportedOperationException(key);
        }

        @Override
        public Map<String, Object> asMap() {
            return Map.copyOf(values);
        }
    }
}
