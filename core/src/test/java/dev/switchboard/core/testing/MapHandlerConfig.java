package dev.switchboard.core.testing;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.HandlerConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link HandlerConfig} over a plain map, for tests that create handlers without YAML. */
public final class MapHandlerConfig implements HandlerConfig {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final Map<String, Object> values;

    /** @param values the {@code config:} block as maps, lists and scalars */
    public MapHandlerConfig(Map<String, ?> values) {
        this.values = Map.copyOf(values);
    }

    @Override
    public boolean has(String key) {
        return values.get(key) != null;
    }

    @Override
    public String string(String key) {
        if (!has(key)) {
            throw new ConfigException(key, "is required");
        }
        return scalar(key, values.get(key));
    }

    @Override
    public String string(String key, String defaultValue) {
        return has(key) ? scalar(key, values.get(key)) : defaultValue;
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
            return Integer.parseInt(string(key));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be a whole number");
        }
    }

    @Override
    public double number(String key, double defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(string(key));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be a number");
        }
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        String text = string(key);
        if (!text.equals("true") && !text.equals("false")) {
            throw new ConfigException(key, "must be true or false");
        }
        return Boolean.parseBoolean(text);
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        Matcher m = DURATION.matcher(string(key));
        if (!m.matches()) {
            throw new ConfigException(key, "must be a duration like 250ms, 10s, 5m or 1h");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    @Override
    public List<String> stringList(String key) {
        if (!has(key)) {
            return List.of();
        }
        if (!(values.get(key) instanceof List<?> list)) {
            throw new ConfigException(key, "must be a list");
        }
        return list.stream().map(item -> scalar(key, item)).toList();
    }

    @Override
    public Map<String, String> stringMap(String key) {
        Map<String, String> result = new LinkedHashMap<>();
        section(key).asMap().forEach((k, v) -> result.put(k, scalar(key + "." + k, v)));
        return result;
    }

    @Override
    public HandlerConfig section(String key) {
        if (!has(key)) {
            return new MapHandlerConfig(Map.of());
        }
        if (!(values.get(key) instanceof Map<?, ?> map)) {
            throw new ConfigException(key, "must be a map");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return new MapHandlerConfig(copy);
    }

    @Override
    public Map<String, Object> asMap() {
        return values;
    }

    private static String scalar(String key, Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new ConfigException(key, "must be a single value");
        }
        return String.valueOf(value);
    }
}
