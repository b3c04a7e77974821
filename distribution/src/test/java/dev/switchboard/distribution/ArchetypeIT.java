package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.LocalReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path docs/plugins.md starts with, as a plugin author takes it: {@code mvn archetype:generate}
 * with the archetype's coordinates, {@code mvn package} in the new project (its tests run), the JAR
 * dropped into a distribution's plugins/, a handler of its type in handlers.yaml, and an event
 * delivered by the distribution run as a process. Maven runs against a local repository holding
 * only this build's Switchboard artifacts and Maven Central's ({@link NestedMaven}). Each stage's
 * time is printed (failsafe-reports/dev.switchboard.distribution.ArchetypeIT-output.txt).
 */
class ArchetypeIT {

    private static final String VERSION = NestedMaven.VERSION;
    private static final String ARCHETYPE_PLUGIN = "org.apache.maven.plugins:maven-archetype-plugin:"
            + System.getProperty("archetype.version") + ":generate";

    @TempDir
    Path work;

    @Test
    void aPluginGeneratedFromTheArchetypeBuildsAndDeliversAnEventInTheDistribution() throws Exception {
        NestedMaven maven = NestedMaven.in(work.resolve("m2"), NestedMaven.Network.ONLINE).installSdk();

        long start = System.nanoTime();
        maven.runSucceeding(work, ARCHETYPE_PLUGIN, "-DarchetypeGroupId=dev.switchboard",
                "-DarchetypeArtifactId=switchboard-plugin-archetype", "-DarchetypeVersion=" + VERSION,
                "-DgroupId=com.acme", "-DartifactId=acme-notify", "-Dversion=1.0.0", "-Dpackage=com.acme.notify");
        Duration generate = since(start);
        Path project = work.resolve("acme-notify");
        assertThat(project.resolve("src/main/java/com/acme/notify/NotifyHandlerFactory.java")).isRegularFile();
        assertThat(project.resolve(".gitignore")).content().contains("target/");

        long buildStart = System.nanoTime();
        maven.runSucceeding(project, "package");
        Duration build = since(buildStart);
        assertThat(testsRun(project, "NotifyHandlerConformanceTest")).isGreaterThanOrEqualTo(8);
        assertThat(testsRun(project, "NotifyHandlerTest")).isGreaterThanOrEqualTo(1);
        Path jar = project.resolve("target/acme-notify-1.0.0.jar");

        // A distribution's plugins/ with the new JAR beside the bundled ones.
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        try (Stream<Path> bundled = Files.list(DistributionIT.DIST.resolve("plugins"))) {
            for (Path file : bundled.toList()) {
                Files.copy(file, plugins.resolve(file.getFileName()));
            }
        }
        Files.copy(jar, plugins.resolve(jar.getFileName()));

        try (LocalReceiver receiver = new LocalReceiver()) {
            Path config = Files.writeString(work.resolve("handlers.yaml"), """
                    version: 1
                    handlers:
                      - name: team-chat
                        type: acme-notify
                        events: ["*"]
                        config:
                          url: ${CHAT_WEBHOOK_URL}
                          prefix: "[it]"
                    """);
            Path input = Files.writeString(work.resolve("one.ndjson"), """
                    {"event_type": "step_complete", "session_id": "s-1", "spec_name": "research-workflow"}
                    """);
            Map<String, String> env = Map.of("CHAT_WEBHOOK_URL", receiver.url("/chat"));

            // The keys the generated factory declares reach the runtime's check.
            Path typo = Files.writeString(work.resolve("typo.yaml"), Files.readString(config).replace("url:", "urll:"));
            Launcher.Result validate = Launcher.run(work, env, List.of(DistributionIT.LAUNCHER.toString(), "validate",
                    "--config", typo.toString(), "--plugins", plugins.toString()));
            assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(2);
            assertThat(validate.stdout() + validate.stderr())
                    .contains("typo.yaml:7:7: handler 'team-chat': config.urll: unknown key; did you mean 'url'?");

            long runStart = System.nanoTime();
            try (Launcher.Running run = Launcher.start(work, env, List.of(DistributionIT.LAUNCHER.toString(), "run",
                    "--config", config.toString(), "--plugins", plugins.toString(), "--input", input.toString()))) {
                awaitRequest(receiver, run, Duration.ofSeconds(60));
                Duration delivered = since(runStart);
                assertThat(run.process.waitFor(60, TimeUnit.SECONDS)).as("run exits after delivering").isTrue();
                assertThat(run.process.exitValue()).as("%s\n%s", run.stdout(), run.stderr()).isZero();

                System.out.printf("archetype path from nothing to a delivered event: generate %.1f s, "
                                + "mvn package (tests included) %.1f s, run to delivered %.1f s; total %.1f s%n",
                        seconds(generate), seconds(build), seconds(delivered),
                        seconds(generate.plus(build).plus(delivered)));
            }
            LocalReceiver.Request request = receiver.requests().get(0);
            assertThat(receiver.requests()).hasSize(1);
            assertThat(request.path()).isEqualTo("/chat");
            assertThat(request.body()).isEqualTo("{\"text\":\"[it] step_complete: research-workflow (session s-1)\"}");
            assertThat(request.headers()).containsKey("webhook-id");
        }
        assertThat(maven.switchboardFilesBeyondInstalled())
                .as("Switchboard files the nested builds took from elsewhere than this build").isEmpty();
    }

    @Test
    void aHandlerTypeThatHandlersYamlCouldNotNameIsRefusedInBatchModeAndLeavesNoProject() throws Exception {
        NestedMaven maven = NestedMaven.in(work.resolve("m2"), NestedMaven.Network.ONLINE).installSdk();

        Launcher.Result generate = maven.run(work, ARCHETYPE_PLUGIN, "-DarchetypeGroupId=dev.switchboard",
                "-DarchetypeArtifactId=switchboard-plugin-archetype", "-DarchetypeVersion=" + VERSION,
                "-DgroupId=com.acme", "-DartifactId=acme-notify", "-Dversion=1.0.0", "-Dpackage=com.acme.notify",
                "-DhandlerType=Acme Notify");

        assertThat(generate.exitCode()).as(generate.toString()).isNotZero();
        assertThat(generate.stdout()).contains("handlerType 'Acme Notify' is not a handler type: use lower-case"
                + " letters, digits, '-' and '_'");
        assertThat(work.resolve("acme-notify")).doesNotExist();
    }

    private static void awaitRequest(LocalReceiver receiver, Launcher.Running run, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (receiver.requests().isEmpty()) {
            if (!run.process.isAlive()) {
                throw new AssertionError("exited with " + run.process.exitValue() + " before delivering\n"
                        + run.stdout() + "\n" + run.stderr());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing delivered within " + timeout + "\n" + run.stderr());
            }
            Thread.sleep(20);
        }
    }

    /** @return how many tests the surefire report of the generated project's class counts */
    private static int testsRun(Path project, String testClass) throws Exception {
        Path report = project.resolve("target/surefire-reports/com.acme.notify." + testClass + ".txt");
        assertThat(report).as("surefire ran " + testClass).isRegularFile();
        String text = Files.readString(report);
        assertThat(text).contains("Failures: 0, Errors: 0");
        java.util.regex.Matcher run = java.util.regex.Pattern.compile("Tests run: (\\d+)").matcher(text);
        assertThat(run.find()).as(text).isTrue();
        return Integer.parseInt(run.group(1));
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
