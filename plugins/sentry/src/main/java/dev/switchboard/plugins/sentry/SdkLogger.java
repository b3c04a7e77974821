package dev.switchboard.plugins.sentry;

import io.sentry.ILogger;
import io.sentry.SentryLevel;
import java.util.IllegalFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes one handler's Sentry SDK diagnostics to SLF4J, prefixed with the handler's name and
 * scrubbed of its DSN. The SDK's errors (a refused envelope, an unreachable host) become warnings:
 * the handler reports the failed delivery to the runtime itself, so they are context, not news.
 */
final class SdkLogger implements ILogger {

    private static final Logger LOG = LoggerFactory.getLogger("dev.switchboard.plugins.sentry.sdk");

    private final String handlerName;
    private final DsnSecrets secrets;

    SdkLogger(String handlerName, DsnSecrets secrets) {
        this.handlerName = handlerName;
        this.secrets = secrets;
    }

    @Override
    public void log(SentryLevel level, String message, Object... args) {
        if (isEnabled(level)) {
            emit(level, format(message, args));
        }
    }

    @Override
    public void log(SentryLevel level, String message, Throwable throwable) {
        if (isEnabled(level)) {
            emit(level, message + describe(throwable));
        }
    }

    @Override
    public void log(SentryLevel level, Throwable throwable, String message, Object... args) {
        if (isEnabled(level)) {
            emit(level, format(message, args) + describe(throwable));
        }
    }

    @Override
    public boolean isEnabled(SentryLevel level) {
        if (level == null) {
            return false;
        }
        switch (level) {
            case DEBUG:
                return LOG.isTraceEnabled();
            case INFO:
                return LOG.isDebugEnabled();
            default:
                return LOG.isWarnEnabled();
        }
    }

    private void emit(SentryLevel level, String text) {
        String line = "Sentry SDK [handler '" + handlerName + "']: " + secrets.scrub(text);
        switch (level) {
            case DEBUG:
                LOG.trace(line);
                break;
            case INFO:
                LOG.debug(line);
                break;
            default:
                LOG.warn(line);
        }
    }

    private static String format(String message, Object... args) {
        if (args == null || args.length == 0) {
            return message;
        }
        try {
            return String.format(message, args);
        } catch (IllegalFormatException e) {
            return message;
        }
    }

    /** The throwable's chain as text only: a stack trace could carry anything, unscrubbed. */
    private static String describe(Throwable throwable) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = throwable; t != null && text.length() < 2000; t = t.getCause()) {
            text.append(t == throwable ? ": " : "; caused by ").append(t);
        }
        return text.toString();
    }
}
