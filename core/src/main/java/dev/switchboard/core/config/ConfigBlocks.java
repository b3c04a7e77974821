package dev.switchboard.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * A handler's {@code config:} block read by the runtime's own loader from YAML text or from a map,
 * so that every getter answers and fails as in production; for test kits and embedders that create
 * handlers without a whole {@code handlers.yaml}.
 */
public final class ConfigBlocks {

    private ConfigBlocks() {
    }

    /**
     * @param yaml the block's keys as YAML, e.g. {@code "url: http://127.0.0.1:9/hook"}; empty for none
     * @param env what {@code ${VAR}} reads
     * @return the block; its error positions count lines from the block's first line
     * @throws ConfigProblem if the text is not a map of settings
     */
    public static ConfigBlock fromYaml(String yaml, Map<String, String> env) throws ConfigProblem {
        String file = "version: 1\nhandlers:\n  - name: test\n    type: test\n    events: [\"*\"]\n    config:\n"
                + (yaml.isBlank() ? "      {}\n" : yaml.stripTrailing().indent(6));
        return HandlersConfigLoader.parse("config", file, env).handlers().get(0).config();
    }

    /**
     * @param values the block as maps, lists and scalars (strings, numbers, booleans; anything else
     *     as its {@code toString()}); a null value is absent. Taken literally: {@code ${VAR}} is not
     *     substituted.
     * @return the block
     * @throws IllegalArgumentException if the runtime cannot read the map as a block
     */
    public static ConfigBlock fromMap(Map<String, ?> values) {
        Map<String, Object> handler = new LinkedHashMap<>();
        handler.put("name", "test");
        handler.put("type", "test");
        handler.put("events", List.of("*"));
        handler.put("config", yamlValue(values));
        String yaml = new Yaml().dump(Map.of("version", 1, "handlers", List.of(handler)));
        try {
            return HandlersConfigLoader.parse("handlers.yaml", yaml, Map.of()).handlers().get(0).config();
        } catch (ConfigProblem e) {
            throw new IllegalArgumentException("the runtime cannot read this config map: " + e.getMessage(), e);
        }
    }

    /** The value as SnakeYAML should write it; {@code $${} is how the runtime reads a literal {@code ${}. */
    private static Object yamlValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), yamlValue(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ConfigBlocks::yamlValue).toList();
        }
        if (value == null || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double) {
            return value;
        }
        return String.valueOf(value).replace("${", "$${");
    }
}
