package dev.switchboard.plugins.datadog;

import dev.switchboard.api.HandlerConfig;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.HttpTransport;
import java.time.Clock;

/** The context a factory gets from the runtime, with a recording HTTP transport. */
final class TestContext implements HandlerContext {

    private final String name;
    private final HandlerConfig config;
    private final RecordingTransport http = new RecordingTransport();

    TestContext(String name, HandlerConfig config) {
        this.name = name;
        this.config = config;
    }

    RecordingTransport transport() {
        return http;
    }

    @Override
    public String name() {
        return name;
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
