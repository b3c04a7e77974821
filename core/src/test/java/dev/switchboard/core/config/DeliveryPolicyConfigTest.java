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

    @Test
    void thePolicyDefaultsKeepTodaysBehaviour() throws ConfigProblem {
        DeliveryPolicy policy = parse(ONE_HANDLER).handlers().get(0).policy();

        assertThat(policy.expireAfter()).isNull();
        assertThat(policy.rate()).isNull();
        assertThat(policy.ordering()).isEqualTo(DeliveryPolicy.Ordering.NONE);
        assertThat(policy.fallback()).isNull();
        assertThat(policy.breaker()).isEqualTo(new DeliveryPolicy.BreakerSettings(10, java.time.Duration.ofSeconds(30)));
    }

    @Test
    void expireAfterIsADurationFromDefaultsOrTheHandler() throws ConfigProblem {
        assertThat(parse(ONE_HANDLER + "    expire_after: 1h\n").handlers().get(0).policy().expireAfter())
                .isEqualTo(java.time.Duration.ofHours(1));
        assertThat(parse("defaults: {expire_after: 5m}\n" + ONE_HANDLER).handlers().get(0).policy().expireAfter())
                .isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(errors(ONE_HANDLER + "    expire_after: soon\n")).singleElement().asString()
                .startsWith("handlers.yaml:5:19: handler 'audit': expire_after: bad duration");
    }

    private static final String TWO = """
            handlers:
              - name: audit
                type: webhook
                events: [error]
                fallback: %s
              - name: backup
                type: webhook
                events: [error]
            %s""";

    @Test
    void aFallbackNamesAnotherHandlerOneHopAtMost() throws ConfigProblem {
        assertThat(parse(TWO.formatted("backup", "")).handlers().get(0).policy().fallback()).isEqualTo("backup");
        assertThat(errors(TWO.formatted("nobody", ""))).containsExactly(
                "handlers.yaml:5:15: handler 'audit': fallback: no handler named 'nobody'; handlers: audit, backup");
        assertThat(errors(TWO.formatted("audit", ""))).containsExactly(
                "handlers.yaml:5:15: handler 'audit': fallback: a handler cannot be its own fallback");
        assertThat(errors(TWO.formatted("backup", "    fallback: audit\n"))).contains(
                "handlers.yaml:5:15: handler 'audit': fallback: 'backup' has a fallback of its own ('audit');"
                        + " a dead letter is handed on one hop at most");
    }

    @Test
    void breakerRateAndOrderingAreReadWithTheirErrors() throws ConfigProblem {
        DeliveryPolicy policy = parse(ONE_HANDLER + """
                    breaker: {failures: 3, open_for: 1m}
                    rate: {per_minute: 30, burst: 5}
                    ordering: session
                """).handlers().get(0).policy();
        assertThat(policy.breaker()).isEqualTo(new DeliveryPolicy.BreakerSettings(3, java.time.Duration.ofMinutes(1)));
        assertThat(policy.rate()).isEqualTo(new DeliveryPolicy.RateSettings(0.5, 5));
        assertThat(policy.ordering()).isEqualTo(DeliveryPolicy.Ordering.SESSION);

        assertThat(errors(ONE_HANDLER + "    rate: {burst: 2}\n")).singleElement().asString()
                .contains("rate: give per_second or per_minute");
        assertThat(errors(ONE_HANDLER + "    rate: {per_second: 0}\n")).singleElement().asString()
                .contains("rate.per_second: must be more than 0");
        assertThat(errors(ONE_HANDLER + "    ordering: fifo\n")).singleElement().asString()
                .startsWith("handlers.yaml:5:15: handler 'audit': ordering: unknown ordering");
        assertThat(errors(ONE_HANDLER + "    breaker: {failures: 0}\n")).singleElement().asString()
                .contains("breaker.failures");
    }
}
