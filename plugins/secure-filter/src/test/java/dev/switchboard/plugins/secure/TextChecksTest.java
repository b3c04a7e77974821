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

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abcdefghijklmnopqrstu", "Authorization: Bearer abcdefghijklmnopqrstu",
        "Bearer lettersonly", "Bearer lettersonly\nnext line", "'Bearer lettersonly' sent",
        "Bearer ABCDEFGHIJKLMNOPQRSTUV in prose", "Bearer 9f8e7d6c5b4a3210 in prose"})
    void aTokenAfterBearerIsACredentialWhateverItsAlphabet(String text) {
        int start = text.indexOf("Bearer ") + "Bearer ".length();
        int end = start;
        while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
            end++;
        }

        assertThat(TextChecks.isHeaderCredential(text, start, end)).as(text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer authentication is configured", "Bearer YOUR_TOKEN", "Bearer short",
        "Bearer YOUR_ACCESS_TOKEN_HERE"})
    void aWordOfProseAPlaceholderOrAShortTokenAfterBearerIsNot(String text) {
        int start = "Bearer ".length();
        int end = text.indexOf(' ', start) < 0 ? text.length() : text.indexOf(' ', start);

        assertThat(TextChecks.isHeaderCredential(text, start, end)).as(text).isFalse();
    }
}
