package dev.switchboard.plugins.datadog;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.HandlerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link HandlerConfig} over a plain map, with the contract's errors; stands in for core's. */
final class MapConfig implements HandlerConfig {

    private final Map<String, Object> values;

    MapConfig(Map<String, ?> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    static MapConfig of(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new MapConfig(map);
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
        return scalar(key);
    }

    @Override
    public String string(String key, String defaultValue) {
        return has(key) ? scalar(key) : defaultValue;
    }

    @Override
    public String secret(String key) {
        return string(key);
    }

    @Override
    public int integer(String key, int defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(scalar(key));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "expected a whole number");
        }
    }

    @Override
    public double number(String key, double defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(scalar(key));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "expected a number");
        }
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        String value = scalar(key);
        if (!value.equals("true") && !value.equals("false")) {
            throw new ConfigException(key, "expected true or false");
        }
        return Boolean.parseBoolean(value);
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        throw new UnsupportedOperationException("not used by the datadog plugin");
    }

    @Override
    public List<String> stringList(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List)) {
            throw new ConfigException(key, "expected a list");
        }
        List<String> items = new ArrayList<>();
        for (Object item : (List<?>) value) {
            items.add(String.valueOf(item));
        }
        return items;
    }

    @Override
    public Map<String, String> stringMap(String key) {
        throw new UnsupportedOperationException("not used by the datadog plugin");
    }

    @Override
    public HandlerConfig section(String key) {
        throw new UnsupportedOperationException("not used by the datadog plugin");
    }

    @Override
    public Map<String, Object> asMap() {
        return values;
    }

    private String scalar(String key) {
        Object value = values.get(key);
        if (value instanceof Map || value instanceof List) {
            throw new ConfigException(key, "expected a single value");
        }
        return String.valueOf(value);
    }
}
