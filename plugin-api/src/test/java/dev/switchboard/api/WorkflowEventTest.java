package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowEventTest {

    @Test
    void aTimestampWithoutAnOffsetIsReadAsUtcAndKeptAsWritten() {
        WorkflowEvent event = WorkflowEvent.builder("step_complete").timestamp("2025-11-12T10:30:45.123456").build();
        assertThat(event.timestamp()).isEqualTo("2025-11-12T10:30:45.123456");
        assertThat(event.instant()).isEqualTo(Instant.parse("2025-11-12T10:30:45.123456Z"));
        WorkflowEvent offset = WorkflowEvent.builder("step_complete").timestamp("2025-11-12T12:30:45+02:00").build();
        assertThat(offset.instant()).isEqualTo(Instant.parse("2025-11-12T10:30:45Z"));
    }

    @Test
    void theDataIsADeepImmutableCopy() {
        List<Object> steps = new ArrayList<>(List.of("a"));
        Map<String, Object> nested = new HashMap<>(Map.of("steps", steps));
        Map<String, Object> data = new HashMap<>(Map.of("nested", nested));
        WorkflowEvent event = WorkflowEvent.builder("x").data(data).build();
        steps.add("b");
        nested.put("more", 1);
        data.put("late", true);
        assertThat(event.data()).isEqualTo(Map.of("nested", Map.of("steps", List.of("a"))));
        assertThatThrownBy(() -> event.data().put("k", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) event.data().get("nested");
        assertThatThrownBy(() -> inner.put("k", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theSeedMapHasExactlyTheSeedsKeysInOrderWithoutTheId() {
        WorkflowEvent event = WorkflowEvent.builder("hitl_pause").id("evt-1").timestamp("2025-11-12T10:30:45")
                .specName("s").patternType("chain").build();
        Map<String, Object> seed = event.toSeedMap();
        assertThat(seed.keySet()).containsExactly("event_type", "timestamp", "session_id", "spec_name", "pattern_type", "data");
        assertThat(seed.get("session_id")).isNull();
        assertThat(seed.get("data")).isEqualTo(Map.of());
    }

    @Test
    void copiesKeepTheIdAndEveryOtherField() {
        WorkflowEvent event = WorkflowEvent.builder("error").id("evt-2").sessionId("s1").specName("spec")
                .data(Map.of("error", "boom")).build();
        WorkflowEvent changed = event.withData(Map.of("error", "[REDACTED]"));
        assertThat(changed.id()).isEqualTo("evt-2");
        assertThat(changed.sessionId()).isEqualTo("s1");
        assertThat(changed.data()).isEqualTo(Map.of("error", "[REDACTED]"));
        assertThat(changed).isNotEqualTo(event);
        WorkflowEvent renamed = event.toBuilder().id("evt-3").build();
        assertThat(renamed.id()).isEqualTo("evt-3");
        assertThat(renamed.data()).isSameAs(event.data());
        assertThat(renamed).isEqualTo(WorkflowEvent.builder("error").id("evt-3").sessionId("s1").specName("spec")
                .data(Map.of("error", "boom")).timestamp(event.timestamp()).build());
    }

    @Test
    void anEventNeedsAType() {
        assertThatThrownBy(() -> WorkflowEvent.builder("").build()).hasMessageContaining("event_type");
        assertThatThrownBy(() -> WorkflowEvent.builder(null).build()).hasMessageContaining("event_type");
    }

    @Test
    void toStringNeverShowsTheData() {
        WorkflowEvent event = WorkflowEvent.builder("x").data(Map.of("password", "hunter2")).build();
        assertThat(event.toString()).doesNotContain("hunter2");
    }
}
