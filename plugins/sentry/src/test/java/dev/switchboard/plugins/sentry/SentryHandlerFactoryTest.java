package dev.switchboard.plugins.sentry;

import static dev.switchboard.plugins.sentry.Handlers.config;
import static dev.switchboard.plugins.sentry.Handlers.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.spi.HandlerFactory;
import dev.switchboard.core.testing.TestHandlerContext;
import io.sentry.Sentry;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SentryHandlerFactoryTest {

    private static final String DSN = "http://" + SentryStandIn.PUBLIC_KEY + "@127.0.0.1:9/7";

    @Test
    void isFoundByServiceLoaderUnderTypeSentry() {
        List<HandlerFactory> sentry = ServiceLoader.load(HandlerFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(factory -> factory.type().equals("sentry"))
                .toList();

        assertThat(sentry).singleElement().isInstanceOf(SentryHandlerFactory.class);
    }

    @Test
    void requiresADsn() {
        Map<String, Object> config = new LinkedHashMap<>(config(DSN));
        config.remove("dsn");

        assertThatThrownBy(() -> Handlers.create("errors", config))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("dsn"));
    }

    @Test
    void rejectsAMalformedDsnWithoutRepeatingIt() {
        assertThatThrownBy(() -> Handlers.create("errors", config("no-scheme-s3cr3tkey@host/1")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("dsn"))
                .hasMessageContaining("not a valid Sentry DSN")
                .hasMessageNotContaining("s3cr3tkey");
        assertThatThrownBy(() -> Handlers.create("errors", config("https://s3cr3tkey@host")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Project Id")
                .hasMessageNotContaining("s3cr3tkey");
    }

    @Test
    void rejectsAnUnknownLevelNamingTheChoices() {
        assertThatThrownBy(() -> Handlers.create("errors", config(DSN, "level", "verbose")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("level"))
                .hasMessageContaining("debug, info, warning, error, fatal")
                .hasMessageContaining("'verbose'");
    }

    @Test
    void acceptsLevelsInAnyCase() throws Exception {
        Handlers.create("errors", config(DSN, "level", "FATAL")).close();
    }

    @Test
    void rejectsASendTimeoutOfZero() {
        assertThatThrownBy(() -> Handlers.create("errors", config(DSN, "send_timeout", "0ms")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("send_timeout"));
    }

    @Test
    void keepsTheDsnOutOfTheSettingsText() {
        assertThat(SentrySettings.read(TestHandlerContext.of("errors", config(DSN)).config())
                .toString()).doesNotContain(SentryStandIn.PUBLIC_KEY);
    }

    @Test
    void touchesNoGlobalSentryOrJvmState() throws Exception {
        Thread.UncaughtExceptionHandler uncaught = Thread.getDefaultUncaughtExceptionHandler();
        int hooks = shutdownHookCount();

        try (SentryStandIn sentry = SentryStandIn.start();
             SentryEventHandler handler = Handlers.create("errors", config(sentry.dsn("7")))) {
            handler.handle(event("error", "e1"));
        }

        assertThat(Sentry.isEnabled()).isFalse();
        assertThat(Sentry.getCurrentScopes().isNoOp()).isTrue();
        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(uncaught);
        assertThat(shutdownHookCount()).isEqualTo(hooks);
    }

    /** Needs {@code --add-opens java.base/java.lang=ALL-UNNAMED} (set in this module's pom). */
    private static int shutdownHookCount() throws ReflectiveOperationException {
        Field hooks = Class.forName("java.lang.ApplicationShutdownHooks").getDeclaredField("hooks");
        hooks.setAccessible(true);
        synchronized (Class.forName("java.lang.ApplicationShutdownHooks")) {
            return ((Map<?, ?>) hooks.get(null)).size();
        }
    }
}
