package dev.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.testing.PosterPlugin;
import dev.switchboard.core.testing.RawReceiver;
import dev.switchboard.core.testing.ReceiverSignature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "sign" step as the runtime assembles it: every HTTP handler with {@code signing:} is signed. */
class SignedHandlersTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @TempDir
    Path temp;

    @Test
    void aThirdPartyWebhookEventHandlerInAPluginJarIsSignedByTheRuntime() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        PosterPlugin.writeTo(plugins);
        WorkflowEvent accepted;
        RawReceiver.Received request;
        try (RawReceiver receiver = new RawReceiver();
             Switchboard switchboard = Switchboard.builder().configText("""
                     version: 1
                     handlers:
                       - name: teams
                         type: poster
                         events: ["*"]
                         signing: {secret: "${HOOK_SECRET}"}
                         config:
                           url: %s
                           headers: {webhook-signature: "v1,chosen-by-the-plugin"}
                     """.formatted(receiver.url()))
                     .pluginsDir(plugins).environment(Map.of("HOOK_SECRET", SECRET)).build()) {
            accepted = switchboard.publish(WorkflowEvent.builder("hitl_pause").build());
            assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();
            request = receiver.next();
        }

        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"hitl_pause\"}");
        assertThat(request.header("webhook-id")).isEqualTo(accepted.id());
        assertThat(request.all("webhook-signature")).singleElement()
                .isEqualTo(ReceiverSignature.of(Base64.getDecoder().decode(SECRET.substring("whsec_".length())),
                        accepted.id(), request.header("webhook-timestamp"), request.body()));
    }

    @Test
    void signingAHandlerThatSendsNothingOverHttpIsAnErrorAtItsSigningBlock() {
        ConfigProblem problem = catchThrowableOfType(ConfigProblem.class, () -> Switchboard.builder().configText("""
                version: 1
                handlers:
                  - name: log
                    type: console
                    events: ["*"]
                    signing: {secret: %s}
                """.formatted(SECRET)).pluginsDir(temp.resolve("none")).build());

        assertThat(problem.lines()).containsExactly("handlers.yaml:6:14: handler 'log': signing: type 'console'"
                + " sends nothing through the runtime's HTTP transport, so it has nothing to sign; remove signing:");
    }
}
