package dev.switchboard.plugins.sentry;

import io.sentry.SentryLevel;
import io.sentry.SentryOptions;

/**
 * Builds the {@link SentryOptions} of one handler's own {@link io.sentry.SentryClient}.
 *
 * <p>{@code Sentry.init} is JVM-global: it replaces the default uncaught-exception handler, adds a
 * shutdown hook, reads {@code SENTRY_*} variables and {@code sentry.properties}, and a second call
 * closes the first client. We never call it. A client built from these options touches no static
 * Sentry state, so two handlers with two DSNs stay apart, and the host application's own Sentry
 * setup (if any) is left alone. The switches below also turn off what would only run under
 * {@code Sentry.init}, so that a future SDK wiring them elsewhere still finds them off.
 */
final class IsolatedSentryOptions {

    /**
     * How long closing the transport waits for its sender thread after the flush; when the flush
     * ran out of time the thread is stuck in I/O, and waiting longer would not help.
     */
    static final long TERMINATION_GRACE_MILLIS = 250;

    private IsolatedSentryOptions() {
    }

    static SentryOptions create(SentrySettings settings, String handlerName, DsnSecrets secrets,
                                DropLedger ledger) {
        SentryOptions options = new SentryOptions();

        options.setEnableExternalConfiguration(false);
        options.setEnableUncaughtExceptionHandler(false);
        options.setEnableShutdownHook(false);
        options.getIntegrations().clear();
        options.setEnableBackpressureHandling(false);
        options.setSendModules(false);
        // Server name needs a host-name lookup on a thread of the SDK's own; the stack trace would
        // be our worker's, not the workflow's.
        options.setAttachServerName(false);
        options.setAttachStacktrace(false);

        // Diagnostics go to SLF4J, which decides what is printed (see SdkLogger).
        options.setLogger(new SdkLogger(handlerName, secrets));
        options.setDebug(true);
        options.setDiagnosticLevel(SentryLevel.DEBUG);

        options.setDsn(settings.dsn());
        options.setEnvironment(settings.environment());
        options.setRelease(settings.release());
        options.setShutdownTimeoutMillis(settings.flushTimeout().toMillis());
        options.setFlushTimeoutMillis(TERMINATION_GRACE_MILLIS);
        options.setOnDiscard(ledger);
        return options;
    }
}
