package dev.switchboard.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventPatternsTest {

    @Test
    void exactPrefixAndStarPatternsAreValidEventPatterns() {
        assertThat(EventPatterns.eventPatternProblem("error", "")).isNull();
        assertThat(EventPatterns.eventPatternProblem("workflow_*", "")).isNull();
        assertThat(EventPatterns.eventPatternProblem("*", "")).isNull();
        assertThat(EventPatterns.eventPatternProblem("wor*flow", " 'wor*flow'")).startsWith("bad pattern 'wor*flow'");
        assertThat(EventPatterns.eventPatternProblem("*_complete", "")).startsWith("bad pattern");
    }

    @Test
    void starsMatchAnyRunOfCharacters() {
        assertThat(EventPatterns.matches("*", "error")).isTrue();
        assertThat(EventPatterns.matches("error", "error")).isTrue();
        assertThat(EventPatterns.matches("error", "errors")).isFalse();
        assertThat(EventPatterns.matches("workflow_*", "workflow_start")).isTrue();
        assertThat(EventPatterns.matches("workflow_*", "step_start")).isFalse();
        assertThat(EventPatterns.matches("research-*", "research-")).isTrue();
        assertThat(EventPatterns.matches("*-nightly", "build-nightly")).isTrue();
        assertThat(EventPatterns.matches("a*b*a", "aba")).isTrue();
        assertThat(EventPatterns.matches("ab*ba", "aba")).isFalse();
        assertThat(EventPatterns.matches("*", null)).isFalse();
    }
}
