package dev.switchboard.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.RuntimeVersion;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.builtin.ConsoleHandlerFactory;
import dev.switchboard.core.cli.CommandRun;
import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.testing.RecordingHandlerFactory;
import dev.switchboard.core.testing.TestPluginJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The faulty plugins of issue 9, each a real JAR compiled at test time and dropped into a real
 * plugins folder beside a recording handler from the host class path. For each: what
 * {@code plugins} and {@code validate} say about it, and that the other handler still receives
 * every event.
 *
 * <p>A fault that shows only when the handler runs (it throws, overflows, hangs) cannot be seen
 * before anything is sent: {@code plugins} lists such a plugin as sound and {@code validate}
 * says ok. What its own lane does then is {@link #theFaultyHandlersOwnLaneFailsEachEventAndGoesOn}.
 */
class PluginFaultTest {

    private static final int EVENTS = 20;
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final String HANDLER_FAULTS = "com.example.faults.";

    /** Parks until the runtime closes the handler, swallowing interrupts as a stuck socket does. */
    private static final String UNINTERRUPTIBLE_HANG = """
            boolean interrupted = false;
            // Bounded, so that no test run keeps the thread whatever the lane does with it.
            long end = System.nanoTime() + 10_000_000_000L;
            while (!released && System.nanoTime() < end) {
                java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
                interrupted |= Thread.interrupted();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            """;

    @TempDir
    static Path built;

    @TempDir
    Path temp;

    private Path plugins;
    private final String recorder = "recorder-" + UUID.randomUUID();

    @BeforeAll
    static void buildFaultyPlugins() throws IOException {
        TestPluginJar.writeAll(built,
                handlerFault("throws-exception", "", "",
                        "throw new IllegalStateException(\"handler bug on \" + event.eventType());"),
                handlerFault("throws-error", "", "",
                        "throw new AssertionError(\"handler gave up on \" + event.eventType());"),
                handlerFault("overflows-stack", "",
                        "private static int recurse(int depth) { return recurse(depth + 1) + 1; }",
                        "recurse(0);"),
                handlerFault("hangs-interruptibly", "", "", "Thread.sleep(60_000);"),
                handlerFault("hangs-uninterruptibly", "",
                        "private volatile boolean released;\n"
                                + "@Override public void close() { released = true; }",
                        UNINTERRUPTIBLE_HANG),
                handlerFault("init-fails-at-first-use", "",
                        "static final class Broken {\n"
                                + "    static { fail(); }\n"
                                + "    static void fail() { throw new IllegalStateException(\"static boom at first use\"); }\n"
                                + "    static void touch() { }\n"
                                + "}",
                        "Broken.touch();"),
                handlerFault("init-fails-at-load",
                        "static { fail(); }\n"
                                + "static void fail() { throw new IllegalStateException(\"static boom at load\"); }",
                        "", ""),
                TestPluginJar.named("provides-nothing"),
                greeterPlugin("bundles-plugin-api", "bundles-plugin-api").bundlingPluginApi(),
                greeterPlugin("requires-future", "requires-future").requires(">=99.0.0"),
                // Stands in for the bundled webhook plugin, whose JAR is built after the core.
                greeterPlugin("webhook", "webhook").fileName("switchboard-webhook.jar"),
                greeterPlugin("aaa-hook", "webhook"),
                greeterPlugin("my-console", "console"));
        byte[] whole = Files.readAllBytes(built.resolve("throws-exception.jar"));
        Files.write(built.resolve("truncated.jar"), Arrays.copyOf(whole, whole.length / 2));
        Files.write(built.resolve("empty.jar"), new byte[0]);
    }

    private static TestPluginJar handlerFault(String type, String factoryMembers,
                                              String handlerMembers, String handleBody) {
        String className = factoryClass(type);
        return TestPluginJar.named(type).handlerFactory(className, PluginSources.handler(
                className, type, factoryMembers, handlerMembers, handleBody));
    }

    private static TestPluginJar greeterPlugin(String id, String type) {
        String className = factoryClass(id);
        return TestPluginJar.named(id).handlerFactory(className,
                PluginSources.greeter(className, type));
    }

    private static String factoryClass(String id) {
        return HANDLER_FAULTS + id.replace('-', '_') + ".FaultFactory";
    }

    // ---- faults that show only when the handler runs

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"throws-exception", "throws-error", "overflows-stack",
            "hangs-interruptibly", "hangs-uninterruptibly", "init-fails-at-first-use"})
    void aHandlerThatFailsOnlyWhenItRunsIsListedAsSoundAndValidates(String fault)
            throws IOException {
        Path jar = install(fault + ".jar");

        CommandRun listed = plugins();
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.stdout().lines()).containsSubsequence(
                fault + " 1.0.0 (" + jar + ")", "  handlers: " + fault);
        assertThat(listed.stdout()).doesNotContain("warning", "FAILED");

        CommandRun validated = validate(config(fault));
        assertThat(validated.exitCode()).isZero();
        assertThat(validated.stdout()).isEqualTo("ok\n");
        assertThat(validated.stderr().lines().filter(PluginFaultTest::isWarningOfThisTest)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"throws-exception", "throws-error", "overflows-stack",
            "hangs-interruptibly", "hangs-uninterruptibly", "init-fails-at-first-use"})
    void theOtherHandlerReceivesEveryEventBesideAHandlerThatFailsWhenItRuns(String fault)
            throws Throwable {
        install(fault + ".jar");
        assertTheRecorderReceivesEveryEvent(config(fault));
        assertThat(faultyAttempts()).as("attempts of the faulty handler").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "throws-exception,        IllegalStateException",
            "throws-error,            AssertionError",
            "overflows-stack,         StackOverflowError",
            "hangs-interruptibly,     timed out",
            // The first attempt fails initialising the class (its cause said), the others find it broken.
            "init-fails-at-first-use, static boom at first use|Broken"})
    void theFaultyHandlersOwnLaneFailsEachEventAndGoesOn(String fault, String reason)
            throws Exception {
        install(fault + ".jar");
        Switchboard switchboard = start(config(fault));
        try {
            publish(switchboard, EVENTS);
            assertThat(switchboard.awaitIdle(WITHIN)).as("every delivery finished").isTrue();
            HandlerStats faulty = switchboard.stats().stream()
                    .filter(s -> s.name().equals("faulty")).findFirst().orElseThrow();
            assertThat(faulty.failed()).isEqualTo(EVENTS);
            assertThat(faulty.delivered()).isZero();
            assertThat(faultyAttempts()).isEqualTo(EVENTS);
            assertThat(switchboard.recentFailures().get("faulty"))
                    .isNotEmpty().allSatisfy(line -> assertThat(line).containsAnyOf(reason.split("\\|")));
        } finally {
            switchboard.close(Duration.ofMillis(100));
        }
    }

    /**
     * Every attempt of this handler hangs deaf to interrupts: each is failed as timed out and its
     * thread abandoned; the lane replaces up to {@code concurrency} of them, and once those hang
     * too it has no worker left, and the operator sees why in {@code stuck_threads}.
     */
    @Test
    void aHandlerThatIgnoresItsInterruptHasItsThreadsCountedAsStuckAndItsAttemptsFailAsTimedOut()
            throws Throwable {
        install("hangs-uninterruptibly.jar");
        assertTheRecorderReceivesEveryEvent(config("hangs-uninterruptibly"), switchboard -> {
            long deadline = System.nanoTime() + WITHIN.toNanos();
            HandlerStats faulty = faultyStats(switchboard);
            while ((faulty.stuckThreads() < 4 || faulty.failed() < 4) && System.nanoTime() < deadline) {
                Thread.sleep(20);
                faulty = faultyStats(switchboard);
            }
            assertThat(faulty.stuckThreads()).as("2 workers and their 2 replacements").isEqualTo(4);
            assertThat(faulty.failed()).as("attempts failed as timed out").isGreaterThanOrEqualTo(4);
            assertThat(faulty.delivered()).isZero();
            assertThat(switchboard.recentFailures().get("faulty"))
                    .isNotEmpty().allSatisfy(line -> assertThat(line).contains("timed out"));
        });
    }

    private static HandlerStats faultyStats(Switchboard switchboard) {
        return switchboard.stats().stream().filter(s -> s.name().equals("faulty")).findFirst().orElseThrow();
    }

    // ---- faults that show when the plugins load

    static Stream<Arguments> loadFaults() {
        String atLoad = factoryClass("init-fails-at-load");
        return Stream.of(
                Arguments.of("init-fails-at-load.jar", "FAILED {jar}: provider " + atLoad
                        + ": static initialiser failed: IllegalStateException: static boom at load"),
                Arguments.of("truncated.jar", "FAILED {jar}: cannot read the JAR manifest:"
                        + " ZipException: zip END header not found"),
                Arguments.of("empty.jar", "FAILED {jar}: cannot read the JAR manifest:"
                        + " ZipException: zip file is empty"),
                Arguments.of("requires-future.jar", "FAILED {jar}: Plugin-Requires '>=99.0.0'"
                        + " is not satisfied by runtime " + RuntimeVersion.get()),
                Arguments.of("provides-nothing.jar", "  warning: provides no handler or filter"
                        + " type: it lists no provider class of its own in META-INF/services/"
                        + "dev.switchboard.api.spi.HandlerFactory or ...FilterFactory"),
                Arguments.of("bundles-plugin-api.jar", "  warning: bundles its own copy of"
                        + " plugin-api, which the runtime ignores (it always uses its own): build"
                        + " the plugin with plugin-api as a provided dependency"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loadFaults")
    void pluginsAndValidateExplainAFaultyJarInOneLine(String file, String explained)
            throws IOException {
        Path jar = install(file);
        String line = explained.replace("{jar}", jar.toString());

        CommandRun listed = plugins();
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.stdout().lines().filter(l -> l.contains("FAILED") || l.contains("warning")))
                .containsExactly(line);

        // validate prints ok, and the log line that says why the JAR adds nothing or is skipped.
        CommandRun validated = validate(config(null));
        assertThat(validated.exitCode()).isZero();
        assertThat(validated.stdout()).isEqualTo("ok\n");
        String logged = line.startsWith("FAILED ")
                ? "Plugin skipped: " + line.substring("FAILED ".length())
                : "Plugin warning: " + jar + ": plugin " + file.replace(".jar", "") + ": "
                        + line.strip().substring("warning: ".length());
        assertThat(validated.stderr().lines().filter(PluginFaultTest::isWarningOfThisTest))
                .singleElement().satisfies(l -> assertThat(l).endsWith(logged));
    }

    @Test
    void aHandlerOfATypeWhoseJarWasSkippedIsAnUnknownTypeAndTheLogSaysWhy() throws IOException {
        Path jar = install("init-fails-at-load.jar");
        String config = config("init-fails-at-load");

        CommandRun validated = validate(config);

        assertThat(validated.exitCode()).isEqualTo(2);
        assertThat(validated.stderr().lines().filter(PluginFaultTest::isWarningOfThisTest))
                .singleElement().satisfies(line -> assertThat(line).endsWith("Plugin skipped: "
                        + jar + ": provider " + factoryClass("init-fails-at-load")
                        + ": static initialiser failed: IllegalStateException: static boom at load"));
        assertThat(validated.stderr().lines().filter(line -> line.startsWith(config)))
                .singleElement().satisfies(line -> assertThat(line).startsWith(config + ":5:11: "
                        + "handler 'faulty': unknown type 'init-fails-at-load'; installed types: "));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"init-fails-at-load.jar", "truncated.jar", "empty.jar",
            "requires-future.jar", "provides-nothing.jar"})
    void theOtherHandlerReceivesEveryEventBesideAFaultyJar(String file) throws Throwable {
        install(file);
        assertTheRecorderReceivesEveryEvent(config(null));
    }

    @ParameterizedTest
    @ValueSource(strings = "bundles-plugin-api")
    void aPluginThatBundlesPluginApiStillDeliversBesideTheOtherHandler(String fault)
            throws Throwable {
        install(fault + ".jar");
        assertTheRecorderReceivesEveryEvent(config(fault), switchboard -> {
            assertThat(switchboard.awaitIdle(WITHIN)).isTrue();
            assertThat(switchboard.stats()).filteredOn(s -> s.name().equals("faulty"))
                    .singleElement().extracting(HandlerStats::delivered).isEqualTo((long) EVENTS);
        });
    }

    // ---- two plugins, or a plugin and the runtime, that provide one type

    @ParameterizedTest(name = "{0}")
    @CsvSource({"aaa-hook, webhook", "my-console, console"})
    void aDuplicatedTypeIsAnErrorThatNamesBothAndNothingStarts(String id, String type)
            throws Exception {
        Path jar = install(id + ".jar");
        Path bundled = install("switchboard-webhook.jar");
        String line = "handler type '" + type + "' is provided by " + (type.equals("webhook")
                ? "plugin aaa-hook (" + jar + ") and by plugin webhook (" + bundled + ");"
                        + " nothing is chosen: remove one of the two JARs"
                : "the runtime itself (" + CodeSources.of(ConsoleHandlerFactory.class) + ") and by"
                        + " plugin my-console (" + jar + "); nothing is chosen: a built-in type"
                        + " cannot be replaced: remove " + jar);

        CommandRun listed = plugins();
        assertThat(listed.exitCode()).isEqualTo(2);
        assertThat(listed.stderr().lines()).containsExactly(line);
        assertThat(listed.stdout()).contains(id + " 1.0.0 (" + jar + ")\n  handlers: " + type);

        String config = config(null);
        CommandRun validated = validate(config);
        assertThat(validated.exitCode()).isEqualTo(2);
        assertThat(validated.stderr().lines()).containsExactly(line);

        Path input = Files.writeString(temp.resolve("events.ndjson"), "");
        CommandRun run = CommandRun.of("run", "--config", config, "--plugins", plugins.toString(),
                "--input", input.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().lines()).contains(line);

        assertThatThrownBy(() -> start(config)).isInstanceOfSatisfying(ConfigProblem.class,
                problem -> assertThat(problem.lines()).containsExactly(line));
    }

    // ---- helpers

    /**
     * Commands run on the test's thread; a lane of an earlier test that finishes an attempt late
     * logs on its own thread (see {@code logback-test.xml} for the pattern).
     */
    private static boolean isWarningOfThisTest(String logLine) {
        return logLine.contains(" [" + Thread.currentThread().getName() + "] ")
                && (logLine.contains(" WARN ") || logLine.contains(" ERROR "));
    }

    private Path install(String file) throws IOException {
        if (plugins == null) {
            plugins = Files.createDirectories(temp.resolve("plugins"));
        }
        return Files.copy(built.resolve(file), plugins.resolve(file));
    }

    private CommandRun plugins() {
        return CommandRun.of("plugins", "--plugins", plugins.toString());
    }

    private CommandRun validate(String config) {
        return CommandRun.of("validate", "--config", config, "--plugins", plugins.toString());
    }

    /** @param faultyType the type of a second handler, {@code faulty}; null for none */
    private String config(String faultyType) throws IOException {
        String yaml = "version: 1\nhandlers:\n"
                + "  - {name: " + recorder + ", type: recording, events: [\"*\"]}\n";
        if (faultyType != null) {
            yaml += "  - name: faulty\n    type: " + faultyType + "\n    events: [\"*\"]\n"
                    + "    timeout: 200ms\n    concurrency: 2\n    retry: {attempts: 1}\n"
                    // Every event times out: the circuit breaker would hold them after 10; here each must fail.
                    + "    breaker: {failures: 1000}\n"
                    + "    config: {attempts_file: \"" + attemptsFile() + "\"}\n";
        }
        return Files.writeString(temp.resolve("handlers.yaml"), yaml).toString();
    }

    /** Where a faulty handler of {@link PluginSources#handler} counts its attempts, a byte each. */
    private Path attemptsFile() {
        return temp.resolve("attempts");
    }

    private long faultyAttempts() throws IOException {
        return Files.exists(attemptsFile()) ? Files.size(attemptsFile()) : 0;
    }

    private Switchboard start(String config) throws ConfigProblem {
        return Switchboard.builder().config(Path.of(config)).pluginsDir(plugins).build();
    }

    private void assertTheRecorderReceivesEveryEvent(String config) throws Throwable {
        assertTheRecorderReceivesEveryEvent(config, switchboard -> { });
    }

    /** @param andThen more checks on the running switchboard, once the recorder has every event */
    private void assertTheRecorderReceivesEveryEvent(
            String config, ThrowingConsumer<Switchboard> andThen) throws Throwable {
        Switchboard switchboard = start(config);
        try {
            List<String> published = publish(switchboard, EVENTS);
            RecordingHandlerFactory.Recording recording = RecordingHandlerFactory.of(recorder);
            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (recording.events.size() < EVENTS && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(recording.events).extracting(WorkflowEvent::id)
                    .containsExactlyInAnyOrderElementsOf(published);
            andThen.accept(switchboard);
        } finally {
            // Short: a hung or dead lane of the faulty handler never becomes idle.
            switchboard.close(Duration.ofMillis(100));
        }
    }

    private static List<String> publish(Switchboard switchboard, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(switchboard.publish(WorkflowEvent.builder("step_complete")
                    .specName("fault-suite").build()).id());
        }
        return ids;
    }
}
