package dev.switchboard.plugins.datadog;

import dev.switchboard.api.ConfigKey;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.spi.HandlerFactory;
import java.util.List;

/**
 * Provides {@code type: datadog}: workflow metrics and error events to Datadog, over DogStatsD
 * (UDP, the default {@code mode: statsd}) or the HTTP series API ({@code mode: api}).
 *
 * <p>Every event counts as {@code <prefix>.events}; one with a numeric
 * {@code data.duration_seconds} also reports {@code <prefix>.duration}; both are tagged
 * {@code workflow:<spec_name>}, {@code pattern:<pattern_type>}, {@code event_type:<event_type>}
 * and {@code config.tags}. In statsd mode, {@code error} events also become DogStatsD events.
 *
 * @since 0.1
 */
public final class DatadogHandlerFactory implements HandlerFactory {

    /** The {@code type:} this factory serves. */
    public static final String TYPE = "datadog";

    /** Called by {@link java.util.ServiceLoader}. */
    public DatadogHandlerFactory() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return DatadogSettings.KEYS;
    }

    /**
     * Reads and checks the config; in statsd mode also starts the handler's DogStatsD client
     * (UDP: nothing is sent and nothing needs to listen).
     *
     * @throws dev.switchboard.api.ConfigException naming the key at fault
     */
    @Override
    public EventHandler create(HandlerContext context) {
        DatadogSettings settings = DatadogSettings.read(context.config());
        return switch (settings.mode) {
            case API -> new ApiHandler(context, settings);
            case STATSD -> StatsdHandler.open(context.name(), settings);
        };
    }
}
