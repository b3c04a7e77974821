package dev.switchboard.plugins.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.svix.Webhook;
import com.svix.exceptions.WebhookVerificationException;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.Switchboard;
import dev.switchboard.testkit.PackagedPlugin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The packaged webhook plugin with {@code signing:}, checked by an implementation that is not ours:
 * Svix's Standard Webhooks verifier, on the raw body and headers the receiver got.
 */
class SignedWebhookIT {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String PREVIOUS = "whsec_cm90YXRlZC1vdXQtYnV0LXN0aWxsLXZhbGlkIQ==";
    private static final String UNRELATED = "whsec_c29tZWJvZHktZWxzZXMtc2VjcmV0LWtleSEh";

    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    @TempDir
    Path temp;

    private Switchboard start() throws Exception {
        Path plugins = PackagedPlugin.installIn(temp);
        return Switchboard.builder()
                .configText("""
                        version: 1
                        handlers:
                          - name: signed
                            type: webhook
                            events: ["*"]
                            retry: {backoff: 50ms}
                            signing:
                              secret: ${HOOK_SECRET}
                              previous: ["${OLD_HOOK_SECRET}"]
                            config:
                              url: http://127.0.0.1:%1$d/signed
                          - name: plain
                            type: webhook
                            events: ["*"]
                            config:
                              url: http://127.0.0.1:%1$d/plain
                        """.formatted(receiver.getPort()))
                .pluginsDir(plugins)
                .environment(Map.of("HOOK_SECRET", SECRET, "OLD_HOOK_SECRET", PREVIOUS))
                .build();
    }

    private static WorkflowEvent event() {
        return WorkflowEvent.builder("step_complete").specName("research-workflow")
                .data(Map.of("step_index", 1, "response", "Résumé — ✓ \"done\"\n", "duration_seconds", 2.5))
                .build();
    }

    private static Map<String, List<String>> standardHeaders(LoggedRequest request) {
        return Map.of("webhook-id", List.of(request.getHeader("webhook-id")),
                "webhook-timestamp", List.of(request.getHeader("webhook-timestamp")),
                "webhook-signature", List.of(request.getHeader("webhook-signature")));
    }

    private static String body(LoggedRequest request) {
        return new String(request.getBody(), StandardCharsets.UTF_8);
    }

    @Test
    void anIndependentVerifierAcceptsTheDeliveryWithEitherSecretOfTheRotation() throws Exception {
        receiver.stubFor(post("/signed").willReturn(aResponse().withStatus(204)));
        receiver.stubFor(post("/plain").willReturn(aResponse().withStatus(204)));
        WorkflowEvent accepted;
        try (Switchboard switchboard = start()) {
            accepted = switchboard.publish(event());
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }

        LoggedRequest signed = receiver.findAll(postRequestedFor(urlEqualTo("/signed"))).get(0);
        Map<String, List<String>> headers = standardHeaders(signed);
        assertThat(signed.getHeader("webhook-id")).isEqualTo(accepted.id());
        assertThat(signed.getHeader("webhook-signature").split(" ")).hasSize(2);
        assertThatCode(() -> new Webhook(SECRET).verify(body(signed), headers)).doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(PREVIOUS).verify(body(signed), headers)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new Webhook(UNRELATED).verify(body(signed), headers))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(SECRET).verify(body(signed).replace("Résumé", "Resume"), headers))
                .isInstanceOf(WebhookVerificationException.class);

        LoggedRequest plain = receiver.findAll(postRequestedFor(urlEqualTo("/plain"))).get(0);
        assertThat(plain.getHeader("webhook-id")).isEqualTo(accepted.id());
        assertThat(plain.containsHeader("webhook-signature")).isFalse();
        assertThat(plain.containsHeader("webhook-timestamp")).isFalse();
    }

    @Test
    void aRetryIsSignedAgainUnderTheSameId() throws Exception {
        receiver.stubFor(post("/signed").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        receiver.stubFor(post("/signed").inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post("/plain").willReturn(aResponse().withStatus(204)));
        try (Switchboard switchboard = start()) {
            switchboard.publish(event());
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }

        List<LoggedRequest> attempts = receiver.findAll(postRequestedFor(urlEqualTo("/signed")));
        assertThat(attempts).hasSize(2);
        assertThat(attempts).extracting(r -> r.getHeader("webhook-id")).containsOnly(attempts.get(0).getHeader("webhook-id"));
        for (LoggedRequest attempt : attempts) {
            assertThatCode(() -> new Webhook(SECRET).verify(body(attempt), standardHeaders(attempt)))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void noSecretReachesTheLogEvenAtDebugLevel() throws Exception {
        receiver.stubFor(post("/signed").willReturn(aResponse().withStatus(400).withBody("rejected")));
        receiver.stubFor(post("/plain").willReturn(aResponse().withStatus(204)));
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        root.setLevel(Level.DEBUG);
        try (Switchboard switchboard = start()) {
            switchboard.publish(event());
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(switchboard.recentFailures().get("signed")).singleElement().asString().contains("HTTP 400");
            assertThat(switchboard.config().toString()).doesNotContain(secretParts());
        } finally {
            root.setLevel(level);
            root.detachAppender(log);
        }

        assertThat(log.list).isNotEmpty();
        String logged = String.join("\n", log.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        assertThat(logged).doesNotContain(secretParts());
    }

    private static String[] secretParts() {
        return new String[] {SECRET, PREVIOUS, SECRET.substring(6), PREVIOUS.substring(6)};
    }
}
