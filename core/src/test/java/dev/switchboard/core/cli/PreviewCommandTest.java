package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.testing.ReceiverSignature;
import dev.switchboard.core.testing.ScriptedReceiver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code switchboard preview}: what each handler would send, against a real local receiver that
 * must get nothing.
 */
class PreviewCommandTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String EVENT = """
            {"event_type": "step_complete", "timestamp": "2025-11-12T10:30:45.123456", "session_id": "s-1",
             "spec_name": "research-workflow", "pattern_type": "chain",
             "data": {"step_index": 1, "response": "done", "api_key": "sk-live-1234"}}
            """;

    @TempDir
    Path temp;

    private ScriptedReceiver receiver;
    private Path config;
    private Path event;

    @BeforeEach
    void setUp() throws Exception {
        receiver = new ScriptedReceiver();
        config = Files.writeString(temp.resolve("handlers.yaml"), """
                version: 1
                handlers:
                  - name: audit
                    type: posting
                    events: ["step_*"]
                    signing: {secret: "%s"}
                    config:
                      url: %s/hooks/audit
                      headers: {Authorization: "Bearer ${HOOK_TOKEN:-tok-abcdef}", X-Team: core}
                  - name: shout
                    type: console
                    events: ["*"]
                    filters: [uppercase]
                  - name: ops-only
                    type: posting
                    events: ["*"]
                    match: {spec_name: "ops-*"}
                    config: {url: "%2$s/hooks/ops"}
                  - name: alerts
                    type: posting
                    events: [error, hitl_pause]
                    config: {url: "%2$s/hooks/alerts"}
                  - name: recorder
                    type: recording
                    events: ["*"]
                """.formatted(SECRET, receiver.url()));
        event = Files.writeString(temp.resolve("event.json"), EVENT);
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    private CommandRun preview(String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "preview";
        args[1] = "--config";
        args[2] = config.toString();
        args[3] = "--event=" + event;
        System.arraycopy(more, 0, args, 4, more.length);
        return CommandRun.of(args);
    }

    @Test
    void showsEachHandlersRequestOrDescriptionAndWhyOthersDoNotMatchAndSendsNothing() throws Exception {
        CommandRun run = preview();

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String out = run.stdout();
        // The URL's path and every header value count as secrets (a webhook URL often carries its token).
        int port = java.net.URI.create(receiver.url()).getPort();
        assertThat(out).contains("== audit (posting): would send\nPOST http://127.0.0.1:" + port
                + "***\nContent-Type: application/json; charset=UTF-8\n");
        assertThat(out).contains("Authorization: ***\nX-Team: ***\nwebhook-id: ");
        assertThat(out).contains("webhook-signature: v1,");
        assertThat(out).contains("\"step_index\":1").doesNotContain("sk-live-1234").doesNotContain("tok-abcdef");
        assertThat(out).contains("== shout (console): would send").contains("response=\\\"DONE\\\"");
        assertThat(out).contains("== ops-only (posting): not matched: match: spec_name 'research-workflow'"
                + " does not match 'ops-*'");
        assertThat(out).contains("== alerts (posting): not matched: event type 'step_complete' is not in events"
                + " [error, hitl_pause]");
        assertThat(out).contains("== recorder (recording): this handler cannot preview");
        assertThat(receiver.arrivals()).isEmpty();
    }

    @Test
    void theJsonPreviewHoldsTheExactSignedBody() throws Exception {
        CommandRun run = preview("--json", "--handler", "audit");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode preview = new ObjectMapper().readTree(run.stdout());
        assertThat(preview.get("handlers")).hasSize(1);
        JsonNode audit = preview.get("handlers").get(0);
        assertThat(audit.get("outcome").asText()).isEqualTo("would_send");
        JsonNode request = audit.get("requests").get(0);
        String id = header(request, "webhook-id");
        assertThat(id).isEqualTo(preview.get("event_id").asText());
        String timestamp = header(request, "webhook-timestamp");
        assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(),
                org.assertj.core.data.Offset.offset(60L));
        byte[] body = request.get("body").asText().getBytes(StandardCharsets.UTF_8);
        byte[] key = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));
        assertThat(ReceiverSignature.matches(header(request, "webhook-signature"), key, id, timestamp, body)).isTrue();
        assertThat(receiver.arrivals()).isEmpty();
    }

    private static String header(JsonNode request, String name) {
        for (JsonNode header : request.get("headers")) {
            if (header.get("name").asText().equals(name)) {
                return header.get("value").asText();
            }
        }
        throw new AssertionError("no header " + name + " in " + request);
    }

    @Test
    void readsTheEventFromStandardInput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new CommandLine(new PreviewCommand(new ByteArrayInputStream(EVENT.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8)))
                .execute("--config", config.toString(), "--event", "-", "--handler", "shout");
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("== shout (console): would send")
                .doesNotContain("audit");
    }

    @Test
    void anUnknownHandlerOrABadEventIsAUsageError() throws Exception {
        CommandRun unknown = preview("--handler", "nope");
        assertThat(unknown.exitCode()).isEqualTo(Main.USAGE);
        assertThat(unknown.stderr()).contains("switchboard preview: --handler: no handler named 'nope'; handlers:"
                + " audit, shout, ops-only, alerts, recorder");
        Files.writeString(event, "{\"event_type\": 5}");
        CommandRun bad = preview();
        assertThat(bad.exitCode()).isEqualTo(Main.USAGE);
        assertThat(bad.stderr()).contains("switchboard preview: --event: " + event + ": event_type: ");
    }
}
