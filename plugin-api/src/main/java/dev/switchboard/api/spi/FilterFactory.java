package dev.switchboard.api.spi;

import dev.switchboard.api.EventFilter;
import dev.switchboard.api.HandlerContext;

/**
 * Creates the filters of one type, named in a handler's {@code filters:} list, either as a bare
 * name ({@code filters: [secure]}) or with a config block
 * ({@code filters: [{type: secure, config: {emails: true}}]}). Found with
 * {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.switchboard.api.spi.FilterFactory}.
 *
 * <p>Implementations need a public no-argument constructor and must be thread-safe.
 *
 * @since 0.1
 */
public interface FilterFactory {

    /** @return the filter type, e.g. {@code secure} */
    String type();

    /**
     * Creates one filter for one handler. Called at start-up and by {@code validate}; no I/O.
     *
     * @param context the name of the handler the filter is attached to and the filter's own
     *     {@code config:} block (empty when the filter was named bare)
     * @return the filter; never null
     * @throws dev.switchboard.api.ConfigException if the configuration is wrong
     */
    EventFilter create(HandlerContext context);
}
