package dev.switchboard.plugins.sentry;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.testing.TestHandlerContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds handlers through the factory, as the runtime does, and events for them. */
final class Handlers {

    private Handlers() {
    }

    static SentryEventHandler create(String name, Map<String, Object> config) {
        return (SentryEventHandler) new SentryHandlerFactory()
                .create(TestHandlerContext.of(name, config));
    }

    /** Config with short waits, so failing paths stay fast. */
    static Map<String, Object> config(String dsn, Object... keysAndValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("dsn", dsn);
        config.put("send_timeout", "3s");
        config.put("flush_timeout", "2s");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    static WorkflowEvent event(String type, String id) {
        return WorkflowEvent.builder(type)
                .id(id)
                .timestamp("2025-11-12T10:30:45.123456")
                .sessionId("a1b2c3d4-e5f6-7890")
                .specName("research-workflow")
                .patternType("chain")
                .build();
    }
}
