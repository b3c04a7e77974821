package dev.switchboard.plugins.secure;

import dev.switchboard.api.EventFilter;
import dev.switchboard.api.HandlerConfig;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.HttpTransport;
import java.time.Clock;
import java.util.Map;

/** Creates secure filters the way the runtime does: through the factory, with a context. */
final class Filters {

    private Filters() {
    }

    static EventFilter secure() {
        return secure(Map.of());
    }

    static EventFilter secure(Map<String, ?> config) {
        return new SecureFilterFactory().create(context(new MapConfig(config)));
    }

    static HandlerContext context(HandlerConfig config) {
        return new HandlerContext() {
            @Override
            public String name() {
                return "audit";
            }

            @Override
            public HandlerConfig config() {
                return config;
            }

            @Override
            public HttpTransport http() {
                throw new UnsupportedOperationException("a filter does no I/O");
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public String runtimeVersion() {
                return "0.1.0";
            }
        };
    }
}
