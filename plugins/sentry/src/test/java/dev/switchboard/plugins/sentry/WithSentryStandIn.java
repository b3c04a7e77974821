package dev.switchboard.plugins.sentry;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test class whose tests each report to a fresh {@link SentryStandIn}, stopped after the test. */
abstract class WithSentryStandIn {

    static final Duration WAIT = Duration.ofSeconds(5);

    SentryStandIn sentry;

    @BeforeEach
    void startStandIn() throws Exception {
        sentry = SentryStandIn.start();
    }

    @AfterEach
    void stopStandIn() {
        sentry.close();
    }
}
