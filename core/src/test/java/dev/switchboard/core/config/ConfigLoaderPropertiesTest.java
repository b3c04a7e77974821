package dev.switchboard.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.HandlerConfig;
import dev.switchboard.core.server.SwitchboardServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The loader over generated YAML and over the repository's example configurations mutated line by
 * line: every input ends in a configuration or in one-line {@code FILE:LINE:COLUMN} errors, within
 * {@link #TIME_BOUND} of the loading thread's CPU time and {@link #ALLOCATION_BOUND}, never another
 * exception, a hang (no answer within {@link #HANG}) or a leaked environment value. The largest
 * time and allocation any single input took is printed at the end.
 *
 * <p>The time bound is CPU time because the build machine is shared: wall time under a load of 20
 * on two cores says more about the neighbours than about the loader.
 */
class ConfigLoaderPropertiesTest {

    static final Duration TIME_BOUND = Duration.ofSeconds(2);
    static final Duration HANG = Duration.ofSeconds(20);
    /** Bytes allocated by the loading thread for one input (allocation, not what stays live). */
    static final long ALLOCATION_BOUND = 256L << 20;

    private static final String SECRET = "t0k3n-n0t-for-pr1nting";
    private static final Map<String, String> ENV = Map.of("HOOK_TOKEN", SECRET, "SLACK_WEBHOOK_URL",
            "https://hooks.slack.com/services/" + SECRET, "PORT", "8080", "EMPTY", "");
    private static final Pattern ONE_LINE = Pattern.compile("handlers\\.yaml:\\d+:\\d+: [^\\r\\n]+");
    private static final List<String> SEEDS = seeds();

    private static long slowestNanos;
    private static int slowestLength;
    private static long slowestWallNanos;
    private static long largestAllocation;
    private static int largestLength;
    private static int inputs;
    private static int refused;

    @Property(tries = 300)
    void aMutatedExampleConfigLoadsOrFailsInOneLineErrors(@ForAll("mutatedExamples") String yaml) {
        check(yaml);
    }

    @Property(tries = 150)
    void aGeneratedConfigLoadsOrFailsInOneLineErrors(@ForAll("generatedConfigs") String yaml) {
        check(yaml);
    }

    /** What a hostile tester tried (issue 9), through the same bounds, and counted in the figures. */
    @Example
    void theHostileConfigurationsStayWithinTheBounds() {
        String handler = "handlers:\n  - {name: a, type: console, events: [x]}\n";
        check("a: &a\n  x: 1\n  <<: *a\n" + handler);
        check("x: &x \"" + "lol".repeat(300) + "\"\nkeys: [" + "*x, ".repeat(200_000) + "*x]\n" + handler);
        check(handler + "server:\n  api_keys: [" + "abcd, ".repeat(400_000) + "x]\n");
        check("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n" + handler);
        check("handlers:\n  - {name: a, type: t, events: [" + "1, ".repeat(40_000) + "1]}\n");
        check(handler + "server: {blob: " + "a".repeat(YamlComposer.MAX_CODE_POINTS) + "}\n");
        check("a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
    }

    /** The bounds are for an input, not for loading the loader's classes: the first load may take seconds. */
    @BeforeContainer
    static void warmUp() {
        SEEDS.forEach(ConfigLoaderPropertiesTest::load);
    }

    @AfterContainer
    static void report() {
        System.out.printf("config properties: %d inputs, %d refused; slowest %d ms CPU (%d characters; %d ms wall"
                + " at most), largest allocation %d MB (%d characters)%n", inputs, refused,
                TimeUnit.NANOSECONDS.toMillis(slowestNanos), slowestLength, TimeUnit.NANOSECONDS.toMillis(slowestWallNanos),
                largestAllocation >> 20, largestLength);
    }

    private static void check(String yaml) {
        // A thread per input, so that an input that hangs cannot hold up the next ones.
        ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "config-property-loader");
            thread.setDaemon(true);
            return thread;
        });
        Future<Outcome> loading = loader.submit(() -> load(yaml));
        loader.shutdown();
        Outcome outcome;
        try {
            outcome = loading.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            loading.cancel(true);
            throw new AssertionError("no answer within " + HANG + " for:\n" + shorten(yaml));
        } catch (ExecutionException e) {
            throw new AssertionError("unexpected " + e.getCause() + " for:\n" + shorten(yaml), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        synchronized (ConfigLoaderPropertiesTest.class) {
            inputs++;
            refused += outcome.errors.isEmpty() ? 0 : 1;
            if (outcome.cpuNanos > slowestNanos) {
                slowestNanos = outcome.cpuNanos;
                slowestLength = yaml.length();
            }
            slowestWallNanos = Math.max(slowestWallNanos, outcome.wallNanos);
            if (outcome.allocated > largestAllocation) {
                largestAllocation = outcome.allocated;
                largestLength = yaml.length();
            }
        }
        assertThat(outcome.allocated).as("bytes allocated for:\n%s", shorten(yaml)).isLessThan(ALLOCATION_BOUND);
        assertThat(Duration.ofNanos(outcome.cpuNanos)).as("CPU time for:\n%s", shorten(yaml)).isLessThan(TIME_BOUND);
        for (String line : outcome.errors) {
            assertThat(line).matches(ONE_LINE).doesNotContain(SECRET);
        }
    }

    private record Outcome(List<String> errors, long cpuNanos, long wallNanos, long allocated) {
    }

    /** Loads, then reads what a plugin and the server would; only configuration errors may come out. */
    private static Outcome load(String yaml) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        List<String> errors = new ArrayList<>();
        try {
            RuntimeConfig config = HandlersConfigLoader.parse(Configs.SOURCE, yaml, ENV);
            for (HandlerSpec handler : config.handlers()) {
                readEveryKey(handler.config(), errors);
            }
            SwitchboardServer.checkSettings(config);
        } catch (ConfigProblem problem) {
            errors.addAll(problem.lines());
            assertThat(problem.lines()).isNotEmpty();
        }
        return new Outcome(errors, threads.getCurrentThreadCpuTime() - cpuBefore, System.nanoTime() - start,
                threads.getCurrentThreadAllocatedBytes() - allocatedBefore);
    }

    /** A plugin may ask any key for any type: the answer is a value or a ConfigException. */
    private static void readEveryKey(ConfigBlock block, List<String> errors) {
        for (String key : block.asMap().keySet()) {
            List<Runnable> getters = List.of(() -> block.string(key, null), () -> block.integer(key, 0),
                    () -> block.number(key, 0), () -> block.bool(key, false), () -> block.duration(key, null),
                    () -> block.stringList(key), () -> block.stringMap(key), () -> block.section(key).asMap());
            for (Runnable getter : getters) {
                try {
                    getter.run();
                } catch (ConfigException e) {
                    String line = block.positionOf(e.key()) + ": config." + e.key() + ": " + e.getMessage();
                    assertThat(line).doesNotContain(SECRET).doesNotContain("\n");
                }
            }
        }
    }

    @Provide
    Arbitrary<String> mutatedExamples() {
        return Combinators.combine(Arbitraries.of(SEEDS), mutation().list().ofMinSize(1).ofMaxSize(5))
                .as((seed, mutations) -> {
                    List<String> lines = new ArrayList<>(List.of(seed.split("\n", -1)));
                    mutations.forEach(m -> m.apply(lines));
                    return String.join("\n", lines);
                });
    }

    /** A change to a file's lines; indexes are taken modulo the number of lines. */
    private interface Mutation {
        void apply(List<String> lines);
    }

    private static Arbitrary<Mutation> mutation() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 1000);
        return Arbitraries.frequencyOf(
                Tuple.of(3, at.map(i -> lines -> lines.remove(i % lines.size()))),
                Tuple.of(3, at.map(i -> lines -> lines.add(i % lines.size(), lines.get(i % lines.size())))),
                Tuple.of(3, Combinators.combine(at, at).as((i, j) -> (Mutation) lines ->
                        Collections.swap(lines, i % lines.size(), j % lines.size()))),
                Tuple.of(3, Combinators.combine(at, Arbitraries.integers().between(-4, 4))
                        .as((i, d) -> (Mutation) lines -> lines.set(i % lines.size(), indent(lines.get(i % lines.size()), d)))),
                Tuple.of(5, Combinators.combine(at, scalar())
                        .as((i, value) -> (Mutation) lines -> lines.set(i % lines.size(), withValue(lines.get(i % lines.size()), value)))),
                Tuple.of(3, Combinators.combine(at, at, Arbitraries.of("a", "b"))
                        .as((i, j, name) -> (Mutation) lines -> {
                            lines.set(i % lines.size(), withValue(lines.get(i % lines.size()), "&" + name + " "
                                    + valueOf(lines.get(i % lines.size()))));
                            lines.set(j % lines.size(), withValue(lines.get(j % lines.size()), "*" + name));
                        })),
                Tuple.of(2, Combinators.combine(at, Arbitraries.of("a", "b", "self"))
                        .as((i, name) -> (Mutation) lines -> {
                            String line = lines.get(i % lines.size());
                            lines.add(i % lines.size() + 1, " ".repeat(leading(line) + 2) + "<<: *" + name);
                            if (name.equals("self")) {
                                lines.set(i % lines.size(), withValue(line, "&self"));
                            }
                        })),
                Tuple.of(2, Combinators.combine(at, Arbitraries.strings().withChars("{}[]:,&*!|>'\"#%@`\t-?~\\")
                        .ofMinLength(1).ofMaxLength(4), Arbitraries.integers().between(0, 80))
                        .as((i, junk, col) -> (Mutation) lines -> {
                            String line = lines.get(i % lines.size());
                            int c = Math.min(col, line.length());
                            lines.set(i % lines.size(), line.substring(0, c) + junk + line.substring(c));
                        })),
                Tuple.of(1, Combinators.combine(at, huge())
                        .as((i, value) -> (Mutation) lines -> lines.set(i % lines.size(), withValue(lines.get(i % lines.size()), value)))));
    }

    private static Arbitrary<String> scalar() {
        return Arbitraries.oneOf(
                Arbitraries.of("~", "", "null", "yes", "no", "on", "true", "0", "-1", "99999", "0x10", "017", "1_000",
                        "2147483648", "1e999", ".inf", ".nan", "0s", "10s", "1.5m", "-5s", "1h", "250ms",
                        "${HOOK_TOKEN}", "${UNSET}", "${EMPTY}", "${PORT}", "${EMPTY:-x}", "${", "$${x}", "'${HOOK_TOKEN}'",
                        "\"quoted\"", "'single'", "[a, b]", "[]", "{}", "{a: 1}", "[*]", "\"*\"", "workflow_*", "wor*k",
                        "!!str x", "!!int 4", "!!binary aGk=", "!env X", "!!java.lang.Object []", "2024-01-01",
                        "http://u:p@127.0.0.1/x", "https://ops.example.com", "ftp://x", "|", ">", "- x", "? x",
                        "&a x", "*a", "*undefined", "<<", "%TAG", "\"\\x00\"", "\"\\uD800\""),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.strings().ofMaxLength(12));
    }

    private static Arbitrary<String> huge() {
        return Arbitraries.of(
                "\"" + "x".repeat(YamlComposer.MAX_CODE_POINTS - 100) + "\"",
                "[" + "1, ".repeat(60_000) + "1]",
                "[" + "*a, ".repeat(20_000) + "*a]",
                "[" + "[".repeat(100) + "]".repeat(100) + "]",
                "{" + "k: v, ".repeat(5_000) + "}",
                "x".repeat(YamlComposer.MAX_CODE_POINTS));
    }

    @Provide
    Arbitrary<String> generatedConfigs() {
        return node(3).map(tree -> "version: 1\n" + tree);
    }

    /** A block map of schema keys (and some unknown ones) to scalars, flow lists and nested maps. */
    private static Arbitrary<String> node(int depth) {
        Arbitrary<String> key = Arbitraries.of("version", "defaults", "handlers", "server", "name", "type", "events",
                "config", "timeout", "retry", "attempts", "backoff", "multiplier", "redact", "keys", "mode",
                "concurrency", "queue_capacity", "match", "filters", "url", "headers", "port", "host", "api_keys",
                "max_body_bytes", "cors", "allowed_origins", "timeouts", "sessions", "<<", "unknown", "x");
        Arbitrary<String> flowList = scalar().list().ofMaxSize(4).map(items -> "[" + String.join(", ", items) + "]");
        Arbitrary<String> value = depth == 0 ? Arbitraries.oneOf(scalar(), flowList)
                : Arbitraries.frequencyOf(
                        Tuple.of(4, scalar().map(s -> " " + s)),
                        Tuple.of(2, flowList.map(s -> " " + s)),
                        Tuple.of(2, node(depth - 1).map(child -> "\n" + indentAll(child))),
                        Tuple.of(2, node(depth - 1).map(child -> "\n  - " + indentAll(child).strip()
                                .replace("\n", "\n  "))));
        return Combinators.combine(key, value).as((k, v) -> k + ":" + (depth == 0 ? " " : "") + v)
                .list().ofMinSize(1).ofMaxSize(5).map(entries -> String.join("\n", entries) + "\n");
    }

    private static String indentAll(String block) {
        return block.lines().map(line -> "  " + line).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static String indent(String line, int delta) {
        return delta >= 0 ? " ".repeat(delta) + line : line.substring(Math.min(-delta, leading(line)));
    }

    private static int leading(String line) {
        return line.length() - line.stripLeading().length();
    }

    private static String valueOf(String line) {
        int colon = line.indexOf(": ");
        return colon < 0 ? "x" : line.substring(colon + 2);
    }

    private static String withValue(String line, String value) {
        int colon = line.indexOf(": ");
        return colon < 0 ? line + ": " + value : line.substring(0, colon + 2) + value;
    }

    private static String shorten(String yaml) {
        return yaml.length() <= 2000 ? yaml : yaml.substring(0, 2000) + "… (" + yaml.length() + " characters)";
    }

    private static List<String> seeds() {
        List<String> seeds = new ArrayList<>();
        seeds.add(read(Path.of("src/test/resources/config/design-example.yaml")));
        seeds.add(read(Path.of("../distribution/src/main/dist/conf/handlers.yaml")));
        seeds.add("""
                version: 1
                defaults: &defaults
                  timeout: 5s
                  retry: {attempts: 3, backoff: 250ms, multiplier: 2, max_backoff: 10s}
                handlers:
                  - &base
                    name: console
                    type: console
                    events: ["*"]
                    concurrency: 1
                  - <<: *base
                    name: hook
                    type: webhook
                    events: [workflow_complete, error]
                    filters: [{type: secure, config: {emails: true}}]
                    config:
                      url: https://hooks.example.com/x
                      headers: {Authorization: "Bearer ${HOOK_TOKEN}"}
                server:
                  host: 127.0.0.1
                  port: ${PORT}
                  max_body_bytes: 1048576
                  api_keys: ["${HOOK_TOKEN}"]
                  cors: {allowed_origins: ["https://ops.example.com"]}
                  timeouts: {idle: 30s, read: 30s, shutdown: 30s}
                  sessions: {max_count: 1000, max_age: 24h, max_events: 200}
                """);
        return List.copyOf(seeds);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("a seed of the property test is missing", e);
        }
    }
}
