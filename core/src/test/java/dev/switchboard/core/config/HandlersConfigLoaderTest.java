package dev.switchboard.core.config;

import static dev.switchboard.core.config.Configs.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandlersConfigLoaderTest {

    private static final Map<String, String> ENV = Map.of(
            "SLACK_WEBHOOK_URL", "https://hooks.slack.test/T000/B000/XXXX", "HOOK_TOKEN", "t0ken");

    @Test
    void theExampleFromTheDesignLoads() throws Exception {
        RuntimeConfig config = HandlersConfigLoader.load(resource("config/design-example.yaml"), ENV);

        assertThat(config.handlers()).extracting(HandlerSpec::name).containsExactly("slack-alerts", "audit");
        HandlerSpec slack = config.handlers().get(0);
        assertThat(slack.type()).isEqualTo("slack");
        assertThat(slack.events()).containsExactly("workflow_complete", "hitl_pause", "error");
        assertThat(slack.config().secret("webhook_url")).isEqualTo("https://hooks.slack.test/T000/B000/XXXX");
        assertThat(slack.config().string("channel")).isEqualTo("#workflow-alerts");
        assertThat(slack.position().line()).isEqualTo(7);
        assertThat(slack.typePosition().line()).isEqualTo(8);
        assertThat(slack.typePosition().column()).isEqualTo(11);

        HandlerSpec audit = config.handlers().get(1);
        assertThat(audit.events()).containsExactly("workflow_*", "step_complete");
        assertThat(audit.match()).containsExactly(Map.entry("spec_name", "research-*"));
        assertThat(audit.filters()).extracting(FilterSpec::type).containsExactly("secure");
        assertThat(audit.retry()).isEqualTo(new RetrySettings(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10)));
        assertThat(audit.config().stringMap("headers")).containsEntry("Authorization", "Bearer t0ken");
        assertThat(config.server().asMap()).isEmpty();
    }

    @Test
    void aHandlerWithoutOverridesGetsTheBuiltInDefaults() throws ConfigProblem {
        HandlerSpec spec = parse("""
                handlers:
                  - name: console
                    type: console
                    events: "*"
                """).handlers().get(0);
        assertThat(spec.events()).containsExactly("*");
        assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(spec.retry()).isEqualTo(RetrySettings.DEFAULT);
        assertThat(spec.redact()).isEqualTo(RedactSettings.DEFAULT);
        assertThat(spec.concurrency()).isEqualTo(16);
        assertThat(spec.queueCapacity()).isEqualTo(1_000_000);
        assertThat(spec.match()).isEmpty();
        assertThat(spec.filters()).isEmpty();
        assertThat(spec.config().asMap()).isEmpty();
        assertThat(spec.config().positionOf("url")).isEqualTo(new Position("handlers.yaml", 2, 5));
    }

    @Test
    void aPartialRetryOverridesOnlyTheKeysItGivesOverTheFileDefaults() throws ConfigProblem {
        RuntimeConfig config = parse("""
                defaults:
                  timeout: 1.5s
                  retry: {backoff: 250ms}
                  redact: {mode: mask}
                  concurrency: 4
                  queue_capacity: 100
                handlers:
                  - name: audit
                    type: webhook
                    events: [error]
                    retry: {attempts: 5}
                  - name: slack
                    type: slack
                    events: [error]
                    timeout: 5m
                    redact: {keys: [token]}
                    concurrency: 1
                """);
        HandlerSpec audit = config.handlers().get(0);
        assertThat(audit.retry()).isEqualTo(new RetrySettings(5, Duration.ofMillis(250), 2.0, Duration.ofSeconds(10)));
        assertThat(audit.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(audit.redact()).isEqualTo(new RedactSettings(RedactSettings.DEFAULT.keys(), RedactSettings.Mode.MASK));
        assertThat(audit.concurrency()).isEqualTo(4);
        assertThat(audit.queueCapacity()).isEqualTo(100);

        HandlerSpec slack = config.handlers().get(1);
        assertThat(slack.retry()).isEqualTo(new RetrySettings(3, Duration.ofMillis(250), 2.0, Duration.ofSeconds(10)));
        assertThat(slack.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(slack.redact()).isEqualTo(new RedactSettings(List.of("token"), RedactSettings.Mode.MASK));
        assertThat(slack.concurrency()).isEqualTo(1);
    }

    @Test
    void filtersAreBareTypesOrMapsWithTypeAndConfig() throws ConfigProblem {
        HandlerSpec spec = parse("""
                handlers:
                  - name: audit
                    type: webhook
                    events: [error]
                    filters:
                      - secure
                      - type: sampler
                        config:
                          rate: 0.25
                """).handlers().get(0);
        assertThat(spec.filters()).extracting(FilterSpec::type).containsExactly("secure", "sampler");
        FilterSpec secure = spec.filters().get(0);
        assertThat(secure.position()).isEqualTo(new Position("handlers.yaml", 6, 9));
        assertThat(secure.config().asMap()).isEmpty();
        FilterSpec sampler = spec.filters().get(1);
        assertThat(sampler.position()).isEqualTo(new Position("handlers.yaml", 7, 9));
        assertThat(sampler.config().number("rate", 1)).isEqualTo(0.25);
        assertThat(sampler.config().positionOf("rate")).isEqualTo(new Position("handlers.yaml", 9, 11));
    }

    @Test
    void aFilterMapWithoutTypeIsReported() {
        assertThat(Configs.errors("""
                handlers:
                  - name: audit
                    type: webhook
                    events: [error]
                    filters:
                      - config: {rate: 1}
                """)).containsExactly("handlers.yaml:6:9: handler 'audit': filters.type: required key is missing");
    }

    @Test
    void theServerSectionIsHandedOverAsAConfigBlock() throws ConfigProblem {
        RuntimeConfig config = parse("""
                server:
                  port: 8080
                  tls: {enabled: true}
                """);
        assertThat(config.handlers()).isEmpty();
        assertThat(config.server().integer("port", 0)).isEqualTo(8080);
        assertThat(config.server().section("tls").bool("enabled", false)).isTrue();
        assertThat(config.server().positionOf("tls.enabled")).isEqualTo(new Position("handlers.yaml", 3, 9));
    }

    @Test
    void aMissingFileIsOneLineNamingThePath(@TempDir Path dir) {
        Path missing = dir.resolve("handlers.yaml");
        ConfigProblem problem = catchThrowableOfType(ConfigProblem.class,
                () -> HandlersConfigLoader.load(missing, Map.of()));
        assertThat(problem.lines()).containsExactly(missing + ": cannot read: no such file");
    }

    @Test
    void errorsOfALoadedFileNameThePathAsGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("conf.yaml");
        Files.writeString(file, "version: 3\n");
        ConfigProblem problem = catchThrowableOfType(ConfigProblem.class,
                () -> HandlersConfigLoader.load(file, Map.of()));
        assertThat(problem.lines()).containsExactly(file + ":1:10: unsupported version '3'; this runtime reads version 1");
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(HandlersConfigLoaderTest.class.getClassLoader().getResource(name).toURI());
    }
}
