package dev.switchboard.core.testing;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.HandlerConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link HandlerConfig} over a plain map, for tests that create handlers without YAML. It fails
 * as the runtime's YAML block does: the same {@link ConfigException} keys and messages, never a value.
 */
public final class MapHandlerConfig implements HandlerConfig {

    // The runtime's forms (JavaValues.isNumber, Durations): a plain decimal; a number and a unit.
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private final Map<String, Object> values;
    /** Keys of a nested section are reported as {@code prefix + key}, as the runtime does. */
    private final String prefix;

    /** @param values the {@code config:} block as maps, lists and scalars; a null value is absent */
    public MapHandlerConfig(Map<String, ?> values) {
        this(values, "");
    }

    private MapHandlerConfig(Map<?, ?> values, String prefix) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> copy.put(String.valueOf(key), value));
        this.values = Collections.unmodifiableMap(copy);
        this.prefix = prefix;
    }

    /** @param keysAndValues key, value, key, value, ... in file order @return the block */
    public static MapHandlerConfig of(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new MapHandlerConfig(values);
    }

    @Override
    public boolean has(String key) {
        return values.get(key) != null;
    }

    @Override
    public String string(String key) {
        if (!has(key)) {
            throw problem(key, "required key is missing");
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
            return Integer.parseInt(scalar(key).trim());
        } catch (NumberFormatException e) {
            throw problem(key, "must be a whole number");
        }
    }

    @Override
    public double number(String key, double defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        String text = scalar(key).trim();
        if (!NUMBER.matcher(text).matches()) {
            throw problem(key, "must be a number");
        }
        return Double.parseDouble(text);
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        return switch (scalar(key).trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw problem(key, "must be true or false");
        };
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        ConfigException bad = problem(key, "bad duration: write a number and a unit, e.g. 250ms, 10s, 5m");
        Matcher m = DURATION.matcher(scalar(key).trim());
        if (!m.matches()) {
            throw bad;
        }
        long nanosPerUnit = switch (m.group(2)) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        try {
            BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit));
            return Duration.ofNanos(nanos.toBigInteger().longValueExact());
        } catch (ArithmeticException tooLong) {
            throw bad;
        }
    }

    @Override
    public List<String> stringList(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw problem(key, "must be a list, not " + describe(value));
        }
        List<String> items = new ArrayList<>();
        for (Object item : list) {
            if (item == null || item instanceof Map<?, ?> || item instanceof List<?>) {
                throw problem(key, "each item must be a single value");
            }
            items.add(String.valueOf(item));
        }
        return List.copyOf(items);
    }

    @Override
    public Map<String, String> stringMap(String key) {
        Map<String, String> result = new LinkedHashMap<>();
        section(key).asMap().forEach((name, value) -> {
            if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
                throw problem(key + "." + name, "must be a single value, not "
                        + (value == null ? "empty" : describe(value)));
            }
            result.put(name, String.valueOf(value));
        });
        return Collections.unmodifiableMap(result);
    }

    @Override
    public HandlerConfig section(String key) {
        Object value = values.get(key);
        if (value == null) {
            return new MapHandlerConfig(Map.of(), prefix + key + ".");
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw problem(key, "must be a map, not " + describe(value));
        }
        return new MapHandlerConfig(map, prefix + key + ".");
    }

    @Override
    public Map<String, Object> asMap() {
        return values;
    }

    private String scalar(String key) {
        Object value = values.get(key);
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw problem(key, "must be a single value, not " + describe(value));
        }
        return String.valueOf(value);
    }

    private static String describe(Object value) {
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        return value instanceof List<?> ? "a list" : "a single value";
    }

    private ConfigException problem(String key, String message) {
        return new ConfigException(prefix + key, message);
    }

    @Override
    public String toString() {
        return "map config block with keys " + values.keySet();
    }
}
