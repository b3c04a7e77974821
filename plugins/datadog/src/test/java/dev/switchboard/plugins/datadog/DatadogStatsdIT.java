package dev.switchboard.plugins.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.ConfigProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged datadog plugin JAR in statsd mode, driven by the runtime, to a real UDP socket. */
class DatadogStatsdIT {

    private static final String TIMESTAMP = "2025-11-12T10:30:45.123456";
    private static final long UNIX_SECONDS = 1762943445L;

    @TempDir
    Path temp;

    private Path plugins;
    private UdpReceiver agent;

    @BeforeEach
    void setUp() throws Exception {
        agent = new UdpReceiver();
        plugins = Files.createDirectories(temp.resolve("plugins"));
        Path jar = Path.of(System.getProperty("plugin.jar"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
    }

    @AfterEach
    void tearDown() {
        agent.close();
    }

    private Switchboard start(String extraConfig) throws ConfigProblem {
        return Switchboard.builder()
                .configText("""
                        version: 1
                        handlers:
                          - name: metrics
                            type: datadog
                            events: ["*"]
                            config:
                              port: %d
                              origin_detection: false
                              tags: ["env:test"]
                        %s""".formatted(agent.port(), extraConfig))
                .pluginsDir(plugins)
                .build();
    }

    @Test
    void sendsCountsDurationsAndErrorEventsThroughTheRuntime() throws Exception {
        try (Switchboard runtime = start("")) {
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
        try (Switchboard runtime = start("")) {
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
        assertThatThrownBy(() -> Switchboard.builder()
                .configText("""
                        version: 1
                        handlers:
                          - name: metrics
                            type: datadog
                            events: ["*"]
                            config:
                              mode: agent
                        """)
                .pluginsDir(plugins)
                .build())
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("handlers.yaml:")
                .hasMessageContaining("config.mode")
                .hasMessageContaining("unknown mode 'agent'; expected statsd or api");
    }

    private static WorkflowEvent.Builder event(String type) {
        return WorkflowEvent.builder(type)
                .specName("research")
                .patternType("chain")
                .sessionId("a1b2c3d4-e5f6-7890")
                .timestamp(TIMESTAMP);
    }
}
