package dev.switchboard.distribution;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of configured secret, each handler's deliveries failing against a local receiver, the
 * log at DEBUG: {@link SecretScan} (registered for every test) must find none of them in the output.
 */
class SecretsIT {

    private static final String SLACK_PATH = "/services/T0SECRET/B0SECRET/slackpathsecret4e1c";
    private static final String SENTRY_KEY = "sentrypublickey5b7d20";
    private static final String HOOK_PATH = "/hooks/webhookpathsecret9a0f";
    private static final String TOKEN = "bearer-token-secret-77c1aa";
    private static final String DD_KEY = "datadog-api-key-secret-31f6";

    @TempDir
    Path work;

    @RegisterExtension
    final WireMockExtension receiver = Receiver.local();

    @Test
    void failingDeliveriesOfEveryHandlerTypeNeverPrintAConfiguredSecret() throws Exception {
        SecretScan.secret(SLACK_PATH, "slackpathsecret4e1c", SENTRY_KEY, "webhookpathsecret9a0f", TOKEN, DD_KEY);
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500).withBody("receiver says no")));
        String base = "127.0.0.1:" + receiver.getPort();
        Path config = Files.writeString(work.resolve("handlers.yaml"), """
                version: 1
                defaults:
                  retry: {attempts: 2, backoff: 50ms}
                handlers:
                  - name: slack
                    type: slack
                    events: ["*"]
                    config: {webhook_url: "${SLACK_WEBHOOK_URL}"}
                  - name: sentry
                    type: sentry
                    events: ["*"]
                    config: {dsn: "${SENTRY_DSN}"}
                  - name: hook
                    type: webhook
                    events: ["*"]
                    config: {url: "http://%1$s%2$s", headers: {Authorization: "Bearer ${HOOK_TOKEN}"}}
                  - name: metrics
                    type: datadog
                    events: ["*"]
                    config: {mode: api, api_url: "http://%1$s/api/v1/series", api_key: "${DD_API_KEY}"}
                """.formatted(base, HOOK_PATH));
        Path input = Files.writeString(work.resolve("events.ndjson"), """
                {"event_type": "error", "session_id": "s-1", "spec_name": "research", "data": {"error": "boom"}}
                {"event_type": "workflow_complete", "session_id": "s-1", "spec_name": "research"}
                """);

        Launcher.Result result = Launcher.run(work, Map.of("SLACK_WEBHOOK_URL", "http://" + base + SLACK_PATH,
                "SENTRY_DSN", "http://" + SENTRY_KEY + "@" + base + "/42", "HOOK_TOKEN", TOKEN, "DD_API_KEY", DD_KEY,
                "SWITCHBOARD_LOG_LEVEL", "DEBUG"), List.of(DistributionIT.LAUNCHER.toString(), "run", "--config",
                config.toString(), "--input", input.toString()));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stdout()).containsPattern("slack\\s+slack\\s+0").containsPattern("hook\\s+webhook\\s+0");
        assertThat(receiver.findAll(anyRequestedFor(urlPathMatching(SLACK_PATH)))).as("Slack was tried").isNotEmpty();
        assertThat(receiver.findAll(anyRequestedFor(urlPathMatching(HOOK_PATH)))).as("the webhook was tried").isNotEmpty();
    }
}
