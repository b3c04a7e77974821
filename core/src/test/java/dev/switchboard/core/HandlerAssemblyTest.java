package dev.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.testing.RecordingHandlerFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Handlers are created at once, but their mistakes are reported in the file's order. */
class HandlerAssemblyTest {

    @Test
    void everyMistakeIsReportedInFileOrderAndTheHandlersCreatedAreClosed() {
        ConfigProblem problem = catchThrowableOfType(ConfigProblem.class, () -> Switchboard.builder()
                .environment(Map.of())
                .configText("""
                        version: 1
                        handlers:
                          - {name: first, type: nope, events: ["*"]}
                          - {name: assembly-fine, type: recording, events: ["*"]}
                          - {name: third, type: recording, events: ["*"], config: {fail_times: many}}
                          - {name: fourth, type: nope2, events: ["*"]}
                        """).build());

        assertThat(problem).isNotNull();
        assertThat(problem.lines()).hasSize(3);
        assertThat(problem.lines().get(0)).startsWith("handlers.yaml:3:").contains("'first'", "unknown type 'nope'");
        assertThat(problem.lines().get(1)).startsWith("handlers.yaml:5:").contains("'third'", "fail_times");
        assertThat(problem.lines().get(2)).startsWith("handlers.yaml:6:").contains("'fourth'", "unknown type 'nope2'");
        assertThat(RecordingHandlerFactory.of("assembly-fine").closed).isTrue();
    }
}
