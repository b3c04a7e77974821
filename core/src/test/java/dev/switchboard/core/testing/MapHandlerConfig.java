package dev.switchboard.core.testing;

import dev.switchboard.api.HandlerConfig;
import dev.switchboard.core.config.ConfigBlocks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link HandlerConfig} over a plain map, for tests that create handlers without YAML. The map
 * is read by the runtime's own config reader, so every getter answers and fails as in production.
 */
public final class MapHandlerConfig implements HandlerConfig {

    private final HandlerConfig block;

    /**
     * @param values the {@code config:} block as maps, lists and scalars (strings, numbers,
     *     booleans; anything else as its {@code toString()}); a null value is absent. Values are
     *     taken literally: {@code ${VAR}} is not substituted.
     */
    public MapHandlerConfig(Map<String, ?> values) {
        block = ConfigBlocks.fromMap(values);
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
        return block.has(key);
    }

    @Override
    public String string(String key) {
        return block.string(key);
    }

    @Override
    public String string(String key, String defaultValue) {
        return block.string(key, defaultValue);
    }

    @Override
    public String secret(String key) {
        return block.secret(key);
    }

    @Override
    public int integer(String key, int defaultValue) {
        return block.integer(key, defaultValue);
    }

    @Override
    public double number(String key, double defaultValue) {
        return block.number(key, defaultValue);
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        return block.bool(key, defaultValue);
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        return block.duration(key, defaultValue);
    }

    @Override
    public List<String> stringList(String key) {
        return block.stringList(key);
    }

    @Override
    public Map<String, String> stringMap(String key) {
        return block.stringMap(key);
    }

    @Override
    public HandlerConfig section(String key) {
        return block.section(key);
    }

    @Override
    public Map<String, Object> asMap() {
        return block.asMap();
    }

    @Override
    public String toString() {
        return "map " + block;
    }
}
