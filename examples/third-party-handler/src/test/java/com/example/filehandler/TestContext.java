package com.example.filehandler;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.HandlerConfig;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.HttpTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the runtime hands the factory, reduced to a {@code config:} block of strings. */
final class TestContext implements HandlerContext, HandlerConfig {

    private final Map<String, String> config;

    TestContext(Map<String, String> config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "audit-file";
    }

    @Override
    public HandlerConfig config() {
        return this;
    }

    @Override
    public HttpTransport http() {
        throw new UnsupportedOperationException("the file handler sends no HTTP");
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public String runtimeVersion() {
        return "0.1.0";
    }

    @Override
    public boolean has(String key) {
        return config.get(key) != null;
    }

    @Override
    public String string(String key) {
        if (!has(key)) {
            throw new ConfigException(key, "required key is missing");
        }
        return config.get(key);
    }

    @Override
    public String string(String key, String defaultValue) {
        return has(key) ? config.get(key) : defaultValue;
    }

    @Override
    public String secret(String key) {
        return string(key);
    }

    @Override
    public int integer(String key, int defaultValue) {
        throw new UnsupportedOperationException(key);
    }

    @Override
    public double number(String key, double defaultValue) {
        throw new UnsupportedOperationException(key);
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        throw new UnsupportedOperationException(key);
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        throw new UnsupportedOperationException(key);
    }

    @Override
    public List<String> stringList(String key) {
        throw new UnsupportedOperationException(key);
    }

    @Override
    public Map<String, String> stringMap(String key) {
        throw new UnsupportedOperationException(key);
    }

    @Override
    public HandlerConfig section(String key) {
        throw new UnsupportedOperationException(key);
    }

    @Override
    public Map<String, Object> asMap() {
        return Map.copyOf(config);
    }
}
