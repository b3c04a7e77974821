package dev.switchboard.plugins.slack;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.HandlerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A {@code config:} block over a plain map, answering the getters the Slack factory uses. */
final class MapConfig implements HandlerConfig {

    private final Map<String, Object> values;

    MapConfig(Map<String, Object> values) {
        this.values = values;
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
        return values.get(key).toString();
    }

    @Override
    public String string(String key, String defaultValue) {
        return has(key) ? values.get(key).toString() : defaultValue;
    }

    @Override
    public String secret(String key) {
        return string(key);
    }

    @Override
    public int integer(String key, int defaultValue) {
        throw new UnsupportedOperationException(key);
    }

    @Override
    public double number(String key, double defaultValue) {
        throw new UnsupportedOperationException(key);
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        throw new UnsupportedOperationException(key);
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        throw new UnsupportedOperationException(key);
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
