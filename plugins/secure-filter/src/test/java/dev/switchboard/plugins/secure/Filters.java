package dev.switchboard.plugins.secure;

import dev.switchboard.api.EventFilter;
import dev.switchboard.core.testing.TestHandlerContext;
import java.util.Map;

/** Creates secure filters the way the runtime does: through the factory, with a context. */
final class Filters {

    private Filters() {
    }

    static EventFilter secure() {
        return secure(Map.of());
    }

    static EventFilter secure(Map<String, ?> config) {
        return new SecureFilterFactory().create(TestHandlerContext.of("audit", config));
    }
}
