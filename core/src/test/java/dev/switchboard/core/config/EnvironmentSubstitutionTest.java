package dev.switchboard.core.config;

import static dev.switchboard.core.config.Configs.errors;
import static dev.switchboard.core.config.Configs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentSubstitutionTest {

    private static final String SECRET = "xoxb-super-secret-token";

    @Test
    void aMissingVariableIsReportedAtItsScalar() {
        assertThat(errors("""
                handlers:
                  - name: slack
                    type: slack
                    events: [error]
                    config:
                      webhook_url: ${SLACK_WEBHOOK_URL}
                """)).containsExactly("handlers.yaml:6:20: environment variable SLACK_WEBHOOK_URL is not set");
    }

    @Test
    void theDefaultIsUsedWhenTheVariableIsUnsetAndTheVariableWhenSet() throws ConfigProblem {
        String yaml = """
                handlers:
                  - name: slack
                    type: slack
                    events: [error]
                    config:
                      channel: ${CHANNEL:-#alerts}
                """;
        assertThat(parse(yaml).handlers().get(0).config().string("channel")).isEqualTo("#alerts");
        assertThat(parse(yaml, Map.of("CHANNEL", "#ops")).handlers().get(0).config().string("channel"))
                .isEqualTo("#ops");
    }

    @Test
    void variablesAreSubstitutedInsideTextAndDollarDollarBraceIsALiteral() throws ConfigProblem {
        ConfigBlock config = parse("""
                handlers:
                  - name: audit
                    type: webhook
                    events: [error]
                    config:
                      headers: {Authorization: "Bearer ${HOOK_TOKEN}"}
                      template: "$${not_a_variable} costs $5"
                """, Map.of("HOOK_TOKEN", "t0k")).handlers().get(0).config();
        assertThat(config.stringMap("headers")).containsExactly(Map.entry("Authorization", "Bearer t0k"));
        assertThat(config.string("template")).isEqualTo("${not_a_variable} costs $5");
    }

    @Test
    void substitutionHappensBeforeTypingSoNumbersAndDurationsComeFromTheEnvironment() throws ConfigProblem {
        RuntimeConfig config = parse("""
                defaults:
                  timeout: ${TIMEOUT:-2s}
                handlers:
                  - name: audit
                    type: webhook
                    events: [error]
                    concurrency: ${CONCURRENCY}
                    config:
                      port: ${PORT}
                """, Map.of("CONCURRENCY", "4", "PORT", "8080"));
        HandlerSpec audit = config.handlers().get(0);
        assertThat(audit.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(audit.concurrency()).isEqualTo(4);
        assertThat(audit.config().asMap()).containsEntry("port", 8080);
    }

    @Test
    void keysAreNotSubstituted() throws ConfigProblem {
        ConfigBlock config = parse("""
                handlers:
                  - name: audit
                    type: webhook
                    events: [error]
                    config:
                      ${KEY}: value
                """, Map.of("KEY", "other")).handlers().get(0).config();
        assertThat(config.asMap()).containsOnlyKeys("${KEY}");
    }

    @Test
    void anUnclosedReferenceIsReported() {
        assertThat(errors("""
                server:
                  url: http://${HOST
                """)).containsExactly("handlers.yaml:2:8: unclosed ${: write ${VAR} or ${VAR:-default},"
                + " or $${ for a literal ${");
    }

    @Test
    void aSecretFromTheEnvironmentNeverAppearsInAnErrorLine() {
        Map<String, String> env = Map.of("TOKEN", SECRET);
        List<String> lines = errors("""
                version: ${TOKEN}
                defaults:
                  timeout: ${TOKEN}
                  redact: {mode: "${TOKEN}"}
                handlers:
                  - name: audit
                    type: webhook
                    events: ["a*${TOKEN}"]
                    retry: {attempts: "${TOKEN}", multiplier: "${TOKEN}"}
                """, env);
        assertThat(lines).containsExactly(
                "handlers.yaml:1:10: unsupported version; this runtime reads version 1",
                "handlers.yaml:3:12: defaults.timeout: bad duration: write a number and a unit, e.g. 250ms, 10s, 5m",
                "handlers.yaml:4:18: defaults.redact.mode: unknown mode; allowed: remove, mask",
                "handlers.yaml:8:14: handler 'audit': events: bad pattern: write an exact event type,"
                        + " a prefix ending in * (e.g. workflow_*), or *",
                "handlers.yaml:9:23: handler 'audit': retry.attempts: must be a whole number",
                "handlers.yaml:9:47: handler 'audit': retry.multiplier: must be a number");
        assertThat(String.join("\n", lines)).doesNotContain(SECRET);
    }

    @Test
    void aSecretInAPluginConfigNeverAppearsInAConfigError() throws ConfigProblem {
        RuntimeConfig config = parse("""
                handlers:
                  - name: audit
                    type: webhook
                    events: [error]
                    config:
                      url: ${TOKEN}
                      headers: {Authorization: "Bearer ${TOKEN}"}
                """, Map.of("TOKEN", SECRET));
        HandlerSpec audit = config.handlers().get(0);
        ConfigBlock block = audit.config();
        List<String> lines = new ArrayList<>();
        for (Runnable read : List.<Runnable>of(
                () -> block.integer("url", 1),
                () -> block.number("url", 1),
                () -> block.bool("url", false),
                () -> block.duration("url", Duration.ZERO),
                () -> block.stringList("url"),
                () -> block.section("url"),
                () -> block.section("headers").integer("Authorization", 0))) {
            try {
                read.run();
            } catch (ConfigException e) {
                lines.add(ConfigErrors.forHandler(audit, e));
            }
        }
        assertThat(lines).hasSize(7).allSatisfy(line -> assertThat(line).doesNotContain(SECRET));
        assertThat(lines.get(6)).isEqualTo(
                "handlers.yaml:7:17: handler 'audit': config.headers.Authorization: must be a whole number");
        assertThat(block.toString()).doesNotContain(SECRET);
    }
}
