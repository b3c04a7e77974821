package dev.switchboard.plugins.sentry;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.ConfigKey;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.spi.HandlerFactory;
import io.sentry.SentryClient;
import io.sentry.SentryOptions;
import java.util.List;

/**
 * Creates {@code type: sentry} handlers: every subscribed workflow event becomes a Sentry event,
 * sent by the official Java SDK through a client of the handler's own (never {@code Sentry.init},
 * which is JVM-global), so that handlers with different DSNs each report to their own project.
 *
 * <pre>{@code
 * - name: errors-to-sentry
 *   type: sentry
 *   events: [error, workflow_complete]
 *   config:
 *     dsn: ${SENTRY_DSN}
 *     environment: production
 *     release: research-bot@1.4.2
 *     level: info
 * }</pre>
 *
 * @since 0.1
 */
public final class SentryHandlerFactory implements HandlerFactory {

    /** The type served in {@code handlers.yaml}. */
    public static final String TYPE = "sentry";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return SentrySettings.KEYS;
    }

    @Override
    public EventHandler create(HandlerContext context) {
        SentrySettings settings = SentrySettings.read(context.config());
        DsnSecrets secrets = DsnSecrets.of(settings.dsn());
        DropLedger ledger = new DropLedger();
        SentryOptions options =
                IsolatedSentryOptions.create(settings, context.name(), secrets, ledger);
        SentryClient client;
        try {
            client = new SentryClient(options);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("dsn",
                    "is not a valid Sentry DSN (" + secrets.scrub(e.getMessage()) + ")");
        }
        return new SentryEventHandler(context.name(), options, client,
                new SentryEventMapper(settings.level(), context.clock()), ledger,
                settings.sendTimeout());
    }
}
