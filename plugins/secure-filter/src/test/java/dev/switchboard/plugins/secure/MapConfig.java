package dev.switchboard.plugins.secure;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.HandlerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code config:} block over a plain map, with the runtime's contract: typed getters that
 * throw {@link ConfigException} naming the key. (The runtime's own implementation lives in core,
 * which the unit tests do not load.)
 */
final class MapConfig implements HandlerConfig {

    private final Map<String, Object> values;

    MapConfig(Map<String, ?> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
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
        return string(key, null);
    }

    @Override
    public String string(String key, String defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Map || value instanceof List) {
            throw new ConfigException(key, "must be a single value");
        }
        return String.valueOf(value);
    }

    @Override
    public String secret(String key) {
        return string(key);
    }

    @Override
    public int integer(String key, int defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Integer)) {
            throw new ConfigException(key, "must be a whole number");
        }
        return (Integer) value;
    }

    @Override
    public double number(String key, double defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Number)) {
            throw new ConfigException(key, "must be a number");
        }
        return ((Number) value).doubleValue();
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Boolean)) {
            throw new ConfigException(key, "must be true or false");
        }
        return (Boolean) value;
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        throw new UnsupportedOperationException("not needed by the secure filter");
    }

    @Override
    public List<String> stringList(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List)) {
            throw new ConfigException(key, "must be a list");
        }
        List<String> items = new ArrayList<>();
        for (Object item : (List<?>) value) {
            if (item instanceof Map || item instanceof List) {
                throw new ConfigException(key, "must be a list of single values");
            }
            items.add(String.valueOf(item));
        }
        return items;
    }

    @Override
    public Map<String, String> stringMap(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw new ConfigException(key, "must be a map");
        }
        Map<String, String> items = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((name, item) -> {
            if (item instanceof Map || item instanceof List) {
                throw new ConfigException(key + "." + name, "must be a single value");
            }
            items.put(String.valueOf(name), String.valueOf(item));
        });
        return items;
    }

    @Override
    public HandlerConfig section(String key) {
        throw new UnsupportedOperationException("not needed by the secure filter");
    }

    @Override
    public Map<String, Object> asMap() {
        return values;
    }
}
