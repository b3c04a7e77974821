package dev.switchboard.plugins.datadog;

import dev.switchboard.api.WorkflowEvent;

/** The events these tests send: workflow {@code research}, pattern {@code chain}, a fixed time. */
final class Events {

    static final String TIMESTAMP = "2025-11-12T10:30:45.123456";
    /** {@link #TIMESTAMP} in Unix seconds, as a DogStatsD event carries it. */
    static final long UNIX_SECONDS = 1762943445L;

    private Events() {
    }

    static WorkflowEvent.Builder event(String type) {
        return WorkflowEvent.builder(type)
                .specName("research")
                .patternType("chain")
                .sessionId("a1b2c3d4-e5f6-7890")
                .timestamp(TIMESTAMP);
    }
}
