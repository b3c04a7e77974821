package dev.switchboard.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.HandlerConfig;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One table of scalars read by both paths: a plugin's {@code config:} block ({@link YamlConfigBlock})
 * and the runtime's own keys ({@link MapFields}), with {@code asMap()} beside them. Where a getter
 * answers, it answers what {@code asMap()} holds; the runtime's keys add only their own bounds.
 */
class ScalarReaderTest {

    private static final String NO = "-";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        // scalar as written | asMap                  | integer | number | bool  | duration
        "8                   | java.lang.Integer:8    | 8       | 8.0    | -     | -",
        "'\"8\"'             | java.lang.String:8     | 8       | 8.0    | -     | -",
        "0x10                | java.lang.Integer:16   | 16      | 16.0   | -     | -",
        "0o17                | java.lang.String:0o17  | -       | -      | -     | -",
        "017                 | java.lang.Integer:15   | 15      | 15.0   | -     | -",
        "1_000               | java.lang.Integer:1000 | 1000    | 1000.0 | -     | -",
        "+12                 | java.lang.Integer:12   | 12      | 12.0   | -     | -",
        "3000000000          | java.lang.Long:3000000000 | -    | 3.0E9  | -     | -",
        "2.5                 | java.lang.Double:2.5   | -       | 2.5    | -     | -",
        "1e3                 | java.lang.Double:1000.0 | -      | 1000.0 | -     | -",
        "1.0e3               | java.lang.Double:1000.0 | -      | 1000.0 | -     | -",
        ".inf                | java.lang.Double:Infinity | -    | -      | -     | -",
        ".nan                | java.lang.Double:NaN   | -       | -      | -     | -",
        "true                | java.lang.Boolean:true | -       | -      | true  | -",
        "yes                 | java.lang.Boolean:true | -       | -      | true  | -",
        "Off                 | java.lang.Boolean:false | -      | -      | false | -",
        "'\"no\"'            | java.lang.String:no    | -       | -      | false | -",
        "10s                 | java.lang.String:10s   | -       | -      | -     | PT10S",
        "1.5s                | java.lang.String:1.5s  | -       | -      | -     | PT1.5S",
        "250ms               | java.lang.String:250ms | -       | -      | -     | PT0.25S",
        "0s                  | java.lang.String:0s    | -       | -      | -     | PT0S",
        "10                  | java.lang.Integer:10   | 10      | 10.0   | -     | -",
        "ten                 | java.lang.String:ten   | -       | -      | -     | -",
    })
    void bothPathsReadEachScalarAlike(String written, String asMap, String integer, String number, String bool,
            String duration) throws ConfigProblem {
        HandlerConfig block = pluginBlock(written);
        Object value = block.asMap().get("v");
        assertThat(value == null ? "null" : value.getClass().getName() + ":" + value).isEqualTo(asMap);

        assertThat(plugin(c -> c.integer("v", 0), block)).isEqualTo(integer);
        assertThat(plugin(c -> c.number("v", 0), block)).isEqualTo(number);
        assertThat(plugin(c -> c.bool("v", false), block)).isEqualTo(bool);
        assertThat(plugin(c -> c.duration("v", null), block)).isEqualTo(duration);
        if (!integer.equals(NO)) {
            assertThat(Integer.valueOf(integer)).isEqualTo(value instanceof String ? Integer.valueOf(integer) : value);
        }

        // The runtime's keys: queue_capacity (at least 1), retry.multiplier (at least 1), timeout (longer than 0).
        assertThat(runtime("queue_capacity: " + written, h -> h.queueCapacity()))
                .isEqualTo(integer.equals(NO) || Integer.parseInt(integer) < 1 ? NO : integer);
        assertThat(runtime("retry: {multiplier: " + written + "}", h -> h.retry().multiplier()))
                .isEqualTo(number.equals(NO) || Double.parseDouble(number) < 1 ? NO : number);
        assertThat(runtime("timeout: " + written, h -> h.timeout()))
                .isEqualTo(duration.equals(NO) || Duration.parse(duration).isZero() ? NO : duration);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[a, b]      | [a, b]",
        "['1', 2]    | [1, 2]",
        "[a, ~]      | -",
        "[a, [b]]    | -",
        "a           | -",
    })
    void stringListsFollowOneRule(String written, String expected) throws ConfigProblem {
        HandlerConfig block = pluginBlock(written);
        assertThat(plugin(c -> c.stringList("v"), block)).isEqualTo(expected);
        // redact.keys reads the same list, and takes one value alone as a one-item list besides.
        String keys = runtime("redact: {keys: " + written + "}", h -> h.redact().keys());
        assertThat(keys).isEqualTo(written.equals("a") ? "[a]" : expected);
    }

    private static HandlerConfig pluginBlock(String written) throws ConfigProblem {
        return Configs.parse("handlers:\n  - {name: a, type: t, events: [e], config: {v: " + written + "}}\n")
                .handlers().get(0).config();
    }

    private static String plugin(Function<HandlerConfig, Object> getter, HandlerConfig block) {
        ConfigException refused = catchThrowableOfType(ConfigException.class, () -> getter.apply(block));
        return refused != null ? NO : String.valueOf(getter.apply(block));
    }

    private static String runtime(String setting, Function<HandlerSpec, Object> getter) {
        try {
            return String.valueOf(getter.apply(Configs.parse(
                    "handlers:\n  - {name: a, type: t, events: [e], " + setting + "}\n").handlers().get(0)));
        } catch (ConfigProblem refused) {
            assertThat(refused.lines()).singleElement().asString().startsWith("handlers.yaml:2:");
            return NO;
        }
    }
}
