package dev.switchboard.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfiguredSecretsTest {

    @Test
    void credentialKeysHeadersAndUrlPartsAreSecretsAndPlainSettingsAreNot() {
        Set<String> secrets = ConfiguredSecrets.in(Map.of(
                "channel", "#workflow-alerts",
                "api_key", "dd-key-123456",
                "Slack_Webhook_URL", "https://hooks.example.com/services/T0/B0/XYZ",
                "url", "https://user:pa55word@hooks.example.com/hook?sig=abc123",
                "headers", Map.of("Authorization", "Bearer tok-abcdef", "X-Team", "blue-team"),
                "nested", Map.of("client_secret", List.of("first-secret", "second-secret")),
                "timeout", 5));

        assertThat(secrets).containsExactlyInAnyOrder(
                "dd-key-123456",
                "https://hooks.example.com/services/T0/B0/XYZ", "/services/T0/B0/XYZ",
                "user:pa55word", "/hook?sig=abc123", "sig=abc123",
                "Bearer tok-abcdef", "tok-abcdef", "blue-team",
                "first-secret", "second-secret");
    }

    @Test
    void aUrlWithNothingBeyondTheHostHidesNothing() {
        assertThat(ConfiguredSecrets.in(Map.of("url", "https://hooks.example.com/", "site", "datadoghq.eu")))
                .isEmpty();
    }

    @Test
    void theMaskerReplacesTheLongestSecretFirstAndIgnoresVeryShortValues() {
        SecretMasker masker = SecretMasker.of(List.of("tok-abcdef", "Bearer tok-abcdef", "ab"));

        assertThat(masker.mask("sent Bearer tok-abcdef; echoed tok-abcdef; ab stays"))
                .isEqualTo("sent ***; echoed ***; ab stays");
        assertThat(masker.size()).isEqualTo(2);
        assertThat(SecretMasker.of(List.of()).mask("unchanged")).isEqualTo("unchanged");
    }
}
