package dev.switchboard.plugins.sentry;

import dev.switchboard.api.spi.HandlerFactory;
import dev.switchboard.testkit.HandlerFactoryConformance;
import dev.switchboard.testkit.LocalReceiver;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Events go to a local receiver standing in for Sentry's envelope endpoint. */
class SentryConformanceTest extends HandlerFactoryConformance {

    private static LocalReceiver sentry;

    @BeforeAll
    static void startSentry() throws IOException {
        sentry = new LocalReceiver();
        sentry.answer(200);
    }

    @AfterAll
    static void stopSentry() {
        sentry.close();
    }

    @Override
    protected HandlerFactory factory() {
        return new SentryHandlerFactory();
    }

    @Override
    protected Map<String, ?> minimalConfig() {
        return Map.of("dsn", sentry.url("").replace("http://", "http://public@") + "/1");
    }

    @Override
    protected int callsPerThread() {
        return 5;
    }
}
