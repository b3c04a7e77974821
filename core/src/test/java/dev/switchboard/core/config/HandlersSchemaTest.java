package dev.switchboard.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.ConfigKey;
import dev.switchboard.core.builtin.ConsoleHandlerFactory;
import dev.switchboard.core.testing.SchemaValidation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generated schema, checked by an independent validator against good and broken files. */
class HandlersSchemaTest {

    private static final SchemaValidation SCHEMA = SchemaValidation.of(HandlersSchema.of(handlerTypes(),
            filterTypes()));

    private static Map<String, List<ConfigKey>> handlerTypes() {
        Map<String, List<ConfigKey>> types = new LinkedHashMap<>();
        types.put("console", new ConsoleHandlerFactory().configKeys());
        types.put("slack", List.of(ConfigKey.string("webhook_url", "u").required().secret(),
                ConfigKey.string("channel", "c").defaultValue("#workflows")));
        types.put("webhook", List.of(ConfigKey.string("url", "u").required().secret(), ConfigKey.map("headers", "h")));
        types.put("legacy", null);
        return types;
    }

    private static Map<String, List<ConfigKey>> filterTypes() {
        return Map.of("secure", List.of(ConfigKey.bool("emails", "e").defaultValue(false)));
    }

    @Test
    void theSchemaDeclaresDraft2020_12() {
        assertThat(HandlersSchema.of(Map.of(), Map.of()).get("$schema").asText())
                .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void theDesignExampleFits() throws Exception {
        assertThat(SCHEMA.errors(Files.readString(Path.of("src/test/resources/config/design-example.yaml"))))
                .isEmpty();
    }

    @Test
    void variablesServerAndStoreSectionsAndUndeclaredPluginsFit() {
        assertThat(SCHEMA.errors("""
                version: 1
                defaults: {timeout: "${TIMEOUT}", concurrency: 4}
                handlers:
                  - name: screen
                    type: console
                    events: "*"
                    config: {stream: stderr, max_value_chars: "${WIDTH}"}
                  - name: old
                    type: legacy
                    events: [error]
                    filters: [{type: secure, config: {emails: true}}]
                    config: {anything: [goes]}
                server:
                  port: 8080
                  api_keys: ["${KEY}"]
                  timeouts: {idle: 30s, drain: 5s}
                  sessions: {max_count: 1000, max_age: 24h, redact: {keys: [a], mode: mask}}
                store: {type: sqlite, sync: normal, retention: 7d}
                """)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "colour: blue\nhandlers: []",
        "handlers: [{name: a, type: console}]",
        "handlers: [{name: a, type: nosuch, events: [x]}]",
        "handlers: [{name: a, type: console, events: [x], config: {strem: stderr}}]",
        "handlers: [{name: a, type: console, events: [x], config: {max_value_chars: many}}]",
        "handlers: [{name: a, type: slack, events: [x]}]",
        "handlers: [{name: a, type: slack, events: [x], config: {webhook_url: u, chanel: x}}]",
        "handlers: [{name: a, type: console, events: [x], timeout: soon}]",
        "handlers: [{name: a, type: console, events: [x], retry: {attempts: many}}]",
        "handlers: [{name: a, type: console, events: [x], filters: [{type: secure, config: {email: true}}]}]",
        "handlers: [{name: a, type: console, events: [x], signing: {previous: [x]}}]",
        "handlers: [{name: 'bad name', type: console, events: [x]}]",
        "server: {port: eighty}",
        "server: {colour: blue}",
        "store: {type: postgres}",
    })
    void aBrokenFileFails(String yaml) {
        assertThat(SCHEMA.errors("version: 1\n" + yaml)).as(yaml).isNotEmpty();
    }
}
