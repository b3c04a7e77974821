package dev.switchboard.api.spi;

import dev.switchboard.api.ConfigKey;
import dev.switchboard.api.EventFilter;
import dev.switchboard.api.HandlerContext;
import java.util.List;

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

    /**
     * Declares the keys that the {@code config:} block of a filter of this type may hold. Called
     * once at start-up, by {@code switchboard validate} and by {@code switchboard schema}, from one
     * thread.
     *
     * <p>When the factory declares its keys, the runtime checks each block against them before
     * {@link #create} and refuses, each at its line and column: a key that is not declared (with a
     * "did you mean" for a near miss, e.g. {@code chanel} for {@code channel}), a value of the wrong
     * type, a required key that is missing. {@code create} is then only called with a block that
     * fits the declaration.
     *
     * @return the keys, in the order to document them (an empty list: the block must be empty);
     *     null, the default, when the factory declares nothing: the runtime then checks nothing
     *     before {@code create}, and the factory alone finds mistakes
     * @since 0.1
     */
    default List<ConfigKey> configKeys() {
        return null;
    }
}
