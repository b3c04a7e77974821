package dev.switchboard.plugins.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.Switchboard;
import dev.switchboard.testkit.PackagedPlugin;
import dev.switchboard.plugins.sentry.SentryStandIn.Envelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Drives the packaged plugin JAR through the real runtime: loaded by PF4J from a plugins folder,
 * configured by handlers.yaml, reporting to local Sentry stand-ins.
 */
@Timeout(60)
class SentryIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path tempDir;

    @Test
    void reportsEventsThroughThePackagedPluginEachHandlerToItsOwnDsn() throws Exception {
        Thread.UncaughtExceptionHandler uncaught = Thread.getDefaultUncaughtExceptionHandler();
        try (SentryStandIn alphaSentry = SentryStandIn.start();
             SentryStandIn betaSentry = SentryStandIn.start()) {
            List<HandlerStats> stats;
            try (Switchboard runtime = Switchboard.builder()
                    .configText("""
                        version: 1
                        handlers:
                          - name: alpha
                            type: sentry
                            events: ["*"]
                            retry: {attempts: 2, backoff: 50ms}
                            config:
                              dsn: ${ALPHA_DSN}
                              environment: staging
                              release: research-bot@1.4.2
                              level: warning
                              flush_timeout: 2s
                          - name: beta
                            type: sentry
                            events: [error]
                            retry: {attempts: 2, backoff: 50ms}
                            config:
                              dsn: ${BETA_DSN}
                              flush_timeout: 2s
                        """)
                    .pluginsDir(PackagedPlugin.installIn(tempDir))
                    .environment(Map.of(
                            "ALPHA_DSN", alphaSentry.dsn("11"),
                            "BETA_DSN", betaSentry.dsn("22")))
                    .build()) {
                runtime.publish(WorkflowEvent.builder("error")
                        .timestamp("2025-11-12T10:30:45.123456")
                        .sessionId("a1b2c3d4-e5f6-7890")
                        .specName("research-workflow")
                        .patternType("chain")
                        .data(Map.of("error", "Step 2 timed out"))
                        .build());
                assertThat(runtime.awaitIdle(WAIT)).isTrue();
                runtime.publish(WorkflowEvent.builder("step_complete")
                        .specName("research-workflow")
                        .patternType("chain")
                        .data(Map.of("step_index", 1))
                        .build());
                assertThat(runtime.awaitIdle(WAIT)).isTrue();
                stats = runtime.stats();
            }

            assertThat(stats).anySatisfy(s -> {
                assertThat(s.name()).isEqualTo("alpha");
                assertThat(s.type()).isEqualTo("sentry");
                assertThat(s.delivered()).isEqualTo(2);
                assertThat(s.failed()).isZero();
            });
            assertThat(stats).anySatisfy(s -> {
                assertThat(s.name()).isEqualTo("beta");
                assertThat(s.delivered()).isEqualTo(1);
            });

            Envelope error = alphaSentry.awaitEnvelope(WAIT);
            assertThat(error.project()).isEqualTo("11");
            assertThat(error.requestHeaders()).containsEntry("content-encoding", "gzip");
            JsonNode event = error.event();
            assertThat(event.path("message").path("formatted").asText())
                    .isEqualTo("Step 2 timed out");
            assertThat(event.path("level").asText()).isEqualTo("error");
            assertThat(event.path("environment").asText()).isEqualTo("staging");
            assertThat(event.path("release").asText()).isEqualTo("research-bot@1.4.2");
            assertThat(event.path("timestamp").asText()).startsWith("2025-11-12T10:30:45.123");
            assertThat(event.path("tags").path("workflow").asText())
                    .isEqualTo("research-workflow");
            assertThat(event.path("tags").path("pattern").asText()).isEqualTo("chain");
            assertThat(event.path("tags").path("event_type").asText()).isEqualTo("error");
            assertThat(event.path("tags").path("switchboard_event_id").asText())
                    .as("the runtime's event id").isNotBlank();
            JsonNode workflow = event.path("contexts").path("workflow");
            assertThat(workflow.path("name").asText()).isEqualTo("research-workflow");
            assertThat(workflow.path("pattern").asText()).isEqualTo("chain");
            assertThat(workflow.path("session_id").asText()).isEqualTo("a1b2c3d4-e5f6-7890");

            JsonNode step = alphaSentry.awaitEnvelope(WAIT).event();
            assertThat(step.path("message").path("formatted").asText()).isEqualTo("step_complete");
            assertThat(step.path("level").asText()).isEqualTo("warning");
            assertThat(alphaSentry.drain()).isEmpty();

            Envelope betaError = betaSentry.awaitEnvelope(WAIT);
            assertThat(betaError.project()).isEqualTo("22");
            assertThat(betaError.event().path("message").path("formatted").asText())
                    .isEqualTo("Step 2 timed out");
            assertThat(betaSentry.drain()).as("beta subscribes to errors only").isEmpty();
        }
        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(uncaught);
    }

    @Test
    void aRateLimitFailsTheDeliveryAndTheHandlerLogsWhatTheSdkDropped() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        try (SentryStandIn sentry = SentryStandIn.start()) {
            sentry.thenReply(429, Map.of("Retry-After", "30", "X-Sentry-Rate-Limits", "30:error:key"));
            String dsn = sentry.dsn("7");
            List<HandlerStats> stats;
            try (Switchboard runtime = Switchboard.builder()
                    .configText("""
                        version: 1
                        handlers:
                          - name: limited
                            type: sentry
                            events: ["*"]
                            retry: {attempts: 2, backoff: 50ms}
                            config:
                              dsn: ${SENTRY_DSN}
                              flush_timeout: 1s
                        """)
                    .pluginsDir(PackagedPlugin.installIn(tempDir))
                    .environment(Map.of("SENTRY_DSN", dsn))
                    .build()) {
                runtime.publish(WorkflowEvent.builder("error").specName("s")
                        .data(Map.of("error", "boom")).build());
                assertThat(runtime.awaitIdle(WAIT)).isTrue();
                stats = runtime.stats();
            }

            assertThat(stats).singleElement().satisfies(s -> {
                assertThat(s.delivered()).isZero();
                assertThat(s.retried()).isEqualTo(1);
                assertThat(s.failed()).isEqualTo(1);
            });
            sentry.awaitEnvelope(WAIT);
            assertThat(sentry.drain()).as("the SDK dropped the retry itself").isEmpty();

            List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(lines).contains("Sentry handler 'limited' closed: 2 event(s) were not"
                    + " delivered (SDK discard reasons: {ratelimit_backoff=1})");
            assertThat(lines).noneSatisfy(line -> assertThat(line)
                    .contains(SentryStandIn.PUBLIC_KEY));
        } finally {
            root.detachAppender(logs);
        }
    }
}
