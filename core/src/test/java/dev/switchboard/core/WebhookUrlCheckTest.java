package dev.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.WebhookEventHandler;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.ConfigErrors;
import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.config.HandlerSpec;
import dev.switchboard.core.config.HandlersConfigLoader;
import dev.switchboard.core.testing.TestHandlerContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookUrlCheckTest {

    private static HandlerSpec spec(String url) throws ConfigProblem {
        return HandlersConfigLoader.parse("handlers.yaml", """
                handlers:
                  - name: teams
                    type: teams
                    events: ["*"]
                    config:
                      channel: ops
                      webhook_url: ${URL}
                """, Map.of("URL", url)).handlers().get(0);
    }

    private static WebhookEventHandler handlerPostingTo(HandlerSpec spec) {
        String url = spec.config().secret("webhook_url");
        return new WebhookEventHandler(TestHandlerContext.of(spec.name(), spec.config())) {
            @Override
            public Object formatPayload(WorkflowEvent event) {
                return Map.of();
            }

            @Override
            public String webhookUrl() {
                return url;
            }
        };
    }

    @Test
    void aUserAndPasswordInTheUrlAreRefusedAtTheKeyThatHoldsIt() throws ConfigProblem {
        HandlerSpec spec = spec("https://bot:s3cr3t-pass@hooks.example.com/x");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> WebhookUrlCheck.check(spec.config(), handlerPostingTo(spec)));

        assertThat(ConfigErrors.forHandler(spec, e)).startsWith("handlers.yaml:7:7: handler 'teams': config.webhook_url:"
                + " the URL holds a user name or password (user:password@)")
                .doesNotContain("s3cr3t-pass").doesNotContain("bot:");
    }

    @Test
    void aUrlWithoutUserInfoPasses() throws ConfigProblem {
        HandlerSpec spec = spec("https://hooks.example.com/x?token=abc");

        assertThatCode(() -> WebhookUrlCheck.check(spec.config(), handlerPostingTo(spec))).doesNotThrowAnyException();
    }
}
