package dev.switchboard.plugins.secure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextChecksTest {

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "5555 5555 5555 4444", "378282246310005",
        "6011-1111-1111-1117", "30569309025904", "3530111333300000"})
    void publishedTestCardNumbersPassLuhn(String number) {
        assertThat(TextChecks.passesLuhn(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "5555555555554445", "1234567890123456",
        "2024010120241231"})
    void numbersWithAWrongCheckDigitFailLuhn(String number) {
        assertThat(TextChecks.passesLuhn(number)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9f8e7d6c5b4a3210", "dXNlcjpwYXNzd29yZA==", "AbCdEfGhIj"})
    void randomLookingTokensAreCredentials(String token) {
        assertThat(TextChecks.looksLikeCredential(token)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"authentication", "YOUR_TOKEN", "Required", "abc123"})
    void wordsPlaceholdersAndShortTokensAreNot(String token) {
        assertThat(TextChecks.looksLikeCredential(token)).isFalse();
    }
}
