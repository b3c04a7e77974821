package dev.switchboard.plugins.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.api.spi.HandlerFactory;
import dev.switchboard.testkit.RecordingTransport;
import dev.switchboard.core.testing.TestHandlerContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SlackHandlerFactoryTest {

    private static final String URL = "https://hooks.example.test/services/T000/B000/s3cr3tT0ken";

    private final SlackHandlerFactory factory = new SlackHandlerFactory();
    private final RecordingTransport http = new RecordingTransport();

    @Test
    void isFoundByServiceLoaderAsTypeSlack() {
        List<String> types = ServiceLoader.load(HandlerFactory.class).stream()
                .map(provider -> provider.get().type()).toList();

        assertThat(types).contains("slack");
    }

    @Test
    void postsTheSeedsAttachmentWithTheDefaultsToTheWebhookUrl() throws Exception {
        TestHandlerContext context = context(Map.of("webhook_url", URL));
        WorkflowEvent event = WorkflowEvent.builder("error").id("evt-1").specName("s")
                .sessionId("0123456789").build();

        try (EventHandler handler = factory.create(context)) {
            handler.handle(event);
        }

        assertThat(http.posts()).singleElement().satisfies(post -> {
            assertThat(post.url()).isEqualTo(URL);
            assertThat(post.event()).isSameAs(event);
            assertThat(post.body()).isEqualTo(Map.of(
                    "channel", "#workflows",
                    "username", "Strands Workflows",
                    "attachments", List.of(Map.of(
                            "color", "warning",
                            "title", ":x: *error* - s",
                            "fields", List.of(),
                            "footer", "Session: 01234567"))));
        });
    }

    @Test
    void sendsBlockKitWithTheConfiguredChannelAndUsername() throws Exception {
        TestHandlerContext context = context(Map.of("webhook_url", URL, "format", "blocks",
                "channel", "#ops", "username", "Switchboard"));

        factory.create(context).handle(WorkflowEvent.builder("workflow_start").build());

        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) http.posts().get(0).body();
        assertThat(body).containsOnlyKeys("channel", "username", "text", "blocks");
        assertThat(body).containsEntry("channel", "#ops").containsEntry("username", "Switchboard")
                .containsEntry("text", ":rocket: *workflow_start*");
    }

    @Test
    void leavesChannelAndUsernameToTheWebhookWhenConfiguredEmpty() throws Exception {
        TestHandlerContext context = context(Map.of("webhook_url", URL, "channel", "",
                "username", " "));

        factory.create(context).handle(WorkflowEvent.builder("workflow_start").build());

        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) http.posts().get(0).body();
        assertThat(body).containsOnlyKeys("attachments");
    }

    @Test
    void rejectsAFormatOtherThanAttachmentsOrBlocks() {
        TestHandlerContext context = context(Map.of("webhook_url", URL, "format", "markdown"));

        assertThatThrownBy(() -> factory.create(context))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("format"))
                .hasMessageContaining("'attachments' or 'blocks'")
                .hasMessageContaining("markdown");
    }

    @Test
    void requiresAWebhookUrl() {
        TestHandlerContext context = context(Map.of("channel", "#ops"));

        assertThatThrownBy(() -> factory.create(context))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("webhook_url"));
    }

    @Test
    void rejectsAWebhookUrlThatIsNotHttpWithoutRepeatingIt() {
        Map<String, Object> config = new HashMap<>();
        for (String bad : List.of("hooks.example.test/services/T000/s3cr3tT0ken",
                "ftp://hooks.example.test/s3cr3tT0ken", "https://bad host/s3cr3tT0ken")) {
            config.put("webhook_url", bad);
            TestHandlerContext context = context(config);

            assertThatThrownBy(() -> factory.create(context))
                    .isInstanceOfSatisfying(ConfigException.class,
                            e -> assertThat(e.key()).isEqualTo("webhook_url"))
                    .message().doesNotContain("s3cr3tT0ken");
        }
    }

    @Test
    void neverShowsTheWebhookUrlInItsDescription() {
        EventHandler handler = factory.create(context(Map.of("webhook_url", URL)));

        assertThat(handler.toString()).doesNotContain("s3cr3tT0ken");
    }

    private TestHandlerContext context(Map<String, ?> config) {
        return TestHandlerContext.of("slack-alerts", config).withHttp(http);
    }
}
