package dev.switchboard.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.HandlerConfig;
import dev.switchboard.core.config.HandlersConfigLoader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The config block that plugins' tests build from a map answers every getter as the same block
 * written in handlers.yaml does, values and errors alike: the map survives the trip through YAML.
 */
class MapHandlerConfigTest {

    private static final String HANDLERS_YAML = """
            version: 1
            handlers:
              - name: probe
                type: probe
                events: ["*"]
                config:
                  text: hello
                  literal: "costs $${AMOUNT}"
                  quoted: "yes"
                  blank: ""
                  nothing:
                  whole: 8125
                  negative: -1
                  fraction: 2.5
                  flag: false
                  wait: 1.5s
                  items: [a, 2]
                  holes: [a, null]
                  headers: {Accept: json, Retries: 3}
                  nested: {deep: {x: 1}, empty:}
            """;

    private static final Map<String, BiFunction<HandlerConfig, String, Object>> GETTERS = Map.of(
            "string", HandlerConfig::string,
            "stringOrDefault", (config, key) -> config.string(key, "default"),
            "integer", (config, key) -> config.integer(key, 7),
            "number", (config, key) -> config.number(key, 0.5),
            "bool", (config, key) -> config.bool(key, true),
            "duration", (config, key) -> config.duration(key, Duration.ofSeconds(9)),
            "stringList", HandlerConfig::stringList,
            "stringMap", HandlerConfig::stringMap,
            "section", (config, key) -> config.section(key).asMap(),
            "sectionString", (config, key) -> config.section(key).string("deep"));

    @ParameterizedTest
    @ValueSource(strings = {"string", "stringOrDefault", "integer", "number", "bool", "duration",
            "stringList", "stringMap", "section", "sectionString"})
    void answersAndFailsAsTheRuntimesBlockForEveryKind(String getter) throws Exception {
        HandlerConfig real = HandlersConfigLoader.parse("handlers.yaml", HANDLERS_YAML, Map.of())
                .handlers().get(0).config();
        HandlerConfig fake = new MapHandlerConfig(real.asMap());

        assertThat(outcomes(fake, GETTERS.get(getter))).isEqualTo(outcomes(real, GETTERS.get(getter)));
    }

    private static Map<String, String> outcomes(HandlerConfig config,
                                                BiFunction<HandlerConfig, String, Object> getter) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String key : List.of("text", "literal", "quoted", "blank", "nothing", "absent", "whole", "negative", "fraction",
                "flag", "wait", "items", "holes", "headers", "nested")) {
            outcomes.put(key, outcome(() -> getter.apply(config, key)));
            outcomes.put("has " + key, String.valueOf(config.has(key)));
        }
        return outcomes;
    }

    private static String outcome(Supplier<Object> call) {
        try {
            return "= " + call.get();
        } catch (ConfigException e) {
            return e.key() + ": " + e.getMessage();
        }
    }
}
