package dev.switchboard.core.config;

import static dev.switchboard.core.config.Configs.errors;
import static dev.switchboard.core.config.Configs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The delivery policy keys of handlers.yaml: their defaults, their overrides, and their errors. */
class DeliveryPolicyConfigTest {

    private static final String ONE_HANDLER = """
            handlers:
              - name: audit
                type: webhook
                events: [error]
            """;

    @Test
    void retryJitterDefaultsToATenthAndIsOverridden() throws ConfigProblem {
        assertThat(parse(ONE_HANDLER).handlers().get(0).retry().jitter()).isEqualTo(0.1);
        assertThat(parse(ONE_HANDLER + "    retry: {jitter: 0}\n").handlers().get(0).retry().jitter()).isZero();
        assertThat(parse(ONE_HANDLER + "    retry: {jitter: 0.25}\n").handlers().get(0).retry().jitter()).isEqualTo(0.25);
    }

    @Test
    void aJitterOutsideZeroToOneIsAnErrorAtItsLine() {
        assertThat(errors(ONE_HANDLER + "    retry: {jitter: 1.5}\n")).singleElement().asString()
                .startsWith("handlers.yaml:5:21: handler 'audit': retry.jitter: must be a fraction from 0 to 1");
        assertThat(errors(ONE_HANDLER + "    retry: {jitter: -0.1}\n")).singleElement().asString()
                .startsWith("handlers.yaml:5:21:");
    }
}
