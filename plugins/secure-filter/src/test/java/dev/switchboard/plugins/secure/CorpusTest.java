package dev.switchboard.plugins.secure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.EventFilter;
import dev.switchboard.api.WorkflowEvent;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The filter against two corpora: ordinary workflow outputs that must pass untouched, and text
 * with secrets whose exact redacted form is known.
 */
class CorpusTest {

    private static final EventFilter DEFAULTS = Filters.secure();
    /** Everything switched on that does not depend on key names. */
    private static final EventFilter ALL_ON = Filters.secure(Map.of(
            "emails", true,
            "deny_keys", List.of("password"),
            "patterns", Map.of("ticket", "\\bSEC-[0-9]{5}\\b")));

    static Stream<String> clean() {
        return Corpus.records("clean-corpus.txt").stream();
    }

    static Stream<Arguments> secrets() {
        return Corpus.records("secrets-corpus.txt").stream()
                .map(Corpus::pair)
                .map(pair -> Arguments.of(pair[0], pair[1]));
    }

    @Test
    void theCleanCorpusHoldsAtLeastSixtyOrdinaryOutputs() {
        assertThat(clean().count()).isGreaterThanOrEqualTo(60);
    }

    @ParameterizedTest
    @MethodSource("clean")
    void ordinaryOutputPassesUnchangedAsTheSameEvent(String text) {
        WorkflowEvent event = event(text);

        assertThat(DEFAULTS.apply(event)).isSameAs(event);
        assertThat(ALL_ON.apply(event)).isSameAs(event);
    }

    @ParameterizedTest
    @MethodSource("secrets")
    void everySecretIsReplacedAndTheRestOfTheTextKept(String input, String expected) {
        WorkflowEvent redacted = ALL_ON.apply(event(input));

        assertThat(redacted.data().get("response")).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("secrets")
    void redactedOutputIsLeftAloneOnASecondPass(String input, String expected) {
        WorkflowEvent once = ALL_ON.apply(event(input));

        assertThat(ALL_ON.apply(once)).isSameAs(once);
    }

    private static WorkflowEvent event(String text) {
        return WorkflowEvent.builder("step_complete")
                .specName("research-workflow")
                .data(Map.of("step_index", 1, "response", text))
                .build();
    }
}
