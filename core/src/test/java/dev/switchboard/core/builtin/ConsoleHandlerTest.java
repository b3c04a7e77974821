package dev.switchboard.core.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.WorkflowEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleHandlerTest {

    @Test
    void printsOneReadableLinePerEventWithTheWholeSessionId() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleHandler handler = new ConsoleHandler(new PrintStream(bytes, true, StandardCharsets.UTF_8), 12);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("step_index", 1);
        data.put("response", "Step output\nthat goes on and on");
        handler.handle(WorkflowEvent.builder("step_complete").timestamp("2025-11-12T10:30:45.123456")
                .specName("research-workflow").sessionId("a1b2c3d4-e5f6-7890").data(data).build());
        handler.handle(WorkflowEvent.builder("error").timestamp("2025-11-12T12:00:00+02:00").build());
        handler.handle(WorkflowEvent.builder("hitl_pause").timestamp("2025-11-12T12:00:01Z").sessionId("sess-019999").build());
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "10:30:45.123 step_complete research-workflow [a1b2c3d4-e5f6-7890] step_index=1 response=\"Step output …\"\n"
                        + "10:00:00.000 error -\n"
                        + "12:00:01.000 hitl_pause - [sess-019999]\n");
    }
}
