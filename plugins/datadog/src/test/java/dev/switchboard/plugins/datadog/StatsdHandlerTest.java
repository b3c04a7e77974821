package dev.switchboard.plugins.datadog;

import static dev.switchboard.plugins.datadog.Events.TIMESTAMP;
import static dev.switchboard.plugins.datadog.Events.UNIX_SECONDS;
import static dev.switchboard.plugins.datadog.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.EventHandler;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.testing.MapHandlerConfig;
import dev.switchboard.core.testing.TestHandlerContext;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The statsd mode against a real UDP socket on 127.0.0.1, checking the exact DogStatsD lines.
 * (java-dogstatsd-client writes a call's tags last to first; Datadog ignores tag order.)
 */
class StatsdHandlerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private UdpReceiver agent;

    @BeforeEach
    void startAgent() throws Exception {
        agent = new UdpReceiver();
    }

    @AfterEach
    void stopAgent() {
        agent.close();
    }

    @Test
    void countsEveryEventTaggedWithWorkflowPatternAndEventType() throws Exception {
        try (EventHandler handler = handler()) {
            handler.handle(event("step_complete").build());
        }

        assertThat(agent.receive(1, WAIT)).containsExactly(
                "strands.workflow.events:1|c|#event_type:step_complete,pattern:chain,workflow:research");
    }

    @Test
    void sendsTheDurationAsAHistogramWithTheSameTags() throws Exception {
        try (EventHandler handler = handler()) {
            handler.handle(event("step_complete").data(Map.of("duration_seconds", 2.5)).build());
            handler.handle(event("workflow_complete").data(Map.of("duration_seconds", 12)).build());
        }

        assertThat(agent.receive(4, WAIT)).containsExactly(
                "strands.workflow.events:1|c|#event_type:step_complete,pattern:chain,workflow:research",
                "strands.workflow.duration:2.5|h|#event_type:step_complete,pattern:chain,workflow:research",
                "strands.workflow.events:1|c|#event_type:workflow_complete,pattern:chain,workflow:research",
                "strands.workflow.duration:12|h|#event_type:workflow_complete,pattern:chain,workflow:research");
    }

    @Test
    void sendsNoHistogramForADurationThatIsNotANumber() throws Exception {
        try (EventHandler handler = handler()) {
            handler.handle(event("step_complete").data(Map.of("duration_seconds", "2.5s")).build());
        }

        assertThat(agent.receive(1, WAIT)).containsExactly(
                "strands.workflow.events:1|c|#event_type:step_complete,pattern:chain,workflow:research");
    }

    @Test
    void reportsAnErrorAlsoAsADogStatsDErrorEvent() throws Exception {
        try (EventHandler handler = handler()) {
            handler.handle(event("error").data(Map.of("error", "Rate limit exceeded")).build());
        }

        assertThat(agent.receive(2, WAIT)).containsExactly(
                "strands.workflow.events:1|c|#event_type:error,pattern:chain,workflow:research",
                "_e{24,19}:Workflow error: research|Rate limit exceeded|d:" + UNIX_SECONDS
                        + "|t:error|#event_type:error,pattern:chain,workflow:research");
    }

    @Test
    void usesTheEventTypeAsTextWhenAnErrorCarriesNoMessage() throws Exception {
        try (EventHandler handler = handler()) {
            handler.handle(event("error").build());
        }

        assertThat(agent.receive(2, WAIT)).contains(
                "_e{24,5}:Workflow error: research|error|d:" + UNIX_SECONDS
                        + "|t:error|#event_type:error,pattern:chain,workflow:research");
    }

    @Test
    void cutsALongErrorTextSoTheEventStillFitsInOneDatagram() throws Exception {
        String trace = "java.lang.IllegalStateException: boom\n" + "\tat Step.run(Step.java:42)\n".repeat(200);
        try (EventHandler handler = handler()) {
            handler.handle(event("error").data(Map.of("error", trace)).build());
        }

        List<String> lines = agent.receive(2, WAIT);
        assertThat(lines).hasSize(2);
        String errorEvent = lines.get(1);
        assertThat(errorEvent)
                .startsWith("_e{24,")
                .contains("|java.lang.IllegalStateException: boom\\n\tat Step.run(Step.java:42)\\n")
                .contains("...|d:" + UNIX_SECONDS + "|t:error|#event_type:error,pattern:chain,workflow:research")
                .doesNotContain("\n");
        assertThat(errorEvent.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1432);
    }

    @Test
    void thePreviewShowsExactlyTheLinesTheAgentReceives() throws Exception {
        List<dev.switchboard.api.WorkflowEvent> events = List.of(
                event("error").data(Map.of("error", "Rate limit exceeded", "duration_seconds", 2.5)).build(),
                event("step_complete").data(Map.of("duration_seconds", 12)).build());
        List<Object> previewed = new java.util.ArrayList<>();
        try (EventHandler handler = handler("tags", List.of("env:prod"))) {
            for (dev.switchboard.api.WorkflowEvent event : events) {
                @SuppressWarnings("unchecked")
                List<Object> lines = (List<Object>) ((dev.switchboard.api.Previewable) handler).preview(event)
                        .get("dogstatsd");
                previewed.addAll(lines);
                handler.handle(event);
            }
        }

        assertThat(previewed).hasSize(5);
        assertThat(agent.receive(5, WAIT)).containsExactlyElementsOf(previewed.stream().map(String::valueOf).toList());
    }

    @Test
    void usesACustomPrefixAndAppendsTheConfiguredTags() throws Exception {
        try (EventHandler handler = handler("prefix", "acme.flows", "tags", List.of("env:prod", "team:ml"))) {
            handler.handle(event("step_complete").data(Map.of("duration_seconds", 0.125)).build());
        }

        assertThat(agent.receive(2, WAIT)).containsExactly(
                "acme.flows.events:1|c|#team:ml,env:prod,event_type:step_complete,pattern:chain,workflow:research",
                "acme.flows.duration:0.125|h|#team:ml,env:prod,event_type:step_complete,pattern:chain,workflow:research");
    }

    @Test
    void leavesOutTagsWhoseValueIsMissing() throws Exception {
        try (EventHandler handler = handler()) {
            handler.handle(WorkflowEvent.builder("workflow_start").timestamp(TIMESTAMP).build());
            handler.handle(WorkflowEvent.builder("step_start").specName("research").timestamp(TIMESTAMP).build());
        }

        assertThat(agent.receive(2, WAIT)).containsExactly(
                "strands.workflow.events:1|c|#event_type:workflow_start",
                "strands.workflow.events:1|c|#event_type:step_start,workflow:research");
    }

    @Test
    void keepsASpecNameWithDogStatsDSeparatorsFromBreakingTheLine() throws Exception {
        try (EventHandler handler = handler()) {
            handler.handle(WorkflowEvent.builder("step_start").specName("a,b|c").timestamp(TIMESTAMP).build());
        }

        assertThat(agent.receive(1, WAIT)).containsExactly(
                "strands.workflow.events:1|c|#event_type:step_start,workflow:a_b_c");
    }

    @Test
    void losesNothingWhenClosedRightAfterAFloodOfEvents() throws Exception {
        int events = 500;
        EventHandler handler = handler();
        for (int i = 0; i < events; i++) {
            handler.handle(event("step_complete").data(Map.of("duration_seconds", i)).build());
        }
        // No wait: whatever the client still queues or buffers must go out during close().
        handler.close();

        List<String> lines = agent.receive(2 * events, Duration.ofSeconds(10));
        assertThat(lines.stream().filter(line -> line.startsWith("strands.workflow.events:1|c|#")))
                .hasSize(events);
        List<String> durations = new ArrayList<>();
        lines.stream().filter(line -> line.startsWith("strands.workflow.duration:"))
                .forEach(line -> durations.add(line.substring(line.indexOf(':') + 1, line.indexOf('|'))));
        assertThat(durations).hasSize(events);
        assertThat(durations.stream().mapToInt(Integer::parseInt).sum()).isEqualTo(events * (events - 1) / 2);
        assertThat(lines).hasSize(2 * events);
    }

    @Test
    void startsAndSendsWithoutFailingWhenNothingListens() throws Exception {
        int closedPort;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            closedPort = probe.getLocalPort();
        }
        EventHandler handler = new DatadogHandlerFactory().create(TestHandlerContext.of("metrics",
                MapHandlerConfig.of("port", closedPort, "origin_detection", false)));
        handler.handle(event("error").data(Map.of("error", "nobody listens")).build());
        handler.close();

        assertThat(handler).isInstanceOf(StatsdHandler.class);
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        EventHandler handler = handler();
        handler.handle(event("step_complete").build());
        handler.close();
        handler.close();

        assertThat(agent.receive(1, WAIT)).hasSize(1);
    }

    @Test
    void cutsTextAtAWholeCharacterWithinTheByteBudget() {
        assertThat(StatsdHandler.truncateUtf8("short", 10)).isEqualTo("short");
        assertThat(StatsdHandler.truncateUtf8("ääääää", 9)).isEqualTo("äää...");
        assertThat(StatsdHandler.truncateUtf8("ääääää", 8)).isEqualTo("ää...");
        assertThat(StatsdHandler.truncateUtf8("abcdef", 2)).isEmpty();
    }

    private EventHandler handler(Object... extraConfig) {
        List<Object> config = new ArrayList<>(List.of("port", agent.port(), "origin_detection", false));
        config.addAll(Arrays.asList(extraConfig));
        return new DatadogHandlerFactory().create(TestHandlerContext.of("metrics", MapHandlerConfig.of(config.toArray())));
    }
}
