package dev.switchboard.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.HandlerConfig;
import dev.switchboard.core.server.SwitchboardServer;
import dev.switchboard.core.testing.Tries;
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
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

    /** A repository example with one to five mutations, named in {@code kinds} for the labels and for a failure. */
    record Mutated(List<String> kinds, String yaml) {
    }

    @Test
    void aMutatedExampleConfigLoadsOrFailsInOneLineErrors() {
        Tries tries = Tries.of("aMutatedExampleConfigLoadsOrFailsInOneLineErrors", 300);
        tries.check(ConfigLoaderPropertiesTest::mutatedExample, mutated -> {
            mutated.kinds().forEach(kind -> tries.label("kind", kind));
            tries.label("outcome", check(mutated.yaml()));
        });
    }

    @Test
    void aGeneratedConfigLoadsOrFailsInOneLineErrors() {
        Tries tries = Tries.of("aGeneratedConfigLoadsOrFailsInOneLineErrors", 150);
        tries.check(random -> "version: 1\n" + node(random, 3), yaml -> tries.label("outcome", check(yaml)));
    }

    /** What a hostile tester tried (issue 9), through the same bounds, and counted in the figures. */
    @Test
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
    @BeforeAll
    static void warmUp() {
        SEEDS.forEach(ConfigLoaderPropertiesTest::load);
    }

    @AfterAll
    static void report() {
        System.out.printf("config properties: %d inputs, %d refused; slowest %d ms CPU (%d characters; %d ms wall"
                + " at most), largest allocation %d MB (%d characters)%n", inputs, refused,
                TimeUnit.NANOSECONDS.toMillis(slowestNanos), slowestLength, TimeUnit.NANOSECONDS.toMillis(slowestWallNanos),
                largestAllocation >> 20, largestLength);
    }

    /** Loads {@code yaml} within the bounds and checks its errors; says whether it was loaded or refused. */
    private static String check(String yaml) {
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
        return outcome.errors.isEmpty() ? "loaded" : "refused";
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

    private static Mutated mutatedExample(Random random) {
        List<String> lines = new ArrayList<>(List.of(pick(random, SEEDS).split("\n", -1)));
        List<String> kinds = new ArrayList<>();
        for (int n = 1 + random.nextInt(5); kinds.size() < n; ) {
            kinds.add(mutate(lines, random));
        }
        return new Mutated(kinds, String.join("\n", lines));
    }

    /**
     * Changes {@code lines} in one of nine ways (weights 3, 3, 3, 3, 5, 3, 2, 2 and 1 in 25) and
     * names the way; line indexes are drawn from 0 to 1000 and taken modulo the number of lines.
     */
    private static String mutate(List<String> lines, Random random) {
        int weight = random.nextInt(25);
        int i = random.nextInt(1001) % lines.size();
        String line = lines.get(i);
        if (weight < 3) {
            lines.remove(i);
            return "line removed";
        } else if (weight < 6) {
            lines.add(i, line);
            return "line repeated";
        } else if (weight < 9) {
            Collections.swap(lines, i, random.nextInt(1001) % lines.size());
            return "lines swapped";
        } else if (weight < 12) {
            lines.set(i, indent(line, random.nextInt(9) - 4));
            return "indent changed";
        } else if (weight < 17) {
            lines.set(i, withValue(line, scalar(random)));
            return "odd value";
        } else if (weight < 20) {
            int j = random.nextInt(1001) % lines.size();
            String name = random.nextBoolean() ? "a" : "b";
            lines.set(i, withValue(line, "&" + name + " " + valueOf(line)));
            lines.set(j, withValue(lines.get(j), "*" + name));
            return "anchor and alias";
        } else if (weight < 22) {
            String name = pick(random, List.of("a", "b", "self"));
            lines.add(i + 1, " ".repeat(leading(line) + 2) + "<<: *" + name);
            if (name.equals("self")) {
                lines.set(i, withValue(line, "&self"));
            }
            return "merge key";
        } else if (weight < 24) {
            StringBuilder junk = new StringBuilder();
            for (int k = 0, length = 1 + random.nextInt(4); k < length; k++) {
                junk.append(JUNK.charAt(random.nextInt(JUNK.length())));
            }
            int c = Math.min(random.nextInt(81), line.length());
            lines.set(i, line.substring(0, c) + junk + line.substring(c));
            return "junk inserted";
        } else {
            lines.set(i, withValue(line, pick(random, HUGE)));
            return "huge value";
        }
    }

    private static final String JUNK = "{}[]:,&*!|>'\"#%@`\t-?~\\";
    private static final List<String> ODD_SCALARS = List.of("~", "", "null", "yes", "no", "on", "true", "0", "-1",
            "99999", "0x10", "017", "1_000", "2147483648", "1e999", ".inf", ".nan", "0s", "10s", "1.5m", "-5s", "1h",
            "250ms", "${HOOK_TOKEN}", "${UNSET}", "${EMPTY}", "${PORT}", "${EMPTY:-x}", "${", "$${x}", "'${HOOK_TOKEN}'",
            "\"quoted\"", "'single'", "[a, b]", "[]", "{}", "{a: 1}", "[*]", "\"*\"", "workflow_*", "wor*k",
            "!!str x", "!!int 4", "!!binary aGk=", "!env X", "!!java.lang.Object []", "2024-01-01",
            "http://u:p@127.0.0.1/x", "https://ops.example.com", "ftp://x", "|", ">", "- x", "? x",
            "&a x", "*a", "*undefined", "<<", "%TAG", "\"\\x00\"", "\"\\uD800\"");
    private static final List<String> HUGE = List.of(
            "\"" + "x".repeat(YamlComposer.MAX_CODE_POINTS - 100) + "\"",
            "[" + "1, ".repeat(60_000) + "1]",
            "[" + "*a, ".repeat(20_000) + "*a]",
            "[" + "[".repeat(100) + "]".repeat(100) + "]",
            "{" + "k: v, ".repeat(5_000) + "}",
            "x".repeat(YamlComposer.MAX_CODE_POINTS));
    private static final List<String> KEYS = List.of("version", "defaults", "handlers", "server", "name", "type",
            "events", "config", "timeout", "retry", "attempts", "backoff", "multiplier", "redact", "keys", "mode",
            "concurrency", "queue_capacity", "match", "filters", "url", "headers", "port", "host", "api_keys",
            "max_body_bytes", "cors", "allowed_origins", "timeouts", "sessions", "<<", "unknown", "x");

    /** One in three each: an odd scalar from the list, any int, or up to 12 of any BMP character but a surrogate. */
    private static String scalar(Random random) {
        switch (random.nextInt(3)) {
            case 0:
                return pick(random, ODD_SCALARS);
            case 1:
                return String.valueOf(random.nextInt());
            default:
                StringBuilder text = new StringBuilder();
                for (int k = 0, length = random.nextInt(13); k < length; k++) {
                    char c;
                    do {
                        c = (char) random.nextInt(Character.MAX_VALUE + 1);
                    } while (Character.isSurrogate(c));
                    text.append(c);
                }
                return text.toString();
        }
    }

    private static String flowList(Random random) {
        List<String> items = new ArrayList<>();
        for (int k = 0, size = random.nextInt(5); k < size; k++) {
            items.add(scalar(random));
        }
        return "[" + String.join(", ", items) + "]";
    }

    /**
     * A block map of one to five schema keys (and some unknown ones) to scalars, flow lists and nested
     * maps: at depth 0 a scalar or a flow list half and half, above it weights 4 scalar, 2 flow list,
     * 2 nested map and 2 list holding a nested map.
     */
    private static String node(Random random, int depth) {
        List<String> entries = new ArrayList<>();
        for (int k = 0, size = 1 + random.nextInt(5); k < size; k++) {
            String key = pick(random, KEYS);
            if (depth == 0) {
                entries.add(key + ": " + (random.nextBoolean() ? scalar(random) : flowList(random)));
                continue;
            }
            int weight = random.nextInt(10);
            String value = weight < 4 ? " " + scalar(random)
                    : weight < 6 ? " " + flowList(random)
                    : weight < 8 ? "\n" + indentAll(node(random, depth - 1))
                    : "\n  - " + indentAll(node(random, depth - 1)).strip().replace("\n", "\n  ");
            entries.add(key + ":" + value);
        }
        return String.join("\n", entries) + "\n";
    }

    private static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
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
