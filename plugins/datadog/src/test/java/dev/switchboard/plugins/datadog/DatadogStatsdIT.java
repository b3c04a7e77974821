package dev.switchboard.plugins.datadog;

import static dev.switchboard.plugins.datadog.Events.UNIX_SECONDS;
import static dev.switchboard.plugins.datadog.Events.event;
import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.testkit.PackagedPlugin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged datadog plugin JAR in statsd mode, driven by the runtime, to a real UDP socket. */
class DatadogStatsdIT {

    @TempDir
    Path temp;

    private Path plugins;
    private UdpReceiver agent;

    @BeforeEach
    void setUp() throws Exception {
        agent = new UdpReceiver();
        plugins = PackagedPlugin.installIn(temp);
    }

    @AfterEach
    void tearDown() {
        agent.close();
    }

    private Switchboard start() throws ConfigProblem {
        return runtime("port: " + agent.port(), "origin_detection: false", "tags: [\"env:test\"]").build();
    }

    /** @param config the lines of the {@code config:} block of handler {@code metrics} */
    private Switchboard.Builder runtime(String... config) {
        return Switchboard.builder()
                .configText("""
                        version: 1
                        handlers:
                          - name: metrics
                            type: datadog
                            events: ["*"]
                            config:
                        """ + Stream.of(config).map(line -> "      " + line + "\n").collect(joining()))
                .pluginsDir(plugins);
    }

    @Test
    void sendsCountsDurationsAndErrorEventsThroughTheRuntime() throws Exception {
        try (Switchboard runtime = start()) {
            runtime.publish(event("step_complete").data(Map.of("step_index", 1, "duration_seconds", 2.5)).build());
            runtime.publish(event("error").data(Map.of("error", "Rate limit exceeded")).build());
            assertThat(runtime.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(runtime.stats()).singleElement()
                    .isEqualTo(new HandlerStats("metrics", "datadog", 2, 0, 0, 0));
        }

        assertThat(agent.receive(4, Duration.ofSeconds(5))).containsExactlyInAnyOrder(
                "strands.workflow.events:1|c|#env:test,event_type:step_complete,pattern:chain,workflow:research",
                "strands.workflow.duration:2.5|h|#env:test,event_type:step_complete,pattern:chain,workflow:research",
                "strands.workflow.events:1|c|#env:test,event_type:error,pattern:chain,workflow:research",
                "_e{24,19}:Workflow error: research|Rate limit exceeded|d:" + UNIX_SECONDS
                        + "|t:error|#env:test,event_type:error,pattern:chain,workflow:research");
    }

    @Test
    void losesNoMetricWhenTheRuntimeStopsRightAfterAFlood() throws Exception {
        int events = 500;
        try (Switchboard runtime = start()) {
            for (int i = 0; i < events; i++) {
                runtime.publish(event("step_complete").data(Map.of("duration_seconds", 1)).build());
            }
            assertThat(runtime.awaitIdle(Duration.ofSeconds(20))).isTrue();
        }   // close(): the handler's client must send what it still holds

        List<String> lines = agent.receive(2 * events, Duration.ofSeconds(10));
        assertThat(lines).filteredOn(line -> line.startsWith("strands.workflow.events:1|c|#")).hasSize(events);
        assertThat(lines).filteredOn(line -> line.startsWith("strands.workflow.duration:1|h|#")).hasSize(events);
        assertThat(lines).hasSize(2 * events);
    }

    @Test
    void reportsAnUnknownModeAsAConfigProblemNamingTheKey() {
        assertThatThrownBy(() -> runtime("mode: agent").build())
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("handlers.yaml:")
                .hasMessageContaining("config.mode")
                .hasMessageContaining("unknown mode 'agent'; expected statsd or api");
    }
}
