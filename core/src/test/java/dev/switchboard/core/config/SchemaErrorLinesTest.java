package dev.switchboard.core.config;

import static dev.switchboard.core.config.Configs.errors;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaErrorLinesTest {

    @Test
    void anUnknownTopLevelKeyIsReportedWithTheAllowedKeys() {
        assertThat(errors("""
                version: 1
                handler:
                  - name: audit
                """)).containsExactly(
                "handlers.yaml:2:1: unknown key 'handler'; allowed: version, defaults, handlers, server, store");
    }

    @Test
    void anUnknownHandlerKeyIsReportedWithTheAllowedKeys() {
        assertThat(errors("""
                version: 1
                handlers:
                  - name: audit
                    type: webhook
                    events: [error]
                    evnts: [error]
                """)).containsExactly("handlers.yaml:6:5: handler 'audit': unknown key 'evnts'; allowed: name, type,"
                + " events, match, filters, timeout, retry, redact, concurrency, queue_capacity, config, signing, expire_after, breaker, rate, ordering, fallback");
    }

    @Test
    void aDuplicateHandlerNameIsReportedAtTheSecondWithTheFirstsLine() {
        assertThat(errors("""
                handlers:
                  - name: audit
                    type: webhook
                    events: [error]
                  - name: audit
                    type: slack
                    events: [error]
                """)).containsExactly("handlers.yaml:5:5: duplicate handler name 'audit' (first at line 2)");
    }

    @Test
    void aBadDurationSaysHowToWriteOne() {
        assertThat(errors("""
                handlers:
                  - name: audit
                    type: webhook
                    events: [error]
                    timeout: 10
                """)).containsExactly("handlers.yaml:5:14: handler 'audit': timeout: bad duration '10':"
                + " write a number and a unit, e.g. 250ms, 10s, 5m");
    }

    @Test
    void aBadDurationInDefaultsNamesTheDottedKey() {
        assertThat(errors("""
                defaults:
                  retry: {backoff: soon}
                """)).containsExactly("handlers.yaml:2:20: defaults.retry.backoff: bad duration 'soon':"
                + " write a number and a unit, e.g. 250ms, 10s, 5m");
    }

    @Test
    void missingEventsAreReportedAtTheHandler() {
        assertThat(errors("""
                handlers:
                  - name: audit
                    type: webhook
                """)).containsExactly("handlers.yaml:2:5: handler 'audit': events: required key is missing;"
                + " list the event types to receive, e.g. [workflow_complete, error] or [\"*\"]");
    }

    @Test
    void anEmptyEventListIsReportedAtTheList() {
        assertThat(errors("""
                handlers:
                  - name: audit
                    type: webhook
                    events: []
                """)).containsExactly("handlers.yaml:4:13: handler 'audit': events: must list at least one event type");
    }

    @Test
    void aStarInsideAnEventNameIsABadPattern() {
        assertThat(errors("""
                handlers:
                  - name: audit
                    type: webhook
                    events: [error, wor*flow]
                """)).containsExactly("handlers.yaml:4:21: handler 'audit': events: bad pattern 'wor*flow':"
                + " write an exact event type, a prefix ending in * (e.g. workflow_*), or *");
    }

    @Test
    void anotherVersionThanOneIsRefused() {
        assertThat(errors("""
                version: 2
                handlers: []
                """)).containsExactly("handlers.yaml:1:10: unsupported version '2'; this runtime reads version 1");
    }

    @Test
    void negativeAttemptsAreRefused() {
        assertThat(errors("""
                handlers:
                  - name: audit
                    type: webhook
                    events: [error]
                    retry: {attempts: -1}
                """)).containsExactly("handlers.yaml:5:23: handler 'audit': retry.attempts: must be at least 1");
    }

    @Test
    void anUnknownRedactModeListsTheModes() {
        assertThat(errors("""
                handlers:
                  - name: audit
                    type: webhook
                    events: [error]
                    redact:
                      mode: hide
                """)).containsExactly("handlers.yaml:6:13: handler 'audit': redact.mode: unknown mode 'hide';"
                + " allowed: remove, mask");
    }

    @Test
    void anUnknownRetryKeyListsTheRetryKeys() {
        assertThat(errors("""
                handlers:
                  - name: audit
                    type: webhook
                    events: [error]
                    retry: {tries: 5}
                """)).containsExactly("handlers.yaml:5:13: handler 'audit': retry: unknown key 'tries';"
                + " allowed: attempts, backoff, multiplier, max_backoff, jitter");
    }

    @Test
    void concurrencyBeyondTheLimitIsRefused() {
        assertThat(errors("""
                defaults:
                  concurrency: 5000
                """)).containsExactly("handlers.yaml:2:16: defaults.concurrency: must be from 1 to 1024");
    }

    @Test
    void aMultiplierBelowOneIsRefused() {
        assertThat(errors("""
                defaults:
                  retry:
                    multiplier: 0.5
                """)).containsExactly("handlers.yaml:3:17: defaults.retry.multiplier: must be at least 1");
    }

    @Test
    void aZeroTimeoutIsRefused() {
        assertThat(errors("""
                defaults:
                  timeout: 0s
                """)).containsExactly("handlers.yaml:2:12: defaults.timeout: must be longer than 0");
    }

    @Test
    void aHandlerWithoutNameOrTypeIsNamedByItsPlaceInTheList() {
        assertThat(errors("""
                handlers:
                  - events: [error]
                """)).containsExactly(
                "handlers.yaml:2:5: handler #1: name: required key is missing",
                "handlers.yaml:2:5: handler #1: type: required key is missing");
    }

    @Test
    void aNameOutsideTheSafeAlphabetIsRefused() {
        assertThat(errors("""
                handlers:
                  - name: my audit
                    type: webhook
                    events: [error]
                """)).containsExactly(
                "handlers.yaml:2:11: handler #1: name: bad name 'my audit': use letters, digits, '-', '_' and '.'");
    }

    @Test
    void anUnknownMatchFieldListsTheFields() {
        assertThat(errors("""
                handlers:
                  - name: audit
                    type: webhook
                    events: ["*"]
                    match: {spec: "research-*"}
                """)).containsExactly("handlers.yaml:5:13: handler 'audit': match: unknown key 'spec';"
                + " allowed: event_type, spec_name, pattern_type, session_id");
    }

    @Test
    void aConfigThatIsNotAMapIsRefused() {
        assertThat(errors("""
                handlers:
                  - name: audit
                    type: webhook
                    events: ["*"]
                    config: [url]
                """)).containsExactly("handlers.yaml:5:13: handler 'audit': config: must be a map of settings"
                + " for the plugin, not a list");
    }

    @Test
    void everyMistakeOfTheFileIsReportedInOneRun() {
        assertThat(errors("""
                version: 1
                handlers:
                  - name: audit
                    type: webhook
                    events: [error]
                    timeout: fast
                  - name: slack
                    type: slack
                    events: []
                """)).containsExactly(
                "handlers.yaml:6:14: handler 'audit': timeout: bad duration 'fast':"
                        + " write a number and a unit, e.g. 250ms, 10s, 5m",
                "handlers.yaml:9:13: handler 'slack': events: must list at least one event type");
    }

    @Test
    void beyondAHundredMistakesOnlyTheirNumberIsReported() {
        List<String> lines = errors("handlers:\n  - {name: a, type: t, events: [" + "1, ".repeat(150) + "1]}\n");
        assertThat(lines).hasSize(Problems.MAX_LINES + 1);
        assertThat(lines.get(0)).startsWith("handlers.yaml:2:33: handler 'a': events: bad event type '1'");
        assertThat(lines.get(Problems.MAX_LINES)).isEqualTo("handlers.yaml:2:333: and 51 more mistakes, not shown"
                + " (the first 100 are)");
    }
}
