package dev.switchboard.core.config;

import static dev.switchboard.core.config.Configs.errors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class YamlSafetyTest {

    @Test
    void aSyntaxErrorIsOneLineAtItsPlace() {
        assertThat(errors("""
                version: 1
                handlers:
                  - name: audit
                    type: webhook: x
                """)).containsExactly("handlers.yaml:4:18: mapping values are not allowed here");
    }

    @Test
    void anUnclosedQuoteNamesWhereTheScalarStarted() {
        assertThat(errors("""
                handlers:
                  - name: 'audit
                """)).containsExactly("handlers.yaml:3:1: found unexpected end of stream"
                + " (while scanning a quoted scalar at line 2, column 11)");
    }

    @Test
    void anAliasBombIsRefusedAtTheAliasThatGoesOverTheLimit() {
        assertThat(errors("""
                a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
                b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
                c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
                d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
                """)).containsExactly("handlers.yaml:4:16: too many aliases of maps and lists (at most 20)");
    }

    @Test
    void aJavaClassTagIsRefusedAndNothingIsConstructed() {
        assertThat(errors("""
                handlers:
                  - name: audit
                    type: webhook
                    events: [error]
                    config:
                      url: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://127.0.0.1/"]]]]
                """)).containsExactly("handlers.yaml:6:12: tag !!javax.script.ScriptEngineManager is not allowed:"
                + " only plain YAML values, maps and lists are");
    }

    @Test
    void localAndNonStandardTagsAreRefused() {
        assertThat(errors("""
                a: !env HOME
                b: !!set {x, y}
                c: !!binary aGVsbG8=
                """)).containsExactly(
                "handlers.yaml:1:4: tag !env is not allowed: only plain YAML values, maps and lists are",
                "handlers.yaml:2:4: tag !!set is not allowed: only plain YAML values, maps and lists are",
                "handlers.yaml:3:4: tag !!binary is not allowed: only plain YAML values, maps and lists are");
    }

    @Test
    void standardScalarTagsAreAccepted() throws ConfigProblem {
        RuntimeConfig config = Configs.parse("""
                handlers:
                  - name: audit
                    type: !!str webhook
                    events: [error]
                    concurrency: !!int "4"
                """);
        assertThat(config.handlers().get(0).type()).isEqualTo("webhook");
        assertThat(config.handlers().get(0).concurrency()).isEqualTo(4);
    }

    @Test
    void aDuplicateKeyIsReportedAtTheSecondWithTheFirstsLine() {
        assertThat(errors("""
                handlers:
                  - name: audit
                    type: webhook
                    events: [error]
                    type: slack
                """)).containsExactly("handlers.yaml:5:5: duplicate key 'type' (first at line 3)");
    }

    @Test
    void anAliasThatContainsItselfIsRefused() {
        assertThat(errors("""
                a: &a [x, *a]
                """)).containsExactly("handlers.yaml:1:4: an alias refers to a value that contains it");
    }

    @Test
    void nestingIsBounded() {
        String deep = "a: " + "[".repeat(40) + "x" + "]".repeat(40) + "\n";
        assertThat(errors(deep)).containsExactly("handlers.yaml:1:35: nested too deeply (at most 32 levels)");
    }

    @Test
    void aFileOverTheSizeLimitIsRefused() {
        String huge = "server:\n  blob: " + "a".repeat(YamlComposer.MAX_CODE_POINTS) + "\n";
        assertThat(errors(huge)).containsExactly(
                "handlers.yaml:2:262137: the file is too large (at most 262144 characters)");
    }

    @Test
    void aSecondDocumentIsRefused() {
        assertThat(errors("""
                version: 1
                ---
                version: 1
                """)).containsExactly("handlers.yaml:2:1: but found another document"
                + " (expected a single document in the stream at line 1, column 1)");
    }

    @Test
    void aFileThatIsNotAMapIsRefused() {
        assertThat(errors("""
                - name: audit
                """)).containsExactly(
                "handlers.yaml:1:1: the file must be a map with version, defaults, handlers, server, store, not a list");
    }

    @Test
    void aMapThatMergesItselfIsRefusedAtOnce() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThat(errors("""
                handlers:
                  - &h
                    name: audit
                    <<: *h
                """)).containsExactly("handlers.yaml:2:5: an alias refers to a value that contains it"));
    }

    @Test
    void aMergeKeyTakesOnlyMaps() {
        assertThat(errors("""
                handlers:
                  - <<: [{name: audit}, text]
                """)).contains("handlers.yaml:2:25: a merge key (<<) takes a map or a list of maps");
    }

    @Test
    void aHandlersOwnKeysWinOverMergedOnesAndTheFirstMergedMapOverLaterOnes() throws ConfigProblem {
        RuntimeConfig config = Configs.parse("""
                handlers:
                  - &one {name: one, type: webhook, events: [error], timeout: 1s, concurrency: 2}
                  - <<: [*one, {timeout: 9s, concurrency: 3, queue_capacity: 7}]
                    name: two
                    concurrency: 4
                """);
        HandlerSpec two = config.handlers().get(1);
        assertThat(two.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(two.concurrency()).isEqualTo(4);
        assertThat(two.queueCapacity()).isEqualTo(7);
    }

    @Test
    void aScalarAliasRepeatedManyTimesIsRefusedBeforeItIsExpanded() {
        String yaml = "x: &x \"" + "lol".repeat(2000) + "\"\nhandlers: [" + "*x, ".repeat(1000) + "*x]\n";
        assertThat(errors(yaml)).singleElement().asString()
                .isEqualTo("handlers.yaml:1:4: aliases expand the file to more than 262144 characters");
    }

    @Test
    void theNumberOfValuesIsBounded() {
        String yaml = "handlers: [" + "a, ".repeat(YamlComposer.MAX_NODES) + "a]\n";
        assertThat(errors(yaml)).singleElement().asString()
                .endsWith(": too many values (at most 50000); a handlers.yaml needs a few hundred");
    }

    @Test
    void mergeKeysShareDefaultsBetweenHandlers() throws ConfigProblem {
        RuntimeConfig config = Configs.parse("""
                handlers:
                  - &base
                    name: first
                    type: webhook
                    events: [error]
                    timeout: 3s
                  - <<: *base
                    name: second
                """);
        assertThat(config.handlers()).extracting(HandlerSpec::name).containsExactly("first", "second");
        assertThat(config.handlers().get(1).timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.handlers().get(1).position().line()).isEqualTo(8);
    }
}
