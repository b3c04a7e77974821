package dev.switchboard.plugins.slack;

import dev.switchboard.api.spi.HandlerFactory;
import dev.switchboard.testkit.HandlerFactoryConformance;
import java.util.Map;

class SlackConformanceTest extends HandlerFactoryConformance {

    @Override
    protected HandlerFactory factory() {
        return new SlackHandlerFactory();
    }

    @Override
    protected Map<String, ?> minimalConfig() {
        return Map.of("webhook_url", "http://127.0.0.1:9/services/T/B/x");
    }
}
