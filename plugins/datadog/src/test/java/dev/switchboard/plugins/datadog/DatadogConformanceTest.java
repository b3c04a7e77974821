package dev.switchboard.plugins.datadog;

import dev.switchboard.api.spi.HandlerFactory;
import dev.switchboard.testkit.HandlerFactoryConformance;
import java.util.Map;

/** In the default statsd mode: UDP datagrams to 127.0.0.1, where nothing needs to listen. */
class DatadogConformanceTest extends HandlerFactoryConformance {

    @Override
    protected HandlerFactory factory() {
        return new DatadogHandlerFactory();
    }

    @Override
    protected Map<String, ?> minimalConfig() {
        return Map.of();
    }
}
