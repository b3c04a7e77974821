package dev.switchboard.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.WorkflowEvent;
import org.junit.jupiter.api.Test;

class CanonicalStringsTest {

    @Test
    void equalValuesShareOneInstanceAndTheMapStaysBounded() {
        CanonicalStrings strings = new CanonicalStrings(3, 10);
        String first = strings.canonical(new String("research"));
        assertThat(strings.canonical(new String("research"))).isSameAs(first);
        String longValue = "x".repeat(11);
        assertThat(strings.canonical(longValue)).isSameAs(longValue);
        for (int i = 0; i < 10; i++) {
            strings.canonical("v" + i);
        }
        assertThat(strings.size()).isLessThanOrEqualTo(3);
    }

    @Test
    void parsedEventsShareTheirEnvelopeStrings() throws Exception {
        String line = "{\"event_type\":\"step_complete\",\"session_id\":\"s-1\",\"spec_name\":\"research\",\"pattern_type\":\"chain\"}";
        WorkflowEvent a = EventJson.parse(line);
        WorkflowEvent b = EventJson.parse(line);
        assertThat(b.eventType()).isSameAs(a.eventType());
        assertThat(b.specName()).isSameAs(a.specName());
        assertThat(b.patternType()).isSameAs(a.patternType());
        assertThat(b.sessionId()).isSameAs(a.sessionId());
    }
}
