package dev.switchboard.benchmarks;

import dev.switchboard.api.HandlerConfig;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.HttpTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a factory gets for a filter named bare ({@code filters: [secure]}): an empty config. */
final class DefaultsContext implements HandlerContext, HandlerConfig {

    @Override
    public String name() {
        return "benchmark";
    }

    @Override
    public HandlerConfig config() {
        return this;
    }

    @Override
    public HttpTransport http() {
        throw new UnsupportedOperationException("filters do no I/O");
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
        return false;
    }

    @Override
    public String string(String key) {
        throw new IllegalStateException("no key " + key + " in an empty config");
    }

    @Override
    public String string(String key, String defaultValue) {
        return defaultValue;
    }

    @Override
    public String secret(String key) {
        return string(key);
    }

    @Override
    public int integer(String key, int defaultValue) {
        return defaultValue;
    }

    @Override
    public double number(String key, double defaultValue) {
        return defaultValue;
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        return defaultValue;
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        return defaultValue;
    }

    @Override
    public List<String> stringList(String key) {
        return List.of();
    }

    @Override
    public Map<String, String> stringMap(String key) {
        return Map.of();
    }

    @Override
    public HandlerConfig section(String key) {
        return this;
    }

    @Override
    public Map<String, Object> asMap() {
        return Map.of();
    }
}
