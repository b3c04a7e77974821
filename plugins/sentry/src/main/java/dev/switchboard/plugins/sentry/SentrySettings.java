package dev.switchboard.plugins.sentry;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.ConfigKey;
import dev.switchboard.api.HandlerConfig;
import io.sentry.SentryLevel;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One {@code sentry} handler's {@code config:} block, read and checked once at start-up. */
record SentrySettings(
        String dsn,
        String environment,
        String release,
        SentryLevel level,
        Duration sendTimeout,
        Duration flushTimeout) {

    static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(5);

    /** What the block may hold; the runtime refuses any other key before the factory runs. */
    static final List<ConfigKey> KEYS = List.of(
            ConfigKey.string("dsn", "The Sentry project's DSN").required().secret(),
            ConfigKey.string("environment", "The environment events are tagged with, e.g. production"),
            ConfigKey.string("release", "The release events are tagged with, e.g. research-bot@1.4.2"),
            ConfigKey.string("level", "The level of events other than error: debug, info, warning, error or fatal")
                    .defaultValue("info"),
            ConfigKey.duration("send_timeout", "How long one event may take to send").defaultValue(DEFAULT_SEND_TIMEOUT),
            ConfigKey.duration("flush_timeout", "How long closing waits for events still queued")
                    .defaultValue(DEFAULT_FLUSH_TIMEOUT));

    private static final Map<String, SentryLevel> LEVELS = Map.of(
            "debug", SentryLevel.DEBUG,
            "info", SentryLevel.INFO,
            "warning", SentryLevel.WARNING,
            "error", SentryLevel.ERROR,
            "fatal", SentryLevel.FATAL);

    static SentrySettings read(HandlerConfig config) {
        return new SentrySettings(
                config.secret("dsn"),
                config.string("environment", null),
                config.string("release", null),
                level(config.string("level", "info")),
                positive(config, "send_timeout", DEFAULT_SEND_TIMEOUT),
                notNegative(config, "flush_timeout", DEFAULT_FLUSH_TIMEOUT));
    }

    private static SentryLevel level(String name) {
        SentryLevel level = LEVELS.get(name.toLowerCase(Locale.ROOT));
        if (level == null) {
            throw new ConfigException("level",
                    "must be one of debug, info, warning, error, fatal; got '" + name + "'");
        }
        return level;
    }

    private static Duration positive(HandlerConfig config, String key, Duration defaultValue) {
        Duration value = config.duration(key, defaultValue);
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(key, "must be greater than 0");
        }
        return value;
    }

    private static Duration notNegative(HandlerConfig config, String key, Duration defaultValue) {
        Duration value = config.duration(key, defaultValue);
        if (value.isNegative()) {
            throw new ConfigException(key, "must not be negative");
        }
        return value;
    }

    /** Keeps the DSN out of every printed form of the settings. */
    @Override
    public String toString() {
        return "SentrySettings{dsn=***, environment=" + environment + ", release=" + release
                + ", level=" + level + ", sendTimeout=" + sendTimeout
                + ", flushTimeout=" + flushTimeout + "}";
    }
}
