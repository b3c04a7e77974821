package dev.switchboard.plugins.webhook;

import dev.switchboard.api.spi.HandlerFactory;
import dev.switchboard.testkit.HandlerFactoryConformance;
import java.util.Map;

class WebhookConformanceTest extends HandlerFactoryConformance {

    @Override
    protected HandlerFactory factory() {
        return new WebhookHandlerFactory();
    }

    @Override
    protected Map<String, ?> minimalConfig() {
        return Map.of("url", "http://127.0.0.1:9/hook");
    }
}
