package dev.switchboard.plugins.slack;

import dev.switchboard.api.HandlerConfig;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.HttpTransport;
import java.time.Clock;
import java.util.Map;

/** A handler context for the factory, with a recording transport. */
final class TestContext implements HandlerContext {

    final RecordingTransport http = new RecordingTransport();
    private final HandlerConfig config;

    TestContext(Map<String, Object> config) {
        this.config = new MapConfig(config);
    }

    @Override
    public String name() {
        return "slack-alerts";
    }

    @Override
    public HandlerConfig config() {
        return config;
    }

    @Override
    public HttpTransport http() {
        return http;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public String runtimeVersion() {
        return "0.1.0";
    }
}
