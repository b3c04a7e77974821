package dev.switchboard.plugins.sentry;

import static dev.switchboard.plugins.sentry.Handlers.config;
import static dev.switchboard.plugins.sentry.Handlers.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.api.ConfigException;
import dev.switchboard.api.DeliveryException;
import io.sentry.SentryLevel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(30)
class SentryLoggingTest {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger plugin = (Logger) LoggerFactory.getLogger("dev.switchboard.plugins.sentry");
    private Level pluginLevel;

    /** Captures every level this plugin and its SDK bridge log, whatever the shared config says. */
    @BeforeEach
    void captureLogs() {
        pluginLevel = plugin.getLevel();
        plugin.setLevel(Level.TRACE);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root.detachAppender(logs);
        plugin.setLevel(pluginLevel);
    }

    @Test
    void logsTheDroppedCountAtCloseAndNeverTheDsn() throws Exception {
        try (SentryStandIn sentry = SentryStandIn.start()) {
            sentry.thenReply(500, Map.of());
            String dsn = sentry.dsn("7");
            SentryEventHandler handler = Handlers.create("noisy", config(dsn));
            assertThatThrownBy(() -> handler.handle(event("error", "e1")))
                    .isInstanceOf(DeliveryException.class);
            handler.handle(event("error", "e2"));
            handler.close();
            sentry.awaitEnvelope(Duration.ofSeconds(5));

            assertThatThrownBy(() -> Handlers.create("broken", config(dsn.replace("/7", ""))))
                    .isInstanceOf(ConfigException.class);
        }

        List<String> lines = logs.list.stream()
                .map(event -> event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? ""
                        : ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .toList();
        assertThat(lines).contains("Sentry handler 'noisy' closed: 1 event(s) were not delivered"
                + " (SDK discard reasons: {send_error=1})");
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .isEqualTo("Sentry SDK [handler 'noisy']: Request failed, API returned 500"));
        assertThat(lines).as("SDK diagnostics at every level were captured").hasSizeGreaterThan(10)
                .noneSatisfy(line -> assertThat(line).contains(SentryStandIn.PUBLIC_KEY));
    }

    @Test
    void masksTheDsnAndItsKeysInWhateverTheSdkLogs() {
        String dsn = "https://publickey1:secretkey2@o1.ingest.example.invalid/42";
        SdkLogger logger = new SdkLogger("errors", DsnSecrets.of(dsn));

        logger.log(SentryLevel.ERROR, "Initializing SDK with DSN: '%s'", dsn);
        logger.log(SentryLevel.WARNING, new IllegalStateException("key publickey1 refused"),
                "sending failed");

        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "Sentry SDK [handler 'errors']: Initializing SDK with DSN: '***'",
                "Sentry SDK [handler 'errors']: sending failed: "
                        + "java.lang.IllegalStateException: key *** refused");
    }
}
