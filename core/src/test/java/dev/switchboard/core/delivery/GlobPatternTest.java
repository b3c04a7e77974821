package dev.switchboard.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobPatternTest {

    private static boolean matches(String pattern, String value) {
        return new GlobPattern(pattern).matches(value);
    }

    @Test
    void starsMatchAnyRunOfCharacters() {
        assertThat(matches("*", "error")).isTrue();
        assertThat(matches("*", "")).isTrue();
        assertThat(matches("error", "error")).isTrue();
        assertThat(matches("error", "errors")).isFalse();
        assertThat(matches("workflow_*", "workflow_start")).isTrue();
        assertThat(matches("workflow_*", "step_start")).isFalse();
        assertThat(matches("research-*", "research-")).isTrue();
        assertThat(matches("*-nightly", "build-nightly")).isTrue();
        assertThat(matches("*-nightly", "build-nightly-2")).isFalse();
        assertThat(matches("a*b*a", "aba")).isTrue();
        assertThat(matches("a*b*a", "abba")).isTrue();
        assertThat(matches("ab*ba", "aba")).isFalse();
        assertThat(matches("re*ch-*", "research-workflow")).isTrue();
    }

    @Test
    void aMissingFieldNeverMatches() {
        assertThat(matches("*", null)).isFalse();
        assertThat(matches("x", null)).isFalse();
    }
}
