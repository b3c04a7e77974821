package dev.switchboard.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.HandlerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class YamlConfigBlockTest {

    private static HandlerSpec audit;
    private static ConfigBlock config;

    @BeforeAll
    static void load() throws ConfigProblem {
        audit = Configs.parse("""
                handlers:
                  - name: audit
                    type: webhook
                    events: [error]
                    filters:
                      - type: sampler
                        config: {rate: often}
                    config:
                      url: https://hooks.example.com/x
                      port: 8443
                      ratio: 0.5
                      verbose: true
                      flush: 250ms
                      tags: [a, b]
                      nothing:
                      headers:
                        Authorization: Bearer x
                        X-Trace: "on"
                      dotted.key: 1
                      nested: {deep: {er: [1, 2.5, yes, null, text]}}
                """).handlers().get(0);
        config = audit.config();
    }

    @Test
    void typedGettersReadTheirValues() {
        assertThat(config.string("url")).isEqualTo("https://hooks.example.com/x");
        assertThat(config.integer("port", 0)).isEqualTo(8443);
        assertThat(config.number("ratio", 0)).isEqualTo(0.5);
        assertThat(config.bool("verbose", false)).isTrue();
        assertThat(config.duration("flush", null)).isEqualTo(Duration.ofMillis(250));
        assertThat(config.stringList("tags")).containsExactly("a", "b");
        assertThat(config.stringMap("headers")).containsExactly(
                Map.entry("Authorization", "Bearer x"), Map.entry("X-Trace", "on"));
    }

    @Test
    void absentOrEmptyKeysGiveTheDefaults() {
        assertThat(config.has("nothing")).isFalse();
        assertThat(config.has("url")).isTrue();
        assertThat(config.string("nothing", "fallback")).isEqualTo("fallback");
        assertThat(config.integer("absent", 7)).isEqualTo(7);
        assertThat(config.number("absent", 1.5)).isEqualTo(1.5);
        assertThat(config.bool("absent", true)).isTrue();
        assertThat(config.duration("absent", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.stringList("absent")).isEmpty();
        assertThat(config.stringMap("absent")).isEmpty();
        assertThat(config.section("absent").asMap()).isEmpty();
    }

    @Test
    void wrongValuesThrowConfigExceptionsNamingTheKey() {
        assertThat(failure(() -> config.string("absent"))).isEqualTo("absent: required key is missing");
        assertThat(failure(() -> config.secret("nothing"))).isEqualTo("nothing: required key is missing");
        assertThat(failure(() -> config.integer("ratio", 0))).isEqualTo("ratio: must be a whole number");
        assertThat(failure(() -> config.number("url", 0))).isEqualTo("url: must be a number");
        assertThat(failure(() -> config.bool("port", false))).isEqualTo("port: must be true or false");
        assertThat(failure(() -> config.duration("port", null)))
                .isEqualTo("port: bad duration: write a number and a unit, e.g. 250ms, 10s, 5m");
        assertThat(failure(() -> config.string("tags"))).isEqualTo("tags: must be a single value, not a list");
        assertThat(failure(() -> config.stringList("url"))).isEqualTo("url: must be a list, not a single value");
        assertThat(failure(() -> config.stringMap("tags"))).isEqualTo("tags: must be a map, not a list");
        assertThat(failure(() -> config.section("url"))).isEqualTo("url: must be a map, not a single value");
        assertThat(failure(() -> config.stringMap("nested"))).isEqualTo("nested.deep: must be a single value, not a map");
    }

    @Test
    void aSectionReportsItsKeysDottedFromTheOuterBlock() {
        HandlerConfig headers = config.section("headers");
        assertThat(headers.string("Authorization")).isEqualTo("Bearer x");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> headers.integer("Authorization", 0));
        assertThat(e.key()).isEqualTo("headers.Authorization");
        assertThat(ConfigErrors.forHandler(audit, e))
                .isEqualTo("handlers.yaml:17:9: handler 'audit': config.headers.Authorization: must be a whole number");
        ConfigException missing = catchThrowableOfType(ConfigException.class,
                () -> config.section("nested").section("deep").string("absent"));
        assertThat(missing.key()).isEqualTo("nested.deep.absent");
    }

    @Test
    void positionsAreThoseOfTheKeysAndOfTheBlockWhenAbsent() {
        assertThat(config.positionOf("url")).isEqualTo(new Position("handlers.yaml", 9, 7));
        assertThat(config.positionOf("headers.X-Trace")).isEqualTo(new Position("handlers.yaml", 18, 9));
        assertThat(config.positionOf("dotted.key")).isEqualTo(new Position("handlers.yaml", 19, 7));
        assertThat(config.positionOf("nested.deep.er")).isEqualTo(new Position("handlers.yaml", 20, 23));
        assertThat(config.positionOf("absent")).isEqualTo(new Position("handlers.yaml", 9, 7));
        assertThat(config.positionOf(null)).isEqualTo(new Position("handlers.yaml", 9, 7));
    }

    @Test
    void aMissingRequiredKeyIsReportedAtTheConfigBlock() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> config.string("channel"));
        assertThat(ConfigErrors.forHandler(audit, e))
                .isEqualTo("handlers.yaml:9:7: handler 'audit': config.channel: required key is missing");
        assertThat(ConfigErrors.forHandler(audit, new ConfigException(null, "url and path exclude each other")))
                .isEqualTo("handlers.yaml:9:7: handler 'audit': config: url and path exclude each other");
    }

    @Test
    void aFilterConfigErrorNamesHandlerFilterAndKey() {
        FilterSpec sampler = audit.filters().get(0);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> sampler.config().number("rate", 1));
        assertThat(ConfigErrors.forFilter(audit, sampler, e))
                .isEqualTo("handlers.yaml:7:18: handler 'audit': filter 'sampler': config.rate: must be a number");
    }

    @Test
    void asMapGivesTypedValuesAndCannotBeChanged() {
        Map<String, Object> map = config.asMap();
        assertThat(map).containsEntry("port", 8443).containsEntry("ratio", 0.5).containsEntry("verbose", true)
                .containsEntry("tags", List.of("a", "b")).containsEntry("nothing", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> deep = (Map<String, Object>) ((Map<String, Object>) map.get("nested")).get("deep");
        assertThat(deep.get("er")).isEqualTo(java.util.Arrays.asList(1, 2.5, true, null, "text"));
        assertThat((Object) ((Map<?, ?>) map.get("headers")).get("X-Trace")).isEqualTo("on");
        assertThatThrownBy(() -> map.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> deep.clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    private static String failure(Runnable read) {
        ConfigException e = catchThrowableOfType(ConfigException.class, read::run);
        assertThat(e).as("a ConfigException").isNotNull();
        return e.key() + ": " + e.getMessage();
    }
}
