package dev.switchboard.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.core.RuntimeVersion;
import dev.switchboard.core.testing.RecordingHandlerFactory;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics} passes promtool's lint: its rules in Java always, and promtool itself when installed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsLintTest {

    private final String handler = "lint-" + UUID.randomUUID();
    private TestService service;
    private String metrics;

    @BeforeAll
    void startAndScrapeWithDeliveriesRecorded() throws Exception {
        service = TestService.start("version: 1\nhandlers:\n  - {name: " + handler + ", type: recording, events: [\"*\"]}\n");
        service.postJson("/v1/events", "{\"event_type\": \"workflow_start\", \"session_id\": \"lint\"}");
        service.post("/v1/events", "text/plain", "refused");
        TestService.await("the event was delivered", () -> RecordingHandlerFactory.of(handler).events.size() == 1);
        HttpResponse<String> response = service.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        metrics = response.body();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void metricsPassTheLintRules() {
        assertThat(PromLint.check(metrics)).isEmpty();
    }

    @Test
    void theLintCatchesTheNamesMicrometerWritesByDefault() {
        String micrometer = """
                # HELP process_cpu_time_ns_total The "cpu time" used by the Java Virtual Machine process
                # TYPE process_cpu_time_ns_total counter
                process_cpu_time_ns_total 1.2E9
                # HELP system_cpu_count The number of processors available to the Java virtual machine
                # TYPE system_cpu_count gauge
                system_cpu_count 2.0
                # TYPE queue_depth_total gauge
                queue_depth_total{handlerName="a"} 1
                """;

        assertThat(PromLint.check(micrometer)).containsExactlyInAnyOrder(
                "process_cpu_time_ns_total: metric names should not contain abbreviated units",
                "system_cpu_count: non-histogram and non-summary metrics should not have \"_count\" suffix",
                "queue_depth_total: no help text",
                "queue_depth_total: non-counter metrics should not have \"_total\" suffix",
                "queue_depth_total: label names should be written in 'snake_case' not 'camelCase'");
    }

    @Test
    void theJvmBasicsTheReadmeListsAreKept() {
        for (String family : new String[] {"jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads",
                "jvm_classes_loaded_classes", "process_cpu_usage", "process_cpu_seconds_total",
                "process_uptime_seconds", "system_cpu_processors", "switchboard_deliveries_total"}) {
            assertThat(metrics).as(family).contains("\n# TYPE " + family);
        }
    }

    @Test
    void buildInfoCarriesTheVersionAndTheJavaVersionWithValueOne() {
        assertThat(metrics).contains("switchboard_build_info{java_version=\"" + System.getProperty("java.version")
                + "\",version=\"" + RuntimeVersion.get() + "\"} 1");
    }

    @Test
    void promtoolChecksTheMetricsWhenItIsInstalled(@TempDir Path dir) throws Exception {
        Path promtool = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(folder -> Path.of(folder, "promtool"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        assumeTrue(promtool != null, "promtool is not installed");
        Path input = Files.writeString(dir.resolve("metrics.txt"), metrics);
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics")
                .redirectInput(input.toFile())
                .redirectErrorStream(true)
                .start();
        assertThat(check.waitFor(20, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).isBlank();
    }
}
