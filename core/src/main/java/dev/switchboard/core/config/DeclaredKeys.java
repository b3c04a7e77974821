package dev.switchboard.core.config;

import dev.switchboard.api.ConfigKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a {@code config:} block against the keys its plugin's factory declares, before the
 * factory sees it: an undeclared key (with a "did you mean" for a near miss), a value of the wrong
 * type, a required key that is missing. Each mistake is one line at the key's place, e.g.
 * {@code handlers.yaml:9:7: handler 'alerts': config.chanel: unknown key; did you mean 'channel'?}.
 * Values are never quoted but for a duration of a key that is not secret.
 */
public final class DeclaredKeys {

    private DeclaredKeys() {
    }

    /**
     * @param block the block as the configuration loader read it
     * @param keys what the factory declares; null when it declares nothing, which checks nothing
     * @param label who the block belongs to, e.g. {@code handler 'alerts'}
     * @param owner what reads the keys, for the list of known keys, e.g. {@code type slack}
     * @return one line per mistake, in file order; empty when the block fits
     */
    public static List<String> check(ConfigBlock block, List<ConfigKey> keys, String label, String owner) {
        if (keys == null || !(block instanceof YamlConfigBlock yaml)) {
            return List.of();
        }
        Map<String, ConfigKey> declared = new LinkedHashMap<>();
        keys.forEach(key -> declared.put(key.name(), key));
        List<String> problems = new ArrayList<>();
        YamlNode.Mapping map = yaml.mapping();
        for (YamlNode.Entry entry : map.entries().values()) {
            ConfigKey key = declared.get(entry.key());
            String where = entry.keyPosition() + ": " + label + ": config." + entry.key() + ": ";
            if (key == null) {
                problems.add(where + unknown(entry.key(), declared, owner));
            } else if (!(entry.value() instanceof YamlNode.Scalar s && s.isNull())) {
                String wrong = wrongType(entry.value(), key);
                if (wrong != null) {
                    problems.add(entry.value().position() + ": " + label + ": config." + entry.key() + ": " + wrong);
                }
            }
        }
        for (ConfigKey key : declared.values()) {
            if (key.isRequired() && map.value(key.name()) == null) {
                problems.add(map.position() + ": " + label + ": config." + key.name() + ": required key is missing ("
                        + key.type().displayName() + ": " + key.description() + ")");
            }
        }
        return problems;
    }

    private static String unknown(String written, Map<String, ConfigKey> declared, String owner) {
        if (declared.isEmpty()) {
            return "unknown key; " + owner + " takes no config keys";
        }
        String near = NearMiss.of(written, declared.keySet());
        return "unknown key" + (near == null ? "" : "; did you mean '" + near + "'?") + " (" + owner + " reads "
                + declared.keySet().stream().collect(Collectors.joining(", ")) + ")";
    }

    /** @return why the value does not fit the key's type, or null when it does */
    private static String wrongType(YamlNode value, ConfigKey key) {
        try {
            switch (key.type()) {
                case STRING -> scalar(value);
                case INTEGER -> ScalarReader.integer(scalar(value), Integer.MIN_VALUE, Integer.MAX_VALUE);
                case NUMBER -> ScalarReader.number(scalar(value), Double.NEGATIVE_INFINITY);
                case BOOLEAN -> ScalarReader.bool(scalar(value));
                case DURATION -> {
                    YamlNode.Scalar scalar = scalar(value);
                    ScalarReader.duration(scalar, key.isSecret() ? "" : scalar.shown());
                }
                case LIST -> {
                    for (YamlNode item : ScalarReader.list(value)) {
                        ScalarReader.item(item);
                    }
                }
                case MAP -> mapOfValues(value);
            }
            return null;
        } catch (ScalarReader.Refused e) {
            return e.getMessage();
        }
    }

    private static YamlNode.Scalar scalar(YamlNode value) throws ScalarReader.Refused {
        if (value instanceof YamlNode.Scalar scalar) {
            return scalar;
        }
        throw new ScalarReader.Refused("must be a single value, not " + YamlNode.describe(value));
    }

    private static void mapOfValues(YamlNode value) throws ScalarReader.Refused {
        if (!(value instanceof YamlNode.Mapping map)) {
            throw new ScalarReader.Refused("must be a map, not " + YamlNode.describe(value));
        }
        for (YamlNode.Entry entry : map.entries().values()) {
            if (!(entry.value() instanceof YamlNode.Scalar scalar) || scalar.isNull()) {
                throw new ScalarReader.Refused(entry.key() + ": must be a single value, not "
                        + (entry.value() instanceof YamlNode.Scalar ? "empty" : YamlNode.describe(entry.value())));
            }
        }
    }
}
