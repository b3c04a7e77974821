package dev.switchboard.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.ConfigKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeclaredKeysTest {

    private static final List<ConfigKey> SLACK_LIKE = List.of(
            ConfigKey.string("webhook_url", "where to post").required().secret(),
            ConfigKey.string("channel", "the channel").defaultValue("#workflows"),
            ConfigKey.integer("retries", "how often"),
            ConfigKey.number("ratio", "a share"),
            ConfigKey.bool("verbose", "more words"),
            ConfigKey.duration("timeout", "how long").defaultValue(Duration.ofSeconds(5)),
            ConfigKey.list("tags", "tags"),
            ConfigKey.map("headers", "headers"));

    private static List<String> check(String config, List<ConfigKey> keys) throws ConfigProblem {
        return check(config, keys, Map.of());
    }

    private static List<String> check(String config, List<ConfigKey> keys, Map<String, String> env)
            throws ConfigProblem {
        HandlerSpec spec = Configs.parse("""
                version: 1
                handlers:
                  - name: alerts
                    type: slack
                    events: ["*"]
                """ + config.indent(4), env).handlers().get(0);
        return DeclaredKeys.check(spec.config(), keys, "handler 'alerts'", "type slack");
    }

    @Test
    void aMisspeltKeyIsRefusedAtItsPlaceWithTheKeyItWasMeantToBe() throws Exception {
        List<String> problems = check("""
                config:
                  webhook_url: https://hooks.example.com/x
                  chanel: "#ops"
                """, SLACK_LIKE);

        assertThat(problems).containsExactly("handlers.yaml:8:7: handler 'alerts': config.chanel: unknown key;"
                + " did you mean 'channel'? (type slack reads webhook_url, channel, retries, ratio, verbose,"
                + " timeout, tags, headers)");
    }

    @Test
    void aKeyFarFromEveryDeclaredOneGetsNoGuess() throws Exception {
        List<String> problems = check("""
                config:
                  webhook_url: https://hooks.example.com/x
                  bogus: 1
                """, SLACK_LIKE);

        assertThat(problems).singleElement().asString()
                .startsWith("handlers.yaml:8:7: handler 'alerts': config.bogus: unknown key (type slack reads");
    }

    @Test
    void aMissingRequiredKeyIsReportedAtTheConfigBlockWithItsDescription() throws Exception {
        List<String> problems = check("""
                config:
                  channel: "#ops"
                """, SLACK_LIKE);

        assertThat(problems).containsExactly("handlers.yaml:7:7: handler 'alerts': config.webhook_url:"
                + " required key is missing (string: where to post)");
    }

    @Test
    void aHandlerWithoutConfigMissesItsRequiredKeyAtItsName() throws Exception {
        assertThat(check("", SLACK_LIKE)).containsExactly("handlers.yaml:3:5: handler 'alerts':"
                + " config.webhook_url: required key is missing (string: where to post)");
    }

    @Test
    void everyValueOfTheWrongTypeIsReportedAtTheValueInOneRun() throws Exception {
        List<String> problems = check("""
                config:
                  webhook_url: [a, b]
                  retries: three
                  ratio: lots
                  verbose: maybe
                  timeout: soon
                  tags: {a: b}
                  headers: [x]
                """, SLACK_LIKE);

        assertThat(problems).containsExactly(
                "handlers.yaml:7:20: handler 'alerts': config.webhook_url: must be a single value, not a list",
                "handlers.yaml:8:16: handler 'alerts': config.retries: must be a whole number",
                "handlers.yaml:9:14: handler 'alerts': config.ratio: must be a number",
                "handlers.yaml:10:16: handler 'alerts': config.verbose: must be true or false",
                "handlers.yaml:11:16: handler 'alerts': config.timeout: bad duration 'soon': write a number and"
                        + " a unit, e.g. 250ms, 10s, 5m",
                "handlers.yaml:12:13: handler 'alerts': config.tags: must be a list, not a map",
                "handlers.yaml:13:16: handler 'alerts': config.headers: must be a map, not a list");
    }

    @Test
    void valuesOfTheRightTypeFitIncludingQuotedNumbersAndNulls() throws Exception {
        List<String> problems = check("""
                config:
                  webhook_url: https://hooks.example.com/x
                  channel: 42
                  retries: "3"
                  ratio: 0.5
                  verbose: true
                  timeout: 250ms
                  tags: [a, b]
                  headers: {Authorization: Bearer x}
                """, SLACK_LIKE);

        assertThat(problems).isEmpty();
    }

    @Test
    void aSecretDurationIsNeverQuoted() throws Exception {
        List<String> problems = check("""
                config:
                  wait: ${WAIT}
                """, List.of(ConfigKey.duration("wait", "w").secret()), Map.of("WAIT", "hunter2"));

        assertThat(problems).singleElement().asString().doesNotContain("hunter2").contains("bad duration:");
    }

    @Test
    void aFactoryThatDeclaresNothingGetsNothingChecked() throws Exception {
        assertThat(check("config: {anything: [goes]}", null)).isEmpty();
    }

    @Test
    void aFactoryThatDeclaresNoKeysRefusesEveryKey() throws Exception {
        assertThat(check("config: {path: x}", List.of())).containsExactly(
                "handlers.yaml:6:14: handler 'alerts': config.path: unknown key; type slack takes no config keys");
    }

    @Test
    void nearMissesAreOneOrTwoEditsAwayAndShortNamesNeedACloserMatch() {
        assertThat(NearMiss.of("chanel", List.of("channel", "username"))).isEqualTo("channel");
        assertThat(NearMiss.of("webhok_url", List.of("channel", "webhook_url"))).isEqualTo("webhook_url");
        assertThat(NearMiss.of("Channel", List.of("channel"))).isEqualTo("channel");
        assertThat(NearMiss.of("usernmae", List.of("username"))).isEqualTo("username");
        assertThat(NearMiss.of("bogus", List.of("url", "headers"))).isNull();
        assertThat(NearMiss.of("ur", List.of("url"))).isNull();
    }
}
