package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.testkit.RecordingTransport;
import dev.switchboard.testkit.TestHandlerContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifyHandlerTest {

    private final NotifyHandlerFactory factory = new NotifyHandlerFactory();

    @Test
    void postsAOneLineSummaryOfTheEventToTheConfiguredUrl() throws Exception {
        // The block as handlers.yaml would hold it, the URL coming from the environment.
        TestHandlerContext context = TestHandlerContext.yaml("""
                url: ${CHAT_URL}
                prefix: "[ci]"
                """, Map.of("CHAT_URL", "http://127.0.0.1:9/hook"));

        EventHandler handler = factory.create(context);
        handler.handle(WorkflowEvent.builder("step_complete").id("evt-1")
                .specName("research-workflow").sessionId("a1b2").build());
        handler.close();

        RecordingTransport.Post post = context.recording().posts().get(0);
        assertEquals(1, context.recording().posts().size());
        assertEquals("http://127.0.0.1:9/hook", post.url());
        assertEquals(Map.of("text", "[ci] step_complete: research-workflow (session a1b2)"), post.body());
        assertEquals("evt-1", post.event().id());
    }

    @Test
    void leavesOutWhatTheEventDoesNotHave() throws Exception {
        TestHandlerContext context = TestHandlerContext.of(Map.of("url", "https://chat.example/hook"));

        EventHandler handler = factory.create(context);
        handler.handle(WorkflowEvent.builder("workflow_start").build());
        handler.close();

        assertEquals(Map.of("text", "[switchboard] workflow_start"), context.recording().posts().get(0).body());
    }

    @Test
    void refusesAUrlThatIsNotHttpWithoutPrintingIt() {
        ConfigException problem = assertThrows(ConfigException.class,
                () -> factory.create(TestHandlerContext.of(Map.of("url", "ftp://token-123@files.example/x"))));

        assertEquals("url", problem.key());
        assertFalse(problem.getMessage().contains("token-123"), problem.getMessage());
    }
}
