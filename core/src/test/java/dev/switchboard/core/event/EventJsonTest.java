package dev.switchboard.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.api.WorkflowEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static final String SEED = "{\"event_type\":\"step_complete\",\"timestamp\":\"2025-11-12T10:30:45.123456\","
            + "\"session_id\":\"a1b2c3d4-e5f6-7890\",\"spec_name\":\"research-workflow\",\"pattern_type\":\"chain\","
            + "\"data\":{\"step_index\":1,\"response\":\"Step output...\",\"duration_seconds\":2.5}}";

    @Test
    void theSeedsPayloadRoundTripsUnchanged() throws Exception {
        WorkflowEvent event = EventJson.parse(SEED);
        assertThat(event.data()).isEqualTo(Map.of("step_index", 1, "response", "Step output...", "duration_seconds", 2.5));
        assertThat(EventJson.write(event)).isEqualTo(SEED);
    }

    @Test
    void aNullSessionAndAMissingDataAreAccepted() throws Exception {
        WorkflowEvent event = EventJson.parse("{\"event_type\":\"workflow_start\",\"session_id\":null}");
        assertThat(event.sessionId()).isNull();
        assertThat(event.data()).isEmpty();
    }

    @Test
    void eachMistakeNamesItsField() {
        assertThat(field("{\"spec_name\":\"s\"}")).isEqualTo("event_type");
        assertThat(field("{\"event_type\":\"\"}")).isEqualTo("event_type");
        assertThat(field("{\"event_type\":7}")).isEqualTo("event_type");
        assertThat(field("{\"event_type\":\"x\",\"timestamp\":\"yesterday\"}")).isEqualTo("timestamp");
        assertThat(field("{\"event_type\":\"x\",\"data\":[1]}")).isEqualTo("data");
        assertThat(field("{\"event_type\":\"x\",\"spec_name\":{}}")).isEqualTo("spec_name");
        assertThat(field("[1]")).isNull();
        assertThat(field("{not json")).isNull();
    }

    @Test
    void absurdNestingIsRejected() {
        String deep = "{\"event_type\":\"x\",\"data\":" + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + "}";
        InvalidEventException e = catchThrowableOfType(InvalidEventException.class, () -> EventJson.parse(deep));
        assertThat(e).hasMessageContaining("invalid JSON");
    }

    private static String field(String json) {
        InvalidEventException e = catchThrowableOfType(InvalidEventException.class, () -> EventJson.parse(json));
        assertThat(e).as(json).isNotNull();
        return e.field();
    }
}
