package dev.switchboard.core.config;

import static dev.switchboard.core.config.Configs.errors;
import static dev.switchboard.core.config.Configs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A handler's {@code signing:} block, and its mistakes reported without the secret. */
class SigningConfigTest {

    private static final String CURRENT = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String PREVIOUS = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

    private static String handler(String signing) {
        return """
                version: 1
                handlers:
                  - name: audit
                    type: webhook
                    events: ["*"]
                    signing: %s
                """.formatted(signing);
    }

    @Test
    void aHandlerWithoutSigningIsNotSigned() throws ConfigProblem {
        HandlerSpec spec = parse("handlers:\n  - {name: c, type: console, events: [x]}\n").handlers().get(0);

        assertThat(spec.signing()).isNull();
    }

    @Test
    void theSecretAndThePreviousOnesBecomeKeysCurrentFirst() throws ConfigProblem {
        HandlerSpec spec = parse(handler("{secret: \"${HOOK_SECRET}\", previous: [" + PREVIOUS + "]}"),
                Map.of("HOOK_SECRET", CURRENT)).handlers().get(0);

        List<byte[]> keys = spec.signing().keys();
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0)).isEqualTo(Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        assertThat(keys.get(1)).isEqualTo(new byte[32]);
    }

    @Test
    void oneGivenPreviousSecretNeedNotBeAList() throws ConfigProblem {
        HandlerSpec spec = parse(handler("{secret: " + CURRENT + ", previous: " + PREVIOUS + "}")).handlers().get(0);

        assertThat(spec.signing().keys()).hasSize(2);
    }

    @Test
    void malformedSecretsAreReportedWhereTheyStandWithoutQuotingThem() {
        String yaml = """
                version: 1
                handlers:
                  - name: audit
                    type: webhook
                    events: ["*"]
                    signing:
                      secret: MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                      previous: ["whsec_not*base64!", "", whsec_c2hvcnQ=]
                """;

        List<String> errors = errors(yaml);

        assertThat(errors).containsExactly(
                "handlers.yaml:7:15: handler 'audit': signing.secret: must start with 'whsec_' followed by the base64 key",
                "handlers.yaml:8:18: handler 'audit': signing.previous: the part after 'whsec_' is not valid base64",
                "handlers.yaml:8:39: handler 'audit': signing.previous: must not be empty; give a whsec_… secret",
                "handlers.yaml:8:43: handler 'audit': signing.previous: the key after 'whsec_' holds 5 bytes;"
                        + " Standard Webhooks asks for 24 to 64");
        assertThat(String.join("\n", errors)).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                .doesNotContain("not*base64").doesNotContain("c2hvcnQ");
    }

    @Test
    void aSecretFromTheEnvironmentIsNeverQuotedEither() {
        List<String> errors = errors(handler("{secret: \"${HOOK_SECRET}\"}"), Map.of("HOOK_SECRET", "whsec_%%%%"));

        assertThat(errors).containsExactly(
                "handlers.yaml:6:23: handler 'audit': signing.secret: the part after 'whsec_' is not valid base64");
    }

    @Test
    void signingWithoutASecretOrWithAnUnknownKeyIsReported() {
        assertThat(errors(handler("{previous: [" + PREVIOUS + "], secrets: x}"))).containsExactly(
                "handlers.yaml:6:14: handler 'audit': signing.secret: required key is missing;"
                        + " give the whsec_… secret the receiver verifies with",
                "handlers.yaml:6:79: handler 'audit': signing: unknown key 'secrets'; allowed: secret, previous");
        assertThat(errors(handler("whsec_abc"))).containsExactly(
                "handlers.yaml:6:14: handler 'audit': signing: must be a map with secret, previous, not a single value");
    }

    @Test
    void theSettingsNeverShowTheirKeys() throws ConfigProblem {
        HandlerSpec spec = parse(handler("{secret: " + CURRENT + "}")).handlers().get(0);

        assertThat(spec.toString()).contains("SigningSettings[1 key]").doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    }
}
