package dev.switchboard.core.config;

import dev.switchboard.api.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code config:} block (or {@code server:}) read from YAML. Errors never quote a value, since
 * any of them may be a secret; they name the key, dotted from the outermost block.
 */
final class YamlConfigBlock implements ConfigBlock {

    private final YamlNode.Mapping map;
    /** Keys of a nested section are reported as {@code prefix + key}, e.g. {@code headers.}. */
    private final String prefix;

    YamlConfigBlock(YamlNode.Mapping map, String prefix) {
        this.map = map;
        this.prefix = prefix;
    }

    /** @return the block's YAML, for checks against a plugin's declared keys */
    YamlNode.Mapping mapping() {
        return map;
    }

    static YamlConfigBlock empty(Position position) {
        return new YamlConfigBlock(YamlNode.Mapping.empty(position), "");
    }

    /** @return the value under this key as composed, with its position; null when absent */
    YamlNode node(String key) {
        return map.value(key);
    }

    @Override
    public boolean has(String key) {
        return map.value(key) != null;
    }

    @Override
    public String string(String key) {
        String value = string(key, null);
        if (value == null) {
            throw problem(key, "required key is missing");
        }
        return value;
    }

    @Override
    public String string(String key, String defaultValue) {
        YamlNode.Scalar scalar = scalar(key);
        return scalar == null ? defaultValue : scalar.text();
    }

    @Override
    public String secret(String key) {
        return string(key);
    }

    @Override
    public int integer(String key, int defaultValue) {
        YamlNode.Scalar scalar = scalar(key);
        return scalar == null ? defaultValue : read(key, () -> ScalarReader.integer(scalar, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    @Override
    public double number(String key, double defaultValue) {
        YamlNode.Scalar scalar = scalar(key);
        return scalar == null ? defaultValue : read(key, () -> ScalarReader.number(scalar, Double.NEGATIVE_INFINITY));
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        YamlNode.Scalar scalar = scalar(key);
        return scalar == null ? defaultValue : read(key, () -> ScalarReader.bool(scalar));
    }

    /** Values of a plugin's block may be secrets: a bad duration is never quoted. */
    @Override
    public Duration duration(String key, Duration defaultValue) {
        YamlNode.Scalar scalar = scalar(key);
        return scalar == null ? defaultValue : read(key, () -> ScalarReader.duration(scalar, ""));
    }

    @Override
    public List<String> stringList(String key) {
        YamlNode node = map.value(key);
        if (node == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (YamlNode item : read(key, () -> ScalarReader.list(node))) {
            items.add(read(key, () -> ScalarReader.item(item)).text());
        }
        return List.copyOf(items);
    }

    @Override
    public Map<String, String> stringMap(String key) {
        YamlNode node = map.value(key);
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof YamlNode.Mapping nested)) {
            throw problem(key, "must be a map, not " + YamlNode.describe(node));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (YamlNode.Entry entry : nested.entries().values()) {
            if (!(entry.value() instanceof YamlNode.Scalar scalar) || scalar.isNull()) {
                throw problem(key + "." + entry.key(), "must be a single value, not "
                        + (entry.value() instanceof YamlNode.Scalar ? "empty" : YamlNode.describe(entry.value())));
            }
            values.put(entry.key(), scalar.text());
        }
        return Collections.unmodifiableMap(values);
    }

    @Override
    public YamlConfigBlock section(String key) {
        YamlNode node = map.value(key);
        if (node == null) {
            return new YamlConfigBlock(YamlNode.Mapping.empty(map.position()), prefix + key + ".");
        }
        if (!(node instanceof YamlNode.Mapping nested)) {
            throw problem(key, "must be a map, not " + YamlNode.describe(node));
        }
        return new YamlConfigBlock(nested, prefix + key + ".");
    }

    @Override
    public Map<String, Object> asMap() {
        return JavaValues.toMap(map);
    }

    @Override
    public Position positionOf(String dottedKey) {
        if (dottedKey == null) {
            return map.position();
        }
        Position found = find(map, dottedKey);
        return found == null ? map.position() : found;
    }

    /** Keys may hold dots themselves, so every split of the dotted key is tried, whole key first. */
    private static Position find(YamlNode.Mapping in, String dottedKey) {
        YamlNode.Entry whole = in.entries().get(dottedKey);
        if (whole != null) {
            return whole.keyPosition();
        }
        for (int dot = dottedKey.indexOf('.'); dot > 0; dot = dottedKey.indexOf('.', dot + 1)) {
            YamlNode.Entry entry = in.entries().get(dottedKey.substring(0, dot));
            if (entry != null && entry.value() instanceof YamlNode.Mapping nested) {
                Position found = find(nested, dottedKey.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private interface Read<T> {
        T get() throws ScalarReader.Refused;
    }

    private <T> T read(String key, Read<T> read) {
        try {
            return read.get();
        } catch (ScalarReader.Refused e) {
            throw problem(key, e.getMessage());
        }
    }

    private YamlNode.Scalar scalar(String key) {
        YamlNode node = map.value(key);
        if (node == null) {
            return null;
        }
        if (node instanceof YamlNode.Scalar scalar) {
            return scalar;
        }
        throw problem(key, "must be a single value, not " + YamlNode.describe(node));
    }

    private ConfigException problem(String key, String message) {
        return new ConfigException(prefix + key, message);
    }

    @Override
    public String toString() {
        return "config block at " + map.position() + " with keys " + map.entries().keySet();
    }
}
