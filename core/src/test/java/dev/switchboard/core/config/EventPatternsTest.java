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
}
